//! C# model sources. (A stub: to be written.)

use std::sync::Arc;

use super::{FileFacts, Language};

pub struct CSharp;

impl Language for CSharp {
    fn name(&self) -> &'static str {
        "C#"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["cs"]
    }

    fn read(&self, _file: &Arc<str>, _text: &str) -> FileFacts {
        FileFacts::default()
    }
}

//! TypeScript model sources. (A stub: to be written.)

use std::sync::Arc;

use super::{FileFacts, Language};

pub struct TypeScript;

impl Language for TypeScript {
    fn name(&self) -> &'static str {
        "TypeScript"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["ts"]
    }

    fn read(&self, _file: &Arc<str>, _text: &str) -> FileFacts {
        FileFacts::default()
    }
}

//! Java model sources. (A stub: to be written.)

use std::sync::Arc;

use super::{FileFacts, Language};

pub struct Java;

impl Language for Java {
    fn name(&self) -> &'static str {
        "Java"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["java"]
    }

    fn read(&self, _file: &Arc<str>, _text: &str) -> FileFacts {
        FileFacts::default()
    }
}

//! Python model sources. (A stub: to be written.)

use std::sync::Arc;

use super::{FileFacts, Language};

pub struct Python;

impl Language for Python {
    fn name(&self) -> &'static str {
        "Python"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["py"]
    }

    fn read(&self, _file: &Arc<str>, _text: &str) -> FileFacts {
        FileFacts::default()
    }
}

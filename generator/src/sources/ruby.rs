//! Ruby model sources. (A stub: to be written.)

use std::sync::Arc;

use super::{FileFacts, Language};

pub struct Ruby;

impl Language for Ruby {
    fn name(&self) -> &'static str {
        "Ruby"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["rb"]
    }

    fn read(&self, _file: &Arc<str>, _text: &str) -> FileFacts {
        FileFacts::default()
    }
}

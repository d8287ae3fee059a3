//! PHP model sources. (A stub: to be written.)

use std::sync::Arc;

use super::{FileFacts, Language};

pub struct Php;

impl Language for Php {
    fn name(&self) -> &'static str {
        "PHP"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["php"]
    }

    fn read(&self, _file: &Arc<str>, _text: &str) -> FileFacts {
        FileFacts::default()
    }
}

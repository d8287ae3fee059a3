//! Go model sources. (A stub: to be written.)

use std::sync::Arc;

use super::{FileFacts, Language};

pub struct Go;

impl Language for Go {
    fn name(&self) -> &'static str {
        "Go"
    }

    fn extensions(&self) -> &'static [&'static str] {
        &["go"]
    }

    fn read(&self, _file: &Arc<str>, _text: &str) -> FileFacts {
        FileFacts::default()
    }
}

//! The build script's stylesheet minifier (`build/css.rs`), tested by its
//! own unit tests: the build script itself is never run by `cargo test`.

#[path = "../build/css.rs"]
mod css;

//! Minifies the widget's stylesheet, and turns the interface text files
//! (`texts/*.txt`) into the tables and files the crate and the
//! configurator read (`texts.rs`), all into OUT_DIR.

mod css;
mod texts;

fn main() {
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=src/widget.css");
    println!("cargo:rerun-if-changed=build/css.rs");
    println!("cargo:rerun-if-changed=build/texts.rs");
    let source = std::fs::read_to_string("src/widget.css").expect("src/widget.css is readable");
    std::fs::write(out_dir.join("widget.min.css"), css::minify(&source)).expect("OUT_DIR is writable");

    texts::generate(std::path::Path::new("texts"), &out_dir);
}

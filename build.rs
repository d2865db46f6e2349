//! Minifies the widget's stylesheet into OUT_DIR for `include_str!`.

#[path = "src/css.rs"]
mod css;

fn main() {
    println!("cargo:rerun-if-changed=src/widget.css");
    println!("cargo:rerun-if-changed=src/css.rs");
    let source = std::fs::read_to_string("src/widget.css").expect("src/widget.css is readable");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("widget.min.css");
    std::fs::write(out, css::minify(&source)).expect("OUT_DIR is writable");
}

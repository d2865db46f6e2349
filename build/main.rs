//! Minifies the widget's stylesheet, and compacts the interface text
//! files (`src/texts/*.txt`, comments and spacing dropped), into OUT_DIR
//! for `include_str!`.

mod css;

const LANGUAGES: [&str; 4] = ["en", "ru", "kk", "uz"];

fn main() {
    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=src/web/widget.css");
    println!("cargo:rerun-if-changed=build/css.rs");
    let source = std::fs::read_to_string("src/web/widget.css").expect("src/web/widget.css is readable");
    std::fs::write(out_dir.join("widget.min.css"), css::minify(&source)).expect("OUT_DIR is writable");

    for language in LANGUAGES {
        let path = format!("src/texts/{language}.txt");
        println!("cargo:rerun-if-changed={path}");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut compact = String::new();
        for (number, line) in source.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once(" = ") else {
                panic!("{path}:{}: expected `key = value`, got {line:?}", number + 1);
            };
            compact.push_str(&format!("{}={}\n", key.trim(), value.trim()));
        }
        std::fs::write(out_dir.join(format!("texts-{language}.txt")), compact).expect("OUT_DIR is writable");
    }
}

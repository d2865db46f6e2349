//! A small JSON value and its reader: the feed parser's input, in the
//! browser and in the native validator alike.
//!
//! The text is read here rather than by `JSON.parse`, because a number must
//! keep the digits it was written with: `"change_pct": 1.50` shows `1.50%`,
//! and `JSON.parse` keeps only the float 1.5. Numbers are therefore never
//! `f64` here, only their source text. The feed parser then reads the value
//! field by field, so a value of the wrong type in one item is a warning
//! for that item, never a failed parse of the whole feed.
//!
//! Nesting is capped at [`MAX_DEPTH`] and arrays at [`MAX_ARRAY`]: what lies
//! past them is checked (the text must still be JSON) but not kept, without
//! recursion, so no text can run the wasm stack out (which would abort
//! every widget on the page).
//!
//! This file holds the value, its errors and the one-call API; the reader's
//! state machine is [`read`].

use std::fmt;

mod read;

/// How deep arrays and objects may nest before the rest is dropped.
pub const MAX_DEPTH: usize = 32;

/// How many elements of an array are read; later ones count (an array
/// keeps its length) but are `Null`. No list in a feed is read further.
pub const MAX_ARRAY: usize = 1_000;

#[derive(Clone, Debug, PartialEq)]
/// A JSON value, with numbers kept as written.
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A JSON number as it was written, for example `0.00008` or `1.50`.
    Number(String),
    /// A string, unescaped.
    String(String),
    /// An array, at most [`MAX_ARRAY`] values read.
    Array(Vec<Value>),
    /// Members in document order. Of a repeated key, [`Value::get`] returns
    /// the last occurrence, as `JSON.parse` keeps it.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member `key` of an object, if this is one and has it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The values, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A short name of the JSON type, for warnings ("expected a string, got a number").
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Why a text is not JSON: what was expected, and where (1-based line and
/// column, in characters), like a reader would point at it in an editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// The line, from 1.
    pub line: usize,
    /// The column in characters, from 1.
    pub column: usize,
    /// What the reader expected there.
    pub expected: &'static str,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "line {}, column {}: expected {}", self.line, self.column, self.expected)
    }
}

impl std::error::Error for JsonError {}

/// Reads a JSON text (RFC 8259, exactly what `JSON.parse` accepts) into a
/// [`Value`]. Numbers keep the digits they were written with (`1.50` stays
/// `1.50`), which `JSON.parse` cannot do. Nesting past [`MAX_DEPTH`] and
/// array elements past [`MAX_ARRAY`] are checked but not kept (`Null`), and
/// checking them needs no recursion, so no text can exhaust the stack.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    read::document(text)
}

/// Appends `text` as a JSON string: quoted, with `"`, `\\` and the control
/// characters escaped, so [`parse`] reads `text` back.
pub fn write_string(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c < ' ' => {
                out.push_str("\\u00");
                out.push(char::from(HEX[c as usize >> 4]));
                out.push(char::from(HEX[c as usize & 15]));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Value {
        Value::Number(text.into())
    }

    #[test]
    fn numbers_keep_the_digits_they_were_written_with() {
        for text in ["0.00008", "1.50", "0.01144", "12", "-3", "0", "-0.0", "8e-5", "1E+2", "2.500e1"] {
            assert_eq!(parse(text), Ok(number(text)), "{text}");
        }
        let doc = parse(r#"{"change_pct": 1.50, "rate": 0.011440}"#).unwrap();
        assert_eq!(doc.get("change_pct"), Some(&number("1.50")));
        assert_eq!(doc.get("rate"), Some(&number("0.011440")));
    }

    #[test]
    fn only_what_json_parse_accepts_is_read() {
        for bad in [
            "",
            " ",
            "01",
            "1.",
            ".5",
            "+1",
            "-",
            "1e",
            "1e+",
            "0x10",
            "NaN",
            "Infinity",
            "tru",
            "nul",
            "[1,]",
            "[,1]",
            r#"{"a":1,}"#,
            r#"{"a" 1}"#,
            "{a:1}",
            "{'a':1}",
            "[1 2]",
            r#""\x""#,
            r#""\u12""#,
            "\"tab\there\"",
            "\"open",
            "[",
            "{",
            "[1]]",
            "{} {}",
            "\u{feff}{}",
            "[1]x",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was read");
        }
        for good in ["{}", "[]", " [ ] ", "\t{\"a\" : [ 1 , { } ] }\r\n", "\"\"", "true", "null", "-0", "1e5"] {
            assert!(parse(good).is_ok(), "{good:?} was refused");
        }
    }

    #[test]
    fn strings_decode_every_escape_and_keep_other_text_as_it_is() {
        let doc = parse(r#""a\"b\\c\/d\b\f\n\r\t\u00e9\u0416 \ud83d\ude00 Кыргыз 中文""#).unwrap();
        assert_eq!(doc.as_str(), Some("a\"b\\c/d\u{8}\u{c}\n\r\té\u{416} 😀 Кыргыз 中文"));
    }

    #[test]
    fn a_lone_surrogate_becomes_the_replacement_character() {
        assert_eq!(parse(r#""x\ud800y""#).unwrap().as_str(), Some("x\u{fffd}y"));
        assert_eq!(parse(r#""\udc00""#).unwrap().as_str(), Some("\u{fffd}"));
        assert_eq!(parse(r#""\ud800\u0041""#).unwrap().as_str(), Some("\u{fffd}A"));
    }

    #[test]
    fn errors_say_where_and_what_was_expected() {
        let error = parse("{\n  \"items\": [1,\n  ]\n}").unwrap_err();
        assert_eq!((error.line, error.column, error.expected), (3, 3, "a value"));
        assert_eq!(parse(r#"{"a": 1 "b": 2}"#).unwrap_err().to_string(), "line 1, column 9: expected a comma or }");
        assert_eq!(parse(r#"["Кыр" x]"#).unwrap_err().column, 8, "columns count characters");
    }

    #[test]
    fn objects_keep_member_order_and_last_key_wins_like_json_parse() {
        let v = parse(r#"{"b": 1, "a": "x", "b": 2}"#).unwrap();
        assert_eq!(v.get("a").and_then(Value::as_str), Some("x"));
        assert_eq!(v.get("b"), Some(&number("2")));
        assert_eq!(v.get("missing"), None);
        let Value::Object(members) = v else { panic!("an object") };
        assert_eq!(members.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(), ["b", "a", "b"]);
    }

    #[test]
    fn arrays_keep_their_length_but_are_read_only_up_to_the_cap() {
        let long = format!("[{}]", vec![r#"{"id": 1}"#; MAX_ARRAY + 3].join(","));
        let items = parse(&long).unwrap();
        let items = items.as_array().expect("an array");
        assert_eq!(items.len(), MAX_ARRAY + 3);
        assert!(items[MAX_ARRAY - 1].get("id").is_some());
        assert_eq!(&items[MAX_ARRAY..], &[Value::Null, Value::Null, Value::Null]);
        assert_eq!(parse("[1, 2]"), Ok(Value::Array(vec![number("1"), number("2")])));
        let broken = format!(r#"[{}, {{"id": }}]"#, vec!["1"; MAX_ARRAY].join(","));
        assert!(parse(&broken).is_err(), "past the cap the text is still checked");
    }

    #[test]
    fn nesting_past_the_cap_becomes_null_instead_of_recursing() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
        let mut v = &parse(&deep).unwrap();
        let mut depth = 0;
        while let Value::Array(items) = v {
            match items.first() {
                Some(inner) => v = inner,
                None => break,
            }
            depth += 1;
        }
        assert_eq!(depth, MAX_DEPTH + 1);
        assert_eq!(v, &Value::Null);
        let object = format!(r#"{}1{}"#, r#"{"a":"#.repeat(MAX_DEPTH + 5), "}".repeat(MAX_DEPTH + 5));
        assert!(parse(&object).is_ok());
    }

    #[test]
    fn a_million_open_brackets_are_an_error_not_a_stack_overflow() {
        assert!(parse(&r#"[{"a":"#.repeat(500_000)).is_err());
        let closed = format!("{}1{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        assert_eq!(parse(&closed).map(|v| v.kind()), Ok("an array"));
        assert!(parse(&format!("{}1{}", "[".repeat(100), "}".repeat(100))).is_err());
    }
}

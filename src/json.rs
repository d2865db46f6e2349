//! A small JSON value: the feed parser's input.
//!
//! In the browser, the feed text is parsed by the browser's own `JSON.parse`
//! and the result walked into this type by [`from_js`]; native tests fill it
//! from serde_json through its `Deserialize` impl. The feed parser then reads
//! it field by field, so a value of the wrong type in one item is a warning
//! for that item, never a failed parse of the whole feed (which a derived
//! `Deserialize` would make it).
//!
//! The walk uses js-sys rather than serde-wasm-bindgen's deserializer: that
//! one's error path prints floats, which links Rust's float formatting
//! (about 14 KB of gzip) into a widget that never prints a float.
//!
//! Numbers are kept as their decimal text, never as `f64` for display:
//! a rate sent as a JSON number arrives here as the shortest text that reads
//! back as the same number, written without an exponent.
//!
//! Nesting is capped at [`MAX_DEPTH`]: deeper values become `Null` instead of
//! recursing until the wasm stack runs out (which would abort every widget on
//! the page).

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// How deep arrays and objects may nest before the rest is dropped.
pub const MAX_DEPTH: usize = 32;

/// How many elements of an array are read; later ones count (an array
/// keeps its length) but are `Null`. No list in a feed is read further.
pub const MAX_ARRAY: usize = 1_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// A JSON number as decimal text, for example `0.00008`.
    Number(String),
    String(String),
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

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

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

impl<'de> serde::Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Depth(0).deserialize(deserializer)
    }
}

/// Deserializes one value at a given nesting depth.
#[derive(Clone, Copy)]
struct Depth(usize);

impl<'de> DeserializeSeed<'de> for Depth {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        if self.0 > MAX_DEPTH {
            deserializer.deserialize_ignored_any(IgnoredAny)?;
            return Ok(Value::Null);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Depth {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(if v.is_finite() { Value::Number(number_text(v)) } else { Value::Null })
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Number(v.to_string()))
    }

    // Binary data (a typed array in JS) has no meaning in a feed. Handling it
    // here, instead of through serde's default error, also keeps serde's
    // error formatting (and the float printing it links) out of the wasm.
    fn visit_bytes<E>(self, _: &[u8]) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while items.len() < MAX_ARRAY {
            match seq.next_element_seed(Depth(self.0 + 1))? {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {
            items.push(Value::Null);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut members = Vec::new();
        // Keys go through this visitor too, not serde's `String` one, whose
        // error path for a numeric key would link float printing into the wasm.
        while let Some(key) = map.next_key_seed(self)? {
            let key = match key {
                Value::String(k) | Value::Number(k) => k,
                _ => String::new(),
            };
            members.push((key, map.next_value_seed(Depth(self.0 + 1))?));
        }
        Ok(Value::Object(members))
    }
}

/// Walks a value made by `JSON.parse` into a [`Value`], nesting capped at
/// [`MAX_DEPTH`] like the serde path. Anything `JSON.parse` cannot make
/// (functions, symbols, `undefined`) becomes `Null`.
#[cfg(target_arch = "wasm32")]
pub fn from_js(value: &wasm_bindgen::JsValue) -> Value {
    walk(value, 0)
}

#[cfg(target_arch = "wasm32")]
fn walk(value: &wasm_bindgen::JsValue, depth: usize) -> Value {
    use js_sys::{Array, Object, Reflect};
    use wasm_bindgen::JsCast;

    if depth > MAX_DEPTH {
        Value::Null
    } else if let Some(b) = value.as_bool() {
        Value::Bool(b)
    } else if let Some(n) = value.as_f64() {
        if n.is_finite() {
            Value::Number(number_text(n))
        } else {
            Value::Null
        }
    } else if let Some(s) = value.as_string() {
        Value::String(s)
    } else if let Some(items) = value.dyn_ref::<Array>() {
        // Past MAX_ARRAY nothing crosses from JS: a 5,000-item feed costs
        // the walk of 1,000.
        let len = items.length() as usize;
        let mut read: Vec<Value> = (0..len.min(MAX_ARRAY)).map(|i| walk(&items.get(i as u32), depth + 1)).collect();
        read.resize(len, Value::Null);
        Value::Array(read)
    } else if let Some(object) = value.dyn_ref::<Object>() {
        let keys = Object::keys(object);
        let members = keys.iter().filter_map(|key| {
            let member = Reflect::get(object, &key).ok()?;
            Some((key.as_string()?, walk(&member, depth + 1)))
        });
        Value::Object(members.collect())
    } else {
        Value::Null
    }
}

/// The shortest text that reads back as `v`. Both versions give the same
/// decimal value (`0.00008` here, `8e-5` in JS, which `parse_decimal`
/// reads); in the browser, JS does the printing so the wasm carries no
/// float formatting code.
#[cfg(not(target_arch = "wasm32"))]
fn number_text(v: f64) -> String {
    v.to_string()
}

#[cfg(target_arch = "wasm32")]
fn number_text(v: f64) -> String {
    String::from(js_sys::Number::from(v).to_string_with_radix(10).unwrap_or_else(|_| "NaN".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Value {
        serde_json::from_str(text).expect("test JSON is valid")
    }

    #[test]
    fn numbers_keep_plain_decimal_text() {
        assert_eq!(parse("0.00008"), Value::Number("0.00008".into()));
        assert_eq!(parse("8e-5"), Value::Number("0.00008".into()));
        assert_eq!(parse("0.01144"), Value::Number("0.01144".into()));
        assert_eq!(parse("12"), Value::Number("12".into()));
        assert_eq!(parse("-3"), Value::Number("-3".into()));
    }

    #[test]
    fn objects_keep_member_order_and_last_key_wins_like_json_parse() {
        let v = parse(r#"{"b": 1, "a": "x", "b": 2}"#);
        assert_eq!(v.get("a").and_then(Value::as_str), Some("x"));
        assert_eq!(v.get("b"), Some(&Value::Number("2".into())));
        assert_eq!(v.get("missing"), None);
    }

    #[test]
    fn arrays_keep_their_length_but_are_read_only_up_to_the_cap() {
        let long = format!("[{}]", vec!["{\"id\": 1}"; MAX_ARRAY + 3].join(","));
        let items = parse(&long);
        let items = items.as_array().expect("an array");
        assert_eq!(items.len(), MAX_ARRAY + 3);
        assert!(items[MAX_ARRAY - 1].get("id").is_some());
        assert_eq!(&items[MAX_ARRAY..], &[Value::Null, Value::Null, Value::Null]);
        assert_eq!(parse("[1, 2]"), Value::Array(vec![Value::Number("1".into()), Value::Number("2".into())]));
    }

    #[test]
    fn nesting_past_the_cap_becomes_null_instead_of_recursing() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 5), "]".repeat(MAX_DEPTH + 5));
        let mut v = &parse(&deep);
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
    }
}

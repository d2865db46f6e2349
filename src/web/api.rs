//! The API values of [`news_ticker_rules::api`] to and from page JavaScript,
//! converted by serde-wasm-bindgen: plain objects and arrays, `null` for a
//! missing value, as `src/news-ticker.d.ts` declares them.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::JsValue;

/// `value` as the JS value page code sees: JSON-compatible (objects, not
/// `Map`s; `null`, not `undefined`). Our types always convert; a failure
/// would be `undefined`.
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    value.serialize(&Serializer::json_compatible()).unwrap_or_default()
}

/// A value from page JavaScript, or the error that says what did not fit.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(JsValue::from)
}

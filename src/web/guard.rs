//! Owners of browser resources, in gloo's shape: each holds what it
//! started and the callback the browser calls, and releases both on drop.
//! A widget owns its guards, so unmounting (dropping the widget) stops
//! every observer and cancels every request; no callback outlives them.
//! Listeners and timers use gloo's own guards (`EventListener`, `Timeout`).

use js_sys::Function;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use web_sys::{AbortController, Element};

#[wasm_bindgen]
extern "C" {
    /// Watches elements (`src/web/host.js`): `resize` calls back on a change
    /// of size, `visible` with whether the first is on screen; returns
    /// what stops watching.
    #[wasm_bindgen(js_namespace = ntHost, catch)]
    fn observe(kind: &str, targets: Vec<Element>, changed: &Closure<dyn FnMut(bool)>) -> Result<Function, JsValue>;
}

/// Elements watched by `ntHost.observe` (a `ResizeObserver` or an
/// `IntersectionObserver`); stops watching on drop.
#[derive(Debug)]
#[must_use = "dropping the Observer stops it"]
pub struct Observer {
    stop: Function,
    _changed: Closure<dyn FnMut(bool)>,
}

impl Observer {
    /// Starts watching `targets`; `changed` is called as `kind` says.
    pub fn new(kind: &str, targets: Vec<Element>, changed: impl FnMut(bool) + 'static) -> Result<Observer, JsValue> {
        let changed = Closure::<dyn FnMut(bool)>::new(changed);
        let stop = observe(kind, targets, &changed)?;
        Ok(Observer { stop, _changed: changed })
    }
}

impl Drop for Observer {
    fn drop(&mut self) {
        let _ = self.stop.call0(&JsValue::UNDEFINED);
    }
}

/// A host call in flight (a load, an XML conversion): the controller that
/// cancels it and the callback it answers. Dropping it aborts the call (a
/// newer load, or unmounting); the callback is then never called.
#[derive(Debug)]
#[must_use = "dropping the Loading cancels its requests"]
pub struct Loading {
    // Aborted before `_done` is freed: fields drop in this order.
    controller: AbortController,
    _done: Closure<dyn FnMut(JsValue, JsValue)>,
}

impl Loading {
    /// Owns a call that `controller` cancels and that answers `done`.
    pub fn new(controller: AbortController, done: Closure<dyn FnMut(JsValue, JsValue)>) -> Loading {
        Loading { controller, _done: done }
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.controller.abort();
    }
}

/// The callback a host call answers, at most once. Every kind of answer
/// is boxed into this one type, so the module carries wasm-bindgen's
/// closure code once, not once per caller.
pub fn answered(done: Box<dyn FnOnce(JsValue, JsValue)>) -> Closure<dyn FnMut(JsValue, JsValue)> {
    Closure::once(done)
}

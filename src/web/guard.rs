//! Owners of browser resources, in gloo's shape: each holds what it
//! started (and the callback the browser calls), and releases it on drop.
//! A widget owns its guards, so unmounting (dropping the widget) stops
//! every observer and cancels every request; no callback outlives them.
//! Listeners and timers use gloo's own guards (`EventListener`, `Timeout`).

use gloo_timers::callback::Timeout;
use js_sys::Function;
use news_ticker_rules::failure::LoadError;
use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::rc::Rc;
use std::task::{Poll, Waker};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use web_sys::{AbortController, AbortSignal, Element};

#[wasm_bindgen]
extern "C" {
    /// Watches elements (`src/web/host/motion.js`): `resize` calls back on a change
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

/// A load or an XML read in flight: what cancels it, and its timeout.
/// Dropping it (a newer load, or unmounting) aborts its requests and
/// wakes its task, which then ends without answering; the timer goes with
/// it. The task holds the [`Stop`], never the guard.
#[must_use = "dropping the Loading cancels its requests"]
pub struct Loading {
    stop: Rc<Stop>,
    _timer: Option<Timeout>,
}

impl Loading {
    /// A new load, timed out after `timeout_ms` if given.
    pub fn new(timeout_ms: Option<u32>) -> Loading {
        let stop =
            Rc::new(Stop { controller: AbortController::new().ok(), why: Cell::new(None), waker: Cell::new(None) });
        let timer = timeout_ms.map(|ms| {
            let stop = stop.clone();
            Timeout::new(ms, move || stop.end(Stopped::TimedOut))
        });
        Loading { stop, _timer: timer }
    }

    /// What the load's task watches.
    pub fn stop(&self) -> Rc<Stop> {
        self.stop.clone()
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        self.stop.end(Stopped::Cancelled);
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Stopped {
    TimedOut,
    Cancelled,
}

/// How a load's task learns that it is over before its answers are: the
/// timeout passed, or its [`Loading`] was dropped. Either aborts the
/// requests; neither waits for a request that ignores the abort.
pub struct Stop {
    controller: Option<AbortController>,
    why: Cell<Option<Stopped>>,
    waker: Cell<Option<Waker>>,
}

impl Stop {
    fn end(&self, why: Stopped) {
        if self.why.get().is_none() {
            self.why.set(Some(why));
            if let Some(controller) = &self.controller {
                controller.abort();
            }
            if let Some(waker) = self.waker.take() {
                waker.wake();
            }
        }
    }

    /// The signal that aborts the load's requests (`None` where the
    /// browser has no `AbortController`: they then run to their end).
    pub fn signal(&self) -> Option<AbortSignal> {
        self.controller.as_ref().map(AbortController::signal)
    }

    /// Whether the guard was dropped: the answer is nobody's now.
    pub fn cancelled(&self) -> bool {
        self.why.get() == Some(Stopped::Cancelled)
    }

    /// Runs `work` until it answers or the load is over, which is a
    /// [`LoadError::Timeout`] (also when the abort made `work` fail first).
    pub async fn within<T>(&self, work: impl Future<Output = Result<T, LoadError>>) -> Result<T, LoadError> {
        let mut work = pin!(work);
        poll_fn(|cx| match (work.as_mut().poll(cx), self.why.get()) {
            (Poll::Ready(Err(LoadError::Unreachable)) | Poll::Pending, Some(_)) => Poll::Ready(Err(LoadError::Timeout)),
            (Poll::Ready(answer), _) => Poll::Ready(answer),
            (Poll::Pending, None) => {
                self.waker.set(Some(cx.waker().clone()));
                Poll::Pending
            }
        })
        .await
    }
}

//! The page: which containers have a widget, and the MutationObserver that
//! mounts containers added later, unmounts removed ones, re-applies the
//! configuration when a `data-` attribute changes, and passes on a change
//! of `dir` around a container.
//!
//! One widget per container, however often the script loads or `mount` is
//! called. Widgets are dropped outside the registry's borrow, so nothing a
//! widget does while going away can re-enter it.

use crate::web::widget::Widget;
use js_sys::{Array, Promise};
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use web_sys::Element;

thread_local! {
    static PAGE: RefCell<Page> = RefCell::new(Page::default());
}

#[derive(Default)]
struct Page {
    widgets: Vec<Widget>,
}

/// The containers that have a widget.
pub fn mounted() -> Array {
    PAGE.with(|p| p.borrow().widgets.iter().map(|w| JsValue::from(w.host())).collect())
}

/// Gives the widget in `el` the direction its page now has.
pub fn follow_direction(el: &Element) {
    with_widget(el, Widget::follow_direction);
}

/// Mounts a widget into `el` unless it has one; either way returns the
/// promise of its first render.
pub fn mount(el: &Element) -> Promise {
    if let Some(ready) = with_widget(el, Widget::ready) {
        return ready;
    }
    match Widget::mount(el) {
        Ok(widget) => {
            let ready = widget.ready();
            PAGE.with(|p| p.borrow_mut().widgets.push(widget));
            ready
        }
        Err(e) => {
            web_sys::console::warn_2(&"news-ticker: cannot mount on this element:".into(), &e);
            Promise::reject(&e)
        }
    }
}

pub fn unmount(el: &Element) {
    let removed = PAGE.with(|p| {
        let mut p = p.borrow_mut();
        let at = p.widgets.iter().position(|w| w.host() == el)?;
        Some(p.widgets.swap_remove(at))
    });
    drop(removed);
}

/// What the widget in `el` shows, once it has rendered for the first
/// time (`NewsTicker.content`); rejects for an element with no widget
/// (never mounted, or unmounted since).
pub fn content(el: &Element) -> Promise {
    with_widget(el, Widget::content).unwrap_or_else(|| Promise::reject(&crate::web::widget::no_widget()))
}

/// Refreshes the widget in `el`, or every widget.
pub fn refresh(el: Option<&Element>) {
    PAGE.with(|p| {
        for widget in p.borrow().widgets.iter().filter(|w| el.is_none_or(|el| w.host() == el)) {
            widget.refresh();
        }
    });
}

fn with_widget<T>(el: &Element, f: impl FnOnce(&Widget) -> T) -> Option<T> {
    PAGE.with(|p| p.borrow().widgets.iter().find(|w| w.host() == el).map(f))
}

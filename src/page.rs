//! The page: which containers have a widget, and the MutationObserver that
//! mounts containers added later, unmounts removed ones, re-applies the
//! configuration when a `data-` attribute changes, and passes on a change
//! of `dir` around a container.
//!
//! One widget per container, however often the script loads or `mount` is
//! called. Widgets are dropped outside the registry's borrow, so nothing a
//! widget does while going away can re-enter it.

use crate::config::ATTRIBUTES;
use crate::widget::Widget;
use js_sys::{Array, Promise};
use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, MutationObserver, MutationObserverInit, MutationRecord};

const SELECTOR: &str = "[data-news-ticker]";

thread_local! {
    static PAGE: RefCell<Page> = RefCell::new(Page::default());
}

#[derive(Default)]
struct Page {
    widgets: Vec<Widget>,
    observer: Option<MutationGuard>,
}

/// Mounts every container on the page and watches for more. Idempotent.
pub fn boot() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(found) = doc.query_selector_all(SELECTOR) {
        for i in 0..found.length() {
            if let Some(el) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = mount(&el);
            }
        }
    }
    let started = PAGE.with(|p| p.borrow().observer.is_some());
    if !started {
        match MutationGuard::observe(&doc, on_mutations) {
            Ok(guard) => PAGE.with(|p| p.borrow_mut().observer = Some(guard)),
            Err(e) => web_sys::console::warn_2(&"news-ticker: cannot watch the page for new containers".into(), &e),
        }
    }
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

fn on_mutations(records: Array) {
    let mut to_mount: Vec<Element> = Vec::new();
    let mut to_remount: Vec<Element> = Vec::new();
    let add = |list: &mut Vec<Element>, el: Element| {
        if !list.contains(&el) {
            list.push(el);
        }
    };
    for record in records.iter().filter_map(|r| r.dyn_into::<MutationRecord>().ok()) {
        if record.type_() == "attributes" {
            let Some(el) = record.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                continue;
            };
            if record.attribute_name().as_deref() == Some("dir") {
                // On the container or anything around it (`<html>` of a page
                // that switches language): the widgets inside follow.
                PAGE.with(|p| {
                    for widget in p.borrow().widgets.iter().filter(|w| el.contains(Some(w.host()))) {
                        widget.follow_direction();
                    }
                });
            } else if record.attribute_name().as_deref() == Some("data-news-ticker") {
                if el.has_attribute("data-news-ticker") {
                    add(&mut to_mount, el);
                } else {
                    unmount(&el);
                }
            } else if with_widget(&el, |_| ()).is_some() {
                add(&mut to_remount, el);
            }
            continue;
        }
        let added = record.added_nodes();
        for i in 0..added.length() {
            let Some(el) = added.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if el.matches(SELECTOR).unwrap_or(false) {
                add(&mut to_mount, el.clone());
            }
            if let Ok(inner) = el.query_selector_all(SELECTOR) {
                for j in 0..inner.length() {
                    if let Some(e) = inner.item(j).and_then(|n| n.dyn_into::<Element>().ok()) {
                        add(&mut to_mount, e);
                    }
                }
            }
        }
    }
    // Containers that left the document lose their widget.
    let gone: Vec<Element> =
        PAGE.with(|p| p.borrow().widgets.iter().map(Widget::host).filter(|h| !h.is_connected()).cloned().collect());
    for el in &gone {
        unmount(el);
    }
    for el in to_remount {
        unmount(&el);
        let _ = mount(&el);
    }
    for el in to_mount.iter().filter(|el| el.is_connected()) {
        let _ = mount(el);
    }
}

/// A MutationObserver on the whole document; disconnects on drop.
#[must_use = "dropping the MutationGuard stops watching the page"]
struct MutationGuard {
    observer: MutationObserver,
    _callback: Closure<dyn FnMut(Array, MutationObserver)>,
}

impl MutationGuard {
    fn observe(doc: &web_sys::Document, on_change: fn(Array)) -> Result<MutationGuard, JsValue> {
        let callback = Closure::<dyn FnMut(Array, MutationObserver)>::new(move |records, _| on_change(records));
        let observer = MutationObserver::new(callback.as_ref().unchecked_ref())?;
        let watched = Array::of2(&"data-news-ticker".into(), &"dir".into());
        for name in ATTRIBUTES.iter().chain(&crate::texts::ATTRIBUTES) {
            watched.push(&(*name).into());
        }
        let options = MutationObserverInit::new();
        options.set_child_list(true);
        options.set_subtree(true);
        options.set_attributes(true);
        options.set_attribute_filter(&watched);
        observer.observe_with_options(doc, &options)?;
        Ok(MutationGuard { observer, _callback: callback })
    }
}

impl Drop for MutationGuard {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

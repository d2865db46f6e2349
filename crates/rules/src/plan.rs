//! A render plan: the DOM edits a render makes, written by Rust as one text
//! and applied by one small JS function (`apply` in `src/web/host/render.js`), instead
//! of one call across the wasm boundary per element, attribute and text.
//!
//! The plan is a stack machine over elements. A field is text up to the
//! next NUL; an edit is one letter and its fields:
//!
//! | edit | fields | effect |
//! |---|---|---|
//! | `o` | tag | create an element, append it to the current one, make it current |
//! | `c` | | the element before the current one is current again |
//! | `a` | name, value | set an attribute of the current element |
//! | `x` | name | remove an attribute of the current element |
//! | `t` | text | set the `textContent` of the current element |
//! | `s` | slot | keep the current element in a numbered slot |
//! | `g` | slot | the element in the slot becomes current |
//! | `r` | slot | the same, after removing its children |
//! | `m` | slot | append the element in the slot to the current one |
//! | `k` | slot | append a deep copy of the element in the slot, make it current |
//!
//! Slots live as long as the widget, so a later render addresses the parts
//! an earlier one made. Elements are only ever created and filled with
//! text: no edit parses markup. A NUL inside a value (which no page shows)
//! becomes U+FFFD, so it cannot end the field early.

use crate::decimal::whole;

/// Where a widget keeps its parts between renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The shadow root, given before the first edit.
    Shadow = 0,
    /// The widget's root element (`part="root"`).
    Root,
    /// The marquee's region (`part="ticker"`).
    Ticker,
    /// The marquee's clipping box.
    Viewport,
    /// The moving strip of rates.
    Track,
    /// The segment of rates that screen readers read; its copies follow it.
    Visible,
    /// The marquee's pause button.
    Pause,
    /// The date line of the rates.
    Date,
    /// The "1-10 of 42" counter above the cards.
    Counter,
    /// The list of cards.
    Cards,
    /// The "Show more" button.
    More,
    /// The status line a failed load writes.
    Status,
    /// The first card's date; the n-th card's is slot `Times + n` (see [`Plan::keep_nth`]).
    Times,
}

/// The edits of one render, in order.
#[derive(Debug, Default)]
pub struct Plan(String);

impl Plan {
    fn edit(&mut self, letter: char, fields: &[&str]) -> &mut Self {
        self.0.push(letter);
        for field in fields {
            self.0.push('\0');
            for c in field.chars() {
                self.0.push(if c == '\0' { char::REPLACEMENT_CHARACTER } else { c });
            }
        }
        self.0.push('\0');
        self
    }

    fn slot_edit(&mut self, letter: char, slot: Slot) -> &mut Self {
        self.slot_at(letter, slot as u32)
    }

    fn slot_at(&mut self, letter: char, index: u32) -> &mut Self {
        self.edit(letter, &[&whole(u64::from(index), 2)])
    }

    /// Keeps the current element in slot `slot + n`: one of a list of parts.
    pub fn keep_nth(&mut self, slot: Slot, n: usize) -> &mut Self {
        self.slot_at('s', slot as u32 + n as u32)
    }

    /// Makes the element in slot `slot + n` current.
    pub fn go_nth(&mut self, slot: Slot, n: usize) -> &mut Self {
        self.slot_at('g', slot as u32 + n as u32)
    }

    /// Creates a `tag` element, appends it to the current one and makes it current.
    pub fn open(&mut self, tag: &str) -> &mut Self {
        self.edit('o', &[tag])
    }

    /// Makes the current element's parent current.
    pub fn close(&mut self) -> &mut Self {
        self.edit('c', &[])
    }

    /// Sets an attribute of the current element.
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Self {
        self.edit('a', &[name, value])
    }

    /// Removes an attribute of the current element.
    pub fn remove_attr(&mut self, name: &str) -> &mut Self {
        self.edit('x', &[name])
    }

    /// Appends a text node to the current element.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.edit('t', &[text])
    }

    /// Keeps the current element in `slot`.
    pub fn keep(&mut self, slot: Slot) -> &mut Self {
        self.slot_edit('s', slot)
    }

    /// Makes the element in `slot` current.
    pub fn go(&mut self, slot: Slot) -> &mut Self {
        self.slot_edit('g', slot)
    }

    /// Removes the children of the element in `slot`.
    pub fn clear(&mut self, slot: Slot) -> &mut Self {
        self.slot_edit('r', slot)
    }

    /// Appends the current element to the element in `slot`.
    pub fn append(&mut self, slot: Slot) -> &mut Self {
        self.slot_edit('m', slot)
    }

    /// Appends a deep copy of the element in `slot` to the current element.
    pub fn copy(&mut self, slot: Slot) -> &mut Self {
        self.slot_edit('k', slot)
    }

    /// The plan as `apply` reads it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the plan has no edit.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_are_a_letter_and_their_fields_each_ended_by_nul() {
        let mut plan = Plan::default();
        plan.go(Slot::Cards).open("article").attr("part", "card").text("Кыргыз 中文").close().keep(Slot::More);
        assert_eq!(
            plan.as_str(),
            "g\u{0}09\u{0}o\u{0}article\u{0}a\u{0}part\u{0}card\u{0}t\u{0}Кыргыз 中文\u{0}c\u{0}s\u{0}10\u{0}"
        );
    }

    #[test]
    fn a_nul_in_a_value_cannot_end_its_field() {
        let mut plan = Plan::default();
        plan.text("a\0o\0script").attr("href", "\0");
        assert_eq!(plan.as_str(), "t\u{0}a\u{fffd}o\u{fffd}script\u{0}a\u{0}href\u{0}\u{fffd}\u{0}");
        assert_eq!(plan.as_str().matches('\0').count(), 5);
    }

    #[test]
    fn every_slot_has_two_digits() {
        let mut plan = Plan::default();
        plan.go(Slot::Shadow).go(Slot::Status).keep_nth(Slot::Times, 0).go_nth(Slot::Times, 990);
        assert_eq!(plan.as_str(), "g\u{0}00\u{0}g\u{0}11\u{0}s\u{0}12\u{0}g\u{0}1002\u{0}");
    }
}

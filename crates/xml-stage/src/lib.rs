//! The XML stage: the module a page downloads only when a feed is RSS or
//! Atom. It converts the page's flattened XML tree to JSON Feed text with
//! the shared rules (`news_ticker_rules::xmlfeed`), and repairs the text of
//! a document the page's parser refused.
//!
//! Plain wasm with no imports, so no wasm-bindgen: `src/web/host/xml.js` instantiates
//! it for one conversion and then drops it, so what it allocates is never
//! freed here. JS asks for room for the input, writes the flattened tree
//! there as UTF-8, and reads the answer's address and length from where
//! `convert` points.

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

use std::cell::RefCell;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static ANSWER: RefCell<(String, [u32; 2])> = const { RefCell::new((String::new(), [0; 2])) };
}

/// Room for `len` bytes of input.
#[no_mangle]
pub extern "C" fn input(len: usize) -> *mut u8 {
    INPUT.with_borrow_mut(|input| {
        *input = vec![0; len];
        input.as_mut_ptr()
    })
}

/// Converts the input (see `xmlfeed::convert`); returns the address of
/// the answer's address and length in bytes of UTF-8.
#[no_mangle]
pub extern "C" fn convert() -> *const u32 {
    answer(news_ticker_rules::xmlfeed::convert, "!")
}

/// Repairs the input text (see `xmlfeed::repair`); the answer as for `convert`.
#[no_mangle]
pub extern "C" fn repair() -> *const u32 {
    answer(news_ticker_rules::xmlfeed::repair, "")
}

/// Runs `run` on the input (`otherwise` for input that is not UTF-8)
/// and keeps its answer where the host reads it.
fn answer(run: impl FnOnce(&str) -> String, otherwise: &str) -> *const u32 {
    let input = INPUT.with_borrow_mut(std::mem::take);
    let answer = String::from_utf8(input).map_or_else(|_| otherwise.to_owned(), |input| run(&input));
    ANSWER.with_borrow_mut(|(text, place)| {
        *text = answer;
        *place = [text.as_ptr() as u32, text.len() as u32];
        place.as_ptr()
    })
}

//! DOM helpers shared by the app's wasm test binaries (`mod dom;` in each): a mount
//! point, typing, clicking and counting as a phone user's taps would.
#![allow(dead_code)] // each test binary uses the part it needs

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// A fresh `<div>` in the page's body to mount a view into.
pub fn container() -> web_sys::HtmlElement {
    let doc = document();
    let el = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&el).unwrap();
    el.unchecked_into()
}

/// Sets the value of the input matching `selector` and sends a bubbling `input`, as
/// typing does (Leptos listens at the document).
pub fn input(el: &web_sys::Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = el
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .unchecked_into();
    input.set_value(value);
    let event = document().create_event("Event").unwrap();
    #[allow(deprecated)]
    event.init_event_with_bubbles("input", true);
    input.dispatch_event(&event).unwrap();
}

/// Clicks the `nth` element matching `selector`.
pub fn click(el: &web_sys::Element, selector: &str, nth: u32) {
    el.query_selector_all(selector)
        .unwrap()
        .item(nth)
        .unwrap_or_else(|| panic!("no {selector} #{nth}"))
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

/// How many elements match `selector`.
pub fn count(el: &web_sys::Element, selector: &str) -> u32 {
    el.query_selector_all(selector).unwrap().length()
}

//! The chosen UI language: Chinese unless the person switched; remembered in
//! localStorage and mirrored to `<html lang>`.

use crate::i18n::{Msg, Text};
use leptos::prelude::*;
use pingxuan_domain::Lang;

/// Where the choice is remembered between visits.
pub const STORAGE_KEY: &str = "pingxuan.lang";

/// The language signal shared by every view.
#[derive(Debug, Clone, Copy)]
pub struct LangContext {
    lang: RwSignal<Lang>,
}

impl LangContext {
    /// The current language (reactive).
    pub fn get(self) -> Lang {
        self.lang.get()
    }

    /// The current language, without subscribing to changes.
    pub fn get_untracked(self) -> Lang {
        self.lang.get_untracked()
    }

    /// `msg` in the current language (reactive).
    pub fn t<M: Text>(self, msg: M) -> &'static str {
        msg.text(self.get())
    }

    /// Switches language, remembers it, and updates `<html lang>` and the title.
    pub fn set(self, lang: Lang) {
        self.lang.set(lang);
        if let Some(storage) = window().local_storage().ok().flatten() {
            let _ = storage.set_item(STORAGE_KEY, lang.tag());
        }
        apply_to_document(lang);
    }
}

/// Provides the language remembered on this phone, Chinese by default.
pub fn provide_lang_context() -> LangContext {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default();
    provide_lang_context_with(stored)
}

/// Provides `lang` without reading storage (tests start from a known language).
pub fn provide_lang_context_with(lang: Lang) -> LangContext {
    apply_to_document(lang);
    let ctx = LangContext {
        lang: RwSignal::new(lang),
    };
    provide_context(ctx);
    ctx
}

/// `msg` in the current language, following switches; usable as a view, an attribute
/// value or a text prop. Every call returns the same closure type, so the wasm carries
/// the code that renders it once rather than once per use.
pub fn tr<M: Text>(msg: M) -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
    let lang = use_lang();
    move || lang.t(msg)
}

/// `yes` while `when` holds, else `no` (e.g. 登录 / 正在登录…), following switches.
pub fn tr_when<M: Text>(
    when: Signal<bool>,
    yes: M,
    no: M,
) -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
    let lang = use_lang();
    move || lang.t(if when.get() { yes } else { no })
}

/// The language context provided by the app shell.
pub fn use_lang() -> LangContext {
    expect_context::<LangContext>()
}

fn apply_to_document(lang: Lang) {
    let doc = document();
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
    doc.set_title(Msg::AppName.text(lang));
}

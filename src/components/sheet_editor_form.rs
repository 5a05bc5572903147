//! The score-sheet editor, phone first: the sheet's title, then each section as a card
//! (title, move up/down, remove) holding its items (the standard's wording, 打分 or 扣分,
//! the points and, for 扣分, the points per finding; move, remove). Each problem shows
//! under the box it is about, at the domain's field path. Read-only for an approved
//! version: the same layout with every box disabled and no buttons.
//!
//! Rows follow the editor's stable keys: typing never rebuilds a row (the phone keeps
//! its keyboard and the box its focus); adding, moving or removing one rebuilds the list
//! (cheaper in the wasm than a keyed `For`).

use crate::components::text_field::TextField;
use crate::forms::field_errors::message_for;
use crate::forms::sheet_editor::{
    item_path, section_path, EditItem, ItemKind, Move, SheetEditor, SECTIONS_PATH, TITLE_PATH,
};
use crate::i18n::sheets::{section_no, section_points, SheetMsg};
use crate::state::lang_context::{tr, use_lang};
use leptos::prelude::*;
use pingxuan_domain::score_sheet::{MAX_ITEM_TEXT_CHARS, MAX_TITLE_CHARS};
use pingxuan_domain::FieldError;

/// What every row needs: the sheet, its problems, and how to change it.
#[derive(Clone, Copy)]
struct Ctx {
    editor: RwSignal<SheetEditor>,
    problems: Signal<Vec<FieldError>>,
    reveal: Signal<bool>,
    readonly: bool,
    on_change: Callback<()>,
}

impl Ctx {
    /// The problem at `path`, once problems are shown (reactive).
    fn error(
        self,
        path: impl Fn() -> Option<String> + Send + Sync + 'static,
    ) -> Signal<Option<String>> {
        Signal::derive(move || {
            if !self.reveal.get() {
                return None;
            }
            let path = path()?;
            self.problems.with(|p| message_for(p, &path))
        })
    }

    /// Changes the sheet and tells the page.
    fn edit(self, f: impl FnOnce(&mut SheetEditor)) {
        self.editor.update(f);
        self.on_change.run(());
    }
}

/// Reads the item with `key` (reactive).
fn with_item<T>(
    editor: RwSignal<SheetEditor>,
    key: u32,
    f: impl FnOnce(&EditItem) -> T,
) -> Option<T> {
    editor.with(|e| e.item_at(key).map(|(s, i)| f(&e.sections[s].items[i])))
}

/// The editor's body (the page adds the total bar and the buttons).
#[component]
pub fn SheetEditorForm(
    /// The sheet being written.
    editor: RwSignal<SheetEditor>,
    /// The problems to show, each at its field path (the domain's and the server's).
    #[prop(into)]
    problems: Signal<Vec<FieldError>>,
    /// Whether the boxes' problems show yet (a blank sheet shows them from the first save).
    #[prop(into)]
    reveal: Signal<bool>,
    /// An approved version: nothing can change.
    #[prop(optional)]
    readonly: bool,
    /// Called after every change.
    on_change: Callback<()>,
) -> impl IntoView {
    let ctx = Ctx {
        editor,
        problems,
        reveal,
        readonly,
        on_change,
    };
    let sections_error = ctx.error(|| Some(SECTIONS_PATH.to_owned()));
    // Sections are rebuilt only when one is added, moved or removed, never while typing.
    let section_keys =
        Memo::new(move |_| editor.with(|e| e.sections.iter().map(|s| s.key).collect::<Vec<_>>()));
    let count_error = Signal::derive(move || {
        // The count problem ("须有1到20个部分"); the total's is shown in the total bar.
        problems
            .with(|p| {
                p.iter()
                    .find(|e| e.field == SECTIONS_PATH && e.code == "count")
                    .map(|e| e.message.clone())
            })
            .filter(|_| sections_error.get().is_some())
    });
    view! {
        <div class="card sheet-title-card">
            <TextField
                id="sheet-title"
                label=tr(SheetMsg::SheetName)
                value=Signal::derive(move || editor.with(|e| e.title.clone()))
                on_input=Callback::new(move |v: String| {
                    ctx.edit(|e| e.title = v.chars().take(MAX_TITLE_CHARS).collect())
                })
                error=ctx.error(|| Some(TITLE_PATH.to_owned()))
                disabled=readonly
            />
        </div>
        {move || {
            section_keys.get().into_iter().map(|key| view! { <SectionCard key ctx /> }).collect_view()
        }}
        {move || count_error.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        {(!readonly)
            .then(|| {
                view! {
                    <button
                        type="button"
                        class="button block add-section"
                        disabled=move || !editor.with(|e| e.can_add_section())
                        on:click=move |_| ctx.edit(|e| {
                            e.add_section();
                        })
                    >
                        {tr(SheetMsg::AddSection)}
                    </button>
                }
            })}
    }
}

/// Move up / move down / remove, for a section or an item.
fn row_tools(
    up: impl Fn() + 'static,
    down: impl Fn() + 'static,
    remove: impl Fn() + 'static,
    remove_label: SheetMsg,
    first: impl Fn() -> bool + Send + Sync + 'static,
    last: impl Fn() -> bool + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <div class="row-tools">
            <button type="button" class="tool" aria-label=tr(SheetMsg::MoveUp) disabled=first on:click=move |_| up()>
                "↑"
            </button>
            <button type="button" class="tool" aria-label=tr(SheetMsg::MoveDown) disabled=last on:click=move |_| down()>
                "↓"
            </button>
            <button type="button" class="tool remove" aria-label=tr(remove_label) on:click=move |_| remove()>
                "×"
            </button>
        </div>
    }
}

/// One section: its heading, title box, items and 添加评分项.
#[component]
fn SectionCard(key: u32, ctx: Ctx) -> impl IntoView {
    let lang = use_lang();
    let editor = ctx.editor;
    let at = Memo::new(move |_| editor.with(|e| e.section_at(key)));
    let count = Memo::new(move |_| editor.with(|e| e.sections.len()));
    let subtotal = move || editor.with(|e| e.section_total(key));
    // Rows are rebuilt only when items are added, moved or removed, never while typing.
    let item_keys = Memo::new(move |_| {
        editor.with(|e| {
            e.section_at(key)
                .map(|s| {
                    e.sections[s]
                        .items
                        .iter()
                        .map(|i| i.key)
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let title_id = format!("section-{key}");
    let tools = (!ctx.readonly).then(|| {
        row_tools(
            move || {
                ctx.edit(|e| {
                    e.move_section(key, Move::Up);
                })
            },
            move || {
                ctx.edit(|e| {
                    e.move_section(key, Move::Down);
                })
            },
            move || {
                ctx.edit(|e| {
                    e.remove_section(key);
                })
            },
            SheetMsg::RemoveSection,
            move || at.get() == Some(0),
            move || at.get().map(|s| s + 1) == Some(count.get()),
        )
    });
    view! {
        <section class="card sheet-section" data-testid="sheet-section">
            <div class="sheet-section-head">
                <h2 class="eyebrow">
                    {move || section_no(lang.get(), at.get().unwrap_or(0) + 1)}
                    <span class="subtotal">{move || section_points(lang.get(), subtotal())}</span>
                </h2>
                {tools}
            </div>
            <TextField
                id=title_id
                label=tr(SheetMsg::SectionName)
                value=Signal::derive(move || {
                    editor.with(|e| e.section_at(key).map(|s| e.sections[s].title.clone()).unwrap_or_default())
                })
                on_input=Callback::new(move |v: String| {
                    ctx.edit(|e| {
                        if let Some(s) = e.section_mut(key) {
                            s.title = v.chars().take(MAX_TITLE_CHARS).collect();
                        }
                    })
                })
                error=ctx.error(move || at.get().map(|s| section_path(s, "title")))
                disabled=ctx.readonly
            />
            {move || {
                item_keys.get().into_iter().map(|item| view! { <ItemCard key=item ctx /> }).collect_view()
            }}
            {move || {
                ctx.error(move || at.get().map(|s| section_path(s, "items")))
                    .get()
                    .map(|m| view! { <p class="field-error" role="alert">{m}</p> })
            }}
            {(!ctx.readonly)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="button small add-item"
                            on:click=move |_| ctx.edit(|e| {
                                e.add_item(key);
                            })
                        >
                            {tr(SheetMsg::AddItem)}
                        </button>
                    }
                })}
        </section>
    }
}

/// One item: its number, wording, kind, points and tools.
#[component]
fn ItemCard(key: u32, ctx: Ctx) -> impl IntoView {
    let editor = ctx.editor;
    let at = Memo::new(move |_| editor.with(|e| e.item_at(key)));
    let count = Memo::new(move |_| {
        editor.with(|e| e.item_at(key).map_or(0, |(s, _)| e.sections[s].items.len()))
    });
    let kind = Memo::new(move |_| with_item(editor, key, |i| i.kind).unwrap_or(ItemKind::Graded));
    let path = move |field: &'static str| move || at.get().map(|(s, i)| item_path(s, i, field));
    let text_error = ctx.error(path("text"));
    let text_id = format!("item-{key}-text");
    let set_kind = move |k: ItemKind| {
        ctx.edit(|e| {
            if let Some(item) = e.item_mut(key) {
                item.kind = k;
            }
        })
    };
    let number_box = move |field: &'static str, label: SheetMsg| {
        let read = move || {
            with_item(editor, key, |i| {
                if field == "max" {
                    i.max.clone()
                } else {
                    i.per_finding.clone()
                }
            })
        };
        view! {
            <TextField
                id=format!("item-{key}-{field}")
                label=tr(label)
                value=Signal::derive(move || read().unwrap_or_default())
                on_input=Callback::new(move |v: String| {
                    let v: String = v.trim().chars().take(4).collect();
                    ctx.edit(|e| {
                        if let Some(item) = e.item_mut(key) {
                            if field == "max" {
                                item.max = v;
                            } else {
                                item.per_finding = v;
                            }
                        }
                    })
                })
                error=ctx.error(path(if field == "max" { "rule.max" } else { "rule.per_finding" }))
                inputmode=Some("numeric")
                disabled=ctx.readonly
            />
        }
    };
    let tools = (!ctx.readonly).then(|| {
        row_tools(
            move || {
                ctx.edit(|e| {
                    e.move_item(key, Move::Up);
                })
            },
            move || {
                ctx.edit(|e| {
                    e.move_item(key, Move::Down);
                })
            },
            move || {
                ctx.edit(|e| {
                    e.remove_item(key);
                })
            },
            SheetMsg::Remove,
            move || at.get().map(|(_, i)| i) == Some(0),
            move || at.get().map(|(_, i)| i + 1) == Some(count.get()),
        )
    });
    let kind_button = move |k: ItemKind, label: SheetMsg| {
        view! {
            <button
                type="button"
                class="seg"
                aria-pressed=move || if kind.get() == k { "true" } else { "false" }
                disabled=ctx.readonly
                on:click=move |_| set_kind(k)
            >
                {tr(label)}
            </button>
        }
    };
    view! {
        <article class="sheet-item" class:has-error=move || text_error.get().is_some() data-testid="editor-item">
            <div class="sheet-item-head">
                <span class="item-no">
                    {move || at.get().map(|(s, i)| format!("{}.{}", s + 1, i + 1)).unwrap_or_default()}
                </span>
                {tools}
            </div>
            <div class="field" class:has-error=move || text_error.get().is_some()>
                <label for=text_id.clone()>{tr(SheetMsg::ItemText)}</label>
                <textarea
                    id=text_id.clone()
                    rows="3"
                    maxlength=MAX_ITEM_TEXT_CHARS.to_string()
                    disabled=ctx.readonly
                    prop:value=move || with_item(editor, key, |i| i.text.clone()).unwrap_or_default()
                    aria-invalid=move || if text_error.get().is_some() { "true" } else { "false" }
                    on:input=move |ev| {
                        let v = event_target_value(&ev);
                        ctx.edit(|e| {
                            if let Some(item) = e.item_mut(key) {
                                item.text = v;
                            }
                        })
                    }
                ></textarea>
                {move || text_error.get().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <div class="field">
                <span class="field-label">{tr(SheetMsg::ItemKind)}</span>
                <div class="segmented kind-choice" role="group" aria-label=tr(SheetMsg::ItemKind)>
                    {kind_button(ItemKind::Graded, SheetMsg::Graded)}
                    {kind_button(ItemKind::Deducted, SheetMsg::Deducted)}
                </div>
                <p class="field-hint">
                    {move || {
                        tr(if kind.get() == ItemKind::Graded {
                            SheetMsg::GradedHint
                        } else {
                            SheetMsg::DeductedHint
                        })()
                    }}
                </p>
            </div>
            <div class="points-row">
                {number_box("max", SheetMsg::MaxPoints)}
                {move || (kind.get() == ItemKind::Deducted).then(|| number_box("per_finding", SheetMsg::PerFinding))}
            </div>
        </article>
    }
}

/// The bar fixed above the navigation: the running total of the maxima against 100, the
/// total's problem beside it, undo after a removal, and the page's buttons.
#[component]
pub fn SheetTotalBar(
    editor: RwSignal<SheetEditor>,
    /// The sheet-wide problems (`content.sections`), shown beside the total.
    #[prop(into)]
    problems: Signal<Vec<FieldError>>,
    /// A line under the total: saved, or what to fix.
    #[prop(into)]
    status: Signal<Option<(bool, String)>>,
    on_change: Callback<()>,
    children: Children,
) -> impl IntoView {
    let total = move || editor.with(|e| e.max_total());
    let total_problem = move || {
        problems.with(|p| {
            p.iter()
                .find(|e| e.field == SECTIONS_PATH && e.code == "total")
                .map(|e| e.message.clone())
        })
    };
    let removed = move || editor.with(|e| e.removed.clone());
    view! {
        <div class="sheet-total-bar" role="region" aria-label=tr(SheetMsg::Total)>
            {move || {
                removed()
                    .map(|r| {
                        let what = match r {
                            crate::forms::sheet_editor::Removed::Section { .. } => SheetMsg::RemovedSection,
                            crate::forms::sheet_editor::Removed::Item { .. } => SheetMsg::RemovedItem,
                        };
                        view! {
                            <p class="undo-row" role="status">
                                <span>{tr(what)}</span>
                                <button
                                    type="button"
                                    class="button small"
                                    on:click=move |_| {
                                        editor.update(|e| {
                                            e.undo();
                                        });
                                        on_change.run(());
                                    }
                                >
                                    {tr(SheetMsg::Undo)}
                                </button>
                            </p>
                        }
                    })
            }}
            <div class="sheet-total-row">
                <p class="sheet-total" class:off=move || total() != 100 data-testid="sheet-total">
                    <span class="total-label">{tr(SheetMsg::Total)}</span>
                    <strong class="total-value">{total}</strong>
                    <span class="total-of">"/100"</span>
                </p>
                <div class="sheet-total-actions">{children()}</div>
            </div>
            {move || match total_problem() {
                Some(m) => Some(view! { <p class="total-problem" role="alert" data-testid="total-problem">{m}</p> }.into_any()),
                // Saved (or what to fix) says enough: one line less over the sheet.
                None if status.with(Option::is_some) => None,
                None => Some(view! { <p class="total-ok">{tr(SheetMsg::TotalOk)}</p> }.into_any()),
            }}
            {move || {
                status
                    .get()
                    .map(|(ok, m)| {
                        view! {
                            <p class=if ok { "total-saved" } else { "total-problem" } role="status">
                                {m}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

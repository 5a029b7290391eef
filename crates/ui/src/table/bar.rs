//! The bulk bar, shown while rows are selected: the property, its value (typed into the
//! property's own editor and checked with core's rules as it is typed), "Set … on N work items"
//! and "Clear … on N work items"; then the change's progress in words, each failed row with
//! Plane's words and Retry, and Undo once the change is done.

use super::bulk::{self, BulkRun};
use super::state::TableState;
use crate::panel::context::Item;
use crate::panel::field::Field;
use crate::text::{self, table as words_of, table::BulkKind, table::words};
use leptos::prelude::*;

/// The bulk bar of a table.
#[component]
pub fn BulkBar(state: TableState) -> impl IntoView {
    let count = Memo::new(move |_| state.selection.with(|s| s.len()));
    let selected = Memo::new(move |_| count.get() > 0);
    // The columns a bulk change may set: those Plane's API writes.
    let offered = Memo::new(move |_| {
        state.properties.with(|ps| {
            ps.iter()
                .enumerate()
                .filter(|(_, p)| p.is_writable())
                .map(|(i, p)| (i, p.display_name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let chosen = RwSignal::new(0_usize);
    Effect::new(move |_| {
        let first = offered.with(|o| o.first().map(|(i, _)| *i));
        if !offered.with(|o| o.iter().any(|(i, _)| *i == chosen.get_untracked()))
            && let Some(first) = first
        {
            chosen.set(first);
        }
    });
    // The value is held by a field that sends nothing, made again for another property.
    let field = RwSignal::new(None::<Field>);
    Effect::new(move |_| {
        let property = state.properties.with(|p| p.get(chosen.get()).cloned());
        field.set(property.map(|property| {
            let item = Item {
                workspace: state.workspace.get_value(),
                project_id: state.project_id(),
                work_item_id: String::new(),
            };
            let prefix = format!("{}-bulk", state.prefix.get_value());
            Field::scratch(state.ctx.for_item(item), property, &prefix)
        }));
    });
    let select_id = format!("{}-bulk-property", state.prefix.get_value());
    move || {
        selected.get().then(|| {
            let options = move || {
                offered
                    .get()
                    .into_iter()
                    .map(|(i, name)| {
                        view! { <option value=i.to_string() selected=move || chosen.get() == i>{name}</option> }
                    })
                    .collect_view()
            };
            let select_id = select_id.clone();
            view! {
                <div class="pt-bulk" role="group" aria-label=move || words_of::work_items(count.get())>
                    <span class="pt-bulk-count">{move || words_of::work_items(count.get())}" selected"</span>
                    <label for=select_id.clone()>{words::BULK_PROPERTY}</label>
                    <select id=select_id on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                            chosen.set(i);
                        }
                    }>{options}</select>
                    {move || field.get().map(|field| view! { <ValueAndActions state=state field=field count=count /> })}
                </div>
            }
        })
    }
}

/// The bulk value's editor and the Set and Clear buttons.
#[component]
fn ValueAndActions(state: TableState, field: Field, count: Memo<usize>) -> impl IntoView {
    let ids = field.ids.get_value();
    let name = field.name();
    let set_words = {
        let name = name.clone();
        Signal::derive(move || {
            field.value.get()?;
            Some(words_of::bulk_set(
                &name,
                &crate::editors::shown_text(&field),
                count.get(),
            ))
        })
    };
    let required = field.property.with_value(|p| p.is_required);
    let set = move |_| {
        if let Some(value) = field.value.get_untracked() {
            let property = field.property.get_value();
            bulk::start(
                BulkKind::Set,
                &property,
                Some(value),
                state.picked(),
                move |e| state.read_row(e),
                state.run,
            );
        }
    };
    let clear = move |_| {
        // Core's rule (and Plane's words) for a required property.
        if field.parse("").is_err() {
            field.clear();
            return;
        }
        let property = field.property.get_value();
        bulk::start(
            BulkKind::Clear,
            &property,
            None,
            state.picked(),
            move |e| state.read_row(e),
            state.run,
        );
    };
    view! {
        <div class="pt-bulk-value">
            <label class="pi-label" id=ids.label.clone() for=ids.control.clone()>{words::BULK_VALUE}</label>
            <crate::editors::Editor field=field />
            <p class="pi-message" data-tone="problem" id=ids.message.clone()>{move || field.invalid.get()}</p>
        </div>
        <button type="button" class="pi-button" disabled=move || set_words.with(Option::is_none)
            on:click=set>{move || set_words.get().unwrap_or_else(|| format!("Set {name}"))}</button>
        <button type="button" class="pi-button" disabled=required
            on:click=clear>{move || words_of::bulk_clear(&field.name(), count.get())}</button>
    }
}

/// The latest bulk change's progress, failures and Undo.
#[component]
pub fn Progress(state: TableState) -> impl IntoView {
    let (ctx, run) = (state.ctx, state.run);
    // Progress is announced through the table's one live region when its words change.
    Effect::new(move |last: Option<Option<String>>| {
        let line = run.with(|r| {
            r.as_ref()
                .map(|c| words_of::bulk_progress(c.kind, c.tally(), ctx.now.get_untracked()))
        })?;
        if last.flatten().as_ref() != Some(&line) {
            ctx.announce(line.clone());
        }
        Some(line)
    });
    move || {
        let change = run.get()?;
        let tally = change.tally();
        let line = words_of::bulk_progress(change.kind, tally, ctx.now.get());
        let failures = change
            .failures()
            .into_iter()
            .map(|row| {
                let field = row.field;
                let why = field.status_text().unwrap_or_default();
                view! {
                    <li>{row.label.clone()}": "{why}" "
                        <button type="button" class="pi-link-button" on:click=move |_| field.retry()>{text::words::RETRY}</button>
                    </li>
                }
            })
            .collect_view();
        let finished = tally.remaining() == 0;
        let undo = undo_of(&change, finished).map(|back| {
            let count = back.rows.len();
            view! {
                <button type="button" class="pi-button" on:click=move |_| {
                    back.send();
                    run.set(Some(back.clone()));
                }>{words_of::undo(count)}</button>
            }
        });
        Some(view! {
            <div class="pt-progress" data-finished=finished.to_string() data-failed=(tally.failed > 0).to_string()>
                <p>{line}</p>
                <ul class="pt-failures">{failures}</ul>
                {undo}
            </div>
        })
    }
}

/// The change that undoes `change`, once it is done (an Undo is not undone in turn).
fn undo_of(change: &BulkRun, finished: bool) -> Option<BulkRun> {
    if !finished || change.kind == BulkKind::Undo {
        return None;
    }
    change.undo()
}

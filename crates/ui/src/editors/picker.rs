//! OPTION and RELATION (USER, ISSUE) values: a WAI-ARIA combobox with a list box popup. Type to
//! filter, arrows to move, Enter to pick, Escape to close, Backspace on an empty box removes the
//! last chip. Single properties hold one chip, multi properties any number; each pick or removal
//! is one save (an empty set is one clear).

use super::described_by;
use crate::panel::field::Field;
use crate::text::{self, words};
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_core::value::PropertyValue;
use serde_json::Value as Json;
use std::collections::HashMap;
use web_sys::KeyboardEvent;

/// Where a picker's choices come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The property's active options.
    Options,
    /// The workspace's members (search by name or email).
    Members,
    /// The workspace's work items (the search endpoint).
    WorkItems,
}

/// One thing a picker offers.
#[derive(Debug, Clone, PartialEq)]
struct Choice {
    id: String,
    label: String,
    /// Shown after the label (an email, a work item identifier).
    detail: Option<String>,
    /// Initials for a member's avatar.
    initials: Option<String>,
    /// The property's default option.
    is_default: bool,
}

/// The combobox.
#[component]
pub fn Picker(field: Field, source: Source) -> impl IntoView {
    let ctx = field.ctx();
    let multi = field.property.with_value(|p| p.is_multi);
    let query = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(None::<usize>);
    let results = RwSignal::new(Vec::<Choice>::new());
    // Labels of work items seen in searches (a stored ISSUE value is only an id).
    let seen = StoredValue::new(HashMap::<String, Choice>::new());
    let generation = StoredValue::new(0_u64);

    let selected = move || -> Vec<String> {
        match field.typed() {
            Some(PropertyValue::Id(id)) => vec![id],
            Some(PropertyValue::Ids(ids)) => ids,
            _ => Vec::new(),
        }
    };
    let label_of = move |id: &str| -> Choice {
        let known = match source {
            Source::Options => field.property.with_value(|p| {
                p.options
                    .iter()
                    .find(|o| o.id == id)
                    .map(|o| option_choice(o.id.clone(), o.name.clone(), o.is_default))
            }),
            Source::Members => ctx
                .members
                .with_untracked(|ms| ms.iter().find(|m| m.id == id).map(member_choice)),
            Source::WorkItems => seen.with_value(|s| s.get(id).cloned()),
        };
        known.unwrap_or_else(|| Choice {
            id: id.to_owned(),
            label: short_id(id),
            detail: None,
            initials: None,
            is_default: false,
        })
    };

    let refresh = move || {
        let text = query.get_untracked();
        let current = generation.get_value() + 1;
        generation.set_value(current);
        match source {
            Source::Options => {
                let needle = text.trim().to_lowercase();
                let choices = field.property.with_value(|p| {
                    p.options
                        .iter()
                        .filter(|o| o.is_active && o.name.to_lowercase().contains(&needle))
                        .map(|o| option_choice(o.id.clone(), o.name.clone(), o.is_default))
                        .collect::<Vec<_>>()
                });
                results.set(choices);
            }
            Source::Members => {
                let local: Vec<Choice> = ctx.members.with_untracked(|ms| {
                    ms.iter()
                        .filter(|m| m.can_be_chosen() && m.matches(&text))
                        .map(member_choice)
                        .collect()
                });
                results.set(local);
                let workspace = ctx
                    .item
                    .with_untracked(|i| i.as_ref().map(|i| i.workspace.clone()));
                if let Some(workspace) = workspace.filter(|_| !text.trim().is_empty()) {
                    let backend = ctx.backend();
                    spawn_local(async move {
                        if let Ok(found) = backend.search_members(&workspace, &text).await
                            && generation.get_value() == current
                        {
                            results.set(
                                found
                                    .iter()
                                    .filter(|m| m.can_be_chosen())
                                    .map(member_choice)
                                    .collect(),
                            );
                        }
                    });
                }
            }
            Source::WorkItems => {
                let workspace = ctx
                    .item
                    .with_untracked(|i| i.as_ref().map(|i| i.workspace.clone()));
                let Some(workspace) = workspace.filter(|_| !text.trim().is_empty()) else {
                    results.set(Vec::new());
                    return;
                };
                let backend = ctx.backend();
                spawn_local(async move {
                    let found = backend.search_work_items(&workspace, &text).await;
                    if generation.get_value() != current {
                        return;
                    }
                    let choices: Vec<Choice> = found
                        .unwrap_or_default()
                        .into_iter()
                        .map(|hit| {
                            let identifier = match (&hit.project_identifier, &hit.sequence_id) {
                                (Some(project), Some(sequence)) => Some(format!(
                                    "{project}-{}",
                                    sequence.to_string().trim_matches('"')
                                )),
                                _ => None,
                            };
                            Choice {
                                id: hit.id.clone(),
                                label: hit.name.clone(),
                                detail: identifier,
                                initials: None,
                                is_default: false,
                            }
                        })
                        .collect();
                    seen.update_value(|s| {
                        for choice in &choices {
                            s.insert(choice.id.clone(), choice.clone());
                        }
                    });
                    ctx.work_items.update(|known| {
                        for choice in &choices {
                            known.insert(choice.id.clone(), choice.label.clone());
                        }
                    });
                    results.set(choices);
                });
            }
        }
        active.set(None);
    };

    let set_ids = move |ids: Vec<String>| {
        if ids.is_empty() {
            field.clear();
        } else if multi {
            field.commit_json(Json::Array(ids.into_iter().map(Json::String).collect()));
        } else if let Some(id) = ids.into_iter().next() {
            field.commit_json(Json::String(id));
        }
    };
    let pick = move |choice: Choice| {
        let mut ids = selected();
        if multi {
            if let Some(at) = ids.iter().position(|id| *id == choice.id) {
                ids.remove(at);
            } else {
                ids.push(choice.id.clone());
            }
        } else {
            ids = vec![choice.id.clone()];
            open.set(false);
        }
        query.set(String::new());
        set_ids(ids);
        if !multi {
            field.finish(true);
        }
        if open.get_untracked() {
            refresh();
        }
    };
    let remove = move |id: String| {
        let ids: Vec<String> = selected().into_iter().filter(|i| *i != id).collect();
        set_ids(ids);
    };
    let show = move || {
        open.set(true);
        refresh();
    };
    // Opened from the row: the list shows at once, filtered by what was typed there.
    if let Some(typed) = field.take_seed() {
        query.set(typed);
    }
    show();
    let on_key = move |ev: KeyboardEvent| {
        let count = results.with_untracked(Vec::len);
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                if !open.get_untracked() {
                    show();
                }
                let count = results.with_untracked(Vec::len);
                if count > 0 {
                    active.set(Some(active.get_untracked().map_or(0, |i| (i + 1) % count)));
                }
            }
            "ArrowUp" => {
                ev.prevent_default();
                if count > 0 {
                    active.set(Some(
                        active
                            .get_untracked()
                            .map_or(count - 1, |i| (i + count - 1) % count),
                    ));
                }
            }
            "Enter" => {
                ev.prevent_default();
                let chosen = active
                    .get_untracked()
                    .and_then(|i| results.with_untracked(|r| r.get(i).cloned()));
                if let Some(choice) = chosen {
                    pick(choice);
                } else if !open.get_untracked() {
                    show();
                }
            }
            // Escape closes the list, then the editor (not the page's card).
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                let was_open = open.get_untracked();
                open.set(false);
                query.set(String::new());
                field.invalid.set(None);
                if !was_open {
                    field.finish(true);
                }
            }
            "Backspace" if query.with_untracked(String::is_empty) => {
                if let Some(last) = selected().pop() {
                    ev.prevent_default();
                    remove(last);
                }
            }
            "Tab" => open.set(false),
            _ => {}
        }
    };

    let ids = field.ids.get_value();
    let name = field.name();
    let listbox_id = ids.listbox.clone();
    let option_id = {
        let listbox_id = listbox_id.clone();
        move |i: usize| format!("{listbox_id}-{i}")
    };
    let active_descendant = {
        let option_id = option_id.clone();
        move || {
            active
                .get()
                .filter(|_| open.get())
                .map(&option_id)
                .unwrap_or_default()
        }
    };
    let chips = move || {
        let name = field.name();
        selected()
            .into_iter()
            .map(|id| {
                let choice = label_of(&id);
                let remove_label = text::remove_label(&choice.label, &name);
                view! {
                    <span class="pi-chip">
                        {choice.initials.clone().map(|i| view! { <span class="pi-avatar" aria-hidden="true">{i}</span> })}
                        <span class="pi-chip-label">{choice.label.clone()}</span>
                        {choice.detail.clone().map(|d| view! { <span class="pi-chip-detail">{d}</span> })}
                        <button type="button" class="pi-chip-remove" aria-label=remove_label
                            on:click=move |_| remove(id.clone())>"×"</button>
                    </span>
                }
            })
            .collect_view()
    };
    let list = move || {
        let selected = selected();
        let items = results.get();
        if items.is_empty() {
            return view! { <li class="pi-option pi-empty" role="presentation">{words::NO_MATCHES}</li> }
                .into_any();
        }
        items
            .into_iter()
            .enumerate()
            .map(|(i, choice)| {
                let is_selected = selected.contains(&choice.id);
                let is_active = move || active.get() == Some(i);
                let picked = choice.clone();
                view! {
                    <li
                        id=option_id(i)
                        role="option"
                        class="pi-option"
                        class:pi-active=is_active
                        aria-selected=is_selected.to_string()
                        on:mousedown=move |ev| {
                            ev.prevent_default();
                            pick(picked.clone());
                        }
                    >
                        <span class="pi-check" aria-hidden="true">{if is_selected { "✓" } else { "" }}</span>
                        {choice.initials.clone().map(|i| view! { <span class="pi-avatar" aria-hidden="true">{i}</span> })}
                        <span class="pi-option-label">{choice.label.clone()}</span>
                        {choice.detail.clone().map(|d| view! { <span class="pi-option-detail">{d}</span> })}
                        {choice.is_default.then(|| view! { <span class="pi-badge">{words::DEFAULT}</span> })}
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let required = field.property.with_value(|p| p.is_required);
    view! {
        <div class="pi-picker">
            <div class="pi-chips">{chips}</div>
            <div class="pi-combo">
                <input
                    id=ids.control
                    class="pi-input"
                    type="text"
                    role="combobox"
                    autocomplete="off"
                    placeholder=words::SEARCH
                    aria-autocomplete="list"
                    aria-expanded=move || open.get().to_string()
                    aria-controls=listbox_id.clone()
                    aria-activedescendant=active_descendant
                    aria-describedby=described_by(&field)
                    aria-invalid=move || if field.invalid.get().is_some() { "true" } else { "false" }
                    aria-required=required.to_string()
                    prop:value=move || query.get()
                    on:input=move |ev| {
                        // Typing again: a message about the last choice no longer applies.
                        field.invalid.set(None);
                        query.set(event_target_value(&ev));
                        open.set(true);
                        refresh();
                    }
                    on:click=move |_| show()
                    on:keydown=on_key
                    on:blur=move |_| {
                        // A blur can arrive after the editor closed.
                        open.try_set(false);
                    }
                />
                <ul
                    id=listbox_id
                    role="listbox"
                    class="pi-listbox"
                    aria-label=name
                    aria-multiselectable=multi.to_string()
                    hidden=move || !open.get()
                >
                    {list}
                </ul>
            </div>
        </div>
    }
}

fn option_choice(id: String, label: String, is_default: bool) -> Choice {
    Choice {
        id,
        label,
        detail: None,
        initials: None,
        is_default,
    }
}

/// A member as a choice; a deactivated member a value still names is marked so.
fn member_choice(member: &plane_inline_core::workspace::Member) -> Choice {
    let name = member.label();
    let label = crate::text::member_name(member);
    Choice {
        id: member.id.clone(),
        initials: Some(initials(&name)),
        detail: member.email.clone().filter(|e| *e != name),
        label,
        is_default: false,
    }
}

/// Up to two initials of a name ("Ada Lovelace" gives "AL").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .take(2)
        .flat_map(char::to_uppercase)
        .collect()
}

/// The first block of a UUID, for a work item whose name is not known yet.
fn short_id(id: &str) -> String {
    id.split('-').next().unwrap_or(id).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_the_first_letters_of_two_words() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("grace brewster hopper"), "GB");
        assert_eq!(initials("émile"), "É");
        assert_eq!(short_id("0f8e2c1a-0000-4000-8000-000000000001"), "0f8e2c1a");
    }
}

//! One property's editing state and its way to Plane: what the panel shows (optimistically),
//! what Plane holds, the edit's stage, and commit with rollback on failure.

use super::context::PanelContext;
use crate::text;
use leptos::prelude::*;
use leptos::task::spawn_local;
use plane_inline_core::property::{Property, PropertyType, TextFormat};
use plane_inline_core::value::{
    Input, PropertyValue, format_for_input, parse_input, validate_value,
};
use plane_inline_core::workspace::Access;
use plane_inline_messages::{EditStage, Problem, shown_value};
use serde_json::Value as Json;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Where a field's latest edit is.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldStatus {
    /// Nothing in progress.
    Idle,
    /// On its way: queued, waiting for the rate limit, sending or retrying.
    Pending(EditStage),
    /// Plane confirmed the latest edit.
    Saved,
    /// The latest edit failed; `attempted` is what Retry sends again.
    Failed {
        /// Why.
        problem: Problem,
        /// The value that was sent (`None`: a clear).
        attempted: Option<Json>,
    },
}

/// The DOM ids one field's controls use, unique within the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIds {
    /// The property's name (what names the value and the editor).
    pub label: String,
    /// The value as shown while the row is not being edited.
    pub value: String,
    /// Why a value is not edited here (read by screen readers).
    pub note: String,
    /// The editing control (what the label points at).
    pub control: String,
    /// The description (the property's help text).
    pub description: String,
    /// The message under the field (validation error or status).
    pub message: String,
    /// A picker's list box.
    pub listbox: String,
}

/// One property's state, a `Copy` handle for event handlers and views.
#[derive(Clone, Copy)]
pub struct Field {
    /// The property.
    pub property: StoredValue<Property>,
    /// The value shown: Plane's, or the edit being sent (optimistic).
    pub value: RwSignal<Option<Json>>,
    /// What Plane holds, as far as the panel knows.
    confirmed: StoredValue<Option<Json>>,
    /// The latest edit's status.
    pub status: RwSignal<FieldStatus>,
    /// Core's message for the text being typed, when it is not a value Plane accepts.
    pub invalid: RwSignal<Option<String>>,
    /// DOM ids.
    pub ids: StoredValue<FieldIds>,
    /// Whether the row's editor is open (the value shows as text otherwise).
    pub editing: RwSignal<bool>,
    /// What the person typed on the row to open its editor, for the editor to start from.
    seed: StoredValue<Option<String>>,
    /// Numbers edits so that a late answer never overwrites a newer edit.
    sequence: StoredValue<u64>,
    /// A field that only holds what is typed and sends nothing (the table's bulk value).
    scratch: bool,
    ctx: PanelContext,
}

impl Field {
    /// A field for `property` holding `value`.
    pub fn new(ctx: PanelContext, property: Property, value: Option<Json>, prefix: &str) -> Self {
        let id = |part: &str| format!("{prefix}-{part}-{}", property.id);
        let ids = FieldIds {
            label: id("label"),
            value: id("value"),
            note: id("note"),
            control: id("control"),
            description: id("description"),
            message: id("message"),
            listbox: id("listbox"),
        };
        Self {
            property: StoredValue::new(property),
            value: RwSignal::new(value.clone()),
            confirmed: StoredValue::new(value),
            status: RwSignal::new(FieldStatus::Idle),
            invalid: RwSignal::new(None),
            ids: StoredValue::new(ids),
            editing: RwSignal::new(false),
            seed: StoredValue::new(None),
            sequence: StoredValue::new(0),
            scratch: false,
            ctx,
        }
    }

    /// A field that checks what is typed with core's rules and holds it, sending nothing: the
    /// value a bulk change will set.
    pub fn scratch(ctx: PanelContext, property: Property, prefix: &str) -> Self {
        Self {
            scratch: true,
            ..Self::new(ctx, property, None, prefix)
        }
    }

    /// What Plane holds, as far as this field knows.
    pub fn held(&self) -> Option<Json> {
        self.confirmed.get_value()
    }

    /// Plane's value was read (a table row's values arrived): it is shown unless an edit of the
    /// field is under way.
    pub fn hold(&self, value: Option<Json>) {
        self.confirmed.set_value(value.clone());
        if self.status.get_untracked() == FieldStatus::Idle && !self.editing.get_untracked() {
            self.value.set(value);
        }
    }

    /// Opens the row's editor in place (when the property can be edited here), starting from
    /// `typed` when the person opened it by typing, and moves the focus into it.
    pub fn start(&self, typed: Option<String>) {
        if !self.editable() {
            return;
        }
        self.seed.set_value(typed);
        self.editing.set(true);
        let control = self.ids.with_value(|ids| ids.control.clone());
        focus_soon(control);
    }

    /// What the person typed to open the editor, once.
    pub fn take_seed(&self) -> Option<String> {
        let mut seed = None;
        self.seed.update_value(|s| seed = s.take());
        seed
    }

    /// Closes the row's editor; with `refocus`, the focus goes back to the row's value (Enter
    /// and Escape), else it stays where the person moved it.
    pub fn finish(&self, refocus: bool) {
        self.editing.set(false);
        if refocus {
            focus_soon(self.ids.with_value(|ids| ids.value.clone()));
        }
    }

    /// The panel this field belongs to.
    pub fn ctx(&self) -> PanelContext {
        self.ctx
    }

    /// The property's display name.
    pub fn name(&self) -> String {
        self.property.with_value(|p| p.display_name.clone())
    }

    /// The typed value shown (tracked).
    pub fn typed(&self) -> Option<PropertyValue> {
        let json = self.value.get()?;
        self.property.with_value(|p| shown_value(p, &json))
    }

    /// The value shown as editor text (tracked).
    pub fn text(&self) -> String {
        let json = self.value.get();
        self.property.with_value(|p| as_text(p, json.as_ref()))
    }

    /// The value shown as editor text (untracked).
    pub fn text_untracked(&self) -> String {
        let json = self.value.get_untracked();
        self.property.with_value(|p| as_text(p, json.as_ref()))
    }

    /// Reads editor text with core's input grammar: what it asks for, or Plane's message.
    pub fn parse(&self, text: &str) -> Result<Input, String> {
        self.property
            .with_value(|p| parse_input(p, text))
            .map_err(|e| e.to_string())
    }

    /// Checks a value with core's rules, then commits it; shows Plane's message otherwise.
    pub fn commit_json(&self, json: Json) {
        match self.property.with_value(|p| validate_value(p, &json)) {
            Ok(input) => self.commit_input(input),
            Err(error) => self.invalid.set(Some(error.to_string())),
        }
    }

    /// Commits what editor text asked for.
    pub fn commit_input(&self, input: Input) {
        self.invalid.set(None);
        match input {
            Input::Set(value) => self.commit(Some(value.to_json())),
            Input::Clear => self.commit(None),
        }
    }

    /// Clears the property, unless it is required (then says so, and sends nothing).
    pub fn clear(&self) {
        match self.parse("") {
            Ok(input) => self.commit_input(input),
            Err(message) => self.invalid.set(Some(message)),
        }
    }

    /// Sends the edit again if it failed in a way that may pass now (offline, rate limited,
    /// Plane's trouble); refused edits wait for the person.
    pub fn resend_kept(&self) {
        let kept = matches!(
            self.status.get_untracked(),
            FieldStatus::Failed { ref problem, .. } if problem.is_transient()
        );
        if kept {
            self.retry();
        }
    }

    /// Sends the failed edit again.
    pub fn retry(&self) {
        if let FieldStatus::Failed { attempted, .. } = self.status.get_untracked() {
            self.send(attempted);
        }
    }

    /// Sends `next` unless Plane already holds it or it is on its way; shows it at once and
    /// rolls back if Plane refuses it.
    pub fn commit(&self, next: Option<Json>) {
        let status = self.status.get_untracked();
        let settled = !matches!(status, FieldStatus::Failed { .. } | FieldStatus::Pending(_));
        let held = settled && self.confirmed.with_value(|held| *held == next);
        let in_flight = matches!(status, FieldStatus::Pending(_))
            && self.value.with_untracked(|shown| *shown == next);
        if held || in_flight {
            self.value.set(next);
            return;
        }
        self.send(next);
    }

    fn send(&self, next: Option<Json>) {
        if self.scratch {
            self.value.set(next);
            return;
        }
        let field = *self;
        let Some(edit) = self
            .ctx
            .edit(self.property.with_value(|p| p.id.clone()), next.clone())
        else {
            return;
        };
        let sequence = self.sequence.get_value() + 1;
        self.sequence.set_value(sequence);
        self.value.set(next.clone());
        self.status.set(FieldStatus::Pending(EditStage::Sending));
        let backend = self.ctx.backend();
        let on_stage: Rc<dyn Fn(EditStage)> = Rc::new(move |stage| {
            if field.sequence.get_value() == sequence {
                field.status.set(FieldStatus::Pending(stage));
            }
        });
        spawn_local(async move {
            let result = backend.write(&edit, on_stage).await;
            let latest = field.sequence.get_value() == sequence;
            let name = field.name();
            match result {
                Ok(saved) => {
                    field.confirmed.set_value(saved.value.clone());
                    if latest {
                        field.value.set(saved.value.clone());
                        field.status.set(FieldStatus::Saved);
                    }
                    let words = if saved.value.is_some() {
                        text::announce_saved(&name)
                    } else {
                        text::announce_cleared(&name)
                    };
                    field.ctx.announce(words);
                    field.ctx.saved(&saved);
                }
                Err(problem) => {
                    if latest {
                        // A transient failure keeps the edit on show, to be sent again; a
                        // refusal puts back what Plane holds.
                        if !problem.is_transient() {
                            field.value.set(field.confirmed.get_value());
                        }
                        field.status.set(FieldStatus::Failed {
                            problem: problem.clone(),
                            attempted: next,
                        });
                    }
                    field.ctx.announce(text::announce_failed(&name, &problem));
                    field.ctx.failed(&problem);
                }
            }
        });
    }

    /// The status line under the field, if any (tracked).
    pub fn status_text(&self) -> Option<String> {
        match self.status.get() {
            FieldStatus::Idle => None,
            FieldStatus::Pending(stage) => Some(text::stage(&stage, self.ctx.now.get())),
            FieldStatus::Saved => Some(text::words::SAVED.into()),
            FieldStatus::Failed { problem, .. } => Some(text::failed(&problem)),
        }
    }

    /// Whether the property can be edited here at all: a kind Plane's API writes, by a key
    /// owner who may change the project's values.
    pub fn editable(&self) -> bool {
        // Plane's web app does not edit a read-only TEXT; neither does this panel.
        let shown_as_settled = self.property.with_value(|p| {
            p.settings.text_format() == TextFormat::ReadOnly
                && p.property_type == PropertyType::Text
        });
        self.property.with_value(Property::is_writable)
            && !shown_as_settled
            && self.ctx.access.with_untracked(|a| *a == Access::Edit)
    }
}

/// Focuses the element with `id` once the view has been drawn again.
fn focus_soon(id: String) {
    request_animation_frame(move || {
        let element = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(element) = element {
            let _ = element.focus();
        }
    });
}

fn as_text(property: &Property, json: Option<&Json>) -> String {
    json.and_then(|json| shown_value(property, json))
        .map(|value| format_for_input(property, &value))
        .unwrap_or_default()
}

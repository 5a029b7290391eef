//! What the component tests share: a recording backend, a fixture with one property of every
//! kind, and small DOM helpers (type, press a key, click, wait for the panel to settle).
#![allow(dead_code)] // each test binary uses its own part

use futures_util::FutureExt;
use leptos::prelude::*;
use plane_inline_core::property::Property;
use plane_inline_core::workspace::{Access, Member, SearchHit, WorkItem};
use plane_inline_messages::{
    Activity, Edit, PanelModel, Problem, RowValues, RowsPage, RowsRequest, SavedValue, TableModel,
    TableRow, TableTarget, TableType, Target, Unreadable,
};
use plane_inline_ui::backend::OnStage;
use plane_inline_ui::{Backend, Hooks, Panel, Pending, Theme, Watch};
use serde_json::{Value as Json, json};
use std::cell::RefCell;
use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

/// A call the panel made.
#[derive(Debug, Clone, PartialEq)]
pub enum Call {
    Load(Target),
    Save(Edit),
    Clear(Edit),
    Members(String),
    WorkItems(String),
    Table(TableTarget),
    Rows {
        per_page: u32,
        cursor: Option<String>,
    },
    RowValues(String),
}

/// A backend that records every call and answers from a script.
#[derive(Default)]
pub struct Recording {
    pub model: RefCell<Option<Result<PanelModel, Problem>>>,
    pub calls: RefCell<Vec<Call>>,
    /// Answers for the next writes (default: success with the value sent).
    pub write_answers: RefCell<VecDeque<Result<(), Problem>>>,
    pub hits: RefCell<Vec<SearchHit>>,
    /// Work items of the table's project (see [`table_row`]).
    pub table_rows: std::cell::Cell<usize>,
}

impl Recording {
    pub fn with_model(model: Result<PanelModel, Problem>) -> Rc<Self> {
        let recording = Self::default();
        *recording.model.borrow_mut() = Some(model);
        Rc::new(recording)
    }

    pub fn calls(&self) -> Vec<Call> {
        self.calls.borrow().clone()
    }

    /// The writes (saves and clears) made so far.
    pub fn writes(&self) -> Vec<Call> {
        self.calls()
            .into_iter()
            .filter(|c| matches!(c, Call::Save(_) | Call::Clear(_)))
            .collect()
    }

    fn answer(&self, edit: &Edit) -> Result<SavedValue, Problem> {
        match self.write_answers.borrow_mut().pop_front() {
            Some(Err(problem)) => Err(problem),
            _ => Ok(SavedValue {
                property_id: edit.property_id.clone(),
                value: edit.value.clone(),
            }),
        }
    }
}

impl Backend for Recording {
    fn load(&self, target: &Target) -> Pending<'_, PanelModel> {
        self.calls.borrow_mut().push(Call::Load(target.clone()));
        let answer = self
            .model
            .borrow()
            .clone()
            .unwrap_or(Err(Problem::NoWorkItem));
        async move { answer }.boxed_local()
    }

    fn write(&self, edit: &Edit, _on_stage: OnStage) -> Pending<'_, SavedValue> {
        let call = match edit.value {
            Some(_) => Call::Save(edit.clone()),
            None => Call::Clear(edit.clone()),
        };
        self.calls.borrow_mut().push(call);
        let answer = self.answer(edit);
        async move { answer }.boxed_local()
    }

    fn search_members(&self, _workspace: &str, query: &str) -> Pending<'_, Vec<Member>> {
        self.calls
            .borrow_mut()
            .push(Call::Members(query.to_owned()));
        let found: Vec<Member> = members().into_iter().filter(|m| m.matches(query)).collect();
        async move { Ok(found) }.boxed_local()
    }

    fn search_work_items(&self, _workspace: &str, query: &str) -> Pending<'_, Vec<SearchHit>> {
        self.calls
            .borrow_mut()
            .push(Call::WorkItems(query.to_owned()));
        let hits = self.hits.borrow().clone();
        async move { Ok(hits) }.boxed_local()
    }

    fn table(&self, target: &TableTarget) -> Pending<'_, TableModel> {
        self.calls.borrow_mut().push(Call::Table(target.clone()));
        async move { Ok(table_model()) }.boxed_local()
    }

    fn rows(&self, request: &RowsRequest) -> Pending<'_, RowsPage> {
        self.calls.borrow_mut().push(Call::Rows {
            per_page: request.per_page,
            cursor: request.cursor.clone(),
        });
        let per_page = request.per_page as usize;
        let page: usize = request
            .cursor
            .as_deref()
            .and_then(|c| c.split(':').nth(1)?.parse().ok())
            .unwrap_or(0);
        let total = self.table_rows.get();
        let start = (page * per_page).min(total);
        let end = (start + per_page).min(total);
        let answer = RowsPage {
            rows: (start..end).map(table_row).collect(),
            next_cursor: (end < total).then(|| format!("{per_page}:{}:0", page + 1)),
            total: Some(total as u64),
        };
        async move { Ok(answer) }.boxed_local()
    }

    fn row_values(
        &self,
        _workspace: &str,
        _project_id: &str,
        work_item_id: &str,
    ) -> Pending<'_, RowValues> {
        self.calls
            .borrow_mut()
            .push(Call::RowValues(work_item_id.to_owned()));
        let n = row_number(work_item_id);
        let mut values = RowValues::new();
        values.insert(pid("Summary"), json!(format!("Summary {n}")));
        if n.is_multiple_of(2) {
            values.insert(pid("Severity"), json!(SEVERITY_HIGH));
        }
        async move { Ok(values) }.boxed_local()
    }

    fn watch(&self, _listener: Rc<dyn Fn(Activity)>) -> Watch {
        Watch::new(())
    }
}

pub const TASK_TYPE: &str = "7a5e0000-0000-4000-8000-000000000001";
pub const BUG_TYPE: &str = "7a5e0000-0000-4000-8000-000000000002";

/// The table's project: WEB, with the fixture's properties on "Task" and one on "Bug".
pub fn table_model() -> TableModel {
    TableModel {
        project: serde_json::from_value(json!({"id": PROJECT, "name": "Web", "identifier": "WEB"}))
            .unwrap(),
        types: vec![
            TableType {
                id: TASK_TYPE.into(),
                name: "Task".into(),
                is_default: true,
                properties: properties(),
            },
            TableType {
                id: BUG_TYPE.into(),
                name: "Bug".into(),
                is_default: false,
                properties: vec![property("Found In", "TEXT", json!({}))],
            },
        ],
        members: members(),
        access: Access::Edit,
        browse_base: Some("https://app.plane.so/acme/browse/".into()),
    }
}

/// The table's work item `i` (from 0): WEB-(i+1), every tenth a Bug.
pub fn table_row(i: usize) -> TableRow {
    TableRow {
        id: format!("00000000-0000-4000-9000-{:012}", i + 1),
        sequence_id: Some(i as u32 + 1),
        name: format!("Work item {}", i + 1),
        type_id: Some(
            if (i + 1).is_multiple_of(10) {
                BUG_TYPE
            } else {
                TASK_TYPE
            }
            .into(),
        ),
    }
}

/// The number of a table row's work item id.
pub fn row_number(id: &str) -> usize {
    id.rsplit('-')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Mounts a table of WEB over `backend` in a fresh container; returns the container.
pub fn mount_table(backend: Rc<dyn Backend>, theme: Theme) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let target = TableTarget {
        workspace: WORKSPACE.into(),
        project: "WEB".into(),
    };
    leptos::mount::mount_to(container.clone(), move || {
        view! { <plane_inline_ui::Table backend=backend target=target theme=theme /> }
    })
    .forget();
    container
}

pub const WORKSPACE: &str = "acme";
pub const PROJECT: &str = "7d3c6a8e-1b2f-4c5d-9e0f-a1b2c3d4e5f6";
pub const WORK_ITEM: &str = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
pub const SEVERITY_HIGH: &str = "5f2e0d1c-0000-4000-8000-00000000000a";
pub const SEVERITY_MEDIUM: &str = "5f2e0d1c-0000-4000-8000-00000000000b";
pub const SEVERITY_LOW: &str = "5f2e0d1c-0000-4000-8000-00000000000c";
pub const PLATFORM_WEB: &str = "6a3f1e2d-0000-4000-8000-00000000000a";
pub const PLATFORM_IOS: &str = "6a3f1e2d-0000-4000-8000-00000000000b";
pub const SAM: &str = "9c8b7a69-0000-4000-8000-000000000002";
pub const LEE: &str = "9c8b7a69-0000-4000-8000-000000000003";
pub const OTHER_ITEM: &str = "1e2d3c4b-0000-4000-8000-000000000042";

/// The id of the fixture's property named `name`.
pub fn pid(name: &str) -> String {
    // FNV-1a, cut to 48 bits: distinct for the fixture's names.
    let hash = name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("00000000-0000-4000-8000-{:012x}", hash & 0xffff_ffff_ffff)
}

fn property(name: &str, kind: &str, extra: Json) -> Property {
    let mut json = json!({
        "id": pid(name),
        "name": name.to_lowercase().replace(' ', "-"),
        "display_name": name,
        "property_type": kind,
    });
    if let (Json::Object(base), Json::Object(more)) = (&mut json, extra) {
        base.extend(more);
    }
    serde_json::from_value(json).unwrap()
}

fn option(id: &str, name: &str, default: bool, active: bool) -> Json {
    json!({"id": id, "name": name, "is_default": default, "is_active": active})
}

/// One property of every kind, as the demo workspace has them.
pub fn properties() -> Vec<Property> {
    vec![
        property(
            "Summary",
            "TEXT",
            json!({"is_required": true, "description": "One line for the release notes."}),
        ),
        property(
            "Notes",
            "TEXT",
            json!({"settings": {"display_format": "multi-line"}}),
        ),
        property(
            "Legacy ID",
            "TEXT",
            json!({"settings": {"display_format": "readonly"}}),
        ),
        property("Story Points", "DECIMAL", json!({})),
        property("Customer Facing", "BOOLEAN", json!({})),
        property(
            "Due Date",
            "DATETIME",
            json!({"settings": {"display_format": "MMM dd, yyyy"}}),
        ),
        property(
            "Severity",
            "OPTION",
            json!({"is_required": true, "options": [
                option(SEVERITY_HIGH, "High", false, true),
                option(SEVERITY_MEDIUM, "Medium", true, true),
                option(SEVERITY_LOW, "Low", false, true),
                option("5f2e0d1c-0000-4000-8000-00000000000d", "Legacy", false, false),
            ]}),
        ),
        property(
            "Platforms",
            "OPTION",
            json!({"is_multi": true, "options": [
                option(PLATFORM_WEB, "Web", false, true),
                option(PLATFORM_IOS, "iOS", false, true),
            ]}),
        ),
        property("Reviewer", "RELATION", json!({"relation_type": "USER"})),
        property(
            "Watchers",
            "RELATION",
            json!({"relation_type": "USER", "is_multi": true}),
        ),
        property(
            "Duplicate Of",
            "RELATION",
            json!({"relation_type": "ISSUE"}),
        ),
        property("Spec Link", "URL", json!({})),
        property("Contact Email", "EMAIL", json!({})),
        property("Attachment", "FILE", json!({})),
        property("Effort Score", "FORMULA", json!({})),
        property(
            "Target Release",
            "RELATION",
            json!({"relation_type": "RELEASE"}),
        ),
    ]
}

pub fn members() -> Vec<Member> {
    let member = |id: &str, first: &str, last: &str, email: &str| Member {
        id: id.into(),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        email: Some(email.into()),
        display_name: Some(first.to_lowercase()),
        avatar_url: None,
        role: Some(15),
        is_active: None,
        is_bot: None,
    };
    vec![
        member(LEE, "Lee", "Chen", "lee.chen@example.com"),
        member(SAM, "Sam", "Rivera", "sam.rivera@example.com"),
    ]
}

/// The fixture's panel model: every kind, most with a value.
pub fn model() -> PanelModel {
    let values: BTreeMap<String, Json> = [
        ("Summary", json!("Fix login")),
        ("Notes", json!("First line\nSecond line")),
        ("Legacy ID", json!("LEG-1001")),
        ("Story Points", json!(3)),
        ("Customer Facing", json!(false)),
        ("Due Date", json!("2026-03-05")),
        ("Severity", json!(SEVERITY_HIGH)),
        ("Platforms", json!([PLATFORM_WEB, PLATFORM_IOS])),
        ("Reviewer", json!(SAM)),
        ("Spec Link", json!("https://example.com/spec")),
        ("Contact Email", json!("ops@example.com")),
        ("Attachment", json!("https://files.example.com/a.pdf")),
        ("Effort Score", json!("8")),
    ]
    .into_iter()
    .map(|(name, value)| (pid(name), value))
    .collect();
    PanelModel {
        work_item: serde_json::from_value::<WorkItem>(json!({
            "id": WORK_ITEM, "name": "Login fails on Safari", "sequence_id": 12, "project": PROJECT,
        }))
        .unwrap(),
        identifier: Some("WEB-12".into()),
        web_url: Some("https://app.plane.so/acme/browse/WEB-12/".into()),
        properties: properties(),
        members: members(),
        values,
        unreadable: vec![Unreadable {
            property: "Old Estimate".into(),
            kind: "DECIMAL".into(),
            value: "about five".into(),
        }],
        access: Access::Edit,
    }
}

pub fn target() -> Target {
    Target::identifier(WORKSPACE, "WEB-12").unwrap()
}

/// Mounts a panel for [`target`] over `backend` in a fresh container; returns the container.
pub fn mount(backend: Rc<dyn Backend>, theme: Theme, hooks: Hooks) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let container: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let target = Signal::derive(|| Some(target()));
    leptos::mount::mount_to(container.clone(), move || {
        view! { <Panel backend=backend target=target theme=theme hooks=hooks /> }
    })
    .forget();
    container
}

/// Lets spawned tasks and effects run.
pub async fn settle() {
    for _ in 0..3 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }
}

pub fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
}

pub fn find_all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

/// The row of the fixture's property `name`.
pub fn row(root: &Element, name: &str) -> Element {
    find(root, &format!("[data-property=\"{}\"]", pid(name)))
}

/// Opens the editor of the fixture's property `name` (a click on its value, as a person does)
/// and returns its row.
pub async fn open(root: &Element, name: &str) -> Element {
    click(&find(&row(root, name), ".pi-value"));
    settle().await;
    row(root, name)
}

/// What the row of `name` shows while it is not being edited.
pub fn shown(root: &Element, name: &str) -> String {
    text(&find(&row(root, name), ".pi-value"))
}

/// The text as rendered (`innerText`), whitespace collapsed.
pub fn text(element: &Element) -> String {
    element
        .unchecked_ref::<HtmlElement>()
        .inner_text()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Types `value` into an input or text area as a person would (an `input` event).
pub fn type_text(element: &Element, value: &str) {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.set_value(value);
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("input", &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// Presses a key on an element (`keydown`), with Ctrl when asked.
pub fn press(element: &Element, key: &str, ctrl: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_ctrl_key(ctrl);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// Clicks an element.
pub fn click(element: &Element) {
    element.unchecked_ref::<HtmlElement>().click();
}

/// Fires an event with no details (`blur`, `focus`, `mousedown`).
pub fn fire(element: &Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

/// The value property of an input or text area.
pub fn value_of(element: &Element) -> String {
    if let Some(input) = element.dyn_ref::<HtmlInputElement>() {
        input.value()
    } else if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// The edit the fixture panel makes for `name` with `value`.
pub fn edit(name: &str, value: Option<Json>) -> Edit {
    Edit {
        workspace: WORKSPACE.into(),
        project_id: PROJECT.into(),
        work_item_id: WORK_ITEM.into(),
        property_id: pid(name),
        value,
    }
}

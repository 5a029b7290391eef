//! Stand-ins for Plane's web-app pages, for the extension's tests and the demo: the work item
//! page `/{slug}/browse/{PROJ}-{N}/` (with `?csp=strict` adding `script-src 'self'`) and the
//! project's work item list, where clicking an item opens a peek overview without changing the
//! URL, built as Plane's web app builds it (makeplane/plane, `apps/web/core/components/issues/
//! peek-overview/view.tsx` and `header.tsx`; the portal in `apps/web/app/(all)/[workspaceSlug]/
//! (projects)/layout.tsx`): rendered into `#full-screen-portal` as an absolutely positioned
//! panel (side peek), whose header holds a close button and a link to the work item's page
//! (`/{slug}/browse/{PROJ}-{N}/`); Escape closes it. No attribute of this product's own.
//! The list's script is served from `/_pages/list.js`, so no inline script is needed.

use crate::api::QueryMap;
use crate::api::work_items::find_by_identifier;
use crate::error::ApiError;
use crate::state::Shared;
use crate::store::records::{ProjectRecord, UserRecord, WorkItemRecord, WorkspaceRecord};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rusqlite::{Connection, OptionalExtension};

/// Escapes text for HTML content and attributes.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn html(status: StatusCode, body: String, query: &QueryMap) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if query.get("csp").is_some_and(|c| c == "strict") {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'self'"),
        );
    }
    response
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1f2328}\
header{padding:12px 24px;border-bottom:1px solid #d0d7de;background:#f6f8fa}\
main{padding:24px;max-width:960px}dl{display:grid;grid-template-columns:160px 1fr;gap:6px 12px}\
dt{color:#57606a}ul.items{list-style:none;padding:0}ul.items li{border-bottom:1px solid #eaeef2}\
ul.items button{all:unset;cursor:pointer;display:block;padding:8px 4px;width:100%}\
.peek{position:fixed;top:0;right:0;bottom:0;width:50%;background:#fff;\
border-left:1px solid #d0d7de;box-shadow:-4px 0 16px rgba(0,0,0,.12)}\
.peek-header{display:flex;gap:16px;align-items:center;padding:16px}.peek-body{padding:0 32px}";

fn page(title: &str, body: &str, script: Option<&str>) -> String {
    let script = script
        .map(|s| format!("<script src=\"{s}\" defer></script>"))
        .unwrap_or_default();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title>\
         <style>{STYLE}</style>{script}</head><body><header>Plane (sandbox)</header><main>{body}</main></body></html>\n",
        esc(title)
    )
}

fn not_found(query: &QueryMap, what: &str) -> Response {
    let body = page(
        "Page not found",
        &format!("<h1>Page not found</h1><p>{}</p>", esc(what)),
        None,
    );
    html(StatusCode::NOT_FOUND, body, query)
}

fn named(conn: &Connection, table: &str, id: Option<&str>) -> Result<String, ApiError> {
    let Some(id) = id else {
        return Ok("None".to_owned());
    };
    let sql = format!("SELECT name FROM {table} WHERE id = ?1");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| "None".to_owned()))
}

/// `GET /{slug}/browse/{PROJ}-{N}/`.
pub async fn work_item(
    State(app): State<Shared>,
    Path((slug, identifier)): Path<(String, String)>,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    let found = app.store.read(|conn| {
        let Some(workspace) = WorkspaceRecord::by_slug(conn, &slug)? else {
            return Ok(None);
        };
        let Some(item) = find_by_identifier(conn, &workspace.id, &identifier)? else {
            return Ok(None);
        };
        let project = ProjectRecord::require(conn, &workspace.id, &item.project_id)?;
        let state = named(conn, "states", item.state_id.as_deref())?;
        let mut assignees = Vec::new();
        for id in WorkItemRecord::assignees(conn, &item.id)? {
            if let Some(user) = UserRecord::load(conn, &id)? {
                assignees.push(format!("{} {}", user.first_name, user.last_name));
            }
        }
        let mut labels = Vec::new();
        for id in WorkItemRecord::labels(conn, &item.id)? {
            labels.push(named(conn, "labels", Some(&id))?);
        }
        Ok(Some((project, item, state, assignees, labels)))
    })?;
    let Some((project, item, state, assignees, labels)) = found else {
        return Ok(not_found(
            &query,
            &format!("No work item {identifier} in workspace {slug}."),
        ));
    };
    let key = format!("{}-{}", project.identifier, item.sequence_id);
    let row = |label: &str, value: &str| format!("<dt>{label}</dt><dd>{}</dd>", esc(value));
    let body = format!(
        "<nav><a href=\"/{slug}/projects/{pid}/issues/\">{project}</a> / <span data-work-item-identifier>{key}</span></nav>\
         <h1 data-work-item-name>{name}</h1><dl>{state}{priority}{assignees}{labels}{start}{target}</dl>\
         <section data-work-item-description>{description}</section>",
        slug = esc(&slug),
        pid = esc(&project.id),
        project = esc(&project.name),
        key = esc(&key),
        name = esc(&item.name),
        state = row("State", &state),
        priority = row("Priority", &item.priority),
        assignees = row(
            "Assignees",
            &if assignees.is_empty() {
                "None".to_owned()
            } else {
                assignees.join(", ")
            }
        ),
        labels = row(
            "Labels",
            &if labels.is_empty() {
                "None".to_owned()
            } else {
                labels.join(", ")
            }
        ),
        start = row("Start date", item.start_date.as_deref().unwrap_or("None")),
        target = row("Due date", item.target_date.as_deref().unwrap_or("None")),
        description = esc(&item.description_html.replace("<p>", "").replace("</p>", "")),
    );
    Ok(html(
        StatusCode::OK,
        page(&format!("{key} {}", item.name), &body, None),
        &query,
    ))
}

/// `GET /{slug}/projects/{project_id}/issues/`: the list with a peek overlay.
pub async fn work_item_list(
    State(app): State<Shared>,
    Path((slug, project_id)): Path<(String, String)>,
    Query(query): Query<QueryMap>,
) -> Result<Response, ApiError> {
    let found = app.store.read(|conn| {
        let Some(workspace) = WorkspaceRecord::by_slug(conn, &slug)? else {
            return Ok(None);
        };
        let Some(project) = ProjectRecord::load(conn, &workspace.id, &project_id)? else {
            return Ok(None);
        };
        let sql = format!(
            "SELECT {} FROM work_items w WHERE w.project_id = ?1 ORDER BY w.sequence_id",
            WorkItemRecord::COLUMNS
        );
        let items: Vec<WorkItemRecord> = conn
            .prepare_cached(&sql)?
            .query_map([&project.id], WorkItemRecord::from_row)?
            .collect::<Result<_, _>>()?;
        Ok(Some((project, items)))
    })?;
    let Some((project, items)) = found else {
        return Ok(not_found(
            &query,
            &format!("No project {project_id} in workspace {slug}."),
        ));
    };
    let mut rows = String::new();
    for item in &items {
        let key = format!("{}-{}", project.identifier, item.sequence_id);
        rows.push_str(&format!(
            "<li><button type=\"button\" data-work-item=\"{key}\" data-href=\"/{slug}/browse/{key}/\" data-name=\"{name}\">\
             <strong>{key}</strong> {name}</button></li>",
            key = esc(&key),
            slug = esc(&slug),
            name = esc(&item.name),
        ));
    }
    let body = format!(
        "<h1>{} work items</h1><ul class=\"items\">{rows}</ul>\
         <div id=\"full-screen-portal\" class=\"absolute inset-0 w-full\"></div>",
        esc(&project.name)
    );
    let title = format!("{} - Work items", project.name);
    Ok(html(
        StatusCode::OK,
        page(&title, &body, Some("/_pages/list.js")),
        &query,
    ))
}

/// `GET /_pages/list.js`: opens and closes the peek overlay.
pub async fn list_script() -> Response {
    let mut response = (StatusCode::OK, LIST_SCRIPT).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/javascript; charset=utf-8"),
    );
    response
}

const LIST_SCRIPT: &str = r#"// The peek overview of the sandbox's work item list, built as Plane's web app builds it: a
// panel rendered into #full-screen-portal whose header holds a close button and a link to the
// work item's page. Opening an item does not change the URL; Escape closes it.
(function () {
  "use strict";
  function portal() { return document.getElementById("full-screen-portal"); }
  function closePeek() { portal().replaceChildren(); }
  function openPeek(button) {
    var wrapper = document.createElement("div");
    wrapper.className = "w-full text-body-sm-regular";
    var peek = document.createElement("div");
    peek.className = "peek absolute z-[25] flex flex-col overflow-hidden top-0 right-0 bottom-0 w-full md:w-[50%]";
    var header = document.createElement("div");
    header.className = "peek-header relative flex items-center justify-between p-4";
    var close = document.createElement("button");
    close.type = "button";
    close.setAttribute("aria-label", "Close peek view");
    close.textContent = "\u2192";
    close.addEventListener("click", closePeek);
    var link = document.createElement("a");
    link.href = button.dataset.href;
    link.setAttribute("aria-label", "Open in full screen");
    link.textContent = "\u2197";
    header.append(close, link);
    var body = document.createElement("div");
    body.className = "peek-body";
    var identifier = document.createElement("p");
    identifier.textContent = button.dataset.workItem;
    var title = document.createElement("h2");
    title.textContent = button.dataset.name;
    body.append(identifier, title);
    peek.append(header, body);
    wrapper.append(peek);
    portal().replaceChildren(wrapper);
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-work-item]");
    if (button) { openPeek(button); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closePeek(); }
  });
})();
"#;

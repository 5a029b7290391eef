//! The JavaScript face of Plane Inline's core (npm package `plane-inline`): Plane's value rules,
//! payloads, editor input, cursors, page URLs, pagination and rate limiting, as plain-JSON
//! functions and two classes. Property objects are passed exactly as Plane's API returns them.

mod convert;
mod cursor;
mod paginator;
mod rate_limiter;
mod values;
mod web_url;

pub use cursor::{format_cursor, parse_cursor};
pub use paginator::Paginator;
pub use rate_limiter::RateLimiter;
pub use values::{build_value_payload, parse_input, validate_value};
pub use web_url::parse_work_item_url;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A custom property definition, exactly as Plane's property endpoints return it. */
export interface Property {
  id: string;
  name?: string;
  display_name: string;
  property_type: "TEXT" | "DATETIME" | "DECIMAL" | "BOOLEAN" | "OPTION" | "RELATION" | "URL" | "EMAIL" | "FILE" | "FORMULA" | string;
  relation_type?: "ISSUE" | "USER" | "RELEASE" | "RICH_TEXT" | string | null;
  is_required?: boolean;
  is_multi?: boolean;
  is_active?: boolean;
  default_value?: string[];
  settings?: Record<string, unknown> | null;
  options?: { id: string; name: string; is_active?: boolean; is_default?: boolean }[];
  [field: string]: unknown;
}
/** A value Plane accepts for a property: string, number, boolean, or a list of ids. */
export type PropertyValue = string | number | boolean | string[];
/** The outcome of a check: the value to send, or Plane's message. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };
/** The body of a value upsert. */
export interface ValuePayload { value: PropertyValue; external_id?: string; external_source?: string }
/** An external system's reference; both fields or neither. */
export interface ExternalRef { external_id?: string; external_source?: string }
/** A pagination cursor. */
export interface CursorParts { perPage: number; page: number; isPrev: boolean }
/** A work item located by a Plane web-app URL. */
export interface WorkItemLocation { workspace: string; identifier?: string; projectId?: string; workItemId?: string }
/** Options of a Paginator. */
export interface PaginatorOptions { path: string; perPage: number; fields?: string[]; expand?: string[] }
/** A request for the next page. */
export interface PageRequest { method: "GET"; path: string; query: Record<string, string> }
/** What one page gave. */
export interface PageResult { items: unknown[]; done: boolean }
/** Options of a RateLimiter. */
export interface RateLimiterOptions { perMinute?: number }
/** A place in a RateLimiter's line: send when `delayMs` is 0, else wait and ask `waitMs(ticket, now)`. */
export interface Reservation { ticket: number; delayMs: number }
/** Response headers as a plain object. */
export type HeaderMap = Record<string, string>;
"#;

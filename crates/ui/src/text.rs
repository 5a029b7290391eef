//! Every sentence Plane Inline says to people, in one place (ready for the extension's
//! `_locales`). Plane's own messages (a refused value, a 403's reason) are shown as Plane wrote
//! them; everything else is worded here, from data.

use plane_inline_core::web_url::PageKind;
use plane_inline_messages::{Activity, EditStage, Problem};

/// What went wrong, in one short sentence.
pub fn problem_title(problem: &Problem) -> String {
    match problem {
        Problem::KeyMissing => "No API key is set for this Plane instance.".into(),
        Problem::KeyRejected => {
            "Plane does not accept this API key: it is wrong, expired or revoked.".into()
        }
        Problem::Forbidden { message } => format!("Plane refused access: {message}"),
        Problem::PlanRequired => "Custom properties are not on this workspace's plan.".into(),
        Problem::NoCustomProperties => {
            "This Plane instance has no custom properties (Community Edition).".into()
        }
        Problem::NotFound { message } => format!("Plane could not find it: {message}"),
        Problem::Refused { message } => message.clone(),
        Problem::RateLimited { .. } => "Plane's rate limit is reached.".into(),
        Problem::Offline { .. } => "Plane cannot be reached right now.".into(),
        Problem::Timeout => "Plane did not answer in time.".into(),
        Problem::Server { status } => format!("Plane had a problem ({status})."),
        Problem::Unexpected { detail } => format!("Plane's answer could not be read ({detail})."),
        Problem::WrongApiBase { detail } => {
            format!("This address does not answer like Plane's API ({detail}).")
        }
        Problem::WorkspaceUnavailable { workspace } => format!(
            "The workspace \"{workspace}\" does not exist, or this key's owner is not a member."
        ),
        Problem::Cancelled => "Cancelled.".into(),
        Problem::NoWorkItem => "No work item here.".into(),
        Problem::AccessNotGranted { origin } => format!("Plane Inline may not read {origin}."),
        Problem::BadMessage { detail } => format!("This request was refused: {detail}"),
        Problem::NotInApi { kind } => match kind {
            PageKind::Epic => "Epic properties can't be edited through Plane's API yet.".into(),
            PageKind::Archived => "Archived work items can't be read through Plane's API.".into(),
            PageKind::Intake => "Intake work items can't be read through Plane's API until they are accepted.".into(),
            PageKind::Browse | PageKind::Issue => "This work item can't be read through Plane's API.".into(),
        },
        Problem::StorageFull => {
            "The browser's storage for Plane Inline is full, so the edit could not be kept until Plane confirms it.".into()
        }
        Problem::Untyped => "This work item has no type, so Plane's API keeps no properties for it.".into(),
        Problem::ViewOnly { role } => view_only(*role),
        Problem::Unknown => "Something went wrong that this version of Plane Inline does not know.".into(),
    }
}

/// What to do about it (the next step), given whether a settings page can be opened.
pub fn problem_action(problem: &Problem, can_open_settings: bool, now_ms: f64) -> String {
    let key_place = if can_open_settings {
        "Open the settings and paste a personal access token (Plane: Profile settings, Personal access tokens)."
    } else {
        "Ask whoever runs this page's Plane proxy to set a valid key."
    };
    match problem {
        Problem::KeyMissing | Problem::KeyRejected => key_place.into(),
        Problem::Forbidden { .. } => "Ask a workspace admin for access to this project.".into(),
        Problem::PlanRequired => {
            "Custom properties need Plane Pro or higher: a workspace admin can upgrade the plan."
                .into()
        }
        Problem::NoCustomProperties => {
            "Custom properties need Plane Cloud Pro or a self-hosted Commercial edition.".into()
        }
        Problem::NotFound { .. } => {
            "Check the work item's identifier; it may have been deleted or moved.".into()
        }
        Problem::Refused { .. } => "Change the value and try again.".into(),
        Problem::RateLimited { until_ms } => match until_ms {
            Some(at) => format!("Edits are kept and continue {}.", in_time(*at, now_ms)),
            None => "Edits are kept and continue within a minute.".into(),
        },
        Problem::Offline { .. } => "Edits are kept and sent when the connection is back.".into(),
        Problem::Timeout | Problem::Server { .. } => {
            "Edits are kept; try again in a moment.".into()
        }
        Problem::Unexpected { .. } => "Check that the address points at Plane's API.".into(),
        Problem::WrongApiBase { .. } => "Use https://api.plane.so for Plane Cloud, or your instance's address (without /api/v1) if self-hosted.".into(),
        Problem::WorkspaceUnavailable { .. } => "Copy the slug from your workspace's address (app.plane.so/<slug>/) and check you are a member.".into(),
        Problem::Cancelled => String::new(),
        Problem::NoWorkItem => "Open a work item, or type its identifier (PROJ-123).".into(),
        Problem::AccessNotGranted { .. } => {
            "Choose \"Enable on this site\" again and allow access when the browser asks.".into()
        }
        Problem::BadMessage { .. } => "Reload the page and try again.".into(),
        Problem::NotInApi {
            kind: PageKind::Archived,
        } => {
            "Restore it in Plane to edit its properties here.".into()
        }
        Problem::NotInApi { .. } => "Edit its properties in Plane itself.".into(),
        Problem::StorageFull => "Free some space (the browser's site data settings), then try again.".into(),
        Problem::Untyped => "Give it a type in Plane to edit its properties here.".into(),
        Problem::ViewOnly { .. } => "Ask a project admin to make you a member.".into(),
        Problem::Unknown => "Try again, or update Plane Inline.".into(),
    }
}

/// Why a panel shows its values without editors: the owner's project role (`None`: not a
/// member). Plane's roles: 20 admin, 15 member, 10 viewer (older servers), 5 guest.
pub fn view_only(role: Option<i64>) -> String {
    let who = match role {
        None => "You're not a member of this project",
        Some(role) if role <= 5 => "You're a guest in this project",
        Some(_) => "You're a viewer in this project",
    };
    format!("{who}: Plane lets you view its properties, not change them.")
}

/// The muted text of an empty value that can be set ("Set Story Points").
pub fn set_label(name: &str) -> String {
    format!("Set {name}")
}

/// A member's name as values and pickers show it; a deactivated member a value still names is
/// marked so.
pub fn member_name(member: &plane_inline_core::workspace::Member) -> String {
    let name = member.label();
    if member.is_former() {
        format!("{name} (no longer a member)")
    } else {
        name
    }
}

/// "in 12 s" or "in 2 min", from now to `at_ms`.
pub fn in_time(at_ms: f64, now_ms: f64) -> String {
    let seconds = ((at_ms - now_ms) / 1000.0).ceil().max(0.0);
    if seconds < 1.0 {
        "now".into()
    } else if seconds < 90.0 {
        format!("in {seconds:.0} s")
    } else {
        format!("in {:.0} min", (seconds / 60.0).ceil())
    }
}

/// A field's status while its edit is on the way.
pub fn stage(stage: &EditStage, now_ms: f64) -> String {
    match stage {
        EditStage::Queued => "Queued".into(),
        EditStage::Sending => "Saving…".into(),
        EditStage::RateLimited { until_ms } => {
            format!(
                "Queued: rate limit, continues {}",
                in_time(*until_ms, now_ms)
            )
        }
        EditStage::Retrying { at_ms, problem } => match problem {
            Problem::Offline { .. } => {
                format!("Offline: kept, retrying {}", in_time(*at_ms, now_ms))
            }
            _ => format!("Retrying {}", in_time(*at_ms, now_ms)),
        },
    }
}

/// The connection badge in the header.
pub fn activity(activity: Option<&Activity>, now_ms: f64) -> String {
    match activity {
        None | Some(Activity::Online) => "Connected".into(),
        Some(Activity::Offline) => "Offline: edits are kept".into(),
        Some(Activity::RateLimited { until_ms }) => {
            format!("Rate limited: continues {}", in_time(*until_ms, now_ms))
        }
    }
}

/// What the table of work items says.
pub mod table;

/// Words the panel uses as they are.
pub mod words {
    /// Shown while the panel loads.
    pub const LOADING: &str = "Loading properties…";
    /// The panel has no work item yet.
    pub const NO_TARGET: &str = "No work item selected.";
    /// The type has no custom properties.
    pub const NO_PROPERTIES: &str = "This work item's type has no custom properties.";
    /// Next step when the type has none.
    pub const NO_PROPERTIES_ACTION: &str =
        "A workspace admin can add them in Plane: Settings, Work item types.";
    /// Link to the work item in Plane.
    pub const OPEN_IN_PLANE: &str = "Open in Plane";
    /// Button that opens the extension's settings.
    pub const OPEN_SETTINGS: &str = "Open settings";
    /// Button that loads the panel again.
    pub const TRY_AGAIN: &str = "Try again";
    /// Button that clears a value.
    pub const CLEAR: &str = "Clear";
    /// Button that sends a failed edit again.
    pub const RETRY: &str = "Retry";
    /// A field's status once Plane confirmed.
    pub const SAVED: &str = "Saved";
    /// Marks a required property.
    pub const REQUIRED: &str = "Required";
    /// Shown for a property with no value.
    pub const EMPTY: &str = "Empty";
    /// Switch state words.
    pub const YES: &str = "Yes";
    /// Switch state words.
    pub const NO: &str = "No";
    /// The search box of a picker.
    pub const SEARCH: &str = "Search…";
    /// A picker with nothing matching.
    pub const NO_MATCHES: &str = "No matches";
    /// Marks an OPTION's default option.
    pub const DEFAULT: &str = "default";
    /// Link that opens a URL value.
    pub const OPEN_LINK: &str = "Open link";
    /// Link that writes to an EMAIL value.
    pub const SEND_EMAIL: &str = "Send email";
    /// Link that opens a FILE value.
    pub const OPEN_FILE: &str = "Open file";
    /// Heading of the unreadable stored values warning.
    pub const UNREADABLE: &str =
        "Stored values that do not match their property's type (left unchanged):";
    /// A value Plane computes.
    pub const COMPUTED: &str = "Computed by Plane";
    /// A kind this version cannot edit.
    pub const NOT_EDITABLE: &str = "Not editable here";
    /// Why a read-only TEXT is not edited.
    pub const READ_ONLY: &str = "Read-only in Plane";
    /// The toggle that shows or hides properties without a value.
    pub const SHOW_EMPTY: &str = "Show empty properties";
    /// Why a CASCADING property is shown, not edited.
    pub const CASCADING: &str = "Plane's API does not document cascading values yet";
}

/// "Clear Priority".
pub fn clear_label(property: &str) -> String {
    format!("Clear {property}")
}

/// "Remove Alice from Reviewers".
pub fn remove_label(item: &str, property: &str) -> String {
    format!("Remove {item} from {property}")
}

/// Announced when a value is saved.
pub fn announce_saved(property: &str) -> String {
    format!("{property} saved.")
}

/// Announced when a value is cleared.
pub fn announce_cleared(property: &str) -> String {
    format!("{property} cleared.")
}

/// Announced when a save failed.
pub fn announce_failed(property: &str, problem: &Problem) -> String {
    format!("{property} was not saved: {}", problem_title(problem))
}

/// The field status after a failure.
pub fn failed(problem: &Problem) -> String {
    if problem.is_transient() {
        format!("Not sent yet: {}", problem_title(problem))
    } else {
        format!("Not saved: {}", problem_title(problem))
    }
}

/// The warning line for one unreadable stored value.
pub fn unreadable(property: &str, kind: &str, value: &str) -> String {
    format!("{property}: {value:?} is not a valid {kind}")
}

/// The extension's popup and options page.
pub mod extension {
    use plane_inline_messages::Problem;

    /// The popup's heading.
    pub const POPUP_TITLE: &str = "Plane Inline";
    /// Label of the popup's box.
    pub const OPEN_LABEL: &str = "Work item";
    /// Hint inside the popup's box.
    pub const OPEN_PLACEHOLDER: &str = "PROJ-123 or a Plane link";
    /// Button that opens what the box names.
    pub const OPEN: &str = "Open";
    /// Heading of the recent items.
    pub const RECENT: &str = "Recent";
    /// Heading of the drafts.
    pub const DRAFTS: &str = "Not yet saved in Plane";
    /// No drafts.
    pub const NO_DRAFTS: &str = "Every edit is saved in Plane.";
    /// Button that sends a draft again.
    pub const RETRY: &str = "Send again";
    /// Button that drops a draft.
    pub const DISCARD: &str = "Discard";
    /// Link to the settings.
    pub const SETTINGS: &str = "Settings";
    /// The options page's heading.
    pub const OPTIONS_TITLE: &str = "Plane Inline settings";
    /// The popup's words when no Plane is connected yet.
    pub const NOT_CONNECTED: &str = "Plane Inline is not connected to Plane yet.";
    /// The button that opens the options page from the popup's first run.
    pub const CONNECT: &str = "Connect to Plane";
    /// The options page's first-run heading.
    pub const FIRST_RUN: &str = "Connect Plane Inline to Plane";
    /// First-run step for Plane Cloud.
    pub const FIRST_RUN_CLOUD: &str = "On Plane Cloud: fill in your workspace slug (the part after app.plane.so/ in its address) and a personal access token below, then Save.";
    /// The link to where Plane makes tokens.
    pub const FIRST_RUN_TOKENS: &str = "Make a token in Plane";
    /// First-run step for a self-hosted Plane.
    pub const FIRST_RUN_SELF_HOSTED: &str = "On a self-hosted Plane: use \"Add a self-hosted Plane\" with its addresses, your workspace slug and a token.";
    /// First-run step: test.
    pub const FIRST_RUN_TEST: &str = "Choose \"Test connection\": it says whose token it is. Then open a work item in Plane: the panel shows its properties.";
    /// What the options page is for.
    pub const OPTIONS_INTRO: &str = "Plane Inline talks to Plane with your personal access token (Plane: Profile settings, Personal access tokens). The token stays in this browser's extension storage, which web pages cannot read, and it is never shown again.";
    /// Heading of Plane Cloud's connection.
    pub const CLOUD: &str = "Plane Cloud";
    /// Heading of a self-hosted connection.
    pub const SELF_HOSTED: &str = "Self-hosted Plane";
    /// Heading of the form that adds one.
    pub const ADD_SELF_HOSTED: &str = "Add a self-hosted Plane";
    /// Field label.
    pub const API_BASE: &str = "API address";
    /// Field label.
    pub const APP_BASE: &str = "Web app address";
    /// Field label.
    pub const WORKSPACE: &str = "Workspace slug";
    /// Field label.
    pub const KEY: &str = "Personal access token";
    /// Hint when no key is stored.
    pub const KEY_NOT_SET: &str = "Not set";
    /// Button that stores a connection.
    pub const SAVE: &str = "Save";
    /// Button that checks a connection.
    pub const TEST: &str = "Test connection";
    /// Button that forgets a connection.
    pub const FORGET: &str = "Forget";
    /// Button that forgets everything.
    pub const FORGET_EVERYTHING: &str = "Forget everything";
    /// The same button, asking for a second click.
    pub const FORGET_EVERYTHING_CONFIRM: &str =
        "Click again to forget every connection, token and unsaved edit";
    /// After a save.
    pub const SAVED: &str = "Saved.";
    /// After a forget.
    pub const FORGOTTEN: &str = "Forgotten.";
    /// While a test runs.
    pub const TESTING: &str = "Testing…";
    /// Heading of the popup's section about the active tab's site.
    pub const SITE: &str = "This site";
    /// Button that enables work item cards on the active tab's site.
    pub const ENABLE_SITE: &str = "Enable on this site";
    /// Button that turns them off again.
    pub const DISABLE_SITE: &str = "Turn off on this site";
    /// Heading of the options page's list of sites.
    pub const SITES: &str = "Sites with work item cards";
    /// What that list is.
    pub const SITES_INTRO: &str = "On these sites, hovering a Plane link or an identifier such as WEB-123 shows a card where you can edit the work item's properties. Add a site from the toolbar popup while it is open.";
    /// No site yet.
    pub const NO_SITES: &str = "No site yet.";
    /// Button that removes a site.
    pub const REMOVE_SITE: &str = "Remove";
    /// After a site is removed.
    pub const SITE_REMOVED: &str = "Removed, and its access given back.";
    /// Heading of what was set aside.
    pub const SET_ASIDE: &str = "Set aside";
    /// What the set-aside list means.
    pub const SET_ASIDE_INTRO: &str = "Plane Inline could not read these from the browser's storage (damaged, or written by another version), so it set them aside and works without them. Connections set aside need to be added again.";
    /// The button that forgets what was set aside.
    pub const DISCARD_SET_ASIDE: &str = "Discard";
    /// Said once what was set aside is forgotten.
    pub const SET_ASIDE_DISCARDED: &str = "Discarded.";

    /// One line of what was set aside: what it was, and why.
    pub fn set_aside_line(key: &str, why: &str) -> String {
        let what = match key {
            "connections" => "A connection",
            "drafts" => "An edit not yet saved in Plane",
            "sites" => "A site with references",
            "keys" => "The stored API keys",
            "collapsed" => "The panel's collapsed setting",
            _ => "An entry",
        };
        format!("{what}: {why}")
    }

    /// The popup's line for a site where cards are off.
    pub fn site_off(origin: &str) -> String {
        format!(
            "Show a card with a work item's properties when you hover a Plane link or an identifier such as WEB-123 on {origin}. Plane Inline asks for access to this site only."
        )
    }

    /// The popup's line for a site where cards are on.
    pub fn site_on(origin: &str) -> String {
        format!(
            "On: hover a Plane link or an identifier such as WEB-123 on {origin} to see and edit its properties."
        )
    }

    /// The user refused the host permission.
    pub const PERMISSION_REFUSED: &str = "Not saved: Plane Inline needs access to this address to show the panel on its pages and to reach its API. Save again and allow access.";

    /// The key's hint: "Stored: …abcd".
    pub fn key_stored(hint: &str) -> String {
        format!("Stored: {hint}")
    }

    /// A passed connection test.
    pub fn connected_as(name: &str) -> String {
        format!("Connected as {name}.")
    }

    /// What to do about a connection problem, on the page where the key is set.
    pub fn connection_action(problem: &Problem) -> String {
        match problem {
            Problem::KeyMissing | Problem::KeyRejected => "Paste a personal access token from Plane (Profile settings, Personal access tokens) and save.".into(),
            Problem::Offline { .. } => "Check the API address and your connection.".into(),
            other => super::problem_action(other, false, 0.0),
        }
    }

    /// A draft as the popup lists it: "WEB-12 · Severity".
    pub fn draft_line(work_item: &str, property: &str) -> String {
        format!("{work_item} · {property}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_worded_in_seconds_then_minutes() {
        assert_eq!(in_time(1_000.0, 1_000.0), "now");
        assert_eq!(in_time(13_500.0, 1_000.0), "in 13 s");
        assert_eq!(in_time(181_000.0, 1_000.0), "in 3 min");
    }

    #[test]
    fn key_problems_point_to_the_place_where_a_key_is_set() {
        assert_eq!(
            problem_action(&Problem::KeyRejected, false, 0.0),
            "Ask whoever runs this page's Plane proxy to set a valid key."
        );
        assert!(problem_action(&Problem::KeyMissing, true, 0.0).starts_with("Open the settings"));
        assert_eq!(
            problem_action(
                &Problem::RateLimited {
                    until_ms: Some(30_000.0)
                },
                true,
                0.0
            ),
            "Edits are kept and continue in 30 s."
        );
    }

    #[test]
    fn the_options_page_points_key_problems_at_its_own_field() {
        assert_eq!(extension::key_stored("…abcd"), "Stored: …abcd");
        assert_eq!(
            extension::connected_as("Priya Patel"),
            "Connected as Priya Patel."
        );
        assert_eq!(
            extension::connection_action(&Problem::KeyRejected),
            "Paste a personal access token from Plane (Profile settings, Personal access tokens) and save."
        );
        assert_eq!(
            extension::connection_action(&Problem::PlanRequired),
            problem_action(&Problem::PlanRequired, false, 0.0)
        );
        assert_eq!(
            extension::draft_line("WEB-12", "Severity"),
            "WEB-12 · Severity"
        );
    }

    #[test]
    fn plane_words_are_shown_as_plane_wrote_them() {
        let refused = Problem::Refused {
            message: "Enter a valid URL.".into(),
        };
        assert_eq!(problem_title(&refused), "Enter a valid URL.");
        assert_eq!(failed(&refused), "Not saved: Enter a valid URL.");
        assert_eq!(
            failed(&Problem::Server { status: 503 }),
            "Not sent yet: Plane had a problem (503)."
        );
    }
}

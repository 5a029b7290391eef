//! Custom property definitions as Plane's API returns them: types, settings and options.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A property's kind (`property_type`). Unknown future kinds are kept, never dropped.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PropertyType {
    /// Free text (single-line, multi-line or read-only display).
    Text,
    /// A date, optionally with a time (`YYYY-MM-DD[ HH:MM:SS]`).
    DateTime,
    /// A number (the UI's "Number").
    Decimal,
    /// A yes/no switch.
    Boolean,
    /// A dropdown of the property's options.
    Option,
    /// A reference to a member, work item, release or rich text.
    Relation,
    /// A web address.
    Url,
    /// An email address.
    Email,
    /// A file reference (any string).
    File,
    /// A computed, read-only value.
    Formula,
    /// A kind this version does not know, kept by name.
    Unknown(String),
}

/// The wire name of cascading properties: in Plane's current SDK, with a value format Plane does
/// not document, so they are shown and never written (they read as [`PropertyType::Unknown`]).
pub const CASCADING: &str = "CASCADING";

impl PropertyType {
    /// Whether this is a CASCADING property (see [`CASCADING`]).
    pub fn is_cascading(&self) -> bool {
        matches!(self, Self::Unknown(name) if name == CASCADING)
    }

    /// The wire name, as Plane spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Text => "TEXT",
            Self::DateTime => "DATETIME",
            Self::Decimal => "DECIMAL",
            Self::Boolean => "BOOLEAN",
            Self::Option => "OPTION",
            Self::Relation => "RELATION",
            Self::Url => "URL",
            Self::Email => "EMAIL",
            Self::File => "FILE",
            Self::Formula => "FORMULA",
            Self::Unknown(name) => name,
        }
    }

    /// Reads a wire name; anything unrecognised becomes [`PropertyType::Unknown`].
    pub fn from_wire(name: &str) -> Self {
        match name {
            "TEXT" => Self::Text,
            "DATETIME" => Self::DateTime,
            "DECIMAL" => Self::Decimal,
            "BOOLEAN" => Self::Boolean,
            "OPTION" => Self::Option,
            "RELATION" => Self::Relation,
            "URL" => Self::Url,
            "EMAIL" => Self::Email,
            "FILE" => Self::File,
            "FORMULA" => Self::Formula,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

/// What a RELATION property points at (`relation_type`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RelationType {
    /// Another work item in the workspace.
    Issue,
    /// A workspace member.
    User,
    /// A release (Business plan).
    Release,
    /// A rich-text field (Business plan).
    RichText,
    /// A relation kind this version does not know, kept by name.
    Unknown(String),
}

impl RelationType {
    /// The wire name, as Plane spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Issue => "ISSUE",
            Self::User => "USER",
            Self::Release => "RELEASE",
            Self::RichText => "RICH_TEXT",
            Self::Unknown(name) => name,
        }
    }

    /// Reads a wire name; anything unrecognised becomes [`RelationType::Unknown`].
    pub fn from_wire(name: &str) -> Self {
        match name {
            "ISSUE" => Self::Issue,
            "USER" => Self::User,
            "RELEASE" => Self::Release,
            "RICH_TEXT" => Self::RichText,
            other => Self::Unknown(other.to_owned()),
        }
    }
}

macro_rules! wire_enum_serde {
    ($ty:ty) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let name = String::deserialize(deserializer)?;
                Ok(Self::from_wire(&name))
            }
        }
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
wire_enum_serde!(PropertyType);
wire_enum_serde!(RelationType);

/// How a TEXT property is shown (`settings.display_format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    /// One line of text (the default).
    SingleLine,
    /// A paragraph.
    MultiLine,
    /// Shown, not edited in Plane's UI (the API does not enforce it).
    ReadOnly,
}

/// How a DATETIME property is shown (`settings.display_format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    /// `MMM dd, yyyy`, e.g. "Mar 05, 2026" (the default).
    MonthDayYearLong,
    /// `dd/MM/yyyy`.
    DayMonthYear,
    /// `MM/dd/yyyy`.
    MonthDayYear,
    /// `yyyy/MM/dd`.
    YearMonthDay,
}

impl DateFormat {
    /// Formats a calendar date the way Plane's UI shows it with this setting.
    pub fn format(self, year: u32, month: u32, day: u32) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match self {
            Self::MonthDayYearLong => {
                let name = MONTHS
                    .get(month.saturating_sub(1) as usize)
                    .copied()
                    .unwrap_or("?");
                format!("{name} {day:02}, {year:04}")
            }
            Self::DayMonthYear => format!("{day:02}/{month:02}/{year:04}"),
            Self::MonthDayYear => format!("{month:02}/{day:02}/{year:04}"),
            Self::YearMonthDay => format!("{year:04}/{month:02}/{day:02}"),
        }
    }
}

/// A property's free-form `settings` object, with the parts Plane's UI gives meaning to.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Settings(pub serde_json::Map<String, serde_json::Value>);

impl Settings {
    fn display_format(&self) -> Option<&str> {
        self.0.get("display_format").and_then(|v| v.as_str())
    }

    /// The TEXT display format; single-line when absent or unrecognised.
    pub fn text_format(&self) -> TextFormat {
        match self.display_format() {
            Some("multi-line") => TextFormat::MultiLine,
            Some("readonly") => TextFormat::ReadOnly,
            _ => TextFormat::SingleLine,
        }
    }

    /// The DATETIME display format; `MMM dd, yyyy` when absent or unrecognised.
    pub fn date_format(&self) -> DateFormat {
        match self.display_format() {
            Some("dd/MM/yyyy") => DateFormat::DayMonthYear,
            Some("MM/dd/yyyy") => DateFormat::MonthDayYear,
            Some("yyyy/MM/dd") => DateFormat::YearMonthDay,
            _ => DateFormat::MonthDayYearLong,
        }
    }
}

/// One choice of an OPTION property, as the options endpoint returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PropertyOption {
    /// The option's UUID; this is what a value refers to.
    pub id: String,
    /// The label shown to people.
    pub name: String,
    /// Optional longer description.
    #[serde(default)]
    pub description: Option<String>,
    /// Inactive options stay valid for writes but are hidden from pickers.
    #[serde(default = "yes")]
    pub is_active: bool,
    /// Whether this option is the property's default.
    #[serde(default)]
    pub is_default: bool,
    /// Display order.
    #[serde(default)]
    pub sort_order: Option<f64>,
    /// Parent option, for nested options.
    #[serde(default)]
    pub parent: Option<String>,
    /// The property this option belongs to.
    #[serde(default)]
    pub property: Option<String>,
    /// Icon settings, kept as sent.
    #[serde(default)]
    pub logo_props: Option<serde_json::Value>,
}

fn yes() -> bool {
    true
}

/// A custom property definition, exactly as Plane's property endpoints return it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Property {
    /// The property's UUID.
    pub id: String,
    /// Slug derived by the server from `display_name` (read it, never compute it).
    #[serde(default)]
    pub name: String,
    /// The label shown to people; Plane's required-field message uses it.
    pub display_name: String,
    /// Optional help text.
    #[serde(default)]
    pub description: Option<String>,
    /// The property's kind.
    pub property_type: PropertyType,
    /// For RELATION properties, what they point at.
    #[serde(default)]
    pub relation_type: Option<RelationType>,
    /// Whether Plane rejects falsy values for it.
    #[serde(default)]
    pub is_required: bool,
    /// Whether it holds a set of values (OPTION and RELATION only).
    #[serde(default)]
    pub is_multi: bool,
    /// Inactive properties are hidden from the schema but still writable.
    #[serde(default = "yes")]
    pub is_active: bool,
    /// Default value(s), always as strings.
    #[serde(default)]
    pub default_value: Vec<String>,
    /// Display settings.
    #[serde(default, deserialize_with = "settings_or_empty")]
    pub settings: Settings,
    /// The options of an OPTION property (empty for other kinds).
    #[serde(default)]
    pub options: Vec<PropertyOption>,
    /// Display order.
    #[serde(default)]
    pub sort_order: Option<f64>,
    /// The work item type it belongs to, if any.
    #[serde(default)]
    pub issue_type: Option<String>,
    /// The project it belongs to (null for workspace properties).
    #[serde(default)]
    pub project: Option<String>,
    /// Free-form validation rules (not enforced by Plane's API).
    #[serde(default)]
    pub validation_rules: Option<serde_json::Value>,
}

fn settings_or_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Settings, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(deserializer)?;
    Ok(match value {
        Some(serde_json::Value::Object(map)) => Settings(map),
        _ => Settings::default(),
    })
}

impl Property {
    /// Whether the per-property value endpoint accepts writes for this property at all.
    pub fn is_writable(&self) -> bool {
        match &self.property_type {
            PropertyType::Text
            | PropertyType::Url
            | PropertyType::Email
            | PropertyType::File
            | PropertyType::DateTime
            | PropertyType::Decimal
            | PropertyType::Boolean
            | PropertyType::Option => true,
            PropertyType::Relation => matches!(
                self.relation_type,
                Some(RelationType::User) | Some(RelationType::Issue)
            ),
            PropertyType::Formula | PropertyType::Unknown(_) => false,
        }
    }

    /// Whether this property holds a set of values (`is_multi` only counts for OPTION and RELATION).
    pub fn holds_many(&self) -> bool {
        self.is_multi
            && matches!(
                self.property_type,
                PropertyType::Option | PropertyType::Relation
            )
    }

    /// Looks up one of the property's options by id.
    pub fn option(&self, id: &str) -> Option<&PropertyOption> {
        self.options.iter().find(|o| o.id.eq_ignore_ascii_case(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cascading_properties_are_read_only() {
        let p: Property = serde_json::from_value(json!({
            "id": "c", "display_name": "Region", "property_type": "CASCADING"
        }))
        .unwrap();
        assert!(p.property_type.is_cascading());
        assert!(!p.is_writable());
        assert_eq!(p.property_type.as_str(), "CASCADING");
        assert!(!PropertyType::Formula.is_cascading());
    }
    use serde_json::json;

    #[test]
    fn unknown_kinds_survive_a_round_trip() {
        let t: PropertyType = serde_json::from_value(json!("HOLOGRAM")).unwrap();
        assert_eq!(t, PropertyType::Unknown("HOLOGRAM".into()));
        assert_eq!(serde_json::to_value(&t).unwrap(), json!("HOLOGRAM"));
        let r: RelationType = serde_json::from_value(json!("RICH_TEXT")).unwrap();
        assert_eq!(r, RelationType::RichText);
    }

    #[test]
    fn reads_a_property_as_plane_returns_it() {
        let p: Property = serde_json::from_value(json!({
            "id": "8c4e5a8e-7c55-4ad5-9f1b-2d2b0f3f0a11",
            "name": "story-points",
            "display_name": "Story Points",
            "description": null,
            "logo_props": {"in_use": "icon"},
            "sort_order": 10000.0,
            "property_type": "DECIMAL",
            "relation_type": null,
            "is_required": true,
            "default_value": ["3"],
            "settings": null,
            "is_active": true,
            "is_multi": false,
            "validation_rules": {},
            "issue_type": "5b2d6f3e-1111-4a0c-9e0e-9a1b2c3d4e5f",
            "formula_config": null,
            "external_source": null,
            "external_id": null,
            "created_at": "2026-01-01T00:00:00Z",
            "options": []
        }))
        .unwrap();
        assert_eq!(p.property_type, PropertyType::Decimal);
        assert!(p.is_required && p.is_writable() && !p.holds_many());
        assert_eq!(p.default_value, vec!["3".to_string()]);
        assert_eq!(p.settings.text_format(), TextFormat::SingleLine);
    }

    #[test]
    fn settings_give_display_formats() {
        let s: Settings = serde_json::from_value(json!({"display_format": "dd/MM/yyyy"})).unwrap();
        assert_eq!(s.date_format(), DateFormat::DayMonthYear);
        assert_eq!(
            DateFormat::MonthDayYearLong.format(2026, 3, 5),
            "Mar 05, 2026"
        );
        assert_eq!(DateFormat::YearMonthDay.format(2026, 3, 5), "2026/03/05");
        let t: Settings = serde_json::from_value(json!({"display_format": "readonly"})).unwrap();
        assert_eq!(t.text_format(), TextFormat::ReadOnly);
    }

    #[test]
    fn only_supported_relations_are_writable() {
        let mut p: Property = serde_json::from_value(json!({
            "id": "x", "display_name": "Owner", "property_type": "RELATION", "relation_type": "RELEASE"
        }))
        .unwrap();
        assert!(!p.is_writable());
        p.relation_type = Some(RelationType::User);
        assert!(p.is_writable());
        p.property_type = PropertyType::Formula;
        assert!(!p.is_writable());
    }
}

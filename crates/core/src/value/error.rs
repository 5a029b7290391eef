//! Why a value was refused, in Plane's own words.

use thiserror::Error;

/// A value Plane's value endpoint would refuse; each message is the one Plane answers with
/// (in its `{"value": ["<message>"]}` body).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValueError {
    /// `null` was sent (DRF's field check, before any property rule).
    #[error("This field may not be null.")]
    Null,
    /// A required property got a falsy value (`""`, `0`, `false`, `[]`, `{}`).
    #[error("{0} is required")]
    Required(String),
    /// A TEXT, URL, EMAIL or FILE value that is not a JSON string.
    #[error("Must be a string")]
    NotString,
    /// A URL that Django's `URLValidator` refuses.
    #[error("Must be a valid URL (e.g., https://example.com)")]
    InvalidUrl,
    /// An email address that Django's `validate_email` refuses.
    #[error("Must be a valid email address (e.g., user@example.com)")]
    InvalidEmail,
    /// A DATETIME that is not a real date in one of the two accepted formats.
    #[error("Must be a valid date in format YYYY-MM-DD or YYYY-MM-DD HH:MM:SS")]
    InvalidDate,
    /// A DECIMAL that is not a finite JSON number.
    #[error("Must be a number (e.g., 123.45)")]
    NotNumber,
    /// A BOOLEAN that is not a JSON boolean.
    #[error("Must be a boolean (true or false)")]
    NotBoolean,
    /// A single OPTION value that is not a UUID.
    #[error("Must be a valid UUID for a property option")]
    InvalidOptionId,
    /// A single OPTION value that is not one of the property's options.
    #[error("Selected option does not exist for this property")]
    UnknownOption,
    /// A multi OPTION or RELATION given neither a string nor a list.
    #[error("Must be a string (UUID) or list of UUIDs")]
    NotIdOrList,
    /// A multi OPTION list naming an option the property does not have.
    #[error("One or more selected options do not exist for this property")]
    UnknownOptions,
    /// A single OPTION, USER or ISSUE value that is not a string.
    #[error("Must be a string (UUID)")]
    RelationNotString,
    /// A multi USER relation naming someone twice (Plane counts distinct members found).
    #[error("One or more referenced users are not members of this workspace")]
    UnknownUsers,
    /// A multi ISSUE relation naming a work item twice (Plane counts distinct items found).
    #[error("One or more referenced work items do not exist in this workspace")]
    UnknownWorkItems,
    /// A single USER or ISSUE relation value that is a string but not a UUID.
    #[error("Must be a valid UUID")]
    RelationNotUuid,
    /// An item of a multi USER or ISSUE relation that is not a string.
    #[error("Each value in list must be a string (UUID)")]
    RelationItemNotString,
    /// An item of a multi value that is not a UUID; carries it as Python prints it.
    #[error("Invalid UUID format: {0}")]
    InvalidUuid(String),
    /// A RELATION whose relation type the value endpoint does not write (RELEASE, RICH_TEXT).
    #[error("Invalid relation type: {0}")]
    InvalidRelation(String),
    /// A property type the value endpoint does not write (FORMULA, unknown kinds).
    #[error("Unsupported property type: {0}")]
    Unsupported(String),
    /// Only one of `external_id` and `external_source` was given.
    #[error("Both external_id and external_source must be provided together")]
    ExternalPair,
}

//! What a person types into an editor, turned into a value Plane accepts, and back.
//!
//! The input grammar, per property type (surrounding spaces are ignored except for TEXT/FILE):
//!
//! | type | accepted text |
//! |---|---|
//! | TEXT, FILE | anything, taken as typed |
//! | URL | a URL; a bare host such as `plane.so/docs` gets `https://` |
//! | EMAIL | an address, optionally prefixed `mailto:` |
//! | DECIMAL | `[+-]digits[.digits][e[+-]digits]`, a dot for decimals, no thousands separators |
//! | BOOLEAN | `true/yes/y/on/1` or `false/no/n/off/0`, any case |
//! | DATETIME | `YYYY-MM-DD`, optionally ` HH:MM[:SS]` or `THH:MM[:SS]`, or the property's display format (`Mar 05, 2026`, `05/03/2026`, ...) |
//! | OPTION | an option's name (any case) or id; for multi, several separated by commas |
//! | RELATION USER/ISSUE | a UUID; for multi, several separated by commas or spaces |
//!
//! Empty text means "clear the value" (a DELETE), which a required property refuses.

use super::{DateTime, PropertyValue, ValueError, validate_value};
use crate::property::{DateFormat, Property, PropertyType, TextFormat};
use serde_json::Value as Json;

/// What an editor's text asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// Store this value (one POST upsert).
    Set(PropertyValue),
    /// Remove the value (one DELETE).
    Clear,
}

/// Turns editor text into a value Plane accepts for `property`, or Plane's message for why not.
pub fn parse_input(property: &Property, text: &str) -> Result<Input, ValueError> {
    let verbatim = matches!(
        property.property_type,
        PropertyType::Text | PropertyType::File
    );
    let text = if verbatim { text } else { text.trim() };
    if text.is_empty() {
        return if property.is_required {
            Err(ValueError::Required(property.display_name.clone()))
        } else {
            Ok(Input::Clear)
        };
    }
    let json = match &property.property_type {
        PropertyType::Text | PropertyType::File => Json::from(text),
        PropertyType::Url => Json::from(url_input(text)),
        PropertyType::Email => Json::from(text.strip_prefix("mailto:").unwrap_or(text)),
        PropertyType::Decimal => decimal_input(text).ok_or(ValueError::NotNumber)?,
        PropertyType::Boolean => Json::Bool(boolean_input(text).ok_or(ValueError::NotBoolean)?),
        PropertyType::DateTime => Json::from(
            date_input(text, property.settings.date_format())
                .ok_or(ValueError::InvalidDate)?
                .to_string(),
        ),
        PropertyType::Option => option_input(property, text)?,
        PropertyType::Relation if property.is_multi => Json::Array(
            text.split(|c: char| c == ',' || c.is_whitespace())
                .filter(|part| !part.is_empty())
                .map(Json::from)
                .collect(),
        ),
        PropertyType::Relation | PropertyType::Formula | PropertyType::Unknown(_) => {
            Json::from(text)
        }
    };
    validate_value(property, &json)
}

/// Writes a value back as editor text, so that `parse_input` reads the same value again.
pub fn format_for_input(property: &Property, value: &PropertyValue) -> String {
    let option_name = |id: &str| {
        property
            .option(id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone())
    };
    match value {
        PropertyValue::Text(text) => text.clone(),
        PropertyValue::Decimal(number) => number.to_string(),
        PropertyValue::Boolean(flag) => flag.to_string(),
        PropertyValue::DateTime(date) => date.to_string(),
        PropertyValue::Id(id) if property.property_type == PropertyType::Option => option_name(id),
        PropertyValue::Ids(ids) if property.property_type == PropertyType::Option => ids
            .iter()
            .map(|id| option_name(id))
            .collect::<Vec<_>>()
            .join(", "),
        PropertyValue::Id(id) => id.clone(),
        PropertyValue::Ids(ids) => ids.join(", "),
    }
}

/// Whether editors should offer a multi-line text area for this property.
pub fn wants_multiline(property: &Property) -> bool {
    property.property_type == PropertyType::Text
        && property.settings.text_format() == TextFormat::MultiLine
}

fn url_input(text: &str) -> String {
    let bare_host =
        !text.contains("://") && !text.contains(char::is_whitespace) && text.contains('.');
    if bare_host {
        format!("https://{text}")
    } else {
        text.to_owned()
    }
}

fn decimal_input(text: &str) -> Option<Json> {
    let digits_ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['+', '-']).unwrap_or(e))),
        None => (body, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, frac)) => {
            (whole.is_empty() || digits_ok(whole))
                && (frac.is_empty() || digits_ok(frac))
                && mantissa.len() > 1
        }
        None => digits_ok(mantissa),
    };
    if !mantissa_ok || !exponent.is_none_or(digits_ok) {
        return None;
    }
    let number: f64 = text.parse().ok()?;
    number
        .is_finite()
        .then(|| serde_json::Number::from_f64(number).map(Json::Number))
        .flatten()
}

fn boolean_input(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "on" | "1" => Some(true),
        "false" | "no" | "n" | "off" | "0" => Some(false),
        _ => None,
    }
}

fn date_input(text: &str, format: DateFormat) -> Option<DateTime> {
    let iso = text.replacen('T', " ", 1);
    let iso = match iso.split_once(' ') {
        Some((date, time)) if time.matches(':').count() == 1 => format!("{date} {time}:00"),
        _ => iso,
    };
    DateTime::parse_plane(&iso).or_else(|| displayed_date(text, format))
}

/// Reads a date written in the property's display format.
fn displayed_date(text: &str, format: DateFormat) -> Option<DateTime> {
    let number = |s: &str| s.trim().parse::<u16>().ok();
    let (year, month, day) = match format {
        DateFormat::MonthDayYearLong => {
            let (month_name, rest) = text.split_once(' ')?;
            let (day, year) = rest.split_once(',')?;
            let month = month_number(month_name)?;
            (number(year)?, month, number(day)?)
        }
        DateFormat::DayMonthYear | DateFormat::MonthDayYear | DateFormat::YearMonthDay => {
            let parts: Vec<u16> = text.split('/').map(number).collect::<Option<_>>()?;
            let [a, b, c] = parts.as_slice() else {
                return None;
            };
            match format {
                DateFormat::DayMonthYear => (*c, u8::try_from(*b).ok()?, *a),
                DateFormat::MonthDayYear => (*c, u8::try_from(*a).ok()?, *b),
                _ => (*a, u8::try_from(*b).ok()?, *c),
            }
        }
    };
    DateTime::new(year, month, u8::try_from(day).ok()?, None)
}

fn month_number(name: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = name.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    MONTHS
        .iter()
        .position(|m| *m == prefix)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Resolves option names (or ids) to ids; unknown names get Plane's "does not exist" message.
fn option_input(property: &Property, text: &str) -> Result<Json, ValueError> {
    let resolve = |name: &str| -> Option<String> {
        let name = name.trim();
        let by_name = |active: bool| {
            property
                .options
                .iter()
                .find(|o| o.is_active == active && o.name.trim().eq_ignore_ascii_case(name))
        };
        by_name(true)
            .or_else(|| by_name(false))
            .or_else(|| property.option(name))
            .map(|o| o.id.clone())
    };
    if !property.is_multi {
        return resolve(text)
            .map(Json::from)
            .ok_or(ValueError::UnknownOption);
    }
    // Names may hold commas: at each step take the longest run of comma-separated parts that
    // names an option.
    let parts: Vec<&str> = text.split(',').collect();
    let mut ids = Vec::new();
    let mut start = 0;
    while start < parts.len() {
        if parts[start].trim().is_empty() {
            start += 1;
            continue;
        }
        let (end, id) = (start..parts.len())
            .rev()
            .find_map(|end| resolve(&parts[start..=end].join(",")).map(|id| (end, id)))
            .ok_or(ValueError::UnknownOptions)?;
        ids.push(Json::from(id));
        start = end + 1;
    }
    Ok(Json::Array(ids))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const A: &str = "11111111-1111-4111-8111-111111111111";
    const B: &str = "22222222-2222-4222-8222-222222222222";

    fn prop(kind: &str, extra: Json) -> Property {
        let mut base = json!({
            "id": "p", "display_name": "Field", "property_type": kind,
            "options": [{"id": A, "name": "High"}, {"id": B, "name": "Low, later"}]
        });
        if let (Some(base), Json::Object(extra)) = (base.as_object_mut(), extra) {
            base.extend(extra);
        }
        serde_json::from_value(base).unwrap()
    }

    fn set(property: &Property, text: &str) -> Json {
        match parse_input(property, text) {
            Ok(Input::Set(value)) => value.to_json(),
            other => panic!("{text:?} gave {other:?}"),
        }
    }

    #[test]
    fn empty_text_clears_unless_required() {
        assert_eq!(
            parse_input(&prop("DECIMAL", json!({})), "  "),
            Ok(Input::Clear)
        );
        assert_eq!(
            parse_input(
                &prop(
                    "TEXT",
                    json!({"is_required": true, "display_name": "Title"})
                ),
                ""
            ),
            Err(ValueError::Required("Title".into()))
        );
    }

    #[test]
    fn text_is_taken_as_typed() {
        assert_eq!(set(&prop("TEXT", json!({})), "  007 "), json!("  007 "));
    }

    #[test]
    fn numbers() {
        let p = prop("DECIMAL", json!({}));
        assert_eq!(set(&p, " 12 "), json!(12));
        assert_eq!(set(&p, "-0.5"), json!(-0.5));
        assert_eq!(set(&p, ".5"), json!(0.5));
        assert_eq!(set(&p, "1e3"), json!(1000));
        for bad in [
            "1,5", "1 000", "NaN", "inf", "1e999", "12abc", ".", "+", "0x10",
        ] {
            assert_eq!(parse_input(&p, bad), Err(ValueError::NotNumber), "{bad}");
        }
    }

    #[test]
    fn booleans() {
        let p = prop("BOOLEAN", json!({}));
        assert_eq!(set(&p, "Yes"), json!(true));
        assert_eq!(set(&p, "off"), json!(false));
        assert_eq!(parse_input(&p, "maybe"), Err(ValueError::NotBoolean));
    }

    #[test]
    fn dates() {
        let p = prop(
            "DATETIME",
            json!({"settings": {"display_format": "dd/MM/yyyy"}}),
        );
        assert_eq!(set(&p, "2026-03-05"), json!("2026-03-05"));
        assert_eq!(set(&p, "2026-03-05T09:30"), json!("2026-03-05 09:30:00"));
        assert_eq!(set(&p, "05/03/2026"), json!("2026-03-05"));
        assert_eq!(parse_input(&p, "31/02/2026"), Err(ValueError::InvalidDate));
        let long = prop("DATETIME", json!({}));
        assert_eq!(set(&long, "Mar 05, 2026"), json!("2026-03-05"));
    }

    #[test]
    fn urls_and_emails() {
        assert_eq!(
            set(&prop("URL", json!({})), "plane.so/docs"),
            json!("https://plane.so/docs")
        );
        assert_eq!(
            parse_input(&prop("URL", json!({})), "not a url"),
            Err(ValueError::InvalidUrl)
        );
        assert_eq!(
            set(&prop("EMAIL", json!({})), "mailto:a@plane.so"),
            json!("a@plane.so")
        );
    }

    #[test]
    fn options_by_name() {
        let single = prop("OPTION", json!({}));
        assert_eq!(set(&single, "high"), json!(A));
        assert_eq!(set(&single, B), json!(B));
        assert_eq!(
            parse_input(&single, "Medium"),
            Err(ValueError::UnknownOption)
        );
        let multi = prop("OPTION", json!({"is_multi": true}));
        assert_eq!(set(&multi, "High, low, later"), json!([A, B]));
        assert_eq!(set(&multi, "low, later,high"), json!([B, A]));
        assert_eq!(set(&multi, "Low, later"), json!([B]));
        assert_eq!(
            parse_input(&multi, "High, Nope"),
            Err(ValueError::UnknownOptions)
        );
    }

    #[test]
    fn relations() {
        let multi = prop(
            "RELATION",
            json!({"relation_type": "USER", "is_multi": true}),
        );
        assert_eq!(set(&multi, &format!("{A}, {B}")), json!([A, B]));
        let single = prop("RELATION", json!({"relation_type": "ISSUE"}));
        assert_eq!(
            parse_input(&single, "DEMO-1"),
            Err(ValueError::RelationNotUuid)
        );
    }

    #[test]
    fn formatting_reads_back() {
        let multi = prop("OPTION", json!({"is_multi": true}));
        let value = PropertyValue::Ids(vec![A.into()]);
        assert_eq!(format_for_input(&multi, &value), "High");
        assert_eq!(
            parse_input(&multi, &format_for_input(&multi, &value)),
            Ok(Input::Set(value))
        );
    }
}

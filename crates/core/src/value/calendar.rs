//! DATETIME values, read the way Python's `datetime.strptime` reads Plane's two formats.
//!
//! Plane tries `%Y-%m-%d %H:%M:%S`, then `%Y-%m-%d`. Python's strptime turns each directive
//! into an ordered regex alternation (`%m` is `1[0-2]|0[1-9]|[1-9]`, so `2026-3-7` is a valid
//! date), turns the space into `\s+`, matches from the start taking the first alternative that
//! lets the rest match, and then refuses unconverted trailing text. The parsed fields must then
//! form a real date and time (`datetime` refuses February 30 or second 60). This module mirrors
//! that for ASCII digits.

use std::fmt;

/// A real calendar date, optionally with a time of day, as Plane accepts for DATETIME.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    /// Year, 1 to 9999.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31 (checked against the month).
    pub day: u8,
    /// Hour, minute and second, when a time was given.
    pub time: Option<(u8, u8, u8)>,
}

impl DateTime {
    /// Reads text exactly as Plane's server does; `None` when Plane would refuse it.
    pub fn parse_plane(text: &str) -> Option<Self> {
        let chars: Vec<char> = text.chars().collect();
        let with_time = [
            Token::Year,
            Dash,
            Month,
            Dash,
            Day,
            Space,
            Hour,
            Colon,
            Minute,
            Colon,
            Second,
        ];
        let date_only = [Token::Year, Dash, Month, Dash, Day];
        [&with_time[..], &date_only[..]]
            .into_iter()
            .find_map(|format| strptime(&chars, format))
    }

    /// Builds a checked value from its parts; `None` when no such date or time exists.
    pub fn new(year: u16, month: u8, day: u8, time: Option<(u8, u8, u8)>) -> Option<Self> {
        let date_ok = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        let time_ok = time.is_none_or(|(h, m, s)| h < 24 && m < 60 && s < 60);
        (date_ok && time_ok).then_some(Self {
            year,
            month,
            day,
            time,
        })
    }

    /// The date part only, as Plane returns it (`YYYY-MM-DD`).
    pub fn date(&self) -> Self {
        Self {
            time: None,
            ..*self
        }
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)?;
        if let Some((h, m, s)) = self.time {
            write!(f, " {h:02}:{m:02}:{s:02}")?;
        }
        Ok(())
    }
}

/// Days in a month of the proleptic Gregorian calendar.
pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 0,
    }
}

use Token::{Colon, Dash, Day, Hour, Minute, Month, Second, Space};

/// One piece of a strptime format.
#[derive(Clone, Copy)]
enum Token {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Dash,
    Colon,
    Space,
}

/// One character class of a directive's alternative.
#[derive(Clone, Copy)]
enum Class {
    Digit,
    Range(char, char),
    Lit(char),
}

impl Class {
    fn matches(self, c: char) -> bool {
        match self {
            Class::Digit => c.is_ascii_digit(),
            Class::Range(lo, hi) => (lo..=hi).contains(&c),
            Class::Lit(l) => c == l,
        }
    }
}

use Class::{Digit, Lit, Range};

/// Python's alternatives for each numeric directive, in the order its regex tries them.
fn alternatives(token: Token) -> &'static [&'static [Class]] {
    match token {
        Token::Year => &[&[Digit, Digit, Digit, Digit]],
        Token::Month => &[
            &[Lit('1'), Range('0', '2')],
            &[Lit('0'), Range('1', '9')],
            &[Range('1', '9')],
        ],
        Token::Day => &[
            &[Lit('3'), Range('0', '1')],
            &[Range('1', '2'), Digit],
            &[Lit('0'), Range('1', '9')],
            &[Range('1', '9')],
            &[Lit(' '), Range('1', '9')],
        ],
        Token::Hour => &[
            &[Lit('2'), Range('0', '3')],
            &[Range('0', '1'), Digit],
            &[Digit],
        ],
        Token::Minute => &[&[Range('0', '5'), Digit], &[Digit]],
        Token::Second => &[
            &[Lit('6'), Range('0', '1')],
            &[Range('0', '5'), Digit],
            &[Digit],
        ],
        Token::Dash => &[&[Lit('-')]],
        Token::Colon => &[&[Lit(':')]],
        Token::Space => &[],
    }
}

fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Parses with one format: the first regex match, then no trailing text, then a real date.
fn strptime(text: &[char], format: &[Token]) -> Option<DateTime> {
    let mut fields = [0u32; 6];
    let end = match_from(text, 0, format, &mut fields)?;
    if end != text.len() {
        return None;
    }
    let [year, month, day, hour, minute, second] = fields;
    let time = (format.len() > 5).then_some((hour, minute, second));
    let narrow = |v: u32| u8::try_from(v).ok();
    let time = match time {
        Some((h, m, s)) => Some((narrow(h)?, narrow(m)?, narrow(s)?)),
        None => None,
    };
    DateTime::new(
        u16::try_from(year).ok()?,
        narrow(month)?,
        narrow(day)?,
        time,
    )
}

/// Backtracking match of `format` at `pos`, in Python's alternative order; returns the end.
fn match_from(text: &[char], pos: usize, format: &[Token], fields: &mut [u32; 6]) -> Option<usize> {
    let Some((&token, rest)) = format.split_first() else {
        return Some(pos);
    };
    if let Token::Space = token {
        // `\s+` is greedy: try the longest run of spaces first, then shorter ones.
        let run = text[pos..]
            .iter()
            .take_while(|c| is_python_space(**c))
            .count();
        return (1..=run)
            .rev()
            .find_map(|n| match_from(text, pos + n, rest, fields));
    }
    for alternative in alternatives(token) {
        let end = pos + alternative.len();
        let Some(slice) = text.get(pos..end) else {
            continue;
        };
        if !slice
            .iter()
            .zip(alternative.iter())
            .all(|(c, class)| class.matches(*c))
        {
            continue;
        }
        let number = slice
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0u32, |acc, d| acc * 10 + d);
        let saved = *fields;
        if let Some(slot) = field_slot(token) {
            fields[slot] = number;
        }
        if let Some(found) = match_from(text, end, rest, fields) {
            return Some(found);
        }
        *fields = saved;
    }
    None
}

fn field_slot(token: Token) -> Option<usize> {
    match token {
        Token::Year => Some(0),
        Token::Month => Some(1),
        Token::Day => Some(2),
        Token::Hour => Some(3),
        Token::Minute => Some(4),
        Token::Second => Some(5),
        Token::Dash | Token::Colon | Token::Space => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> String {
        DateTime::parse_plane(text)
            .map(|d| d.to_string())
            .unwrap_or_else(|| panic!("refused {text:?}"))
    }

    #[test]
    fn accepts_both_formats() {
        assert_eq!(ok("2026-03-07"), "2026-03-07");
        assert_eq!(ok("2026-03-07 14:05:09"), "2026-03-07 14:05:09");
    }

    #[test]
    fn accepts_what_python_strptime_accepts() {
        assert_eq!(ok("2026-3-7"), "2026-03-07");
        assert_eq!(ok("2026-03- 7"), "2026-03-07");
        assert_eq!(ok("2026-03-07\t 1:2:3"), "2026-03-07 01:02:03");
        assert_eq!(ok("2024-02-29"), "2024-02-29");
        assert_eq!(ok("2000-02-29"), "2000-02-29");
    }

    #[test]
    fn refuses_what_python_strptime_refuses() {
        for text in [
            "",
            "2026",
            "2026-13-01",
            "2026-02-30",
            "2023-02-29",
            "1900-02-29",
            "0000-01-01",
            "2026-01-01T10:00:00",
            "2026-01-01 24:00:00",
            "2026-01-01 10:00:60",
            "2026-01-01 10:00",
            " 2026-01-01",
            "2026-01-01 ",
            "2026-01-011",
            "26-01-01",
            "2026/01/01",
            "2026-001-01",
        ] {
            assert_eq!(
                DateTime::parse_plane(text),
                None,
                "{text:?} should be refused"
            );
        }
    }

    #[test]
    fn new_checks_the_calendar() {
        assert!(DateTime::new(2026, 4, 31, None).is_none());
        assert!(DateTime::new(2026, 4, 30, Some((23, 59, 59))).is_some());
        assert_eq!(days_in_month(2100, 2), 28);
    }
}

//! Python's `datetime.strptime` with `%Y-%m-%d` or `%Y-%m-%d %H:%M:%S`, as Plane parses DATETIME
//! values: `%m`, `%d`, `%H`, `%M` and `%S` take one or two digits, `%d` also ` 5`, a space in the
//! format matches any run of whitespace, and the date must exist in the calendar.

/// A parsed DATETIME value; Plane keeps only the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarDate {
    /// Year, 1..=9999.
    pub year: u32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of the month.
    pub day: u32,
}

impl CalendarDate {
    /// `YYYY-MM-DD`, the form Plane returns.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Parses like `strptime(value, "%Y-%m-%d")`, falling back to `"%Y-%m-%d %H:%M:%S"`.
pub fn parse_plane_date(value: &str) -> Option<CalendarDate> {
    let chars: Vec<char> = value.chars().collect();
    parse_from(&chars, false).or_else(|| parse_from(&chars, true))
}

fn parse_from(chars: &[char], with_time: bool) -> Option<CalendarDate> {
    let year = digits_exact(chars, 0, 4)?;
    let mut found = None;
    // Python's regex backtracks over the alternatives; try every split.
    for (month, after_month) in field(chars, 5, 2, FieldKind::Plain).into_iter().flatten() {
        if chars.get(4) != Some(&'-') || chars.get(after_month) != Some(&'-') {
            continue;
        }
        for (day, after_day) in field(chars, after_month + 1, 2, FieldKind::Day)
            .into_iter()
            .flatten()
        {
            let end = if with_time {
                match time_end(chars, after_day) {
                    Some(end) => end,
                    None => continue,
                }
            } else {
                after_day
            };
            if end == chars.len() && valid_regex_values(month, day) {
                found = Some(CalendarDate { year, month, day });
            }
            if found.is_some() {
                break;
            }
        }
        if found.is_some() {
            break;
        }
    }
    let date = found?;
    let exists = date.year >= 1
        && (1..=12).contains(&date.month)
        && date.day >= 1
        && date.day <= days_in_month(date.year, date.month);
    exists.then_some(date)
}

/// The regex alternatives bound the values: `%m` 1..12, `%d` 1..31.
fn valid_regex_values(month: u32, day: u32) -> bool {
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

/// ` \s+ %H : %M : %S` after the date; returns where it ends, if it matches to the end.
fn time_end(chars: &[char], start: usize) -> Option<usize> {
    let mut pos = start;
    while chars.get(pos).is_some_and(|c| c.is_whitespace()) {
        pos += 1;
    }
    if pos == start {
        return None;
    }
    for (hour, after_hour) in field(chars, pos, 2, FieldKind::Plain).into_iter().flatten() {
        if hour > 23 || chars.get(after_hour) != Some(&':') {
            continue;
        }
        for (minute, after_minute) in field(chars, after_hour + 1, 2, FieldKind::Plain)
            .into_iter()
            .flatten()
        {
            if minute > 59 || chars.get(after_minute) != Some(&':') {
                continue;
            }
            for (second, after_second) in field(chars, after_minute + 1, 2, FieldKind::Plain)
                .into_iter()
                .flatten()
            {
                // %S accepts 60 and 61, but datetime() then rejects them.
                if second <= 59 && after_second == chars.len() {
                    return Some(after_second);
                }
            }
        }
    }
    None
}

#[derive(Clone, Copy)]
enum FieldKind {
    Plain,
    Day,
}

/// The possible (value, end) readings of a one-or-two digit field at `start`, longest first.
fn field(chars: &[char], start: usize, max: usize, kind: FieldKind) -> [Option<(u32, usize)>; 2] {
    let mut out = [None, None];
    if let FieldKind::Day = kind
        && chars.get(start) == Some(&' ')
    {
        if let Some(d) = chars
            .get(start + 1)
            .and_then(|c| c.to_digit(10))
            .filter(|d| *d > 0)
        {
            out[0] = Some((d, start + 2));
        }
        return out;
    }
    let mut value = 0;
    let mut slot = 0;
    let mut readings = Vec::new();
    for i in 0..max {
        match chars
            .get(start + i)
            .and_then(|c| c.is_ascii_digit().then(|| c.to_digit(10)).flatten())
        {
            Some(d) => {
                value = value * 10 + d;
                readings.push((value, start + i + 1));
            }
            None => break,
        }
    }
    for reading in readings.into_iter().rev() {
        if slot < 2 {
            out[slot] = Some(reading);
            slot += 1;
        }
    }
    out
}

fn digits_exact(chars: &[char], start: usize, count: usize) -> Option<u32> {
    let mut value = 0;
    for i in 0..count {
        let d = chars
            .get(start + i)
            .filter(|c| c.is_ascii_digit())?
            .to_digit(10)?;
        value = value * 10 + d;
    }
    Some(value)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        _ => 28,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_plane_date;

    fn iso(value: &str) -> Option<String> {
        parse_plane_date(value).map(|d| d.iso())
    }

    #[test]
    fn accepts_what_strptime_accepts() {
        assert_eq!(iso("2026-03-05").as_deref(), Some("2026-03-05"));
        assert_eq!(iso("2026-3-5").as_deref(), Some("2026-03-05"));
        assert_eq!(iso("2026-03- 5").as_deref(), Some("2026-03-05"));
        assert_eq!(iso("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(iso("2026-03-05 14:30:00").as_deref(), Some("2026-03-05"));
        assert_eq!(iso("2026-03-05   9:5:7").as_deref(), Some("2026-03-05"));
        assert_eq!(iso("2026-12-31 23:59:59").as_deref(), Some("2026-12-31"));
        assert_eq!(iso("2026-1-12").as_deref(), Some("2026-01-12"));
    }

    #[test]
    fn rejects_what_strptime_rejects() {
        for value in [
            "",
            "2026",
            "26-03-05",
            "2026/03/05",
            "2026-02-29",
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-03-05T14:30:00",
            "2026-03-05 24:00:00",
            "2026-03-05 12:60:00",
            "2026-03-05 12:00:60",
            "2026-03-05 12:00",
            "2026-03-05 ",
            " 2026-03-05",
            "0000-01-01",
            "2026-03-005",
            "March 5, 2026",
        ] {
            assert_eq!(iso(value), None, "{value:?} should be invalid");
        }
    }
}

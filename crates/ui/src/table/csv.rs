//! The loaded rows as CSV (RFC 4180: comma-separated, double quotes doubled, CRLF line ends),
//! with names, not ids, as the cells show them. A UTF-8 byte order mark leads, so spreadsheets
//! read accented names right. Written here rather than with the `csv` crate: these dozen lines
//! are all the table needs, and every byte counts in the wasm bundle.
//!
//! A cell that a spreadsheet would run as a formula (text starting with `=`, `+`, `-`, `@`, a
//! tab or a carriage return, and not a number) is neutralised with a leading `'`, as OWASP's
//! "CSV Injection" advice says: values come from anyone who can edit the work items.

/// The CSV text of a header and rows of cell text.
pub fn to_csv(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for line in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let cells: Vec<String> = line.iter().map(|cell| field(cell)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// One cell, neutralised and quoted when it needs to be.
fn field(text: &str) -> String {
    let formula =
        text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err();
    let text = if formula {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    #[test]
    fn quotes_what_needs_quoting_and_ends_lines_with_crlf() {
        let csv = to_csv(
            &strings(&["Work item", "Name", "Labels"]),
            &[
                strings(&["DEMO-1", "Login fails, sometimes", "Backend, API"]),
                strings(&["DEMO-2", "Say \"hello\"", ""]),
                strings(&["DEMO-3", "two\nlines", " padded "]),
            ],
        );
        assert_eq!(
            csv,
            "\u{feff}Work item,Name,Labels\r\n\
             DEMO-1,\"Login fails, sometimes\",\"Backend, API\"\r\n\
             DEMO-2,\"Say \"\"hello\"\"\",\r\n\
             DEMO-3,\"two\nlines\",\" padded \"\r\n"
        );
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        let csv = to_csv(
            &strings(&["a"]),
            &[
                strings(&["=HYPERLINK(\"http://evil\")"]),
                strings(&["+1+2"]),
                strings(&["@SUM(A1)"]),
                strings(&["-3.5"]),
                strings(&["+42"]),
                strings(&["Çiçek Müller"]),
            ],
        );
        assert_eq!(
            csv,
            "\u{feff}a\r\n\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n'+1+2\r\n'@SUM(A1)\r\n-3.5\r\n+42\r\nÇiçek Müller\r\n"
        );
    }
}

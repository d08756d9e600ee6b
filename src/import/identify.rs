//! Which service and period a return is for, from `--service` and
//! `--period`, its headers, its titles and its file name.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::check::Analysis;
use crate::detect::Table;
use crate::period::{find_periods, period_in_text, Period};
use crate::workbook::CellRef;

/// The return's period and where it was found: `option` (--period),
/// `headers` ("Q4 2016/17 Result"), `title` or `file_name`.
pub fn return_period(a: &Analysis, option: Option<Period>) -> Option<(Period, &'static str)> {
    if let Some(p) = option {
        return Some((p, "option"));
    }
    let Some(p) = a.period else {
        // A return that names only its year ("Improvement Plan 2017/18") is
        // a yearly return: its quarter stays empty.
        if let Some(p) = title_cells(a).find_map(|(_, t)| period_in_text(t)) {
            return Some((p, "title"));
        }
        let name = Path::new(&a.path)
            .file_name()?
            .to_string_lossy()
            .into_owned();
        return period_in_text(&name).map(|p| (p, "file_name"));
    };
    let from_headers = a
        .tables
        .iter()
        .filter_map(Table::latest_period)
        .max()
        .is_some_and(|h| h == p);
    let name = Path::new(&a.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let source = if from_headers {
        "headers"
    } else if period_in_text(&name) == Some(p) && !title_names_period(a, p) {
        "file_name"
    } else {
        "title"
    };
    Some((p, source))
}

fn title_names_period(a: &Analysis, p: Period) -> bool {
    title_cells(a).any(|(_, t)| period_in_text(t) == Some(p))
}

/// Text cells above the first table of each sheet (the first 12 rows of a
/// sheet without one): where a return's title sits.
fn title_cells(a: &Analysis) -> impl Iterator<Item = (CellRef, &str)> {
    a.workbook.sheets.iter().flat_map(move |s| {
        let limit = a
            .tables
            .iter()
            .filter(|t| t.sheet == s.name)
            .map(|t| t.header_rows.0)
            .min()
            .unwrap_or(u32::MAX)
            .min(s.origin.0.saturating_add(12));
        s.rows
            .iter()
            .enumerate()
            .take_while(move |(i, _)| s.origin.0.saturating_add(*i as u32) < limit)
            .flat_map(move |(i, r)| {
                r.iter().enumerate().filter_map(move |(j, c)| {
                    let t = c.as_text()?;
                    (!t.is_empty() && t.len() < 120).then(|| {
                        (
                            CellRef::new(
                                s.origin.0.saturating_add(i as u32),
                                s.origin.1.saturating_add(j as u32),
                            ),
                            t,
                        )
                    })
                })
            })
    })
}

static SECTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\d+(?:\.\d+)*[a-z]?\.?\s+)").unwrap());

static SEPARATORS: &[&str] = &[" – ", " — ", " - ", ": ", " | ", ", ", "–", "—"];

/// Words that name the document rather than the service.
static DOCUMENT_WORDS: &[&str] = &[
    "report",
    "return",
    "quarterly",
    "performance",
    "indicators",
    "indicator",
    "dashboard",
    "update",
    "monitoring",
    "summary",
];

/// The service a title names before its period: "Family Services – Q4
/// 2016/17" gives "Family Services". Section numbers ("5. "), what follows a
/// separator, and trailing words that name the document ("Quarterly
/// Report") are dropped.
pub fn service_in_title(text: &str) -> Option<String> {
    let text = crate::values::squash(text);
    let spans = find_periods(&text);
    let start = spans.first()?.0 .0;
    let before = text.get(..start)?;
    let before = SECTION_NUMBER.replace(before, "");
    let mut s: &str = before.trim();
    for sep in SEPARATORS {
        if let Some((head, _)) = s.split_once(sep) {
            if head.chars().any(char::is_alphabetic) {
                s = head;
            }
        }
    }
    let s = s.trim_matches(|c: char| !c.is_alphanumeric() && c != ')');
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words.len() > 1
        && words
            .last()
            .is_some_and(|w| DOCUMENT_WORDS.contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    let out = words.join(" ");
    (out.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(out)
}

/// The service a file name names once its period and extension are gone:
/// "family_services_q4_2016-17.xlsx" gives "Family Services".
pub fn service_in_file_name(path: &str) -> Option<String> {
    let stem = Path::new(path).file_stem()?.to_string_lossy().into_owned();
    let spaced = stem.replace('_', " ");
    let mut kept = String::new();
    let mut last = 0;
    for ((a, b), _) in find_periods(&spaced) {
        kept.push_str(spaced.get(last..a).unwrap_or(""));
        kept.push(' ');
        last = b;
    }
    kept.push_str(spaced.get(last..).unwrap_or(""));
    let words: Vec<String> = kept
        .split(|c: char| c.is_whitespace() || c == '-' || c == '.')
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let l = w.to_lowercase();
            let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
            // A quarter left alone ("q4") once its year was taken, a filing
            // number ("00042") or a version ("v2") names no service.
            let quarter = l.len() == 2 && l.starts_with('q') && digits(&l[1..]);
            let version = l.starts_with('v') && digits(&l[1..]);
            !(quarter || version || digits(&l))
        })
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect();
    let out = words.join(" ");
    (out.chars().any(char::is_alphabetic)).then_some(out)
}

/// The return's service and where it was found: `option` (--service),
/// `title` (a title above the tables), `column` (one value throughout a
/// table's Service column), `file_name`, or `none`.
pub fn find_service(a: &Analysis, option: Option<&str>) -> (String, &'static str) {
    if let Some(s) = option.map(str::trim).filter(|s| !s.is_empty()) {
        return (s.to_string(), "option");
    }
    if let Some(s) = title_cells(a).find_map(|(_, t)| service_in_title(t)) {
        return (s, "title");
    }
    let mut values: Vec<String> = Vec::new();
    for t in a.tables.iter().filter(|t| t.has("service")) {
        let Some(sheet) = a.workbook.sheets.iter().find(|s| s.name == t.sheet) else {
            continue;
        };
        for r in &t.rows {
            if let Some((_, c)) = t.cell(sheet, r.row, "service") {
                let v = crate::values::squash(&c.display());
                if !v.is_empty() {
                    values.push(v);
                }
            }
        }
    }
    values.dedup();
    if values.len() == 1 {
        if let Some(v) = values.pop() {
            return (v, "column");
        }
    }
    if let Some(s) = service_in_file_name(&a.path) {
        return (s, "file_name");
    }
    ("Unknown service".into(), "none")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_in_titles() {
        assert_eq!(
            service_in_title("Family Services – Q4 2016/17").as_deref(),
            Some("Family Services")
        );
        assert_eq!(
            service_in_title("5. Family Services Delivery Unit - Indicators 2016/17").as_deref(),
            Some("Family Services Delivery Unit")
        );
        assert_eq!(
            service_in_title("Family Services Quarterly Performance Report Q3 2016/17").as_deref(),
            Some("Family Services")
        );
        assert_eq!(service_in_title("Q4 2016/17 Result"), None);
        assert_eq!(service_in_title("Family Services"), None);
    }

    #[test]
    fn services_in_file_names() {
        assert_eq!(
            service_in_file_name("history/family_services_q3_2016-17.xlsx").as_deref(),
            Some("Family Services")
        );
        assert_eq!(
            service_in_file_name("Adults Q1 2017-18 v2.xlsx").as_deref(),
            Some("Adults")
        );
        // A filing number is not part of the service's name.
        assert_eq!(
            service_in_file_name("00042_public_health_q1_2014-15.xlsx").as_deref(),
            Some("Public Health")
        );
        assert_eq!(service_in_file_name("q4_2016-17.xlsx"), None);
    }
}

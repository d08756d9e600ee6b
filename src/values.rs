//! Parsing the council's value encodings.
//!
//! Returns are typed by hand, so one figure can arrive as a number, as
//! "1,051", "£5,523", "(465)", "44.0%", "157/357" or as two lines of one
//! cell. Words such as "N/A", "Monitor" or "Not currently available" are
//! deliberate absence and never errors. This module turns a cell into a
//! [`Value`] and remembers how it was written (decimals shown, a % sign, text
//! or number) so a check can work at the precision shown and a fix can write
//! the value back the same way.

use crate::workbook::Cell;

/// Why a value is deliberately missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Absence {
    /// "N/A", "NA", "n/a"
    NotApplicable,
    /// "Monitor": tracked without a target
    Monitor,
    /// "No Target"
    NoTarget,
    /// "TBC", "TBA"
    ToBeConfirmed,
    /// "Not currently available", "Not available", "Data not available"
    NotAvailable,
    /// "Not due to be reported this quarter"
    NotDue,
    /// "NEW FOR 2017/18", "New"
    New,
    /// "-" on its own, a nil figure in finance tables
    Dash,
}

/// A unit written after a number in the cell itself ("23 weeks").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuffixUnit {
    Days,
    Weeks,
    Months,
}

/// A number as it was written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub value: f64,
    /// Decimal places shown (for a stored number: of its shortest form).
    pub decimals: u8,
    /// Written with a % sign.
    pub percent_sign: bool,
    /// Came from a text cell rather than a number cell.
    pub from_text: bool,
    /// Written as "(465)".
    pub parens: bool,
    /// Written with "£".
    pub currency: bool,
    /// Written with a thousands separator.
    pub grouped: bool,
    /// Written with a leading "+".
    pub plus_sign: bool,
    pub suffix: Option<SuffixUnit>,
}

impl Num {
    pub fn plain(value: f64) -> Num {
        Num {
            value,
            decimals: decimals_of(value),
            percent_sign: false,
            from_text: false,
            parens: false,
            currency: false,
            grouped: false,
            plus_sign: false,
            suffix: None,
        }
    }

    /// Half a unit in the last place shown: the rounding this figure admits.
    pub fn half_ulp(&self) -> f64 {
        0.5 * 10f64.powi(-(self.decimals as i32))
    }
}

/// A cell's value after parsing.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Absent(Absence),
    Number(Num),
    /// "157/357" or a numerator over a denominator on two lines.
    Ratio {
        num: f64,
        den: f64,
    },
    /// Text that is not a figure (a title, a label, or a typo), its
    /// spacing normalised; shared, like the cells it comes from.
    Text(std::sync::Arc<str>),
    /// An Excel error value such as "#DIV/0!".
    Error(String),
    /// A date where a figure may belong.
    Date(f64),
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.value),
            _ => None,
        }
    }

    pub fn num(&self) -> Option<&Num> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }

    pub fn is_absent(&self) -> bool {
        matches!(self, Value::Absent(_) | Value::Empty)
    }

    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// Decimal places in the shortest form of a stored number, at most 10.
pub fn decimals_of(v: f64) -> u8 {
    if !v.is_finite() || v == v.trunc() {
        return 0;
    }
    let s = crate::workbook::format_number(v);
    match s.find('.') {
        Some(i) => (s.len() - i - 1).min(10) as u8,
        None => 0,
    }
}

/// Parses one cell.
pub fn parse_cell(cell: &Cell) -> Value {
    match cell {
        Cell::Empty => Value::Empty,
        Cell::Number(n) => Value::Number(Num::plain(*n)),
        Cell::Bool(b) => Value::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Cell::Error(e) => Value::Error(e.clone()),
        Cell::Date(d) => Value::Date(*d),
        Cell::Text(s) => parse_text(s),
    }
}

/// Normalises the spacing of free text: runs of whitespace (line breaks
/// included) become one space.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Recognises the council's words for a deliberately missing value.
pub fn absence(s: &str) -> Option<Absence> {
    let t = squash(s).to_lowercase();
    let t = t.trim_end_matches(['.', '*']).trim();
    Some(match t {
        "n/a" | "na" | "n.a." | "n/a." | "not applicable" | "#n/a" => Absence::NotApplicable,
        "monitor" | "monitor only" => Absence::Monitor,
        "no target" | "no target set" | "none" => Absence::NoTarget,
        "tbc" | "tba" | "to be confirmed" => Absence::ToBeConfirmed,
        "-" | "–" | "—" => Absence::Dash,
        "new" => Absence::New,
        _ if t.starts_with("not currently available")
            || t.starts_with("not available")
            || t.starts_with("data not available")
            || t.starts_with("not yet available")
            || t.starts_with("will be available") =>
        {
            Absence::NotAvailable
        }
        _ if t.starts_with("not due") || t.starts_with("not reported") => Absence::NotDue,
        _ if t.starts_with("new for") || t.starts_with("new indicator") => Absence::New,
        _ => return None,
    })
}

/// Parses the text of a cell.
pub fn parse_text(raw: &str) -> Value {
    // The same texts recur in every return of a batch (polarity words,
    // ratings, titles): each is parsed once a thread.
    thread_local! {
        static PARSED: std::cell::RefCell<std::collections::HashMap<String, Value, foldhash::fast::RandomState>> =
            std::cell::RefCell::new(Default::default());
    }
    if raw.len() > 200 {
        return parse_text_uncached(raw);
    }
    PARSED.with(|parsed| {
        if let Some(v) = parsed.borrow().get(raw) {
            return v.clone();
        }
        let v = parse_text_uncached(raw);
        // Figures typed as text are mostly one-offs: only words are kept.
        if !matches!(v, Value::Number(_) | Value::Ratio { .. }) {
            let mut parsed = parsed.borrow_mut();
            if parsed.len() >= 4_096 {
                parsed.clear();
            }
            parsed.insert(raw.to_string(), v.clone());
        }
        v
    })
}

fn parse_text_uncached(raw: &str) -> Value {
    let s = raw.trim();
    if s.is_empty() {
        return Value::Empty;
    }
    if let Some(a) = absence(s) {
        return Value::Absent(a);
    }
    if s.starts_with('#') && s.ends_with(['!', '?', 'A']) && s.len() <= 8 {
        return Value::Error(s.to_string());
    }
    if let Some(r) = parse_ratio(s) {
        return r;
    }
    match parse_number_text(s) {
        Some(n) => Value::Number(n),
        None => Value::Text(squash(s).into()),
    }
}

/// "157/357", "157 / 357" or "20\n35" (a numerator above a denominator).
fn parse_ratio(s: &str) -> Option<Value> {
    let (a, b) = if let Some((a, b)) = s.split_once('/') {
        (a, b)
    } else {
        let mut lines = s.lines().map(str::trim).filter(|l| !l.is_empty());
        let a = lines.next()?;
        let b = lines.next()?;
        if lines.next().is_some() {
            return None;
        }
        (a, b)
    };
    let num = parse_plain(a.trim())?;
    let den = parse_plain(b.trim())?;
    Some(Value::Ratio { num, den })
}

/// A bare figure with optional thousands separators, nothing else.
fn parse_plain(s: &str) -> Option<f64> {
    if s.is_empty()
        || !s
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    s.replace(',', "").parse().ok()
}

/// Parses a figure written as text: "1,051", "£5,523", "(465)", "-0.3%",
/// "44.0%", "+9%", "23 weeks".
pub fn parse_number_text(s: &str) -> Option<Num> {
    let mut t = s.trim().to_string();
    let mut neg = false;
    let mut parens = false;
    let mut currency = false;
    let mut plus_sign = false;
    let mut percent_sign = false;
    let mut suffix = None;

    let lower = t.to_lowercase();
    for (word, unit) in [
        (" days", SuffixUnit::Days),
        (" day", SuffixUnit::Days),
        (" weeks", SuffixUnit::Weeks),
        (" week", SuffixUnit::Weeks),
        (" months", SuffixUnit::Months),
        (" month", SuffixUnit::Months),
    ] {
        if lower.ends_with(word) {
            t.truncate(t.len() - word.len());
            suffix = Some(unit);
            break;
        }
    }
    let mut t = t.trim();
    if t.starts_with('(') && t.ends_with(')') {
        parens = true;
        neg = true;
        t = t[1..t.len() - 1].trim();
    }
    if let Some(rest) = t.strip_prefix(['-', '−', '–']) {
        if neg {
            return None;
        }
        neg = true;
        t = rest.trim_start();
    } else if let Some(rest) = t.strip_prefix('+') {
        plus_sign = true;
        t = rest.trim_start();
    }
    if let Some(rest) = t.strip_prefix('£') {
        currency = true;
        t = rest.trim_start();
    }
    if t.starts_with('(') && t.ends_with(')') && !parens {
        parens = true;
        neg = true;
        t = t[1..t.len() - 1].trim();
    }
    if let Some(rest) = t.strip_suffix('%') {
        percent_sign = true;
        t = rest.trim_end();
    }
    if t.is_empty() || !t.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    if t.matches('.').count() > 1 {
        return None;
    }
    let grouped = t.contains(',');
    if grouped && !valid_grouping(t) {
        return None;
    }
    let digits = t.replace(',', "");
    let value: f64 = digits.parse().ok()?;
    let decimals = digits
        .find('.')
        .map(|i| (digits.len() - i - 1) as u8)
        .unwrap_or(0);
    Some(Num {
        value: if neg { -value } else { value },
        decimals,
        percent_sign,
        from_text: true,
        parens,
        currency,
        grouped,
        plus_sign,
        suffix,
    })
}

/// "1,051" and "1,234,567.5" are grouped figures; "1,05" is not.
fn valid_grouping(t: &str) -> bool {
    let int = t.split('.').next().unwrap_or("");
    let mut groups = int.split(',');
    let first = groups.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 {
        return false;
    }
    groups.all(|g| g.len() == 3)
}

/// A dashboard cell "64% (14)" or "64%(14)": a percentage and its count.
pub fn parse_pct_count(s: &str) -> Option<(Num, f64)> {
    let s = s.trim();
    let open = s.find('(')?;
    if !s.ends_with(')') {
        return None;
    }
    let pct = parse_number_text(s[..open].trim())?;
    if !pct.percent_sign {
        return None;
    }
    let count = parse_plain(s[open + 1..s.len() - 1].trim())?;
    Some((pct, count))
}

/// The leading figure of free text such as "63% (London average)" or
/// "12.5% (Q3 Target 11.5%)", used where the catalogue mixes words and
/// figures.
pub fn leading_number(s: &str) -> Option<Num> {
    let s = squash(s);
    let end = s.find(" (").unwrap_or(s.len());
    parse_number_text(&s[..end])
}

/// Formats a figure the way it was written: `like` carries the decimals,
/// % sign, parentheses, currency and grouping of the original.
pub fn format_like(value: f64, like: &Num, decimals: u8) -> String {
    let neg = value < 0.0 && round_to(value, decimals) != 0.0;
    let abs = round_to(value.abs(), decimals);
    let mut body = format!("{:.*}", decimals as usize, abs);
    if like.grouped {
        body = group_thousands(&body);
    }
    if like.currency {
        body = format!("£{body}");
    }
    if like.percent_sign {
        body.push('%');
    }
    if let Some(u) = like.suffix {
        let word = match u {
            SuffixUnit::Days => "days",
            SuffixUnit::Weeks => "weeks",
            SuffixUnit::Months => "months",
        };
        body = format!("{body} {word}");
    }
    if neg {
        if like.parens {
            format!("({body})")
        } else {
            format!("-{body}")
        }
    } else if like.plus_sign && abs != 0.0 {
        format!("+{body}")
    } else {
        body
    }
}

fn group_thousands(s: &str) -> String {
    let (int, frac) = match s.find('.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + frac
}

/// Rounds half away from zero, as Excel does, to `decimals` places.
pub fn round_to(v: f64, decimals: u8) -> f64 {
    let f = 10f64.powi(decimals as i32);
    // A tiny nudge keeps 83.75 (stored as 83.74999...) rounding up as Excel shows it.
    let x = v * f;
    let r = (x.abs() + 1e-9).round() * x.signum();
    r / f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> f64 {
        match parse_text(s) {
            Value::Number(n) => n.value,
            other => panic!("{s:?} parsed as {other:?}"),
        }
    }

    #[test]
    fn figures_in_every_encoding() {
        assert_eq!(n("1,051"), 1051.0);
        assert_eq!(n("(1,365)"), -1365.0);
        assert_eq!(n("£5,523"), 5523.0);
        assert_eq!(n("(465)"), -465.0);
        assert_eq!(n("-68.7%"), -68.7);
        assert_eq!(n("44.0%"), 44.0);
        assert_eq!(n("+33%"), 33.0);
        assert_eq!(n("23 weeks"), 23.0);
        assert_eq!(n("18.4 days"), 18.4);
        assert_eq!(n(" 413.7 "), 413.7);
    }

    #[test]
    fn decimals_and_signs_are_remembered() {
        let Value::Number(x) = parse_text("44.0%") else {
            panic!()
        };
        assert_eq!((x.decimals, x.percent_sign, x.from_text), (1, true, true));
        let Value::Number(x) = parse_text("(1,365)") else {
            panic!()
        };
        assert!(x.parens && x.grouped);
        assert_eq!(decimals_of(44.9), 1);
        assert_eq!(decimals_of(0.4398), 4);
        assert_eq!(decimals_of(345.0), 0);
    }

    #[test]
    fn ratios_on_one_line_or_two() {
        assert_eq!(
            parse_text("157/357"),
            Value::Ratio {
                num: 157.0,
                den: 357.0
            }
        );
        assert_eq!(
            parse_text("20\n35"),
            Value::Ratio {
                num: 20.0,
                den: 35.0
            }
        );
        assert_eq!(
            parse_text("16510 / 19963"),
            Value::Ratio {
                num: 16510.0,
                den: 19963.0
            }
        );
    }

    #[test]
    fn deliberate_absence_is_not_an_error() {
        for (s, a) in [
            ("N/A", Absence::NotApplicable),
            ("NA", Absence::NotApplicable),
            ("Monitor", Absence::Monitor),
            ("No Target", Absence::NoTarget),
            ("No \nTarget", Absence::NoTarget),
            ("TBC", Absence::ToBeConfirmed),
            ("Not currently available", Absence::NotAvailable),
            ("Not due to be reported this quarter.", Absence::NotDue),
            ("NEW FOR 2017/18", Absence::New),
            ("-", Absence::Dash),
        ] {
            assert_eq!(parse_text(s), Value::Absent(a), "{s}");
        }
    }

    #[test]
    fn words_and_malformed_figures_stay_text() {
        assert!(matches!(parse_text("Bigger is Better"), Value::Text(_)));
        assert!(matches!(parse_text("1,05"), Value::Text(_)));
        assert!(matches!(parse_text("12..5"), Value::Text(_)));
        assert!(matches!(parse_text("#DIV/0!"), Value::Error(_)));
    }

    #[test]
    fn dashboard_percent_and_count() {
        let (p, c) = parse_pct_count("64%(14)").unwrap();
        assert_eq!((p.value, c), (64.0, 14.0));
        let (p, c) = parse_pct_count("75% (3)").unwrap();
        assert_eq!((p.value, c), (75.0, 3.0));
        assert!(parse_pct_count("64").is_none());
    }

    #[test]
    fn formatting_keeps_the_encoding() {
        let like = parse_number_text("(1,365)").unwrap();
        assert_eq!(format_like(-1366.0, &like, 0), "(1,366)");
        let like = parse_number_text("44.9%").unwrap();
        assert_eq!(format_like(43.977, &like, 1), "44.0%");
        let like = parse_number_text("+9%").unwrap();
        assert_eq!(format_like(8.0, &like, 0), "+8%");
        assert_eq!(format_like(-5.0, &like, 0), "-5%");
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(round_to(83.753, 1), 83.8);
        assert_eq!(round_to(299.0 / 357.0 * 100.0, 1), 83.8);
        assert_eq!(round_to(-0.05, 1), -0.1);
        assert_eq!(round_to(2.5, 0), 3.0);
    }
}

//! Reporting periods: financial years (April to March) and their quarters.
//!
//! Headers and titles carry periods as "Q4 2016/17", "From Q3 2016/17",
//! "Annual 2016/17 Target", "Apr 2016 - Mar 2017" or "As at 31 March 2017";
//! file names as "q4_2016-17". Everything here turns such text into a
//! [`Period`] so a header can be matched without spelling its period out,
//! and a return can be checked against the rules of its own year.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// A financial year, April to March, named by the calendar year it starts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct FinancialYear(pub u16);

impl fmt::Display for FinancialYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{:02}", self.0, (self.0 + 1) % 100)
    }
}

impl FinancialYear {
    /// Parses "2016/17", "2016-17", "2016/2017" or "16/17".
    pub fn parse(s: &str) -> Option<FinancialYear> {
        let caps = FY_RE.captures(s.trim())?;
        let fy = fy_from_caps(&caps["a"], &caps["b"])?;
        if caps.get(0)?.as_str().len() != s.trim().len() {
            return None;
        }
        Some(fy)
    }
}

/// A quarter of a financial year (Q1 = April to June), or a whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: FinancialYear,
    /// 1 to 4; `None` for a whole year.
    pub quarter: Option<u8>,
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.quarter {
            Some(q) => write!(f, "Q{q} {}", self.year),
            None => write!(f, "{}", self.year),
        }
    }
}

impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl Period {
    pub fn quarter(year: u16, q: u8) -> Period {
        Period {
            year: FinancialYear(year),
            quarter: Some(q),
        }
    }

    /// Quarters counted from year 0, so that neighbours differ by one.
    pub fn index(&self) -> Option<i64> {
        self.quarter
            .map(|q| self.year.0 as i64 * 4 + (q as i64 - 1))
    }

    pub fn from_index(i: i64) -> Period {
        Period::quarter((i.div_euclid(4)) as u16, (i.rem_euclid(4) + 1) as u8)
    }

    /// The quarter `n` quarters before this one.
    pub fn back(&self, n: i64) -> Option<Period> {
        Some(Period::from_index(self.index()? - n))
    }

    /// Parses "Q4 2016/17" (also "Q4 16/17", "2016/17 Q4") or "2016/17".
    pub fn parse(s: &str) -> Option<Period> {
        let found = find_periods(s);
        if found.len() == 1 {
            Some(found[0].1)
        } else {
            None
        }
    }
}

static FY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<a>(?:19|20)?\d\d)\s*[/\-–]\s*(?P<b>(?:19|20)?\d\d)").unwrap()
});

static QFY_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?:\bq(?P<q1>[1-4])[\s_\-]*(?P<a1>(?:19|20)?\d\d)\s*[/\-–_]\s*(?P<b1>(?:19|20)?\d\d)\b)
        | (?:\b(?P<a2>(?:19|20)\d\d)\s*[/\-–_]\s*(?P<b2>(?:19|20)?\d\d)[\s_\-]*q(?P<q2>[1-4])\b)
        | (?:\b(?P<a3>(?:19|20)\d\d)\s*[/\-–_]\s*(?P<b3>(?:19|20)?\d\d)\b)
        ",
    )
    .unwrap()
});

static MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

static MONTH_RANGE_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?P<m1>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|okt|nov|dec)[a-z]*\.?\s*(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<y1>(?:19|20)?\d\d)?
        \s*(?:-|–|to)\s*
        (?:(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<m2>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|okt|nov|dec)[a-z]*\.?\s*(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?P<y2>(?:19|20)?\d\d)\b",
    )
    .unwrap()
});

static AS_AT_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)\b(?:as\s+at|at|end\s+of)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<y>(?:19|20)\d\d)\b",
    )
    .unwrap()
});

static MONTH_YEAR_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)\b(?P<m>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?P<y>(?:19|20)\d\d)\b").unwrap()
});

fn year4(s: &str) -> Option<u16> {
    let n: u16 = s.parse().ok()?;
    Some(if s.len() == 2 { 2000 + n } else { n })
}

fn fy_from_caps(a: &str, b: &str) -> Option<FinancialYear> {
    let a = year4(a)?;
    let b = year4(b)?;
    // "2016/17" must name consecutive years; "2016-2020" is a plan span.
    if b == a + 1 && (1990..2100).contains(&a) {
        Some(FinancialYear(a))
    } else {
        None
    }
}

fn month_index(m: &str) -> Option<u8> {
    let m = m.to_lowercase();
    let m = if m.starts_with("okt") {
        "oct".to_string()
    } else {
        m
    };
    MONTHS
        .iter()
        .position(|x| m.starts_with(x))
        .map(|i| i as u8 + 1)
}

/// The quarter that contains a calendar month.
pub fn quarter_of_month(year: u16, month: u8) -> Period {
    let (fy, q) = match month {
        4..=6 => (year, 1),
        7..=9 => (year, 2),
        10..=12 => (year, 3),
        _ => (year - 1, 4),
    };
    Period::quarter(fy, q)
}

/// Every "Qn yyyy/yy" or "yyyy/yy" in a text, with its byte span.
pub fn find_periods(s: &str) -> Vec<((usize, usize), Period)> {
    let mut out = Vec::new();
    for caps in QFY_RE.captures_iter(s) {
        let m = caps.get(0).unwrap();
        let p = if let (Some(q), Some(a), Some(b)) =
            (caps.name("q1"), caps.name("a1"), caps.name("b1"))
        {
            fy_from_caps(a.as_str(), b.as_str()).map(|fy| Period {
                year: fy,
                quarter: q.as_str().parse().ok(),
            })
        } else if let (Some(q), Some(a), Some(b)) =
            (caps.name("q2"), caps.name("a2"), caps.name("b2"))
        {
            fy_from_caps(a.as_str(), b.as_str()).map(|fy| Period {
                year: fy,
                quarter: q.as_str().parse().ok(),
            })
        } else if let (Some(a), Some(b)) = (caps.name("a3"), caps.name("b3")) {
            fy_from_caps(a.as_str(), b.as_str()).map(|fy| Period {
                year: fy,
                quarter: None,
            })
        } else {
            None
        };
        if let Some(p) = p {
            out.push(((m.start(), m.end()), p));
        }
    }
    out
}

/// The reporting period a piece of free text names: a title ("Family
/// Services – Q4 2016/17"), a "Period Covered" cell ("Apr 2016 - Mar 2017",
/// "As at 31 March 2017", "Jan-Mar 2017") or a file name.
pub fn period_in_text(s: &str) -> Option<Period> {
    // File names separate words with underscores, which regex word
    // boundaries do not see.
    let s = &s.replace('_', " ");
    let found = find_periods(s);
    if let Some((_, p)) = found.iter().find(|(_, p)| p.quarter.is_some()) {
        return Some(*p);
    }
    if let Some(caps) = MONTH_RANGE_RE.captures(s) {
        let m2 = month_index(&caps["m2"])?;
        let y2 = year4(&caps["y2"])?;
        return Some(quarter_of_month(y2, m2));
    }
    if let Some(caps) = AS_AT_RE.captures(s) {
        let m = month_index(&caps["m"])?;
        let y = year4(&caps["y"])?;
        return Some(quarter_of_month(y, m));
    }
    if let Some((_, p)) = found.first() {
        return Some(*p);
    }
    if let Some(caps) = MONTH_YEAR_RE.captures(s) {
        let m = month_index(&caps["m"])?;
        let y = year4(&caps["y"])?;
        return Some(quarter_of_month(y, m));
    }
    None
}

/// Replaces periods in a normalised header with placeholders: "q4 2016/17
/// result" becomes "{quarter} result", "annual 2016/17 target" becomes
/// "annual {year} target". Returns the periods found, in order.
pub fn template_periods(header: &str) -> (String, Vec<Period>) {
    let found = find_periods(header);
    if found.is_empty() {
        return (header.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(header.len());
    let mut last = 0;
    let mut periods = Vec::new();
    for ((a, b), p) in found {
        out.push_str(&header[last..a]);
        out.push_str(if p.quarter.is_some() {
            "{quarter}"
        } else {
            "{year}"
        });
        last = b;
        periods.push(p);
    }
    out.push_str(&header[last..]);
    (out, periods)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_quarters() {
        assert_eq!(FinancialYear::parse("2016/17"), Some(FinancialYear(2016)));
        assert_eq!(FinancialYear::parse("2016-2017"), Some(FinancialYear(2016)));
        assert_eq!(FinancialYear::parse("2016-2020"), None);
        assert_eq!(Period::parse("Q4 2016/17"), Some(Period::quarter(2016, 4)));
        assert_eq!(Period::quarter(2016, 4).to_string(), "Q4 2016/17");
        assert_eq!(
            Period::quarter(2016, 1).back(1),
            Some(Period::quarter(2015, 4))
        );
        assert_eq!(
            Period::quarter(2016, 4).back(4),
            Some(Period::quarter(2015, 4))
        );
    }

    #[test]
    fn periods_in_titles_cells_and_file_names() {
        let q4 = Some(Period::quarter(2016, 4));
        assert_eq!(period_in_text("Family Services – Q4 2016/17"), q4);
        assert_eq!(period_in_text("Apr 2016 - Mar 2017"), q4);
        assert_eq!(period_in_text("As at 31 March 2017"), q4);
        assert_eq!(period_in_text("Jan-Mar 2017"), q4);
        assert_eq!(period_in_text("family_services_q4_2016-17.xlsx"), q4);
        assert_eq!(
            period_in_text("Apr 14 - Jun 14"),
            Some(Period::quarter(2014, 1))
        );
        assert_eq!(
            period_in_text("Family Service – Q1 2014/15"),
            Some(Period::quarter(2014, 1))
        );
        assert_eq!(
            period_in_text("December 2017"),
            Some(Period::quarter(2017, 3))
        );
        assert_eq!(period_in_text("Benchmarking"), None);
    }

    #[test]
    fn header_templates() {
        let (t, p) = template_periods("dot short-term (from q3 2016/17)");
        assert_eq!(t, "dot short-term (from {quarter})");
        assert_eq!(p, vec![Period::quarter(2016, 3)]);
        let (t, _) = template_periods("annual 2016/17 target");
        assert_eq!(t, "annual {year} target");
    }
}

//! Header wordings: normalising what a cell says and matching it against a
//! schema's aliases.
//!
//! Headers are typed with line breaks, double spaces, "Short-\nTerm" split
//! over lines and periods written in ("Q4 2016/17 Result"). Both the header
//! and the alias are normalised the same way; periods become `{quarter}` or
//! `{year}`, and `*` in an alias stands for any text.

use regex::Regex;

use crate::period::{template_periods, Period};

/// Lower case, one space between words, a word broken after a hyphen joined
/// again, dashes unified, footnote marks dropped.
pub fn normalise_header(s: &str) -> String {
    normalise_words(s)
        .trim_end_matches(['*', ':', ' '])
        .trim_start_matches(['*', ' '])
        .to_string()
}

/// Lower case, one space between words, broken words joined, dashes unified.
fn normalise_words(s: &str) -> String {
    let mut joined = String::with_capacity(s.len());
    let mut lines = s
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    while let Some(l) = lines.next() {
        joined.push_str(l);
        if lines.peek().is_some() && !l.ends_with('-') {
            joined.push(' ');
        }
    }
    let lower = joined
        .to_lowercase()
        .replace(['–', '—'], "-")
        .replace('’', "'");
    let mut out = String::with_capacity(lower.len());
    for w in lower.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// A compiled alias.
#[derive(Debug, Clone)]
pub struct HeaderPattern {
    pub text: String,
    re: Regex,
}

impl HeaderPattern {
    pub fn compile(alias: &str) -> Result<HeaderPattern, String> {
        let norm = normalise_words(alias);
        let norm = norm.trim_end_matches([':', ' ']);
        if norm.is_empty() {
            return Err("an alias is empty".into());
        }
        let mut re = String::from("^");
        let mut rest = norm;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("{quarter}") {
                re.push_str(r"\{quarter\}");
                rest = r;
            } else if let Some(r) = rest.strip_prefix("{year}") {
                re.push_str(r"\{year\}");
                rest = r;
            } else if let Some(r) = rest.strip_prefix("{period}") {
                re.push_str(r"\{(?:quarter|year)\}");
                rest = r;
            } else if let Some(r) = rest.strip_prefix('*') {
                re.push_str(".*");
                rest = r;
            } else if rest.starts_with('{') {
                let shown = match rest.find('}') {
                    Some(end) => &rest[..=end],
                    None => rest,
                };
                return Err(format!(
                    "unknown placeholder '{shown}' in alias '{alias}': use {{quarter}}, {{year}} or {{period}}"
                ));
            } else {
                let mut chars = rest.chars();
                if let Some(c) = chars.next() {
                    re.push_str(&regex::escape(&c.to_string()));
                }
                rest = chars.as_str();
            }
        }
        re.push('$');
        let re = Regex::new(&re).map_err(|e| format!("alias '{alias}' cannot be compiled: {e}"))?;
        Ok(HeaderPattern {
            text: alias.to_string(),
            re,
        })
    }

    /// The compiled pattern, for building a set of every alias.
    pub fn pattern(&self) -> &str {
        self.re.as_str()
    }

    /// Whether a header, already templated by [`template_header`], matches.
    pub fn matches(&self, templated: &str) -> bool {
        self.re.is_match(templated)
    }
}

/// A header cell ready for matching: its templated text and its periods.
#[derive(Debug, Clone, Default)]
pub struct TemplatedHeader {
    pub text: String,
    pub periods: Vec<Period>,
}

pub fn template_header(raw: &str) -> TemplatedHeader {
    let (text, periods) = template_periods(&normalise_header(raw));
    TemplatedHeader { text, periods }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_placeholder_is_an_error_not_a_panic() {
        for alias in ["{quartér", "{", "result {nope}", "{é"] {
            assert!(HeaderPattern::compile(alias).is_err(), "{alias}");
        }
        assert!(HeaderPattern::compile("résultat").is_ok());
    }

    #[test]
    fn line_breaks_and_hyphens() {
        assert_eq!(
            normalise_header("DOT \nShort-\nTerm \n(From Q3 \n2016/17)"),
            "dot short-term (from q3 2016/17)"
        );
        assert_eq!(
            normalise_header("Numerator / \nDenominator "),
            "numerator / denominator"
        );
        assert_eq!(normalise_header("Benchmarking*"), "benchmarking");
    }

    #[test]
    fn periods_are_recognised_not_spelled_out() {
        let p = HeaderPattern::compile("{quarter} Result").unwrap();
        assert!(p.matches(&template_header("Q4 \n2016/17 \nResult").text));
        assert!(p.matches(&template_header("Q3 2015/16 Result").text));
        assert!(!p.matches(&template_header("Annual 2016/17 Target").text));
        let w = HeaderPattern::compile("dot short*").unwrap();
        assert!(w.matches(&template_header("DOT Short-Term (From Q3 2016/17)").text));
        assert!(HeaderPattern::compile("{month} x").is_err());
    }
}

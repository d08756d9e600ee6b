//! The council's fixed vocabularies: polarity, direction of travel, RAG.
//!
//! Each parser accepts the spellings the seeds use ("Bigger is Better",
//! "Improving", "Green Amber", older "AMBER") and nothing else, so a typo is
//! reported rather than guessed; [`closest`] suggests what was meant.

use std::fmt;

/// Which way is good for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    BiggerIsBetter,
    SmallerIsBetter,
    /// Tracked without a good direction.
    Monitor,
    /// "Maintain ...": staying level is the aim.
    Maintain,
}

impl Polarity {
    pub fn parse(s: &str) -> Option<Polarity> {
        let t = crate::values::squash(s).to_lowercase();
        let t = t.trim_end_matches('.');
        Some(match t {
            "bigger is better" | "higher is better" | "larger is better" | "increase" | "high"
            | "higher" | "bigger" => Polarity::BiggerIsBetter,
            "smaller is better" | "lower is better" | "less is better" | "reduce" | "decrease"
            | "low" | "lower" | "smaller" => Polarity::SmallerIsBetter,
            "monitor" | "monitor only" | "n/a" | "na" => Polarity::Monitor,
            "maintain" => Polarity::Maintain,
            _ => return None,
        })
    }

    /// The older form's description starts with its verb: "Increase the
    /// number of ...", "Reduce ...", "Monitor ...", "Maintain ...".
    pub fn from_description(s: &str) -> Option<Polarity> {
        let first = s.split_whitespace().next()?.to_lowercase();
        let first = first.trim_matches(|c: char| !c.is_alphabetic());
        Some(match first {
            "increase" | "improve" | "maximise" | "maximize" | "raise" => Polarity::BiggerIsBetter,
            "reduce" | "decrease" | "minimise" | "minimize" | "lower" => Polarity::SmallerIsBetter,
            "monitor" => Polarity::Monitor,
            "maintain" => Polarity::Maintain,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Polarity::BiggerIsBetter => "Bigger is Better",
            Polarity::SmallerIsBetter => "Smaller is Better",
            Polarity::Monitor => "Monitor",
            Polarity::Maintain => "Maintain",
        }
    }

    pub const LABELS: &'static [&'static str] =
        &["Bigger is Better", "Smaller is Better", "Monitor"];
}

impl fmt::Display for Polarity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// A direction of travel label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dot {
    Improving,
    Worsening,
    Same,
    Monitor,
    NotApplicable,
}

impl Dot {
    pub fn parse(s: &str) -> Option<Dot> {
        let t = crate::values::squash(s).to_lowercase();
        let t = t.trim_end_matches('.');
        Some(match t {
            "improving" | "improved" | "improvement" | "better" | "up" => Dot::Improving,
            "worsening" | "worsened" | "worse" | "declining" | "deteriorating" | "down" => {
                Dot::Worsening
            }
            "same" | "no change" | "unchanged" | "stable" | "maintained" => Dot::Same,
            "monitor" => Dot::Monitor,
            "n/a" | "na" | "-" | "not applicable" => Dot::NotApplicable,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Dot::Improving => "Improving",
            Dot::Worsening => "Worsening",
            Dot::Same => "Same",
            Dot::Monitor => "Monitor",
            Dot::NotApplicable => "N/A",
        }
    }

    pub const LABELS: &'static [&'static str] =
        &["Improving", "Worsening", "Same", "Monitor", "N/A"];
}

/// A RAG rating.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum Rag {
    Green,
    /// Any amber or red: a band label as written ("Green Amber", "Red").
    Band(String),
    /// Older reports' plain "AMBER", which does not say which band.
    Amber,
}

impl Rag {
    pub fn parse(s: &str) -> Option<Rag> {
        let t = crate::values::squash(s)
            .to_lowercase()
            .replace(['-', '/'], " ");
        let t = crate::values::squash(&t);
        Some(match t.as_str() {
            "green" | "g" => Rag::Green,
            "green amber" | "ga" | "amber green" | "ag" => Rag::Band("Green Amber".into()),
            "red amber" | "ra" | "amber red" | "ar" => Rag::Band("Red Amber".into()),
            "red" | "r" => Rag::Band("Red".into()),
            "amber" | "a" => Rag::Amber,
            _ => return None,
        })
    }

    pub fn is_green(&self) -> bool {
        matches!(self, Rag::Green)
    }

    pub fn label(&self) -> &str {
        match self {
            Rag::Green => "Green",
            Rag::Band(b) => b,
            Rag::Amber => "Amber",
        }
    }

    pub const LABELS: &'static [&'static str] = &["Green", "Green Amber", "Red Amber", "Red"];
}

/// Levenshtein distance, for suggesting what a misspelt label meant.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The one label within a few typos of `s`, if there is exactly one.
pub fn closest(s: &str, labels: &[&'static str]) -> Option<&'static str> {
    let t = crate::values::squash(s).to_lowercase();
    let limit = (t.chars().count() / 4).clamp(1, 4);
    let mut best: Vec<(usize, &'static str)> = labels
        .iter()
        .map(|l| (edit_distance(&t, &l.to_lowercase()), *l))
        .filter(|(d, _)| *d <= limit)
        .collect();
    best.sort();
    match best.as_slice() {
        [(d, l)] => Some(*l).filter(|_| *d > 0),
        [(d1, l), (d2, _), ..] if d1 < d2 => Some(*l),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polarity_labels_and_verbs() {
        assert_eq!(
            Polarity::parse("Bigger is \nBetter"),
            Some(Polarity::BiggerIsBetter)
        );
        assert_eq!(
            Polarity::parse("Smaller is Better"),
            Some(Polarity::SmallerIsBetter)
        );
        assert_eq!(Polarity::parse("Biger is Better"), None);
        assert_eq!(
            Polarity::from_description("Increase the number of early years places"),
            Some(Polarity::BiggerIsBetter)
        );
        assert_eq!(
            Polarity::from_description("Reduce the average time"),
            Some(Polarity::SmallerIsBetter)
        );
        assert_eq!(
            Polarity::from_description("Monitor the number of referrals"),
            Some(Polarity::Monitor)
        );
        assert_eq!(
            Polarity::from_description("Maintain the number of external placements"),
            Some(Polarity::Maintain)
        );
        assert_eq!(
            Polarity::from_description("Troubled Families payments"),
            None
        );
    }

    #[test]
    fn suggestions_for_typos() {
        assert_eq!(
            closest("Biger is Better", Polarity::LABELS),
            Some("Bigger is Better")
        );
        assert_eq!(closest("Improvng", Dot::LABELS), Some("Improving"));
        assert_eq!(closest("Sideways", Dot::LABELS), None);
    }

    #[test]
    fn rag_spellings() {
        assert_eq!(Rag::parse("GREEN"), Some(Rag::Green));
        assert_eq!(
            Rag::parse("Green Amber"),
            Some(Rag::Band("Green Amber".into()))
        );
        assert_eq!(Rag::parse("Amber/Red"), Some(Rag::Band("Red Amber".into())));
        assert_eq!(Rag::parse("AMBER"), Some(Rag::Amber));
        assert_eq!(Rag::parse("Purple"), None);
    }
}

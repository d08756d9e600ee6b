//! A1 addresses: the way a user names a cell.

use std::fmt;

/// An absolute, zero-based cell position that prints as an A1 address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    pub row: u32,
    pub col: u32,
}

impl CellRef {
    pub fn new(row: u32, col: u32) -> Self {
        CellRef { row, col }
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", col_letters(self.col), self.row + 1)
    }
}

/// Column letters for a zero-based column index: 0 -> "A", 26 -> "AA".
pub fn col_letters(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Parses "B7" (or "$B$7") into a zero-based position.
pub fn parse_a1(s: &str) -> Option<CellRef> {
    let s = s.trim().replace('$', "");
    let split = s.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = s.split_at(split);
    if letters.is_empty() || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let mut col: u64 = 0;
    for c in letters.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u8 - b'A' + 1) as u64;
        if col > 16_384 {
            return None;
        }
    }
    let row: u64 = digits.parse().ok()?;
    if row == 0 || row > 1_048_576 {
        return None;
    }
    Some(CellRef::new((row - 1) as u32, (col - 1) as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_round_trip() {
        for (i, s) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (27, "AB"),
            (701, "ZZ"),
            (702, "AAA"),
            (16_383, "XFD"),
        ] {
            assert_eq!(col_letters(i), s);
            assert_eq!(parse_a1(&format!("{s}1")).unwrap().col, i);
        }
    }

    #[test]
    fn display_is_one_based() {
        assert_eq!(CellRef::new(6, 1).to_string(), "B7");
        assert_eq!(parse_a1("$H$12"), Some(CellRef::new(11, 7)));
        assert_eq!(parse_a1("12"), None);
        assert_eq!(parse_a1("A0"), None);
    }
}

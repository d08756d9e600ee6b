//! `change`: change dashboards. The change since the previous period is the
//! latest position minus the previous one, in the same unit, sign included.
//!
//! The dashboard works from unrounded figures: "0.9 → 1.6: 0.68" and
//! "7.7% → 12.1%: +4.3" are right. So a change is accepted when it rounds,
//! at the decimals it shows, from a difference the shown figures allow (each
//! within half its last digit); only larger gaps are reported.

use super::{Emitter, FixValue, Fixable, RuleDoc, Severity};
use crate::model::change::{ChangeRow, ChangeTable, Figure, FigureUnit};
use crate::values::{format_like, round_to, Num};

pub const RULES: &[RuleDoc] = &[
    RuleDoc {
        id: "change.sign_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The change since the previous period has the wrong sign.",
        what: "Works out latest - previous. When the change shown has the right size but the wrong sign (a fall \
written as a rise, or a fall written without its minus), it is reported here.",
        why: "The sign is the direction of travel: a fall shown as a rise tells members a measure moved the \
other way.",
        example: "Previous 23 weeks, latest 18 weeks, change `5 weeks`.",
        instead: "`-5 weeks`.",
    },
    RuleDoc {
        id: "change.value_mismatch",
        severity: Severity::Error,
        fixable: Fixable::Always,
        summary: "The change since the previous period is not latest minus previous.",
        what: "Works out latest - previous from the figures shown, each anywhere within its rounding, and \
compares it with the change at the decimals it shows: 0.9 to 1.6 may be 0.68 (from unrounded figures), but \
53% to 48% cannot be -12%. A percentage change between two percentages is in percentage points.",
        why: "A wrong change misreports how far a measure moved since the last period.",
        example: "Previous 75%, latest 20%, change `+1%`.",
        instead: "`-55%`.",
    },
    RuleDoc {
        id: "change.unit_mismatch",
        severity: Severity::Warning,
        fixable: Fixable::Always,
        summary: "The change is in a different unit from the figures it compares.",
        what: "A change is written in the unit of its figures: percentage points between two percentages \
(with or without a % sign), days between days, weeks between weeks, a plain number between counts. A % \
change between two counts, or days between weeks, is reported; its size is not checked.",
        why: "A % between two counts reads as a rate of change, which the column does not hold; a change in \
another unit cannot be compared with its figures.",
        example: "Previous 8, latest 12, change `+4%`.",
        instead: "`+4`: the change in the unit of its figures.",
    },
    RuleDoc {
        id: "change.rating_mismatch",
        severity: Severity::Warning,
        fixable: Fixable::Never,
        summary: "The rating disagrees with the latest position against the target.",
        what: "Where it can be decided whether the latest position meets its target, a Green rating on a \
missed target, or a Red or Amber rating on a met one, is reported. A range (\"12 to 16\") is met inside it; \
\"at least 90%\", \"16 or fewer\", \">90%\" or \"<16\" carry their own direction; a bare target (\"55%\") needs \
the row's polarity (a Polarity column, or a measure starting \"Increase\" or \"Reduce\"), and without one no \
rating is checked.",
        why: "The rating is what members scan; one that contradicts the target hides a miss or alarms over a \
success. The dashboard may rate on other grounds as well (progress since the last period), hence a warning.",
        example: "Average caseload, latest 19.7, target `12 to 16`, rating `G`.",
        instead: "`R` (or the council's rating for a missed target), or a note of why it is rated Green.",
    },
];

/// How a figure reads in a message: "18.4 days", "73%", "8".
fn shown(row: &ChangeRow, key: &str) -> String {
    row.field(key).map(|f| f.shown()).unwrap_or_default()
}

/// Whether a change in `c` may compare figures in `f`.
fn unit_fits(f: FigureUnit, c: FigureUnit) -> bool {
    c == f
        || c == FigureUnit::Plain
        // Percentages stored as fractions under a % format read as plain
        // numbers; a "%" change over them is in their unit.
        || (f == FigureUnit::Plain && c == FigureUnit::Percent)
}

/// Whether a plain figure may be a fraction of one under a % format.
fn maybe_fraction(f: &Figure) -> bool {
    f.unit == FigureUnit::Plain && !f.num.from_text && f.num.value.abs() <= 1.0
}

/// The text a fix writes: "5 weeks" becomes "-5 weeks", "1 weeks" "1 week".
fn text_like(v: f64, like: &Num, decimals: u8) -> String {
    let s = format_like(v, like, decimals);
    let one = format!("{:.*}", decimals as usize, 1.0);
    for (plural, single) in [
        (" weeks", " week"),
        (" days", " day"),
        (" months", " month"),
    ] {
        if let Some(num) = s.strip_suffix(plural) {
            if num.trim_start_matches(['-', '+']) == one {
                return format!("{num}{single}");
            }
        }
    }
    s
}

pub fn check(t: &ChangeTable<'_>, em: &mut Emitter<'_>) {
    for row in &t.rows {
        arithmetic(t, row, em);
        rating(t, row, em);
    }
}

fn arithmetic(t: &ChangeTable<'_>, row: &ChangeRow, em: &mut Emitter<'_>) {
    let tol = t.table.schema.params.tolerance;
    let (Some(p), Some(l), Some(c)) = (
        row.figure("previous"),
        row.figure("latest"),
        row.figure("change"),
    ) else {
        return;
    };
    if p.unit != l.unit {
        return;
    }
    let sheet = &t.sheet.name;
    if !unit_fits(p.unit, c.unit)
        || (p.unit == FigureUnit::Plain
            && c.unit == FigureUnit::Percent
            && !(maybe_fraction(&p) && maybe_fraction(&l)))
    {
        let d = l.num.value - p.num.value;
        let like = p.unit.apply(&c.num);
        let decimals = p.num.decimals.max(l.num.decimals);
        let fix = if c.num.from_text {
            FixValue::Text(text_like(d, &like, decimals))
        } else {
            FixValue::Number(round_to(d, decimals))
        };
        em.at(
            "change.unit_mismatch",
            sheet,
            c.cell,
            format!(
                "change {} is in {} but {} and {} are in {}",
                shown(row, "change"),
                c.unit.words(),
                shown(row, "previous"),
                shown(row, "latest"),
                p.unit.words()
            ),
        )
        .found(shown(row, "change"))
        .fix(fix)
        .key(row.plan_id.as_deref().unwrap_or(""), &row.title())
        .emit();
        return;
    }

    // The scale of the figures relative to the change: fractions under a %
    // format against a "%" change, or "%" text against a fraction change.
    let mut scales = vec![1.0];
    if p.unit == FigureUnit::Plain && c.unit == FigureUnit::Percent {
        scales = vec![100.0];
    } else if p.unit == FigureUnit::Percent && maybe_fraction(&c) {
        scales.push(0.01);
    }
    let fits = |sign: f64| {
        scales.iter().any(|&s| {
            let d = (l.num.value - p.num.value) * s;
            let h = (p.num.half_ulp() + l.num.half_ulp()) * s + c.num.half_ulp() + tol;
            (sign * c.num.value - d).abs() <= h + 1e-9
        })
    };
    if fits(1.0) {
        return;
    }
    let s = scales[0];
    let d = (l.num.value - p.num.value) * s;
    let sign_only = d != 0.0 && fits(-1.0);
    // The change keeps the decimals it shows: a fix that rounds the same way
    // is accepted on the next check.
    let decimals = c.num.decimals;
    let fix = if c.num.from_text {
        FixValue::Text(text_like(d, &c.num, decimals))
    } else {
        FixValue::Number(round_to(d, decimals))
    };
    let (rule, message) = if sign_only {
        (
            "change.sign_mismatch",
            format!(
                "change {} has the wrong sign: {} to {} is {}",
                shown(row, "change"),
                shown(row, "previous"),
                shown(row, "latest"),
                fix
            ),
        )
    } else {
        (
            "change.value_mismatch",
            format!(
                "change {} is not latest {} - previous {} = {}",
                shown(row, "change"),
                shown(row, "latest"),
                shown(row, "previous"),
                fix
            ),
        )
    };
    em.at(rule, sheet, c.cell, message)
        .found(shown(row, "change"))
        .fix(fix)
        .key(row.plan_id.as_deref().unwrap_or(""), &row.title())
        .related(format!("previous at {}, latest at {}", p.cell, l.cell))
        .emit();
}

fn rating(t: &ChangeTable<'_>, row: &ChangeRow, em: &mut Emitter<'_>) {
    let (Some(latest), Some(target), Some(rag), Some(rating_field)) = (
        row.figure("latest"),
        row.target(),
        row.rating(),
        row.field("rating"),
    ) else {
        return;
    };
    // Compare like with like: "64.5%" with "55%", 0.645 under a % format
    // with "55%" after scaling, a count with a count.
    let x = if latest.unit == target.unit {
        latest.num.value
    } else if target.unit == FigureUnit::Percent && maybe_fraction(&latest) {
        latest.num.value * 100.0
    } else {
        return;
    };
    let Some(met) = target.met(x, row.polarity) else {
        return;
    };
    if met == rag.is_green() {
        return;
    }
    let target_text = shown(row, "target");
    let target_cell = row
        .field("target")
        .map(|f| f.cell.to_string())
        .unwrap_or_default();
    em.at(
        "change.rating_mismatch",
        &t.sheet.name,
        rating_field.cell,
        format!(
            "rating {} but latest {} {} target {target_text}",
            rating_field.shown(),
            shown(row, "latest"),
            if met { "meets" } else { "misses" },
        ),
    )
    .found(rating_field.shown())
    .expected(if met {
        "a Green rating".to_string()
    } else {
        "a rating other than Green".to_string()
    })
    .key(row.plan_id.as_deref().unwrap_or(""), &row.title())
    .related(format!(
        "latest at {}, target at {}",
        latest.cell, target_cell
    ))
    .emit();
}

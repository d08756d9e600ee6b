//! `kpicheck explain`.

use super::{EXIT_OK, EXIT_TROUBLE};
use crate::cli::ExplainArgs;
use crate::rules;

pub fn run(a: ExplainArgs) -> i32 {
    match (a.rule, a.list) {
        (Some(id), _) => {
            if let Some(r) = rules::lookup(&id) {
                print!("{}", r.markdown());
                return EXIT_OK;
            }
            let family: Vec<_> = rules::all()
                .into_iter()
                .filter(|r| r.family() == id)
                .collect();
            if !family.is_empty() {
                for r in family {
                    println!("{}", r.markdown());
                }
                return EXIT_OK;
            }
            eprintln!("kpicheck: no rule '{id}'. `kpicheck explain --list` lists them all.");
            EXIT_TROUBLE
        }
        (None, _) => {
            for r in rules::all() {
                println!("{:<40} {:<8} {}", r.id, r.severity.to_string(), r.summary);
            }
            EXIT_OK
        }
    }
}

/// docs/rules.md, generated from the rules' own documentation.
pub fn rules_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\nEvery rule kpicheck applies, generated from the same text as `kpicheck explain RULE` \
(a test keeps this file current). A rule's id is `family.name`; `--fail-on` sets which severity \
makes the exit code 1.\n\n| rule | severity | fixable | what is wrong |\n|---|---|---|---|\n",
    );
    for r in rules::all() {
        out.push_str(&format!(
            "| [`{}`](#{}) | {} | {} | {} |\n",
            r.id,
            r.id.replace('.', ""),
            r.severity,
            match r.fixable {
                rules::Fixable::Always => "yes",
                rules::Fixable::Sometimes => "sometimes",
                rules::Fixable::Never => "no",
            },
            r.summary
        ));
    }
    out.push('\n');
    for r in rules::all() {
        out.push_str(&r.markdown());
        out.push('\n');
    }
    out
}

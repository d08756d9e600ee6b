//! `kpicheck explain`.

use super::{EXIT_OK, EXIT_TROUBLE};
use crate::cli::ExplainArgs;
use crate::rules;

/// Writes to stdout; a closed pipe (`kpicheck explain --list | head`) is
/// not an error.
fn out(s: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(s.as_bytes());
    let _ = stdout.flush();
}

pub fn run(a: ExplainArgs) -> i32 {
    match (a.rule, a.list) {
        (Some(id), _) => {
            if let Some(r) = rules::lookup(&id) {
                out(&r.markdown());
                return EXIT_OK;
            }
            let family: Vec<_> = rules::all()
                .into_iter()
                .filter(|r| r.family() == id)
                .collect();
            if !family.is_empty() {
                let text: Vec<String> = family.iter().map(|r| r.markdown()).collect();
                out(&(text.join("\n") + "\n"));
                return EXIT_OK;
            }
            eprintln!("kpicheck: no rule '{id}'. `kpicheck explain --list` lists them all.");
            EXIT_TROUBLE
        }
        (None, _) => {
            let list: String = rules::all()
                .iter()
                .map(|r| format!("{:<40} {:<8} {}\n", r.id, r.severity.to_string(), r.summary))
                .collect();
            out(&list);
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

//! `kpicheck schema list` and `kpicheck schema check`.

use super::{EXIT_FINDINGS, EXIT_OK, EXIT_TROUBLE};
use crate::cli::SchemaCommand;
use crate::schema::{parse_schema_file, SchemaDoc, SchemaSet};

pub fn run(c: SchemaCommand) -> i32 {
    match c {
        SchemaCommand::List { schema } => {
            let set = match &schema {
                Some(d) => SchemaSet::with_dir(d),
                None => SchemaSet::embedded(),
            };
            let set = match set {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("kpicheck: schema error: {e}");
                    return EXIT_TROUBLE;
                }
            };
            for s in &set.schemas {
                let cols: Vec<String> = s
                    .columns
                    .iter()
                    .map(|c| {
                        if c.required {
                            format!("{}*", c.key)
                        } else {
                            c.key.clone()
                        }
                    })
                    .collect();
                println!(
                    "{:<22} kind {:<14} years: {:<18} from {}",
                    s.name,
                    s.kind,
                    s.years.to_string(),
                    s.source
                );
                println!("    {}", s.description);
                println!("    columns (* required): {}", cols.join(", "));
            }
            println!("catalogue: {} indicator entries", set.catalogue.len());
            EXIT_OK
        }
        SchemaCommand::Check { files } => {
            let mut bad = false;
            for f in files {
                let name = f.display().to_string();
                let text = match std::fs::read_to_string(&f) {
                    Ok(t) => t,
                    Err(e) => {
                        println!(
                            "{name}: cannot read: {}",
                            crate::workbook::read::io_words(&e)
                        );
                        bad = true;
                        continue;
                    }
                };
                match parse_schema_file(&name, &text) {
                    Ok(SchemaDoc::Table(s)) => {
                        println!("{name}: ok ({} table, {} columns)", s.kind, s.columns.len())
                    }
                    Ok(SchemaDoc::Catalogue(c)) => {
                        println!("{name}: ok (catalogue, {} indicators)", c.len())
                    }
                    Err(e) => {
                        println!("{e}");
                        bad = true;
                    }
                }
            }
            if bad {
                EXIT_FINDINGS
            } else {
                EXIT_OK
            }
        }
    }
}

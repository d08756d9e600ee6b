//! kpicheck: checks council performance returns in Excel.
//!
//! The pipeline runs one way: [`workbook`] reads a file into our own cell
//! model, [`detect`] finds tables through the [`schema`]s, [`model`] reads
//! them into typed rows, [`rules`] turns those into findings, and [`report`]
//! renders them; [`fix`] writes corrected workbooks. [`import`] stores
//! returns in the [`store`] database, where [`audit`] checks them against
//! each other. [`commands`] holds one module per subcommand.

pub mod audit;
pub mod check;
pub mod cli;
pub mod commands;
pub mod detect;
pub mod fix;
pub mod grid;
pub mod import;
pub mod labels;
pub mod model;
pub mod output;
pub mod period;
pub mod report;
pub mod rules;
pub mod schema;
pub mod store;
pub mod values;
pub mod workbook;

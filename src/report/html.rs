//! The exception report as one self-contained HTML page: no network, every
//! value escaped, a summary with a chart, and a table of findings that can
//! be filtered by severity, family and file and sorted by any column.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::Summary;
use crate::check::FileReport;

/// Escapes text for HTML element content and quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:Segoe UI,Arial,sans-serif;margin:1.5em;color:#222}
h1{font-size:1.4em}table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#1f4e78;color:#fff;cursor:pointer;position:sticky;top:0}
tr.error td.sev{background:#f8cbad}tr.warning td.sev{background:#ffe699}tr.info td.sev{background:#ddebf7}
.totals span{display:inline-block;margin-right:1.5em}.filters{margin:1em 0}.filters label{margin-right:1em}
svg text{font-size:12px}";

const SCRIPT: &str = "(function(){
var rows=[].slice.call(document.querySelectorAll('#findings tbody tr'));
var sel=[].slice.call(document.querySelectorAll('.filters select'));
function apply(){var n=0;rows.forEach(function(r){var ok=sel.every(function(s){return !s.value||r.getAttribute('data-'+s.name)===s.value;});r.style.display=ok?'':'none';if(ok)n++;});document.getElementById('shown').textContent=n;}
sel.forEach(function(s){s.addEventListener('change',apply);});
[].slice.call(document.querySelectorAll('#findings th')).forEach(function(th,i){var asc=true;th.addEventListener('click',function(){var tb=th.closest('table').tBodies[0];
rows.sort(function(a,b){var x=a.cells[i].textContent,y=b.cells[i].textContent;return (asc?1:-1)*x.localeCompare(y,undefined,{numeric:true});});asc=!asc;rows.forEach(function(r){tb.appendChild(r);});});});
apply();})();";

pub fn render(files: &[FileReport], title: &str) -> String {
    let s = Summary::of(files);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{t}</title><style>{STYLE}</style></head><body>\n<h1>{t}</h1>\n",
        t = escape(title)
    );
    let _ = writeln!(
        h,
        "<p class=\"totals\"><span>{} files</span><span>{} unreadable</span><span>{} tables</span><span><b>{}</b> errors</span><span>{} warnings</span><span>{} info</span><span>{} fixable</span><span>{} corrected</span></p>",
        s.files, s.unreadable, s.tables, s.errors, s.warnings, s.infos, s.fixable, s.corrected
    );
    // A bar chart of findings by family, drawn inline.
    if !s.by_family.is_empty() {
        let max = s.by_family.values().copied().max().unwrap_or(1).max(1) as f64;
        let height = 24 * s.by_family.len() + 10;
        let _ = write!(h, "<svg width=\"520\" height=\"{height}\" role=\"img\" aria-label=\"Findings by rule family\">");
        for (i, (fam, n)) in s.by_family.iter().enumerate() {
            let y = 5 + i * 24;
            let w = (*n as f64 / max * 360.0).max(1.0);
            let _ = write!(
                h,
                "<text x=\"0\" y=\"{}\">{}</text><rect x=\"100\" y=\"{y}\" width=\"{w:.0}\" height=\"18\" fill=\"#2e75b6\"></rect><text x=\"{:.0}\" y=\"{}\">{n}</text>",
                y + 14,
                escape(fam),
                105.0 + w,
                y + 14
            );
        }
        h.push_str("</svg>\n");
    }
    let unreadable: Vec<&FileReport> = files.iter().filter(|f| f.error.is_some()).collect();
    if !unreadable.is_empty() {
        h.push_str("<h2>Files that could not be read</h2><ul>");
        for f in unreadable {
            let _ = write!(
                h,
                "<li><b>{}</b>: {}</li>",
                escape(&f.path),
                escape(f.error.as_deref().unwrap_or(""))
            );
        }
        h.push_str("</ul>\n");
    }
    let all: Vec<_> = files.iter().flat_map(|f| f.findings.iter()).collect();
    let options = |vals: BTreeSet<String>| {
        vals.iter()
            .map(|v| format!("<option value=\"{0}\">{0}</option>", escape(v)))
            .collect::<String>()
    };
    let _ = writeln!(
        h,
        "<div class=\"filters\"><label>Severity <select name=\"severity\"><option value=\"\">all</option>{}</select></label>\
<label>Family <select name=\"family\"><option value=\"\">all</option>{}</select></label>\
<label>File <select name=\"file\"><option value=\"\">all</option>{}</select></label> <span id=\"shown\"></span> shown</div>",
        options(all.iter().map(|x| x.severity.to_string()).collect()),
        options(all.iter().map(|x| x.family().to_string()).collect()),
        options(all.iter().map(|x| x.file.clone()).collect()),
    );
    h.push_str("<table id=\"findings\"><thead><tr><th>File</th><th>Sheet</th><th>Cell</th><th>Key</th><th>Rule</th><th>Severity</th><th>Found</th><th>Expected</th><th>Fixed</th><th>Message</th></tr></thead><tbody>\n");
    for x in &all {
        let _ = writeln!(
            h,
            "<tr class=\"{sev}\" data-severity=\"{sev}\" data-family=\"{fam}\" data-file=\"{file}\"><td>{file}</td><td>{sheet}</td><td>{cell}</td><td>{key}</td><td>{rule}</td><td class=\"sev\">{sev}</td><td>{found}</td><td>{exp}</td><td>{fixed}</td><td>{msg}</td></tr>",
            sev = x.severity,
            fam = escape(x.family()),
            file = escape(&x.file),
            sheet = escape(&x.sheet),
            cell = x.cell,
            key = escape(x.key.as_deref().unwrap_or("")),
            rule = escape(x.rule),
            found = escape(&x.found),
            exp = escape(x.expected.as_deref().unwrap_or("")),
            fixed = if x.fixed { "yes" } else { "no" },
            msg = escape(&x.message),
        );
    }
    let _ = write!(
        h,
        "</tbody></table>\n<script>{SCRIPT}</script>\n</body></html>\n"
    );
    h
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn everything_is_escaped() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}

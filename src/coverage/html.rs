//! The HTML report (`coverage --format html --output FILE`): one
//! self-contained file, no network (no CDN, no font, no image): the page's
//! CSS and script are inline (src/coverage/html/page.css, page.js), and the
//! report itself is embedded as JSON in a `<script type="application/json">`
//! element, which the script renders into a browsable schema tree (types,
//! then their members; arguments under their field), with bars, a search,
//! filters (uncovered, deprecated and used) and links to the use sites.
//!
//! The embedded JSON is the report of `--format json`, packed so that
//! Plain's full schema stays far under the 3 MB the page may weigh: each
//! coordinate is an array (see [`PACKED_FIELDS`]), and each site's file is
//! an index into one list of files. The page unpacks it; the numbers it
//! shows are the JSON's, which the headless-Chromium test checks
//! (tests/integration/coverage_html.rs).
//!
//! Written here rather than with a template crate: the page is one fixed
//! shell around one JSON value, so a template engine would only wrap
//! `String::push_str`. The page must not load anything and must not
//! execute anything taken from the report other than as data: `<` in the
//! JSON is written `\u003c`, so no string of the report can close the
//! script element.

use super::report::Report;
use serde_json::{json, Value};
use std::collections::HashMap;

const CSS: &str = include_str!("html/page.css");
const JS: &str = include_str!("html/page.js");

/// The order of the values in a packed coordinate (page.js reads the same).
pub(crate) const PACKED_FIELDS: &[&str] = &[
    "coordinate",
    "kind",
    "deprecated",
    "hits",
    "selected",
    "responses",
    "nulls",
    "requests",
    "root",
    "sites",
];

/// The page for `report`. `link_base` is put before each site's file to
/// make its link (the way from the page's folder to the folder the paths
/// are relative to; empty when they are the same).
pub(crate) fn page(report: &Report, link_base: &str) -> String {
    let data = packed(report, link_base).to_string().replace('<', "\\u003c");
    let title = format!("Contract coverage: {} ({})", report.schema.path, report.scope);
    let mut o = String::with_capacity(data.len() + CSS.len() + JS.len() + 1024);
    o.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    o.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    o.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n");
    o.push_str("<title>");
    o.push_str(&escape(&title));
    o.push_str("</title>\n<style>\n");
    o.push_str(CSS);
    o.push_str("</style>\n</head>\n<body>\n");
    o.push_str(BODY);
    o.push_str("<script type=\"application/json\" id=\"coverage-data\">");
    o.push_str(&data);
    o.push_str("</script>\n<script>\n");
    o.push_str(JS);
    o.push_str("</script>\n</body>\n</html>\n");
    o
}

const BODY: &str = r#"<header>
<h1>Contract coverage</h1>
<p id="meta"></p>
</header>
<main>
<section>
<h2>By kind</h2>
<table id="summary"><thead><tr><th>kind</th><th>covered</th><th>total</th><th>percent</th><th></th><th>answered</th><th>sent</th></tr></thead><tbody></tbody></table>
<p id="roots"></p>
<p id="deprecated-used"></p>
</section>
<section>
<h2>Schema</h2>
<div id="controls">
<input id="search" type="search" placeholder="Search coordinates (Customer.fullName, upsert…)" aria-label="Search coordinates">
<span role="radiogroup" aria-label="Show">
<label><input type="radio" name="show" value="all" checked> all</label>
<label><input type="radio" name="show" value="uncovered"> uncovered</label>
<label><input type="radio" name="show" value="deprecated"> deprecated and used</label>
</span>
<button type="button" id="expand">expand all</button>
<button type="button" id="collapse">collapse all</button>
<span id="shown"></span>
</div>
<div id="tree"></div>
</section>
<section id="traffic">
<h2>Traffic</h2>
<div id="http"></div>
<div id="mutations"></div>
</section>
<section>
<h2>Check findings</h2>
<div id="findings"></div>
</section>
</main>
"#;

/// The report as the page reads it: the report without its coordinates,
/// the coordinates packed, and the list of files sites point into.
fn packed(report: &Report, link_base: &str) -> Value {
    let mut files: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let coords: Vec<Value> = report
        .coordinates
        .iter()
        .map(|e| {
            let mut sites = Vec::with_capacity(e.sites.len() * 3);
            for s in &e.sites {
                let i = *index.entry(s.file.as_str()).or_insert_with(|| {
                    files.push(s.file.as_str());
                    files.len() - 1
                });
                sites.extend([i, s.line, s.column]);
            }
            json!([
                e.coordinate,
                e.kind,
                u8::from(e.deprecated),
                e.hits,
                e.selected,
                e.responses,
                e.nulls,
                e.requests,
                e.root,
                sites
            ])
        })
        .collect();
    let mut rest = serde_json::to_value(report).unwrap_or(Value::Null);
    if let Some(o) = rest.as_object_mut() {
        o.remove("coordinates");
    }
    json!({
        "report": rest,
        "fields": PACKED_FIELDS,
        "files": files,
        "linkBase": link_base,
        "coordinates": coords,
    })
}

/// Text as HTML text.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The way from the folder of `output` to the working folder, as a URL
/// path prefix (`../../`), for links to sites whose paths are relative to
/// the working folder. Empty when the page is written to stdout or beside
/// them; an absolute `file://` URL when no relative way exists.
pub(crate) fn link_base(output: Option<&std::path::Path>) -> String {
    use std::path::Component;
    let Some(out) = output else { return String::new() };
    let Ok(cwd) = std::env::current_dir() else { return String::new() };
    let dir = out.parent().map(|p| cwd.join(p)).unwrap_or_else(|| cwd.clone());
    // Normalise `.` and `..` without touching the file system (the folder exists: the page is written into it).
    let mut parts: Vec<Component> = Vec::new();
    for c in dir.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let cwd_parts: Vec<Component> = cwd.components().collect();
    let common = parts.iter().zip(&cwd_parts).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return format!("file://{}/", cwd.display());
    }
    let mut base = "../".repeat(parts.len() - common);
    for c in &cwd_parts[common..] {
        base.push_str(&c.as_os_str().to_string_lossy());
        base.push('/');
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_link_base_leads_from_the_page_to_the_working_folder() {
        assert_eq!(link_base(None), "");
        assert_eq!(link_base(Some(Path::new("cov.html"))), "");
        assert_eq!(link_base(Some(Path::new("out/cov.html"))), "../");
        assert_eq!(link_base(Some(Path::new("./out/deep/cov.html"))), "../../");
        let cwd = std::env::current_dir().expect("cwd");
        let name = cwd.file_name().expect("named").to_string_lossy().into_owned();
        assert_eq!(link_base(Some(Path::new("../x.html"))), format!("{name}/"));
    }

    #[test]
    fn no_string_of_the_report_closes_the_script() {
        let mut v = packed_example();
        v.scope = "</script><script>alert(1)</script>".to_string();
        let page = page(&v, "");
        assert_eq!(page.matches("</script>").count(), 2, "the data's and the code's own ends only");
        assert!(!page.contains("http://") && !page.contains("https://"), "nothing is loaded");
    }

    fn packed_example() -> Report {
        use crate::coverage::report::{Context, SchemaId};
        Report::build(
            Context {
                schema: SchemaId {
                    path: "s.graphql".to_string(),
                    hash: "0".repeat(16),
                },
                scope: "all".to_string(),
                universe: Vec::new(),
                documented: vec!["200".to_string()],
                operation: "POST /graphql/v1".to_string(),
                files: 0,
                findings: Vec::new(),
                errors_warnings: (0, 0),
            },
            crate::coverage::Counts::default(),
        )
    }
}

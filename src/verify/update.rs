//! `--update`: the live responses written into the fixtures, in place.
//!
//! The file's text is edited by the byte spans of its positioned tree
//! (`crate::node::Node`), not read into a value and printed again, so what
//! the live response did not change stays as written: comments, key order,
//! quoting, the other exchanges. Inside a body, only what differs is
//! replaced: a scalar by its new value; an object or list whose keys or
//! length changed by the new one, printed in the file's style (JSON, or
//! YAML block style at the same indentation). A HAR entry's `status` and
//! `content.text` are replaced where they stand; an NDJSON line is replaced
//! by the same exchange with its new response. The live text has had the
//! API key blanked out (by the client) and the run's namespace taken off.
//!
//! No YAML or JSON printer crate keeps a file's comments and layout, which is
//! why the edits are written here; the values printed are JSON (strings in
//! double quotes, valid YAML too) or the small block-YAML form below.

use super::load::{File, Format, Replay};
use super::Verdict;
use crate::node::{Node, Syntax, Value as NValue};
use serde_json::Value;

/// The new text of `f`, or `None` when nothing changes.
pub(crate) fn rewrite(f: &File, mine: &[(&Replay, &Verdict)], ns: Option<&str>) -> Result<Option<String>, String> {
    let text = &f.source.text;
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (r, v) in mine {
        let Some(live) = &v.live else { continue };
        if !matches!(v.status, "verified" | "drifted") {
            continue;
        }
        let (Some(rp), Some((bp, data))) = (&r.response_pointer, &r.body_pointer) else {
            continue;
        };
        let live_text = match ns {
            Some(ns) => live.text.replace(&format!("{ns}-"), ""),
            None => live.text.clone(),
        };
        let live_json: Option<Value> = serde_json::from_str(&live_text).ok();
        let (offset, root) = &f.roots[r.root];
        if f.format == Format::Ndjson {
            let line_end = text[*offset..].find('\n').map_or(text.len(), |i| offset + i);
            let line = text[*offset..line_end].trim_end_matches('\r');
            let mut v: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
            let resp = v.pointer_mut(rp).ok_or("the response is gone")?;
            resp["status"] = Value::from(live.status);
            if let Some(obj) = resp.as_object_mut() {
                set_content_type(obj, live.content_type.as_deref());
                match (&live_json, obj.contains_key("bodyText")) {
                    (Some(j), false) => {
                        obj.insert("body".into(), j.clone());
                    }
                    _ => {
                        obj.remove("body");
                        obj.insert("bodyText".into(), Value::from(live_text.clone()));
                    }
                }
            }
            edits.push((*offset, offset + line.len(), v.to_string()));
            continue;
        }
        let syntax = match f.format {
            Format::Document(s) => s,
            Format::Ndjson => Syntax::Json,
        };
        let Some(resp) = at(root, rp) else { continue };
        if let Some(s) = resp.get("status") {
            if s.to_json() != live.status {
                edits.push((s.start, s.start + s.len, live.status.to_string()));
            }
        }
        if let (Some(ct), Some(headers)) = (&live.content_type, resp.get("headers")) {
            let found = match &headers.value {
                NValue::Object(m) => m.iter().find(|(k, _)| k.name.eq_ignore_ascii_case("content-type")).map(|(_, v)| v),
                NValue::Array(items) => items
                    .iter()
                    .find(|h| {
                        h.get("name")
                            .and_then(Node::as_str)
                            .is_some_and(|n| n.eq_ignore_ascii_case("content-type"))
                    })
                    .and_then(|h| h.get("value")),
                _ => None,
            };
            if let Some(n) = found.filter(|n| n.as_str() != Some(ct.as_str()) && n.len > 0) {
                edits.push((n.start, n.start + n.len, Value::from(ct.as_str()).to_string()));
            }
        }
        let Some(body) = at(root, bp) else { continue };
        match (&live_json, *data) {
            (Some(j), true) => patch(body, j, syntax, text, &mut edits),
            _ => {
                if body.as_str() != Some(live_text.as_str()) && body.len > 0 {
                    edits.push((body.start, body.start + body.len, Value::from(live_text).to_string()));
                }
            }
        }
    }
    if edits.is_empty() {
        return Ok(None);
    }
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut out = text.clone();
    let mut limit = usize::MAX;
    for (a, b, with) in edits {
        if b > limit || b < a || b > out.len() {
            return Err("overlapping edits; the file was left as it was".into());
        }
        out.replace_range(a..b, &with);
        limit = a;
    }
    if out == *text {
        return Ok(None);
    }
    Ok(Some(out))
}

fn set_content_type(obj: &mut serde_json::Map<String, Value>, ct: Option<&str>) {
    let (Some(ct), Some(Value::Object(h))) = (ct, obj.get_mut("headers")) else {
        return;
    };
    let key = h.keys().find(|k| k.eq_ignore_ascii_case("content-type")).cloned();
    if let Some(k) = key {
        h.insert(k, Value::from(ct));
    }
}

/// The node at an exact pointer.
fn at<'n>(root: &'n Node, pointer: &str) -> Option<&'n Node> {
    let mut n = root;
    for t in pointer.split('/').skip(1) {
        let t = t.replace("~1", "/").replace("~0", "~");
        n = match &n.value {
            NValue::Object(m) => m.iter().find(|(k, _)| k.name == t).map(|(_, v)| v)?,
            NValue::Array(items) => items.get(t.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(n)
}

/// The edits that make `node` read `live`, keeping what is the same.
fn patch(node: &Node, live: &Value, syntax: Syntax, text: &str, edits: &mut Vec<(usize, usize, String)>) {
    if node.to_json() == *live {
        return;
    }
    match (&node.value, live) {
        (NValue::Object(ms), Value::Object(lm)) if ms.len() == lm.len() && ms.iter().zip(lm.keys()).all(|((k, _), lk)| k.name == *lk) => {
            for (k, child) in ms {
                if let Some(lv) = lm.get(&k.name) {
                    patch(child, lv, syntax, text, edits);
                }
            }
            return;
        }
        (NValue::Array(items), Value::Array(la)) if items.len() == la.len() && !items.is_empty() => {
            for (child, lv) in items.iter().zip(la) {
                patch(child, lv, syntax, text, edits);
            }
            return;
        }
        _ => {}
    }
    let end = node_end(node, text);
    let line_start = text[..node.start].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..node.start].chars().count();
    let indent: String = text[line_start..].chars().take_while(|c| *c == ' ').collect();
    let block = syntax == Syntax::Yaml
        && matches!(node.value, NValue::Object(_) | NValue::Array(_))
        && !text[node.start..].starts_with(['{', '['])
        && matches!(live, Value::Object(m) if !m.is_empty())
        || syntax == Syntax::Yaml
            && matches!(node.value, NValue::Array(_))
            && !text[node.start..].starts_with('[')
            && matches!(live, Value::Array(a) if !a.is_empty());
    let with = if block {
        let mut s = String::new();
        yaml(live, column, &mut s, 0);
        s
    } else if syntax == Syntax::Json && matches!(live, Value::Object(_) | Value::Array(_)) {
        serde_json::to_string_pretty(live)
            .unwrap_or_default()
            .replace('\n', &format!("\n{indent}"))
    } else {
        live.to_string()
    };
    edits.push((node.start, end, with));
}

/// Where a node's text ends: its span, else (a block container whose span
/// is not known) the end of its last descendant.
fn node_end(node: &Node, text: &str) -> usize {
    let mut end = node.start + node.len;
    match &node.value {
        NValue::Object(m) => {
            for (_, v) in m {
                end = end.max(node_end(v, text));
            }
        }
        NValue::Array(items) => {
            for v in items {
                end = end.max(node_end(v, text));
            }
        }
        _ => {}
    }
    // A block container's span may run over the line break that ends it.
    while end > node.start && text[..end].ends_with(['\n', '\r', ' ']) {
        end -= 1;
    }
    end.min(text.len())
}

fn simple_key(k: &str) -> bool {
    !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') && !k.starts_with('-')
}

/// Block YAML of a value, its first line written where the cursor is and
/// the others at `indent` spaces.
fn yaml(v: &Value, indent: usize, out: &mut String, depth: usize) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() && depth < crate::node::MAX_DEPTH => {
            for (i, (k, x)) in m.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(&pad);
                }
                if simple_key(k) {
                    out.push_str(k);
                } else {
                    out.push_str(&Value::from(k.as_str()).to_string());
                }
                out.push(':');
                match x {
                    Value::Object(c) if !c.is_empty() => {
                        out.push('\n');
                        out.push_str(&" ".repeat(indent + 2));
                        yaml(x, indent + 2, out, depth + 1);
                    }
                    Value::Array(c) if !c.is_empty() => {
                        out.push('\n');
                        out.push_str(&" ".repeat(indent + 2));
                        yaml(x, indent + 2, out, depth + 1);
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&x.to_string());
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() && depth < crate::node::MAX_DEPTH => {
            for (i, x) in items.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                    out.push_str(&pad);
                }
                out.push_str("- ");
                yaml(x, indent + 2, out, depth + 1);
            }
        }
        _ => out.push_str(&v.to_string()),
    }
}

/// Writes `text` over `path` (a file beside it, renamed over it, so a
/// crash never leaves half a fixture), keeping its permissions.
pub(crate) fn write(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.verify-{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

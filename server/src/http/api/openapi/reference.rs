//! The reference page: the OpenAPI document as one HTML page, rendered on the server once.
//! Per tag, each operation with its method, path, summary, auth, parameters, request body
//! and responses; then every schema with its fields. Read from the document itself, so
//! the page says exactly what `openapi.json` says.

use std::fmt::Write;

use serde_json::Value;

const METHODS: [&str; 5] = ["get", "post", "put", "patch", "delete"];

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;\
padding:1rem 1.5rem;color:#1d1d1f}h2{margin-top:2.5rem;border-bottom:2px solid #ddd}\
h3{margin:1.8rem 0 .3rem;font-size:1.05rem}code{font:13px ui-monospace,monospace;\
background:#f3f3f5;padding:0 .25rem;border-radius:3px}table{border-collapse:collapse;\
margin:.4rem 0;width:100%}td,th{border:1px solid #e2e2e6;padding:.25rem .5rem;text-align:left;\
vertical-align:top;font-size:14px}th{background:#f7f7f9}.m{display:inline-block;\
min-width:4.2rem;font:600 13px ui-monospace,monospace;color:#fff;border-radius:3px;\
text-align:center;padding:0 .3rem;margin-right:.4rem}.get{background:#2b6cb0}\
.post{background:#2f855a}.put{background:#b7791f}.patch{background:#6b46c1}\
.delete{background:#c53030}.auth{color:#555;font-size:14px}nav a{margin-right:.8rem}";

/// The whole page for `document` (an OpenAPI document as JSON).
pub fn render(document: &Value) -> String {
    let mut page = String::with_capacity(256 * 1024);
    let title = text(&document["info"]["title"]);
    let version = text(&document["info"]["version"]);
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{title} reference</title><style>{STYLE}</style></head><body>\
         <h1>{title} <small>{version}</small></h1>{}\
         <p>Base URL: <code>{}</code> · machine-readable: \
         <a href=\"openapi.json\">openapi.json</a> (OpenAPI {})</p><nav>",
        markdown(text(&document["info"]["description"]).as_str()),
        escape(&text(&document["servers"][0]["url"])),
        escape(&text(&document["openapi"])),
        title = escape(&title),
        version = escape(&version),
    );
    let tags = document["tags"].as_array().cloned().unwrap_or_default();
    for tag in &tags {
        let name = text(&tag["name"]);
        let _ = write!(
            page,
            "<a href=\"#{}\">{}</a>",
            anchor("tag", &name),
            escape(&name)
        );
    }
    page.push_str("<a href=\"#schemas\">Schemas</a></nav>");
    for tag in &tags {
        render_tag(&mut page, document, tag);
    }
    render_schemas(&mut page, document);
    page.push_str("</body></html>");
    page
}

fn render_tag(page: &mut String, document: &Value, tag: &Value) {
    let name = text(&tag["name"]);
    let _ = write!(
        page,
        "<section id=\"{}\"><h2>{}</h2>{}",
        anchor("tag", &name),
        escape(&name),
        markdown(&text(&tag["description"]))
    );
    let Some(paths) = document["paths"].as_object() else {
        return;
    };
    for (path, item) in paths {
        for method in METHODS {
            let operation = &item[method];
            let tagged = operation["tags"]
                .as_array()
                .and_then(|tags| tags.first())
                .is_some_and(|first| first.as_str() == Some(name.as_str()));
            if tagged {
                render_operation(page, path, method, operation);
            }
        }
    }
    page.push_str("</section>");
}

fn render_operation(page: &mut String, path: &str, method: &str, operation: &Value) {
    let _ = write!(
        page,
        "<h3 id=\"{}\"><span class=\"m {method}\">{}</span><code>{}</code></h3>",
        anchor("op", &text(&operation["operationId"])),
        method.to_uppercase(),
        escape(path)
    );
    let summary = text(&operation["summary"]);
    if !summary.is_empty() {
        let _ = write!(page, "<p><strong>{}</strong></p>", escape(&summary));
    }
    page.push_str(&markdown(&text(&operation["description"])));
    let _ = write!(
        page,
        "<p class=\"auth\">Auth: {}</p>",
        auth(&operation["security"])
    );
    if let Some(parameters) = operation["parameters"].as_array()
        && !parameters.is_empty()
    {
        page.push_str(
            "<table><tr><th>Parameter</th><th>In</th><th>Type</th><th>Required</th>\
             <th>Description</th></tr>",
        );
        for parameter in parameters {
            let _ = write!(
                page,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&text(&parameter["name"])),
                escape(&text(&parameter["in"])),
                type_of(&parameter["schema"]),
                if parameter["required"].as_bool() == Some(true) {
                    "yes"
                } else {
                    "no"
                },
                markdown_inline(&text(&parameter["description"]))
            );
        }
        page.push_str("</table>");
    }
    if let Some(content) = operation["requestBody"]["content"].as_object() {
        for (media, body) in content {
            let _ = write!(
                page,
                "<p>Request body ({}): {}</p>",
                escape(media),
                type_of(&body["schema"])
            );
        }
    }
    if let Some(responses) = operation["responses"].as_object() {
        page.push_str("<table><tr><th>Status</th><th>Response</th><th>Body</th></tr>");
        for (status, response) in responses {
            let (description, body) = match response["$ref"].as_str() {
                Some(reference) => {
                    let name = reference.rsplit('/').next().unwrap_or_default();
                    (
                        escape(name),
                        "<a href=\"#schema-ErrorBody\">ErrorBody</a>".to_owned(),
                    )
                }
                None => (
                    markdown_inline(&text(&response["description"])),
                    response["content"]
                        .as_object()
                        .map(|content| {
                            content
                                .iter()
                                .map(|(media, body)| match body.get("schema") {
                                    Some(schema) => type_of(schema),
                                    None => escape(media),
                                })
                                .collect::<Vec<_>>()
                                .join(", ")
                        })
                        .unwrap_or_default(),
                ),
            };
            let _ = write!(
                page,
                "<tr><td>{}</td><td>{description}</td><td>{body}</td></tr>",
                escape(status)
            );
        }
        page.push_str("</table>");
    }
}

/// Who may call: the security requirements, read as alternatives.
fn auth(security: &Value) -> String {
    let Some(requirements) = security.as_array() else {
        return "none".to_owned();
    };
    let mut names: Vec<String> = Vec::new();
    let mut optional = false;
    for requirement in requirements {
        match requirement.as_object() {
            Some(schemes) if !schemes.is_empty() => {
                names.extend(schemes.keys().map(|name| match name.as_str() {
                    super::BEARER => "bearer token".to_owned(),
                    super::SESSION => "session cookie".to_owned(),
                    other => escape(other),
                }));
            }
            _ => optional = true,
        }
    }
    match (names.is_empty(), optional) {
        (true, _) => "none".to_owned(),
        (false, false) => names.join(" or "),
        (false, true) => format!("optional ({})", names.join(" or ")),
    }
}

fn render_schemas(page: &mut String, document: &Value) {
    page.push_str("<section id=\"schemas\"><h2>Schemas</h2>");
    let Some(schemas) = document["components"]["schemas"].as_object() else {
        return;
    };
    for (name, schema) in schemas {
        let _ = write!(
            page,
            "<h3 id=\"{}\">{}</h3>{}",
            anchor("schema", name),
            escape(name),
            markdown(&text(&schema["description"]))
        );
        let required: Vec<&str> = schema["required"]
            .as_array()
            .map(|names| names.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        match schema["properties"].as_object() {
            Some(properties) => {
                page.push_str(
                    "<table><tr><th>Field</th><th>Type</th><th>Required</th>\
                     <th>Description</th></tr>",
                );
                for (field, property) in properties {
                    let _ = write!(
                        page,
                        "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        escape(field),
                        type_of(property),
                        if required.contains(&field.as_str()) {
                            "yes"
                        } else {
                            "no"
                        },
                        markdown_inline(&text(&property["description"]))
                    );
                }
                page.push_str("</table>");
            }
            None => {
                let _ = write!(page, "<p>{}</p>", type_of(schema));
            }
        }
    }
    page.push_str("</section>");
}

/// A schema in a few words: a link for a reference, `array of …`, `string | null`, the
/// values of an enum.
fn type_of(schema: &Value) -> String {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or_default();
        return format!(
            "<a href=\"#{}\">{}</a>",
            anchor("schema", name),
            escape(name)
        );
    }
    for (key, joiner) in [("oneOf", " | "), ("anyOf", " | "), ("allOf", " & ")] {
        if let Some(parts) = schema[key].as_array() {
            return parts.iter().map(type_of).collect::<Vec<_>>().join(joiner);
        }
    }
    if let Some(values) = schema["enum"].as_array() {
        return values
            .iter()
            .map(|value| format!("<code>{}</code>", escape(&value.to_string())))
            .collect::<Vec<_>>()
            .join(" | ");
    }
    let kinds: Vec<String> = match &schema["type"] {
        Value::String(kind) => vec![kind.clone()],
        Value::Array(kinds) => kinds.iter().map(text).collect(),
        _ => Vec::new(),
    };
    if kinds.is_empty() {
        return "any".to_owned();
    }
    kinds
        .iter()
        .map(|kind| match kind.as_str() {
            "array" => format!("array of {}", type_of(&schema["items"])),
            _ => match schema["format"].as_str() {
                Some(format) => format!("{} ({})", escape(kind), escape(format)),
                None => escape(kind),
            },
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn text(value: &Value) -> String {
    value.as_str().map(str::to_owned).unwrap_or_default()
}

fn anchor(kind: &str, name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{kind}-{slug}")
}

fn escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
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

/// The little Markdown the descriptions use: paragraphs, `- ` lists, `code`.
fn markdown(raw: &str) -> String {
    let mut out = String::new();
    let mut in_list = false;
    for line in raw.lines().map(str::trim).filter(|line| !line.is_empty()) {
        match line.strip_prefix("- ") {
            Some(item) => {
                if !in_list {
                    out.push_str("<ul>");
                    in_list = true;
                }
                let _ = write!(out, "<li>{}</li>", markdown_inline(item));
            }
            None => {
                if in_list {
                    out.push_str("</ul>");
                    in_list = false;
                }
                let _ = write!(out, "<p>{}</p>", markdown_inline(line));
            }
        }
    }
    if in_list {
        out.push_str("</ul>");
    }
    out
}

/// Escapes `raw` and turns `` `code` `` spans into `<code>`.
fn markdown_inline(raw: &str) -> String {
    escape(raw)
        .split('`')
        .enumerate()
        .map(|(index, part)| {
            if index % 2 == 1 {
                format!("<code>{part}</code>")
            } else {
                part.to_owned()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{markdown, render, type_of};
    use serde_json::json;

    #[test]
    fn a_reference_links_to_its_schema_and_nullable_types_read_as_alternatives() {
        assert_eq!(
            type_of(&json!({"$ref": "#/components/schemas/User"})),
            "<a href=\"#schema-User\">User</a>"
        );
        assert_eq!(
            type_of(&json!({"type": ["string", "null"]})),
            "string | null"
        );
        assert_eq!(
            type_of(&json!({"type": "array", "items": {"type": "integer", "format": "int64"}})),
            "array of integer (int64)"
        );
    }

    #[test]
    fn descriptions_are_escaped_before_their_code_spans_are_marked() {
        assert_eq!(
            markdown("- `<b>` and <i>"),
            "<ul><li><code>&lt;b&gt;</code> and &lt;i&gt;</li></ul>"
        );
    }

    #[test]
    fn an_operation_is_listed_under_its_first_tag() {
        let page = render(&json!({
            "openapi": "3.1.0",
            "info": {"title": "T", "version": "1"},
            "servers": [{"url": "/api/v1"}],
            "tags": [{"name": "Catalog"}],
            "paths": {"/shops": {"get": {
                "tags": ["Catalog"], "operationId": "list_shops", "summary": "Shops",
                "responses": {"200": {"description": "ok"}}
            }}}
        }));
        assert!(page.contains("<code>/shops</code>"));
        assert!(page.contains("Auth: none"));
    }
}

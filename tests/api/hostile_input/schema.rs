//! Request bodies made from the OpenAPI document's own schemas: a plausible body for each
//! operation, then that body with one field at a time replaced by something hostile, and
//! random JSON from a seeded generator. New request types join the fuzz by being
//! documented, which every API route must be.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Map, Value, json};

/// The OpenAPI document, for resolving `$ref`s.
pub struct Components<'a>(pub &'a Value);

impl Components<'_> {
    fn resolve<'s>(&'s self, schema: &'s Value) -> &'s Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap_or_default();
                self.resolve(&self.0["components"]["schemas"][name])
            }
            None => schema,
        }
    }

    /// A value that fits `schema`, as plainly as possible.
    pub fn sample(&self, schema: &Value, depth: usize) -> Value {
        let schema = self.resolve(schema);
        if depth > 6 {
            return Value::Null;
        }
        if let Some(first) = schema.get("enum").and_then(|e| e.get(0)) {
            return first.clone();
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(choices) = schema.get(key).and_then(Value::as_array) {
                let chosen = choices
                    .iter()
                    .find(|choice| self.resolve(choice).get("type") != Some(&json!("null")));
                return chosen.map_or(Value::Null, |choice| self.sample(choice, depth + 1));
            }
        }
        if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
            let mut merged = Map::new();
            for part in parts {
                if let Value::Object(fields) = self.sample(part, depth + 1) {
                    merged.extend(fields);
                }
            }
            return Value::Object(merged);
        }
        match type_of(schema) {
            "object" => {
                let mut fields = Map::new();
                if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                    for (name, property) in properties {
                        fields.insert(name.clone(), self.sample(property, depth + 1));
                    }
                }
                Value::Object(fields)
            }
            "array" => json!([self.sample(&schema["items"], depth + 1)]),
            "integer" => json!(1),
            "number" => json!(1.5),
            "boolean" => json!(true),
            "string" => match schema.get("format").and_then(Value::as_str) {
                Some("date-time") => json!("2026-01-01T00:00:00Z"),
                Some("date") => json!("2026-01-01"),
                _ => json!("x"),
            },
            _ => Value::Null,
        }
    }
}

/// A schema's type; the first that is not `null` when it lists several.
fn type_of(schema: &Value) -> &str {
    match &schema["type"] {
        Value::String(kind) => kind,
        Value::Array(kinds) => kinds
            .iter()
            .filter_map(Value::as_str)
            .find(|kind| *kind != "null")
            .unwrap_or("null"),
        _ if schema.get("properties").is_some() => "object",
        _ => "",
    }
}

/// What a hostile client puts in a field: wrong types, extremes, text that is code in
/// another language (SQL, HTML, a spreadsheet), control and far-away characters.
pub fn hostile_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(-1),
        json!(0),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(u64::MAX),
        json!(1e300),
        json!(-0.5),
        json!(true),
        json!([]),
        json!({}),
        json!(""),
        json!("   "),
        json!("x".repeat(20_000)),
        json!("'; DROP TABLE users; --"),
        json!("<script>alert(1)</script>"),
        json!("=HYPERLINK(\"http://evil\")"),
        json!("nul\u{0}byte"),
        json!("٣٤٥ 💥 \u{202e}gnp.exe"),
        json!("9".repeat(40)),
        json!("NaN"),
        json!([[[[[[[[[[[[[[[[["deep"]]]]]]]]]]]]]]]]]),
    ]
}

/// Every path to a leaf of `value` (`["fulfilments", 0, "address", "city"]`), objects and
/// arrays included as leaves of their own.
pub fn field_paths(value: &Value) -> Vec<Vec<PathStep>> {
    let mut paths = Vec::new();
    collect_paths(value, &mut Vec::new(), &mut paths);
    paths
}

#[derive(Clone, Debug)]
pub enum PathStep {
    Key(String),
    Index(usize),
}

fn collect_paths(value: &Value, prefix: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    if !prefix.is_empty() {
        out.push(prefix.clone());
    }
    match value {
        Value::Object(fields) => {
            for (name, field) in fields {
                prefix.push(PathStep::Key(name.clone()));
                collect_paths(field, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                prefix.push(PathStep::Index(index));
                collect_paths(item, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

/// `value` with the field at `path` replaced by `with`, or removed when `with` is `None`.
pub fn replaced(value: &Value, path: &[PathStep], with: Option<&Value>) -> Value {
    let mut copy = value.clone();
    let Some((last, parents)) = path.split_last() else {
        return copy;
    };
    let mut cursor = &mut copy;
    for step in parents {
        cursor = match step {
            PathStep::Key(name) => &mut cursor[name.as_str()],
            PathStep::Index(index) => &mut cursor[*index],
        };
    }
    match (last, with, cursor) {
        (PathStep::Key(name), Some(with), Value::Object(fields)) => {
            fields.insert(name.clone(), with.clone());
        }
        (PathStep::Key(name), None, Value::Object(fields)) => {
            fields.remove(name);
        }
        (PathStep::Index(index), Some(with), Value::Array(items)) => items[*index] = with.clone(),
        (PathStep::Index(index), None, Value::Array(items)) => {
            items.remove(*index);
        }
        _ => {}
    }
    copy
}

/// Random JSON from `seed`: any shape, nested a few levels, with hostile leaves.
pub fn random_json(seed: u64) -> Value {
    let mut rng = StdRng::seed_from_u64(seed);
    random_value(&mut rng, 0)
}

fn random_value(rng: &mut StdRng, depth: usize) -> Value {
    let leaves = hostile_values();
    match rng.random_range(0..if depth > 3 { 3 } else { 5 }) {
        0 => leaves[rng.random_range(0..leaves.len())].clone(),
        1 => json!(rng.random::<i64>()),
        2 => {
            let length = rng.random_range(0..12);
            Value::String((0..length).map(|_| random_char(rng)).collect())
        }
        3 => Value::Array(
            (0..rng.random_range(0..4))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => Value::Object(
            (0..rng.random_range(0..5))
                .map(|i| {
                    let name = FIELD_NAMES[rng.random_range(0..FIELD_NAMES.len())];
                    (
                        format!("{name}{}", if i > 2 { "_" } else { "" }),
                        random_value(rng, depth + 1),
                    )
                })
                .collect(),
        ),
    }
}

/// Field names the API uses, so random objects sometimes get past the first field.
const FIELD_NAMES: &[&str] = &[
    "email",
    "password",
    "name",
    "quantity",
    "offer_id",
    "price_cents",
    "gtin",
    "title",
    "condition",
    "location_id",
    "fulfilments",
    "payment_method",
    "reason",
    "status",
    "kind",
    "amount_cents",
    "use_cashback_cents",
    "code",
    "items",
    "address",
];

fn random_char(rng: &mut StdRng) -> char {
    const ALPHABET: &[char] = &[
        'a', 'é', '\'', '"', '<', '>', '%', '\\', '\u{0}', '\n', '💥', '=', ';', '-', '1',
    ];
    ALPHABET[rng.random_range(0..ALPHABET.len())]
}

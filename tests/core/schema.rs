//! The shipped JSON Schema must be exactly what the Rust types generate.

use std::path::Path;

#[test]
fn shipped_schema_matches_the_types() {
    let generated = khabar::schema::dataset_schema_json();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/dataset.schema.json");
    if std::env::var_os("KHABAR_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write schema");
    }
    let shipped = std::fs::read_to_string(&path).expect("assets/dataset.schema.json exists");
    assert!(
        shipped == generated,
        "assets/dataset.schema.json is out of date: run `KHABAR_BLESS=1 cargo test --no-default-features --test core schema`"
    );
    let schema: serde_json::Value = serde_json::from_str(&shipped).expect("schema is JSON");
    let props = &schema["properties"];
    for key in ["format", "version", "labels", "documents"] {
        assert!(props.get(key).is_some(), "schema names top-level {key}");
    }
}

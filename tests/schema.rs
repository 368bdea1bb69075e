//! The output contract (`../shared/CONTRACT.md`), as JSON Schemas kept in
//! `tests/schema/`, checked against what `planx extract` writes for every
//! corpus file and what `planx::compare::compare` returns for a dev pair.
//! Beyond the schema, the checks a schema cannot express: every `text` is
//! the exact source slice at its `span`, and every id reference resolves.

use planx::text::SourceText;
use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn validator(name: &str) -> jsonschema::Validator {
    let path = root().join("tests/schema").join(name);
    let text = std::fs::read_to_string(&path).expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn schema_errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn corpus_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("corpus"))
        .expect("corpus/")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(files.len() >= 5, "the five seeds are in corpus/");
    files
}

/// The decoded source text a file's spans point into.
fn source_of(path: &Path) -> SourceText {
    planx::extract_path(path).expect("corpus file reads").source
}

fn span_of(v: &Value) -> [usize; 2] {
    let a = v.as_array().expect("span array");
    [
        a[0].as_u64().unwrap() as usize,
        a[1].as_u64().unwrap() as usize,
    ]
}

/// Checks the contract rules a JSON Schema cannot state; returns what broke.
fn semantic_errors(out: &Value, src: &SourceText) -> Vec<String> {
    let mut errs = Vec::new();
    let n = src.len_chars();
    let check_span = |what: &str, v: &Value, within: [usize; 2]| -> Vec<String> {
        let mut e = Vec::new();
        let s = span_of(&v["span"]);
        if s[0] > s[1] || s[1] > n {
            e.push(format!("{what}: span {s:?} outside source of {n} chars"));
        } else if s[0] < within[0] || s[1] > within[1] {
            e.push(format!("{what}: span {s:?} outside {within:?}"));
        }
        if let Some(text) = v.get("text").and_then(Value::as_str) {
            if s[0] <= s[1] && s[1] <= n && src.slice(s) != text {
                e.push(format!(
                    "{what}: text {text:?} is not the source slice {:?}",
                    src.slice(s)
                ));
            }
        }
        e
    };
    for (i, doc) in out["documents"].as_array().unwrap().iter().enumerate() {
        if doc["index"].as_u64() != Some(i as u64) {
            errs.push(format!("document {i}: index {}", doc["index"]));
        }
        errs.extend(check_span(&format!("document {i}"), doc, [0, n]));
        let dspan = span_of(&doc["span"]);
        let mut sections = HashSet::new();
        for s in doc["sections"].as_array().unwrap() {
            let id = s["id"].as_str().unwrap();
            if let Some(p) = s["parent"].as_str() {
                if !sections.contains(p) {
                    errs.push(format!(
                        "doc {i} section {id}: parent {p} not an earlier section"
                    ));
                }
            }
            if !sections.insert(id) {
                errs.push(format!("doc {i}: section id {id} repeated"));
            }
            errs.extend(check_span(&format!("doc {i} section {id}"), s, dspan));
        }
        let mut items = HashSet::new();
        for it in doc["items"].as_array().unwrap() {
            let id = it["id"].as_str().unwrap();
            if !items.insert(id) {
                errs.push(format!("doc {i}: item id {id} repeated"));
            }
            if let Some(sec) = it["section"].as_str() {
                if !sections.contains(sec) {
                    errs.push(format!("doc {i} item {id}: section {sec} unknown"));
                }
            }
            errs.extend(check_span(&format!("doc {i} item {id}"), it, dspan));
        }
        for list in ["goals", "quotas", "figures", "events"] {
            for (k, el) in doc[list].as_array().unwrap().iter().enumerate() {
                let what = format!("doc {i} {list}[{k}]");
                let item = el["item"].as_str().unwrap();
                if !items.contains(item) {
                    errs.push(format!("{what}: item {item} unknown"));
                }
                errs.extend(check_span(&what, el, dspan));
            }
        }
        for (k, t) in doc["topics"].as_array().unwrap().iter().enumerate() {
            errs.extend(check_span(&format!("doc {i} topics[{k}]"), t, dspan));
        }
    }
    errs
}

#[test]
fn every_corpus_output_follows_the_contract() {
    let v = validator("extract.schema.json");
    let files = corpus_files();
    let out = Command::new(env!("CARGO_BIN_EXE_planx"))
        .arg("extract")
        .args(&files)
        .output()
        .expect("planx runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), files.len(), "one JSON line per file");
    let mut failures = Vec::new();
    for (line, file) in lines.iter().zip(&files) {
        let value: Value = serde_json::from_str(line).expect("each line is JSON");
        assert_eq!(value["source"], file.display().to_string());
        let mut errs = schema_errors(&v, &value);
        errs.extend(semantic_errors(&value, &source_of(file)));
        failures.extend(errs.iter().map(|e| format!("{}: {e}", file.display())));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The schema is strict: each of these breaks one rule of the contract and
/// must be rejected, so a drift in the output cannot pass unseen.
#[test]
fn the_extract_schema_rejects_what_the_contract_forbids() {
    let v = validator("extract.schema.json");
    let good: Value = serde_json::to_value(
        planx::extract_path(&root().join("corpus/000_ee1071a4c83eaf05.txt"))
            .unwrap()
            .extract,
    )
    .unwrap();
    assert!(schema_errors(&v, &good).is_empty());
    let quota = serde_json::json!({"item": "i1", "text": "每人不少于8篇", "span": [0, 7],
        "value": 8, "max": null, "unit": "篇", "comparator": ">=", "per": ["人"], "scope": null});
    let event = serde_json::json!({"item": "i1", "text": "三月", "span": [0, 2], "when":
        {"year": null, "month": 3, "day": null, "months": [3], "weekday": null,
         "recurrence": null, "part": null, "relation": null, "text": "三月"}});
    let with = |path: &str, value: Value| {
        let mut v = good.clone();
        v["documents"][0]["quotas"] = Value::Array(vec![quota.clone()]);
        v["documents"][0]["events"] = Value::Array(vec![event.clone()]);
        *v.pointer_mut(path).unwrap() = value;
        v
    };
    // The fixture with a valid quota and event passes.
    assert!(schema_errors(&v, &with("/format", "txt".into())).is_empty());
    let bad = [
        ("/format", Value::from("doc")),
        ("/encoding", Value::from("gbk")),
        ("/documents/0/script", Value::from("trad")),
        ("/documents/0/span", serde_json::json!([1])),
        ("/documents/0/date", Value::from("2020年7月3日")),
        ("/documents/0/quotas/0/comparator", Value::from("≥")),
        ("/documents/0/quotas/0/value", Value::from("8")),
        ("/documents/0/quotas/0/unit", Value::from("")),
        ("/documents/0/quotas/0/per", Value::Null),
        ("/documents/0/events/0/when/month", Value::from(13)),
        ("/documents/0/events/0/when/weekday", Value::from(0)),
        (
            "/documents/0/events/0/when/recurrence",
            Value::from("daily"),
        ),
    ];
    for (path, value) in bad {
        let doc = with(path, value.clone());
        assert!(
            !schema_errors(&v, &doc).is_empty(),
            "{path} = {value} passed"
        );
    }
    let mut missing = good.clone();
    missing["documents"][0]
        .as_object_mut()
        .unwrap()
        .remove("topics");
    assert!(
        !schema_errors(&v, &missing).is_empty(),
        "missing list passed"
    );
    let mut extra = good.clone();
    extra["documents"][0]["Title"] = Value::Null;
    assert!(
        !schema_errors(&v, &extra).is_empty(),
        "misspelt field passed"
    );
}

/// Compare on dev pair D (`tests/fixtures/pair_d_*`, a copy of
/// `../shared/eval/pairs/D_*.txt`). Until issue 5 lands, `compare` is a
/// stub that returns its "not built yet" error, and only that error is let
/// through; any other error, and any schema breach once it returns, fails.
#[test]
fn compare_output_follows_the_contract() {
    let v = validator("compare.schema.json");
    let plan_path = root().join("tests/fixtures/pair_d_plan.txt");
    let summary_path = root().join("tests/fixtures/pair_d_summary.txt");
    let plan = planx::extract_path(&plan_path).unwrap();
    let summary = planx::extract_path(&summary_path).unwrap();
    let cmp = match planx::compare::compare(&plan, None, &summary, None) {
        Ok(cmp) => cmp,
        Err(e) if e.to_string().contains("not built yet") => {
            eprintln!("compare is still the stub: {e}");
            return;
        }
        Err(e) => panic!("compare failed on pair D: {e}"),
    };
    let value = serde_json::to_value(&cmp).unwrap();
    let mut errs = schema_errors(&v, &value);
    let items: HashSet<&str> = plan
        .extract
        .documents
        .iter()
        .flat_map(|d| &d.items)
        .map(|i| i.id.as_str())
        .collect();
    for (k, it) in value["items"].as_array().unwrap().iter().enumerate() {
        let text = it["text"].as_str().unwrap_or_default();
        if plan.source.slice(span_of(&it["span"])) != text {
            errs.push(format!(
                "items[{k}]: text is not the plan slice at its span"
            ));
        }
        if !items.contains(it["plan_item"].as_str().unwrap_or_default()) {
            errs.push(format!("items[{k}]: plan_item {} unknown", it["plan_item"]));
        }
        let ev = &it["evidence"];
        if !ev.is_null() && summary.source.slice(span_of(&ev["span"])) != ev["text"] {
            errs.push(format!(
                "items[{k}]: evidence is not the summary slice at its span"
            ));
        }
        if it["status"] == "unreported" && !ev.is_null() {
            errs.push(format!("items[{k}]: an unreported item has evidence"));
        }
    }
    for (k, u) in value["unplanned"].as_array().unwrap().iter().enumerate() {
        if summary.source.slice(span_of(&u["span"])) != u["text"] {
            errs.push(format!(
                "unplanned[{k}]: text is not the summary slice at its span"
            ));
        }
    }
    let t = &cmp.totals;
    let total = t.done + t.partial + t.not_done + t.mentioned + t.unreported;
    if total != cmp.items.len() {
        errs.push(format!(
            "totals add to {total}, items are {}",
            cmp.items.len()
        ));
    }
    if total > 0 {
        let want = (t.done as f64 + 0.5 * t.partial as f64) / total as f64;
        if (cmp.completion - want).abs() > 1e-9 {
            errs.push(format!("completion {} should be {want}", cmp.completion));
        }
    }
    assert!(errs.is_empty(), "{}", errs.join("\n"));
}

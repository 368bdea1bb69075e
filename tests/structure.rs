//! Structure: a reviewed snapshot of the section tree of every corpus
//! document, with the number of items (by role) in each section.
//!
//! The snapshots live in `tests/snapshots/<file>.txt`. After a deliberate
//! change, regenerate with `UPDATE_SNAPSHOTS=1 cargo test --test structure`
//! and read the diff before committing it.

use planx::model::{Document, Role};
use std::fmt::Write;
use std::path::Path;

fn roles(items: &[&planx::model::Item]) -> String {
    let mut out = Vec::new();
    for (role, name) in [
        (Role::Goal, "goal"),
        (Role::Measure, "measure"),
        (Role::Schedule, "schedule"),
        (Role::Report, "report"),
        (Role::Other, "other"),
    ] {
        let n = items.iter().filter(|i| i.role == role).count();
        if n > 0 {
            out.push(format!("{n} {name}"));
        }
    }
    if out.is_empty() {
        "0".into()
    } else {
        out.join(", ")
    }
}

fn render_doc(out: &mut String, d: &Document) {
    let _ = writeln!(
        out,
        "## doc {}: {} ({:?}, {} sections, {} items)",
        d.index,
        d.title.as_deref().unwrap_or("<no title>"),
        d.script,
        d.sections.len(),
        d.items.len()
    );
    let top: Vec<_> = d.items.iter().filter(|i| i.section.is_none()).collect();
    let _ = writeln!(out, "(outside sections: {})", roles(&top));
    for s in &d.sections {
        let mine: Vec<_> = d
            .items
            .iter()
            .filter(|i| i.section.as_deref() == Some(s.id.as_str()))
            .collect();
        let months = if s.months.is_empty() {
            String::new()
        } else {
            format!(" months={:?}", s.months)
        };
        let _ = writeln!(
            out,
            "{}{} {}{}{} [{}]",
            "  ".repeat(s.level as usize),
            s.id,
            if s.marker.is_empty() {
                ""
            } else {
                s.marker.as_str()
            },
            s.heading,
            months,
            roles(&mine)
        );
    }
}

/// The documents of a corpus file through structure only (the element
/// rules that follow may refine roles; this snapshot is of the structure).
fn structured(file: &str) -> (planx::text::NormText, Vec<Document>) {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(file);
    let bytes = std::fs::read(&p).expect("corpus file reads");
    let decoded = planx::decode::decode(file, &bytes).expect("decodes");
    let src = planx::text::SourceText::new(decoded.text);
    let norm = planx::clean::clean(&src);
    let (norm, mut docs) = planx::split::split(&src, norm);
    for d in &mut docs {
        planx::structure::structure(&src, &norm, d);
    }
    (norm, docs)
}

fn render(file: &str) -> String {
    let mut out = format!("# {file}\n");
    for d in &structured(file).1 {
        render_doc(&mut out, d);
    }
    out
}

fn check(file: &str) {
    let got = render(file);
    let snap = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{file}.structure.txt"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snap, &got).expect("write snapshot");
        return;
    }
    let want = std::fs::read_to_string(&snap).unwrap_or_default();
    assert!(
        got == want,
        "structure of {file} changed; review and regenerate with UPDATE_SNAPSHOTS=1\n--- got ---\n{got}"
    );
}

#[test]
fn seed_000() {
    check("000_ee1071a4c83eaf05.txt");
}

#[test]
fn seed_001() {
    check("001_b3fc29fff4b23c53.txt");
}

#[test]
fn seed_002() {
    check("002_5fc69eb27bdff214.txt");
}

#[test]
fn seed_003() {
    check("003_5ad4c4026882389f.txt");
}

#[test]
fn seed_004() {
    check("004_487f0ae3bd53a11e.txt");
}

/// Ids are s1…, i1… in document order; items inherit the months of their
/// month heading; item texts exclude list markers.
#[test]
fn ids_months_and_markers() {
    let (norm, docs) = structured("000_ee1071a4c83eaf05.txt");
    for d in &docs {
        for (k, s) in d.sections.iter().enumerate() {
            assert_eq!(s.id, format!("s{}", k + 1));
        }
        for (k, i) in d.items.iter().enumerate() {
            assert_eq!(i.id, format!("i{}", k + 1));
        }
        for w in d.items.windows(2) {
            assert!(w[0].span[0] < w[1].span[0]);
        }
    }
    let d = &docs[2];
    let sched: Vec<_> = d
        .items
        .iter()
        .filter(|i| i.role == Role::Schedule)
        .collect();
    assert_eq!(sched.len(), 37);
    let first = sched[0];
    assert_eq!(first.text, "舉行“白沙杯”校級論文大賽");
    assert_eq!(first.marker.as_deref(), Some("1、"));
    assert_eq!(planx::structure::item_months(d, first), [2]);
    assert_eq!(
        norm.slice_chars(first.norm.clone()),
        "举行“白沙杯”校级论文大赛"
    );
}

//! Scores `planx extract` on the hand-annotated fixtures of
//! `tests/fixtures/extract/*.gold.json` (the gold schema of the shared dev
//! set), with the matching rules of `score_extract.py`: the output document
//! is the one whose source slice holds the gold `locate` quote; texts are
//! compared without width differences, case, punctuation and spaces; an
//! output text matches a gold quote when one contains the other (the longer
//! at most 4 × the shorter + 10 chars) or their character-bigram Dice is at
//! least 0.6; events also need the same month, quotas the same value,
//! comparator and unit; topics match on equal names or containment with a
//! length ratio of at least 0.8 (any `alt` too). One-to-one, maximum
//! matching.

mod common;

use common::score::{max_matching, root, text_match, topic_match, Count, Gold, KINDS};
use std::collections::HashMap;
use std::path::PathBuf;

/// F1 that topics and goals must reach, pooled over the fixtures.
const FLOOR: f64 = 0.85;

fn score(gold_path: &std::path::Path) -> HashMap<&'static str, Count> {
    let gold = Gold::load(gold_path, &[root().join("corpus")]);
    let locate = gold.locate();
    assert_eq!(
        gold.text.matches(locate).count(),
        1,
        "{gold_path:?}: locate"
    );
    for q in gold.quotes() {
        assert!(gold.text.contains(q), "{gold_path:?}: {q} not in the seed");
    }
    let parsed = planx::extract_path(&gold.seed).unwrap();
    let (out, doc) = common::score::pick_doc(&parsed, locate);
    common::score::score_doc(&gold.json, doc.map(|i| &out["documents"][i]))
}

/// Topics and goals reach the floor, pooled over each folder of fixtures
/// that annotates them: corpus documents (`extract`) and documents written
/// for the held-out test, not from the corpus (`extract_new`, text beside
/// its gold).
#[test]
fn fixtures_score_topics_and_goals() {
    for dir in ["tests/fixtures/extract", "tests/fixtures/extract_new"] {
        topics_and_goals_in(dir);
    }
}

/// The counts of every gold file of a fixture folder, pooled; each file's
/// own counts are printed as they come.
fn pooled(dir: &str) -> HashMap<&'static str, Count> {
    let paths: Vec<PathBuf> = common::score::gold_paths(&root().join(dir));
    assert!(paths.len() >= 2, "{dir}");
    let mut total: HashMap<&str, Count> = HashMap::new();
    for p in &paths {
        for (k, c) in score(p) {
            total.entry(k).or_default().add(c);
            eprintln!(
                "{} {k}: gold {} pred {} tp {} F1 {:.2}",
                p.file_name().unwrap().to_string_lossy(),
                c.gold,
                c.pred,
                c.tp,
                c.f1()
            );
        }
    }
    total
}

fn topics_and_goals_in(dir: &str) {
    let total = pooled(dir);
    let line: Vec<String> = KINDS
        .iter()
        .map(|k| format!("{k}={:.2}", total[k].f1()))
        .collect();
    eprintln!("{dir} fixtures-f1 {}", line.join(" "));
    for k in ["topics", "goals"] {
        assert!(
            total[k].f1() >= FLOOR,
            "{dir}: {k} F1 {:.2} < {FLOOR}",
            total[k].f1()
        );
    }
}

#[test]
fn matching_rules() {
    // No script conversion: output and gold are slices of the same source.
    assert!(!text_match(
        "力争本学期教师论文获奖层次",
        "力爭本學期教師論文獲獎層次"
    ));
    assert!(text_match(
        "确保学校的正常教育教学秩序",
        "确保学校的正常教育教学秩序。"
    ));
    assert!(text_match("每周至少听一节课", "每周至少听一节课,每学期"));
    assert!(!text_match(
        "集体备课",
        "集体备课是教研的基本形式之一,每周一次,各组轮流主备,其余教师参与讨论"
    ));
    let g = serde_json::json!({"name": "黄杨讲坛", "alt": ["第九届黄杨讲坛"]});
    assert!(topic_match(
        &g,
        &serde_json::json!({"name": "第九届黄杨讲坛"})
    ));
    assert!(!topic_match(&g, &serde_json::json!({"name": "讲坛"})));
    assert_eq!(max_matching(&[vec![0, 1], vec![0]], 2), 2);
}

/// Events and quotas reach the 0.9, pooled over the shared fixtures
/// and, separately, over the rules fixtures of `tests/fixtures/extract_rules`
/// (which annotate events and quotas only) and the written documents of
/// `tests/fixtures/extract_new`.
#[test]
fn fixtures_score_events_and_quotas() {
    for dir in [
        "tests/fixtures/extract",
        "tests/fixtures/extract_rules",
        "tests/fixtures/extract_new",
    ] {
        let total = pooled(dir);
        for k in ["events", "quotas"] {
            let f1 = total[k].f1();
            eprintln!("{dir} {k}={f1:.2}");
            assert!(f1 >= 0.9, "{dir}: {k} F1 {f1:.2} < 0.9");
        }
    }
}

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

use planx::clean::fold::fold_width;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

const KINDS: [&str; 4] = ["events", "quotas", "topics", "goals"];

/// F1 that topics and goals must reach, pooled over the fixtures.
const FLOOR: f64 = 0.85;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn norm(s: &str) -> String {
    s.chars()
        .map(fold_width)
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

fn bigrams(s: &[char]) -> HashMap<(char, char), usize> {
    let mut m = HashMap::new();
    for w in s.windows(2) {
        *m.entry((w[0], w[1])).or_insert(0) += 1;
    }
    m
}

fn dice(a: &str, b: &str) -> f64 {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (ba, bb) = (bigrams(&a), bigrams(&b));
    let total: usize = ba.values().sum::<usize>() + bb.values().sum::<usize>();
    if total == 0 {
        return 0.0;
    }
    let common: usize = ba
        .iter()
        .map(|(k, n)| (*n).min(*bb.get(k).unwrap_or(&0)))
        .sum();
    2.0 * common as f64 / total as f64
}

/// The two texts, the one with fewer chars first (the gold's when equal).
fn shorter_first<'a>(g: &'a String, o: &'a String) -> (&'a String, &'a String) {
    if g.chars().count() <= o.chars().count() {
        (g, o)
    } else {
        (o, g)
    }
}

fn text_match(gold: &str, out: &str) -> bool {
    let (g, o) = (norm(gold), norm(out));
    if g.is_empty() || o.is_empty() {
        return false;
    }
    let (short, long) = shorter_first(&g, &o);
    let (ns, nl) = (short.chars().count(), long.chars().count());
    (ns >= 2 && long.contains(short.as_str()) && nl <= 4 * ns + 10) || dice(&g, &o) >= 0.6
}

fn topic_match(gold: &Value, out: &Value) -> bool {
    let o = norm(out["name"].as_str().unwrap_or_default());
    let names = std::iter::once(&gold["name"]).chain(
        gold["alt"]
            .as_array()
            .map(|a| a.iter().collect::<Vec<_>>())
            .unwrap_or_default(),
    );
    names.filter_map(Value::as_str).map(norm).any(|g| {
        if g.is_empty() || o.is_empty() {
            return false;
        }
        let (short, long) = shorter_first(&g, &o);
        g == o
            || (long.contains(short.as_str())
                && short.chars().count() as f64 / long.chars().count() as f64 >= 0.8)
    })
}

fn num(v: &Value) -> Option<f64> {
    v.as_f64()
}

fn unit(v: &Value) -> String {
    v.as_str().map(|s| norm(s.trim())).unwrap_or_default()
}

fn admissible(kind: &str, g: &Value, o: &Value) -> bool {
    match kind {
        "topics" => topic_match(g, o),
        _ => {
            let text = o["text"].as_str().unwrap_or_default();
            if !text_match(g["quote"].as_str().unwrap_or_default(), text) {
                return false;
            }
            match kind {
                "events" => {
                    let w = &o["when"];
                    let month = w["month"]
                        .as_u64()
                        .or_else(|| match w["months"].as_array() {
                            Some(ms) if ms.len() == 1 => ms[0].as_u64(),
                            _ => None,
                        });
                    g["month"].as_u64() == month
                }
                "quotas" => {
                    num(&g["value"]) == num(&o["value"])
                        && g["comparator"] == o["comparator"]
                        && (g["unit"].is_null() || unit(&g["unit"]) == unit(&o["unit"]))
                }
                _ => true,
            }
        }
    }
}

/// Size of a maximum one-to-one matching (Kuhn's algorithm).
fn max_matching(adj: &[Vec<usize>], n_out: usize) -> usize {
    fn augment(
        g: usize,
        adj: &[Vec<usize>],
        seen: &mut [bool],
        owner: &mut [Option<usize>],
    ) -> bool {
        for &o in &adj[g] {
            if !seen[o] {
                seen[o] = true;
                if owner[o].is_none_or(|h| augment(h, adj, seen, owner)) {
                    owner[o] = Some(g);
                    return true;
                }
            }
        }
        false
    }
    let mut owner = vec![None; n_out];
    (0..adj.len())
        .filter(|&g| augment(g, adj, &mut vec![false; n_out], &mut owner))
        .count()
}

/// Topics deduplicated by normalised name, the first kept (as the scorer
/// does).
fn dedup_topics(v: &[Value]) -> Vec<Value> {
    let mut seen = std::collections::HashSet::new();
    v.iter()
        .filter(|t| seen.insert(norm(t["name"].as_str().unwrap_or_default())))
        .cloned()
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Count {
    gold: usize,
    pred: usize,
    tp: usize,
}

impl Count {
    fn f1(&self) -> f64 {
        let p = if self.pred == 0 {
            1.0
        } else {
            self.tp as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            1.0
        } else {
            self.tp as f64 / self.gold as f64
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn score(gold_path: &Path) -> HashMap<&'static str, Count> {
    let gold: Value = serde_json::from_str(&std::fs::read_to_string(gold_path).unwrap()).unwrap();
    // A written fixture keeps its text beside its gold; corpus ones name a seed.
    let source = gold["source"].as_str().unwrap();
    let beside = gold_path.with_file_name(source);
    let seed = if beside.exists() {
        beside
    } else {
        root().join("corpus").join(source)
    };
    let seed_text = std::fs::read_to_string(&seed).unwrap();
    let seed_text = seed_text.trim_start_matches('\u{feff}');
    let locate = gold["locate"].as_str().unwrap();
    assert_eq!(
        seed_text.matches(locate).count(),
        1,
        "{gold_path:?}: locate"
    );
    for kind in KINDS {
        for g in gold[kind].as_array().unwrap() {
            let quotes = std::iter::once(&g[if kind == "topics" { "name" } else { "quote" }])
                .chain(g["alt"].as_array().into_iter().flatten());
            for q in quotes {
                let q = q.as_str().unwrap();
                assert!(seed_text.contains(q), "{gold_path:?}: {q} not in the seed");
            }
        }
    }
    let parsed = planx::extract_path(&seed).unwrap();
    let out = serde_json::to_value(&parsed.extract).unwrap();
    let docs = out["documents"].as_array().unwrap();
    let doc = docs
        .iter()
        .filter(|d| {
            let s = &d["span"];
            let span = [
                s[0].as_u64().unwrap() as usize,
                s[1].as_u64().unwrap() as usize,
            ];
            parsed.source.slice(span).contains(locate)
        })
        .min_by_key(|d| d["span"][1].as_u64().unwrap() - d["span"][0].as_u64().unwrap());
    let mut counts = HashMap::new();
    for kind in KINDS {
        let golds = gold[kind].as_array().unwrap();
        let outs: Vec<Value> = doc
            .map(|d| d[kind].as_array().unwrap().clone())
            .unwrap_or_default();
        let outs = if kind == "topics" {
            dedup_topics(&outs)
        } else {
            outs
        };
        let adj: Vec<Vec<usize>> = golds
            .iter()
            .map(|g| {
                (0..outs.len())
                    .filter(|&o| admissible(kind, g, &outs[o]))
                    .collect()
            })
            .collect();
        counts.insert(
            kind,
            Count {
                gold: golds.len(),
                pred: outs.len(),
                tp: max_matching(&adj, outs.len()),
            },
        );
    }
    counts
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
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 2, "{dir}");
    let mut total: HashMap<&str, Count> = HashMap::new();
    for p in &paths {
        for (k, c) in score(p) {
            let t = total.entry(k).or_default();
            t.gold += c.gold;
            t.pred += c.pred;
            t.tp += c.tp;
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

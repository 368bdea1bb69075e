//! Scoring of `planx extract` output against hand-annotated gold (the gold
//! schema of the shared dev set), with the matching rules of
//! `score_extract.py`: texts are compared without width differences, case,
//! punctuation and spaces; an output text matches a gold quote when one
//! contains the other (the longer at most 4 × the shorter + 10 chars) or
//! their character-bigram Dice is at least 0.6; events also need the same
//! month, quotas the same value, comparator and unit; topics match on equal
//! names or containment with a length ratio of at least 0.8 (any `alt`
//! too). One-to-one, maximum matching.

use planx::clean::fold::fold_width;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const KINDS: [&str; 4] = ["events", "quotas", "topics", "goals"];

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn norm(s: &str) -> String {
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

pub fn text_match(gold: &str, out: &str) -> bool {
    let (g, o) = (norm(gold), norm(out));
    if g.is_empty() || o.is_empty() {
        return false;
    }
    let (short, long) = shorter_first(&g, &o);
    let (ns, nl) = (short.chars().count(), long.chars().count());
    (ns >= 2 && long.contains(short.as_str()) && nl <= 4 * ns + 10) || dice(&g, &o) >= 0.6
}

pub fn topic_match(gold: &Value, out: &Value) -> bool {
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
                    g["value"].as_f64() == o["value"].as_f64()
                        && g["comparator"] == o["comparator"]
                        && (g["unit"].is_null() || unit(&g["unit"]) == unit(&o["unit"]))
                }
                _ => true,
            }
        }
    }
}

/// Size of a maximum one-to-one matching (Kuhn's algorithm).
pub fn max_matching(adj: &[Vec<usize>], n_out: usize) -> usize {
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

#[derive(Default, Clone, Copy, Debug)]
pub struct Count {
    pub gold: usize,
    pub pred: usize,
    pub tp: usize,
}

impl Count {
    pub fn f1(&self) -> f64 {
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

    pub fn add(&mut self, o: Count) {
        self.gold += o.gold;
        self.pred += o.pred;
        self.tp += o.tp;
    }
}

/// A gold file and the text of the seed it annotates (BOM removed).
pub struct Gold {
    pub path: PathBuf,
    pub json: Value,
    pub seed: PathBuf,
    pub text: String,
}

impl Gold {
    /// Reads a gold file; its seed is the file beside it (written fixtures)
    /// or, by name, in one of `seed_dirs`.
    pub fn load(path: &Path, seed_dirs: &[PathBuf]) -> Gold {
        let json: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let source = json["source"].as_str().unwrap();
        let seed = std::iter::once(path.with_file_name(source))
            .chain(seed_dirs.iter().map(|d| d.join(source)))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{path:?}: no seed {source}"));
        let text = std::fs::read_to_string(&seed).unwrap();
        let text = text.trim_start_matches('\u{feff}').to_string();
        Gold {
            path: path.to_path_buf(),
            json,
            seed,
            text,
        }
    }

    pub fn locate(&self) -> &str {
        self.json["locate"].as_str().unwrap()
    }

    /// Every quote, name and alt of the gold.
    pub fn quotes(&self) -> Vec<&str> {
        let mut out = Vec::new();
        for kind in KINDS {
            for g in self.json[kind].as_array().unwrap() {
                let q = &g[if kind == "topics" { "name" } else { "quote" }];
                out.extend(
                    std::iter::once(q)
                        .chain(g["alt"].as_array().into_iter().flatten())
                        .filter_map(Value::as_str),
                );
            }
        }
        out
    }
}

/// Gold files of a folder, sorted.
pub fn gold_paths(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    paths.sort();
    paths
}

/// The extract JSON of a parsed file and the output document the gold
/// scores: the shortest whose source slice holds the `locate` quote, read
/// without width, case, punctuation and spaces (so that a messy copy of
/// the seed locates the same document).
pub fn pick_doc(parsed: &planx::Parsed, locate: &str) -> (Value, Option<usize>) {
    let out = serde_json::to_value(&parsed.extract).unwrap();
    let want = norm(locate);
    let doc = out["documents"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            let s = &d["span"];
            let span = [
                s[0].as_u64().unwrap() as usize,
                s[1].as_u64().unwrap() as usize,
            ];
            norm(parsed.source.slice(span)).contains(&want)
        })
        .min_by_key(|(_, d)| d["span"][1].as_u64().unwrap() - d["span"][0].as_u64().unwrap())
        .map(|(i, _)| i);
    (out, doc)
}

/// Counts per kind of one output document (or none) against a gold.
pub fn score_doc(gold: &Value, doc: Option<&Value>) -> HashMap<&'static str, Count> {
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

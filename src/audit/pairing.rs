//! Pairing each summary with its plan.
//!
//! Two files pair when they sit in the same folder and their names differ
//! only in the plan/summary word (`dictionaries/audit_plan_names.txt`,
//! `audit_summary_names.txt`): `甲校-2020春-计划.txt` ↔ `甲校-2020春-总结.txt`,
//! `乙校工作计划.txt` ↔ `乙校总结.txt`. A manifest CSV with columns
//! `plan,summary` (and optionally `school`) pairs files whatever their names.
//! Known limits: a name holding both words (`计划总结.txt`) pairs with
//! nothing; two plans for one summary pair the first by path.

use crate::dict;
use crate::model::Kind;
use regex::Regex;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static PLAN_WORD: LazyLock<Regex> =
    LazyLock::new(|| name_word(include_str!("../../dictionaries/audit_plan_names.txt")));
static SUMMARY_WORD: LazyLock<Regex> =
    LazyLock::new(|| name_word(include_str!("../../dictionaries/audit_summary_names.txt")));

/// A name word; a Latin word must not be part of a longer Latin word.
fn name_word(list: &'static str) -> Regex {
    Regex::new(&format!(
        r"(?i)(?:^|[^a-z])({})(?:$|[^a-z])",
        dict::alternation(list)
    ))
    .expect("name word list is a valid alternation")
}

/// Year and term tokens of a file name (2020春, 2020学年, 第二学期): they are
/// not part of the school's name. 春 / 秋 alone count only after a year or
/// as a whole token, so that 春晖小学 keeps its name.
static PERIOD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:19|20)\d{2}(?:\s*[-—~至]\s*(?:19|20)?\d{2})?\s*(?:学年度|學年度|学年|學年|年度|年)?\s*(?:春季|秋季|春|秋)?\s*(?:第[一二12][学學]期|[上下][学學]期|[上下]半年)?|第[一二12][学學]期|[上下][学學]期|[上下]半年|^(?:春季|秋季|春|秋)(?:[学學]期)?$",
    )
    .expect("period pattern")
});

static SEPARATORS: &[char] = &[
    '-', '_', ' ', '.', '·', '、', '(', ')', '（', '）', '—', '【', '】', '[', ']',
];

/// What a file name says: plan or summary, the key that its partner shares,
/// the school it names, and the term (spring/autumn) when it names one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameInfo {
    pub kind: Option<Kind>,
    /// Folder + name without the plan/summary word and the extension.
    pub key: String,
    pub school: String,
    pub term: Option<&'static str>,
}

/// Reads what a file's name says about it.
pub fn name_info(path: &Path) -> NameInfo {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = path
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let plan = PLAN_WORD.captures(&stem).and_then(|c| c.get(1));
    let summary = SUMMARY_WORD.captures(&stem).and_then(|c| c.get(1));
    let (kind, rest) = match (plan, summary) {
        (Some(m), None) => (Some(Kind::Plan), cut(&stem, m.range())),
        (None, Some(m)) => (Some(Kind::Summary), cut(&stem, m.range())),
        _ => (None, stem.clone()),
    };
    let school = school_of(&rest).unwrap_or_else(|| {
        path.parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    });
    NameInfo {
        kind,
        key: format!("{parent}/{}", rest.to_lowercase()),
        school,
        term: term_of(&rest),
    }
}

fn cut(s: &str, r: std::ops::Range<usize>) -> String {
    format!("{}{}", &s[..r.start], &s[r.end..])
}

/// The school named by a file name without its plan/summary word: the name
/// without period tokens and separators; None when nothing is left.
fn school_of(rest: &str) -> Option<String> {
    let parts: Vec<String> = rest
        .split(SEPARATORS)
        .map(|tok| PERIOD.replace_all(tok, "").trim().to_string())
        .filter(|t| !t.is_empty() && !t.chars().all(|c| c.is_ascii_digit()))
        .collect();
    (!parts.is_empty()).then(|| parts.join("-"))
}

fn term_of(rest: &str) -> Option<&'static str> {
    let spring = ["春", "第二学期", "第二學期", "下学期", "下學期"];
    let autumn = ["秋", "第一学期", "第一學期", "上学期", "上學期"];
    let has = |words: &[&str]| {
        rest.split(SEPARATORS).any(|tok| {
            PERIOD
                .find_iter(tok)
                .any(|m| words.iter().any(|w| m.as_str().contains(w)))
        })
    };
    match (has(&spring), has(&autumn)) {
        (true, false) => Some("spring"),
        (false, true) => Some("autumn"),
        _ => None,
    }
}

/// A summary paired with its plan: indexes into the batch's file list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub school: String,
    pub plan: usize,
    pub summary: usize,
    /// True when a manifest said so rather than the file names.
    pub manifest: bool,
}

/// How the files of a batch pair up.
#[derive(Debug, Clone, Default)]
pub struct Pairing {
    /// Sorted by the first of the two files in path order.
    pub pairs: Vec<Pair>,
    /// For each file, the pair it belongs to.
    pub pair_of: Vec<Option<usize>>,
}

/// Pairs the files (in batch order) by name, after the manifest's pairs
/// (given as file indexes), which take precedence.
pub fn pair(files: &[PathBuf], manifest: &[(usize, usize, Option<String>)]) -> Pairing {
    let infos: Vec<NameInfo> = files.iter().map(|f| name_info(f)).collect();
    let mut taken = vec![false; files.len()];
    let mut pairs = Vec::new();
    for (plan, summary, school) in manifest {
        if *plan == *summary || taken[*plan] || taken[*summary] {
            continue;
        }
        taken[*plan] = true;
        taken[*summary] = true;
        let school = school
            .clone()
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| infos[*plan].school.clone());
        pairs.push(Pair {
            school,
            plan: *plan,
            summary: *summary,
            manifest: true,
        });
    }
    // key → (first plan, first summary), in path order.
    let mut by_key: BTreeMap<&str, (Option<usize>, Option<usize>)> = BTreeMap::new();
    for (i, info) in infos.iter().enumerate() {
        if taken[i] {
            continue;
        }
        let slot = by_key.entry(info.key.as_str()).or_default();
        match info.kind {
            Some(Kind::Plan) if slot.0.is_none() => slot.0 = Some(i),
            Some(Kind::Summary) if slot.1.is_none() => slot.1 = Some(i),
            _ => {}
        }
    }
    for (plan, summary) in by_key.into_values() {
        if let (Some(plan), Some(summary)) = (plan, summary) {
            pairs.push(Pair {
                school: infos[plan].school.clone(),
                plan,
                summary,
                manifest: false,
            });
        }
    }
    pairs.sort_by_key(|p| (p.plan.min(p.summary), p.plan.max(p.summary)));
    let mut pair_of = vec![None; files.len()];
    for (i, p) in pairs.iter().enumerate() {
        pair_of[p.plan] = Some(i);
        pair_of[p.summary] = Some(i);
    }
    Pairing { pairs, pair_of }
}

/// Reads a manifest CSV with a header naming the columns `plan` and
/// `summary` (any order, any case; `school` optional). Relative paths are
/// resolved against the manifest's folder.
pub fn read_manifest(path: &Path) -> Result<Vec<(PathBuf, PathBuf, Option<String>)>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(body);
    let headers = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(pc), Some(sc)) = (col("plan"), col("summary")) else {
        return Err(format!(
            "{}: the manifest needs a header with columns plan,summary",
            path.display()
        ));
    };
    let school = col("school");
    let base = path.parent().unwrap_or(Path::new(""));
    let mut out = Vec::new();
    for (n, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| format!("{}: row {}: {e}", path.display(), n + 2))?;
        let (Some(p), Some(s)) = (rec.get(pc), rec.get(sc)) else {
            return Err(format!(
                "{}: row {}: missing plan or summary",
                path.display(),
                n + 2
            ));
        };
        if p.is_empty() && s.is_empty() {
            continue;
        }
        out.push((
            base.join(p),
            base.join(s),
            school.and_then(|c| rec.get(c)).map(str::to_string),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn reads_names() {
        let i = name_info(Path::new("d/甲校-2020春-计划.txt"));
        assert_eq!(i.kind, Some(Kind::Plan));
        assert_eq!(i.school, "甲校");
        assert_eq!(i.term, Some("spring"));
        let j = name_info(Path::new("d/甲校-2020春-总结.txt"));
        assert_eq!(j.kind, Some(Kind::Summary));
        assert_eq!(i.key, j.key);
        let t = name_info(Path::new("d/乙校2021學年第一學期工作計劃.txt"));
        assert_eq!(t.kind, Some(Kind::Plan));
        assert_eq!(t.school, "乙校");
        assert_eq!(t.term, Some("autumn"));
        let e = name_info(Path::new("x/school-a_plan.txt"));
        assert_eq!(e.kind, Some(Kind::Plan));
        assert_eq!(e.school, "school-a");
        // "planet" is not the word "plan"; a name without a word names the folder.
        let n = name_info(Path::new("东风小学/planet.txt"));
        assert_eq!(n.kind, None);
        assert_eq!(n.school, "planet");
        assert_eq!(name_info(Path::new("东风小学/计划.txt")).school, "东风小学");
    }

    #[test]
    fn a_school_named_after_spring_keeps_its_name() {
        assert_eq!(name_info(Path::new("春晖小学-计划.txt")).school, "春晖小学");
    }

    #[test]
    fn pairs_names_differing_only_in_the_word() {
        let files = paths(&[
            "d/乙校工作计划.txt",
            "d/乙校总结.txt",
            "d/甲校-2020春-汇报.txt",
            "d/甲校-2020春-要点.txt",
            "d/甲校-2020秋-计划.txt",
            "e/乙校总结.txt",
        ]);
        let p = pair(&files, &[]);
        assert_eq!(
            p.pairs
                .iter()
                .map(|p| (p.plan, p.summary))
                .collect::<Vec<_>>(),
            [(0, 1), (3, 2)]
        );
        assert_eq!(p.pair_of, [Some(0), Some(0), Some(1), Some(1), None, None]);
        assert_eq!(p.pairs[1].school, "甲校");
    }

    #[test]
    fn manifest_takes_precedence() {
        let files = paths(&["a.txt", "b.txt", "c-计划.txt", "c-总结.txt"]);
        let p = pair(&files, &[(2, 1, Some("丙校".into()))]);
        assert_eq!(p.pairs.len(), 1);
        assert_eq!((p.pairs[0].plan, p.pairs[0].summary), (2, 1));
        assert_eq!(p.pairs[0].school, "丙校");
        assert!(p.pairs[0].manifest);
        assert_eq!(p.pair_of[3], None);
    }

    #[test]
    fn reads_a_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let m = dir.path().join("m.csv");
        std::fs::write(&m, "\u{FEFF}Summary,plan\nx/s.txt, x/p.txt\n").unwrap();
        let rows = read_manifest(&m).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].0, dir.path().join("x/p.txt"));
        assert_eq!(rows[0].1, dir.path().join("x/s.txt"));
        std::fs::write(&m, "a,b\n1,2\n").unwrap();
        assert!(read_manifest(&m).unwrap_err().contains("plan,summary"));
    }
}

//! A deterministic batch of school plans and summaries for benchmarks and
//! tests: every school gets a plan and a summary whose sections are drawn
//! from the corpus's real lines, shuffled, renumbered, with the school's
//! name, the year, numbers and months varied. The same seed always gives
//! the same files.

use std::path::{Path, PathBuf};

/// splitmix64: small, fast, and the same everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^ (x >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            xs.swap(i, self.below(i + 1));
        }
    }
}

const PLACES: &[&str] = &[
    "东风", "实验", "城南", "城北", "红旗", "育才", "新华", "光明", "朝阳", "胜利", "江滨", "桃源",
    "青山", "明德", "启智", "阳光", "文昌", "振华", "南湖", "西苑",
];
const LEVELS: &[&str] = &["小学", "中心小学", "实验小学", "中学", "初级中学"];
const CN: &[&str] = &["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const MONTHS: &[&str] = &[
    "一月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "十一月",
    "十二月",
];
const HEADINGS_PLAN: &[&str] = &[
    "指导思想",
    "工作目标",
    "主要工作",
    "具体措施",
    "课题研究",
    "教师培训",
    "常规管理",
    "校本教研",
];
const HEADINGS_SUMMARY: &[&str] = &[
    "主要工作",
    "课题研究",
    "教师发展",
    "常规管理",
    "存在问题",
    "今后努力方向",
    "校本研修",
];

/// The corpus lines that read as entries: long enough, not headings.
pub fn corpus_lines(corpus: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    let mut lines = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        for l in text.lines() {
            // Without its own list marker: the generator numbers entries.
            let l = l
                .trim()
                .trim_start_matches(|c: char| {
                    c.is_ascii_digit()
                        || c.is_whitespace()
                        || "一二三四五六七八九十、.．,()（）-—".contains(c)
                        || ('\u{2460}'..='\u{249B}').contains(&c)
                })
                .trim();
            let n = l.chars().count();
            if (12..=160).contains(&n)
                && (l.ends_with('。') || l.ends_with('；') || l.ends_with(';'))
            {
                lines.push(l.to_string());
            }
        }
    }
    lines
}

/// Replaces digits with fresh ones, so that numbers vary between schools.
fn vary_numbers(line: &str, rng: &mut Rng) -> String {
    line.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from(b'0' + rng.below(10) as u8)
            } else {
                c
            }
        })
        .collect()
}

/// One document: a title, then shuffled numbered sections with entries.
fn document(
    title: &str,
    headings: &[&str],
    months: &[usize],
    lines: &[String],
    rng: &mut Rng,
) -> String {
    let mut out = format!("{title}\n\n");
    let mut hs: Vec<&str> = headings.to_vec();
    rng.shuffle(&mut hs);
    let sections = 3 + rng.below(hs.len().saturating_sub(3).max(1));
    for (k, h) in hs.iter().take(sections).enumerate() {
        out.push_str(&format!("{}、{h}\n", CN[k % CN.len()]));
        for j in 0..(3 + rng.below(6)) {
            out.push_str(&format!("{}、{}\n", j + 1, {
                let line = rng.pick(lines).clone();
                vary_numbers(&line, rng)
            }));
        }
    }
    out.push_str(&format!("{}、工作安排\n", CN[sections % CN.len()]));
    for &m in months {
        out.push_str(&format!("{}:\n", MONTHS[m - 1]));
        for j in 0..(1 + rng.below(3)) {
            out.push_str(&format!("{}、{}\n", j + 1, {
                let line = rng.pick(lines).clone();
                vary_numbers(&line, rng)
            }));
        }
    }
    out
}

/// Writes `schools` plan/summary pairs (2 × schools documents) under
/// `dir/<district>/`, and returns the files and their total size in bytes.
pub fn write_batch(dir: &Path, corpus: &Path, schools: usize, seed: u64) -> (Vec<PathBuf>, u64) {
    let lines = corpus_lines(corpus);
    assert!(!lines.is_empty(), "no corpus lines in {}", corpus.display());
    let mut rng = Rng::new(seed);
    let mut files = Vec::new();
    let mut bytes = 0u64;
    for s in 0..schools {
        // Unique names: place × level, then a number.
        let (p, l) = (PLACES.len(), LEVELS.len());
        let school = format!(
            "{}{}{}",
            PLACES[s % p],
            LEVELS[(s / p) % l],
            if s >= p * l {
                format!("{}", s / (p * l) + 1)
            } else {
                String::new()
            }
        );
        let year = 2018 + rng.below(6);
        let spring = rng.below(2) == 0;
        let (term, months): (&str, Vec<usize>) = if spring {
            ("春", vec![2, 3, 4, 5, 6])
        } else {
            ("秋", vec![9, 10, 11, 12, 1])
        };
        let district = dir.join(format!("片区{}", s % 7 + 1));
        std::fs::create_dir_all(&district).expect("batch folder");
        let plan = document(
            &format!("{school}{year}年{term}季学期教科室工作计划"),
            HEADINGS_PLAN,
            &months,
            &lines,
            &mut rng,
        );
        let summary = document(
            &format!("{school}{year}年{term}季学期教科室工作总结"),
            HEADINGS_SUMMARY,
            &months[..2 + rng.below(3)],
            &lines,
            &mut rng,
        );
        for (word, text) in [("计划", plan), ("总结", summary)] {
            let f = district.join(format!("{school}-{year}{term}-{word}.txt"));
            bytes += text.len() as u64;
            std::fs::write(&f, text).expect("batch file");
            files.push(f);
        }
    }
    (files, bytes)
}

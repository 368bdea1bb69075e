//! Content terms of a text for alignment: jieba words (search mode, so a
//! compound also yields its parts), folded through the paraphrase groups of
//! `dictionaries/compare_synonyms.txt`, without general words
//! (`compare_stopwords.txt`), numbers, grammar characters and the wording of
//! a quota (不少于, 至少, 每学期, 每位: the quota check compares those), which
//! a summary rarely repeats and which would otherwise weigh most.
//!
//! Runs of single characters that jieba could not join (特/师 in 特师名师,
//! 书/苑) are read as one word, so an unknown name still aligns.

use crate::dict::entries;
use crate::segment::jieba;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

static SYNONYMS: &str = include_str!("../../dictionaries/compare_synonyms.txt");
static STOPWORDS: &str = include_str!("../../dictionaries/compare_stopwords.txt");
static FUNCTION_CHARS: &str = include_str!("../../dictionaries/compare_function_chars.txt");

/// Word → the first word of its paraphrase group.
static GROUP_OF: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    let mut m = HashMap::new();
    for line in entries(SYNONYMS) {
        let mut words = line.split_whitespace();
        if let Some(head) = words.next() {
            m.insert(head, head);
            for w in words {
                m.insert(w, head);
            }
        }
    }
    m
});

/// Group name → every word of the group.
static GROUP_WORDS: LazyLock<HashMap<&'static str, Vec<&'static str>>> = LazyLock::new(|| {
    let mut m: HashMap<&str, Vec<&str>> = HashMap::new();
    for (w, head) in GROUP_OF.iter() {
        m.entry(head).or_default().push(w);
    }
    m
});

static STOP: LazyLock<HashSet<&'static str>> = LazyLock::new(|| entries(STOPWORDS).collect());

static GRAMMAR: LazyLock<HashSet<char>> = LazyLock::new(|| {
    entries(FUNCTION_CHARS)
        .flat_map(|l| l.split_whitespace())
        .filter_map(|w| w.chars().next())
        .collect()
});

/// One content term: its paraphrase-group name and the surface word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Term {
    pub key: String,
    pub surface: String,
}

impl Term {
    /// Whether the term occurs in a text that has the term keys `keys`:
    /// by key, or as a plain substring of the text (in any of its group's
    /// words), which covers words that jieba cut differently on each side.
    pub fn occurs_in(&self, keys: &HashSet<String>, text: &str) -> bool {
        if keys.contains(&self.key) || text.contains(self.surface.as_str()) {
            return true;
        }
        GROUP_WORDS.get(self.key.as_str()).is_some_and(|ws| {
            ws.iter()
                .any(|w| w.chars().count() >= 2 && text.contains(w))
        })
    }
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

fn is_content_word(w: &str) -> bool {
    let n = w.chars().count();
    n >= 2
        && w.chars().all(|c| is_han(c) || c.is_ascii_alphabetic())
        && !STOP.contains(w)
        && !w.chars().all(|c| GRAMMAR.contains(&c))
        && !w.contains('月')
        && !is_quota_wording(w)
        && !is_number_word(w)
}

/// A Chinese numeral with at most one character after it, or an ordinal:
/// 一期, 两位, 第一, 第二期. Counts are the quota check's to compare, and
/// 第一期 of one thing says nothing of which thing.
fn is_number_word(w: &str) -> bool {
    let body = w.strip_prefix('第').unwrap_or(w);
    let rest = body.trim_start_matches(crate::extract::numerals::chinese_digit);
    rest.len() < body.len() && rest.chars().count() <= 1
}

/// A comparator or the start of one (jieba cuts 不少于 as 不少 + 于), or a
/// short rate word (每学期, 每位, 每周).
fn is_quota_wording(w: &str) -> bool {
    crate::extract::quotas::COMPARATOR
        .iter()
        .any(|(c, _, _)| c.starts_with(w))
        || (w.starts_with('每') && w.chars().count() <= 3)
}

fn term(word: &str) -> Term {
    let key = GROUP_OF.get(word).copied().unwrap_or(word);
    Term {
        key: key.to_string(),
        surface: word.to_string(),
    }
}

/// The content terms of a (simplified, half-width) text, each once.
pub fn terms(text: &str) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    let mut seen = HashSet::new();
    let mut push = |w: &str, out: &mut Vec<Term>| {
        if is_content_word(w) && seen.insert(w.to_string()) {
            out.push(term(w));
        }
    };
    let tokens = jieba().cut(text, false);
    // Byte range of the current run of lone content characters.
    let mut run: Option<(usize, usize)> = None;
    for t in &tokens {
        let single = t.word.chars().count() == 1;
        let lone = single && t.word.chars().all(|c| is_han(c) && !GRAMMAR.contains(&c));
        if lone {
            run = Some(match run {
                Some((a, b)) if b == t.byte_start => (a, t.byte_end),
                Some((a, b)) => {
                    push(&text[a..b], &mut out);
                    (t.byte_start, t.byte_end)
                }
                None => (t.byte_start, t.byte_end),
            });
            continue;
        }
        if let Some((a, b)) = run.take() {
            push(&text[a..b], &mut out);
        }
        if single {
            continue;
        }
        let word = strip_general(t.word);
        // A compound that its dictionary parts cover (课题研究 → 课题 研究,
        // 论文比赛 → 论文 比赛) is read as those parts, so that it meets a
        // paraphrase (论文大赛) or a split (课题的研究) on the other side; a
        // compound they do not cover (教研组: 教研 + 组) stays whole.
        match parts(word) {
            Some(ps) => {
                for p in ps {
                    push(p, &mut out);
                }
            }
            None => push(word, &mut out),
        }
    }
    if let Some((a, b)) = run {
        push(&text[a..b], &mut out);
    }
    out
}

/// The 2-character dictionary words that tile a longer word end to end
/// (课题研究 → 课题 研究). Overlapping words do not tile it: 教科室 holds
/// 教科 and 科室, but 教科 would then meet 教科研 on the other side.
fn parts(word: &str) -> Option<Vec<&str>> {
    let n = word.chars().count();
    if n <= 2 || n % 2 == 1 {
        return None;
    }
    let subs: Vec<_> = jieba()
        .cut_for_search(word, false)
        .into_iter()
        .filter(|sub| sub.end - sub.start == 2 && sub.word != word)
        .collect();
    (0..n)
        .step_by(2)
        .map(|at| subs.iter().find(|sub| sub.start == at).map(|sub| sub.word))
        .collect()
}

/// A word without a general word at its start or end (开展业务 → 业务), which
/// jieba sometimes glues to the content word.
fn strip_general(mut w: &str) -> &str {
    loop {
        let before = w;
        for g in STOP.iter() {
            if w.len() > g.len() + 3 {
                if let Some(rest) = w.strip_prefix(g) {
                    w = rest;
                } else if let Some(rest) = w.strip_suffix(g) {
                    w = rest;
                }
            }
        }
        if w == before {
            return w;
        }
    }
}

/// The set of term keys of a text.
pub fn keys(terms: &[Term]) -> HashSet<String> {
    terms.iter().map(|t| t.key.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surfaces(text: &str) -> Vec<String> {
        terms(text).into_iter().map(|t| t.surface).collect()
    }

    #[test]
    fn quota_wording_is_no_term() {
        // written for this test
        assert_eq!(surfaces("每位教师每学期听课不少于15节"), ["教师", "听课"]);
        assert_eq!(surfaces("每周作业不超过60分钟"), ["作业", "分钟"]);
    }

    #[test]
    fn joins_lone_characters_and_drops_general_words() {
        let s = surfaces("继续聘请特师名师");
        assert!(s.contains(&"特师".to_string()), "{s:?}");
        assert!(!s.contains(&"继续".to_string()), "{s:?}");
        let s = surfaces("更换白沙书苑内书法作品");
        assert!(s.contains(&"书苑".to_string()), "{s:?}");
    }

    #[test]
    fn a_frame_noun_does_not_weigh() {
        // written for this test: the system of X is reported as doing X
        let s = surfaces("实行推门听课制度");
        assert!(s.contains(&"听课".to_string()), "{s:?}");
        assert!(!s.contains(&"制度".to_string()), "{s:?}");
        let a = terms("择优推荐参加市级评比");
        let b = keys(&terms("选送十五篇参加市级评选"));
        assert!(a.iter().any(|t| t.surface == "推荐" && b.contains(&t.key)));
    }

    #[test]
    fn paraphrases_share_a_key() {
        let a = terms("学期末撰写高质量论文参加学校论文比赛");
        let b = terms("全校47位教师撰写的论文参加了期末学校论文大赛");
        let kb = keys(&b);
        let bt = "全校47位教师撰写的论文参加了期末学校论文大赛";
        assert!(a
            .iter()
            .filter(|t| t.key == "比赛")
            .all(|t| t.occurs_in(&kb, bt)));
        let t = term("同盟");
        assert_eq!(t.key, "联盟");
        let written = "成立了三个学科写作联盟";
        assert!(t.occurs_in(&keys(&terms(written)), written));
    }

    #[test]
    fn general_words_glued_to_content_are_cut_off() {
        let s = surfaces("组织开展业务理论学习");
        assert!(s.contains(&"业务".to_string()), "{s:?}");
        assert!(
            !s.iter().any(|w| w.contains("开展") || w == "展业"),
            "{s:?}"
        );
    }

    #[test]
    fn compounds_covered_by_their_parts_are_read_as_parts() {
        let s = surfaces("课题研究");
        assert!(
            s.contains(&"课题".to_string()) && s.contains(&"研究".to_string()),
            "{s:?}"
        );
        assert!(!s.contains(&"课题研究".to_string()), "{s:?}");
        let s = surfaces("各教研组制定计划");
        assert!(s.contains(&"教研组".to_string()), "{s:?}");
        assert!(!s.contains(&"教研".to_string()), "{s:?}");
        // written for this test: 教科 and 科室 overlap, so no parts
        let s = surfaces("教科室工作总结");
        assert!(s.contains(&"教科室".to_string()), "{s:?}");
        assert!(!s.contains(&"教科".to_string()), "{s:?}");
    }

    #[test]
    fn months_and_numbers_are_not_terms() {
        // written for this test: ordinals and Chinese counts too
        assert_eq!(surfaces("第一期讲坛请了两位专家"), ["讲坛", "专家"]);
        let s = surfaces("3月份组织了12次学习");
        assert!(
            s.iter().all(|w| !w.contains('月') && !w.contains('1')),
            "{s:?}"
        );
    }
}

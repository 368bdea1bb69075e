//! Web-page boilerplate: site navigation, page metadata, download prompts,
//! site intros and watermarks, as listed in `dictionaries/boilerplate.txt`.
//!
//! Three kinds of rule (see the list's header): a `line` rule deletes its
//! whole line (only lines short enough to be page furniture, so a body line
//! that happens to mention 当前位置 survives), a `sentence` rule deletes the
//! sentence around the match (site intros sit inside running text on
//! one-line pages), an `inline` rule deletes just the match.
//!
//! Known false positives: a document that itself says 仅供参考 or
//! 希望对大家有所帮助 loses that sentence.

use crate::dict::FastMap;
use crate::text::longer_than;
use regex_automata::{meta, Anchored, Input};
use regex_syntax::hir::literal::Extractor;
use regex_syntax::hir::{Hir, Look};
use std::ops::Range;
use std::sync::LazyLock;

static LIST: &str = include_str!("../../dictionaries/boilerplate.txt");

/// Longest line (in bytes) a `line` rule deletes whole: 120 Han chars.
const MAX_LINE: usize = 360;
/// Longest line (in chars) a `shortline` rule deletes.
const MAX_SHORT_LINE: usize = 40;

/// The patterns of each class, compiled one by one: alone, most of them
/// start with a literal that the regex engine skips to, where one
/// alternation of all of them would walk every char.
struct Rules {
    line: Vec<Rule>,
    shortline: Vec<Rule>,
    sentence: Vec<Rule>,
    inline: Vec<Rule>,
    /// The gate's indices of the `shortline` rules, when all are gated.
    shortline_gated: Option<Vec<usize>>,
    gate: Gate,
}

/// A rule, and where its matches may start.
struct Rule {
    re: meta::Regex,
    start: Start,
}

enum Start {
    /// At one of a few literals of at least [`GATE_LEN`] bytes: the rule's
    /// index in the gate.
    Gated(usize),
    /// At a line start (the pattern opens with `^`), on one of these
    /// literals when they are known.
    Line(Option<Vec<Vec<u8>>>),
    /// At one of these literals, too short for the gate, which all end with
    /// the same bytes (`(` of `msn(` and `(`, `《` of `计划《` and `《`): a
    /// vector search for those bytes finds every place, a literal's length
    /// before the end of each.
    Anchor {
        end: Box<memchr::memmem::Finder<'static>>,
        lits: Vec<Vec<u8>>,
    },
    /// Anywhere.
    Scan,
}

fn patterns(class: &str) -> impl Iterator<Item = &'static str> + '_ {
    crate::dict::entries(LIST)
        .filter_map(move |e| e.strip_prefix(class))
        .filter_map(|e| e.strip_prefix(':'))
        .map(str::trim)
}

fn compile(class: &str, gate: &mut Gate) -> Vec<Rule> {
    patterns(class)
        .filter_map(|p| {
            let p = format!("(?mR){p}");
            let re = meta::Regex::new(&p).ok()?;
            let start = regex_syntax::parse(&p).map_or(Start::Scan, |hir| start(&hir, gate));
            Some(Rule { re, start })
        })
        .collect()
}

/// Where the matches of a pattern may start: at the literals that every
/// match starts with, when there are a few of at least [`GATE_LEN`] bytes
/// (registered with the gate), or at line starts for a pattern led by `^`.
fn start(hir: &Hir, gate: &mut Gate) -> Start {
    let seq = Extractor::new().extract(hir);
    let lits = seq.literals();
    if let Some(ls) = lits.filter(|ls| ls.iter().all(|l| l.len() >= GATE_LEN)) {
        let long: Vec<Vec<u8>> = ls.iter().map(|l| l.as_bytes().to_vec()).collect();
        return Start::Gated(gate.add(&long));
    }
    let looks = hir.properties().look_set_prefix();
    if [Look::Start, Look::StartLF, Look::StartCRLF]
        .into_iter()
        .any(|l| looks.contains(l))
    {
        return Start::Line(lits.map(|ls| ls.iter().map(|l| l.as_bytes().to_vec()).collect()));
    }
    let Some(lits) = lits else {
        return Start::Scan;
    };
    let lits: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
    let end = common_suffix(&lits);
    if end.is_empty() {
        return Start::Scan;
    }
    Start::Anchor {
        end: Box::new(memchr::memmem::Finder::new(end).into_owned()),
        lits,
    }
}

/// The longest byte string that every literal ends with.
fn common_suffix(lits: &[Vec<u8>]) -> &[u8] {
    let Some(first) = lits.first() else {
        return &[];
    };
    let mut n = first.len();
    for l in &lits[1..] {
        n = n.min(
            first
                .iter()
                .rev()
                .zip(l.iter().rev())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    &first[first.len() - n..]
}

static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let mut gate = Gate::default();
    let line = compile("line", &mut gate);
    let shortline = compile("shortline", &mut gate);
    let shortline_gated = shortline
        .iter()
        .map(|r| match r.start {
            Start::Gated(id) => Some(id),
            _ => None,
        })
        .collect();
    Rules {
        line,
        shortline,
        sentence: compile("sentence", &mut gate),
        inline: compile("inline", &mut gate),
        shortline_gated,
        gate,
    }
});

/// Bytes of each rule literal the gate reads: two Han chars.
const GATE_LEN: usize = 6;
/// Bytes of the keys the gate looks up, taken every [`STEP`] bytes: every
/// occurrence of a literal holds one of its keys at such a place.
const KEY_LEN: usize = 4;
const STEP: usize = GATE_LEN - KEY_LEN + 1;

/// One pass over the text for the places where a gated rule may match.
/// Each regex scanning the whole text on its own cost more than all the
/// rest of cleaning: Chinese text defeats their literal prefilters.
#[derive(Default)]
struct Gate {
    /// A bit per hash of a key of some literal.
    bits: Vec<u64>,
    /// Key → (its offset in the literal, the whole literal, the rule). The
    /// whole literal is checked: 计划 leads a download link's literals
    /// (计划下载) and most sentences of a plan.
    keys: FastMap<u32, Vec<(usize, Vec<u8>, usize)>>,
    rules: usize,
}

fn slot(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

impl Gate {
    /// Adds a rule by the literals its matches start with; returns its index.
    fn add(&mut self, lits: &[Vec<u8>]) -> usize {
        let rule = self.rules;
        self.rules += 1;
        if self.bits.is_empty() {
            self.bits = vec![0; (1 << 16) / 64];
        }
        for lit in lits {
            for off in 0..STEP {
                let mut k = [0; KEY_LEN];
                k.copy_from_slice(&lit[off..off + KEY_LEN]);
                let key = u32::from_le_bytes(k);
                self.bits[slot(key) / 64] |= 1 << (slot(key) % 64);
                self.keys
                    .entry(key)
                    .or_default()
                    .push((off, lit.clone(), rule));
            }
        }
        rule
    }

    /// (rule, byte offset) of every occurrence of a literal, sorted.
    fn find(&self, s: &[u8]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if self.bits.is_empty() {
            return out;
        }
        let mut q = 0;
        while let Some(w) = s.get(q..q + KEY_LEN) {
            let key = u32::from_le_bytes([w[0], w[1], w[2], w[3]]);
            if self.bits[slot(key) / 64] & (1 << (slot(key) % 64)) != 0 {
                for (off, lit, rule) in self.keys.get(&key).into_iter().flatten() {
                    if let Some(p) = q.checked_sub(*off).filter(|&p| s[p..].starts_with(lit)) {
                        out.push((*rule, p));
                    }
                }
            }
            q += STEP;
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The places of one gated rule in the gate's answer.
fn places(gated: &[(usize, usize)], id: usize) -> impl Iterator<Item = usize> + '_ {
    let lo = gated.partition_point(|c| c.0 < id);
    let hi = gated.partition_point(|c| c.0 <= id);
    gated[lo..hi].iter().map(|c| c.1)
}

impl Rule {
    /// What `find_iter` over the whole text finds. A rule whose matches
    /// start only at some places tries an anchored match at each of them,
    /// in order: the leftmost matches are the same.
    fn matches(&self, s: &str, gated: &[(usize, usize)]) -> Vec<Range<usize>> {
        let at: Box<dyn Iterator<Item = usize>> = match &self.start {
            Start::Scan => return self.re.find_iter(s).map(|m| m.range()).collect(),
            Start::Gated(id) => Box::new(places(gated, *id)),
            Start::Anchor { end, lits } => {
                let b = s.as_bytes();
                let n = end.needle().len();
                let mut at: Vec<usize> = Vec::new();
                // Each occurrence, overlapping ones too (`find_iter` skips
                // them when the bytes repeat, as in `aa`).
                let mut from = 0;
                while let Some(q) = b
                    .get(from..)
                    .and_then(|rest| end.find(rest))
                    .map(|i| from + i)
                {
                    for l in lits {
                        if let Some(p) = (q + n).checked_sub(l.len()) {
                            if b[p..].starts_with(l) {
                                at.push(p);
                            }
                        }
                    }
                    from = q + 1;
                }
                at.sort_unstable();
                at.dedup();
                Box::new(at.into_iter())
            }
            Start::Line(lits) => Box::new(
                std::iter::once(0)
                    .chain(memchr::memchr2_iter(b'\n', b'\r', s.as_bytes()).map(|i| i + 1))
                    .filter(move |&p| {
                        // The first byte settles most lines without a call
                        // to compare the rest.
                        let b = &s.as_bytes()[p..];
                        lits.as_ref().is_none_or(|ls| {
                            ls.iter()
                                .any(|l| b.first() == l.first() && b.starts_with(l))
                        })
                    }),
            ),
        };
        let mut out: Vec<Range<usize>> = Vec::new();
        for p in at {
            if out.last().is_some_and(|m| p < m.end) {
                continue;
            }
            let input = Input::new(s).range(p..).anchored(Anchored::Yes);
            if let Some(m) = self.re.search(&input) {
                out.push(m.range());
            }
        }
        out
    }
}

fn line_bounds(s: &str, at: usize) -> Range<usize> {
    let a = s[..at].rfind('\n').map_or(0, |i| i + 1);
    let b = s[at..].find('\n').map_or(s.len(), |i| at + i + 1);
    a..b
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | '\n')
}

/// The sentence around a match: from after the previous sentence end to the
/// next one, inclusive (a `。` right before a closing quote takes it along).
fn sentence_bounds(s: &str, m: Range<usize>) -> Range<usize> {
    let a = s[..m.start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_sentence_end(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let mut b = s[m.end..]
        .char_indices()
        .find(|&(_, c)| is_sentence_end(c))
        .map_or(s.len(), |(i, c)| {
            if c == '\n' {
                m.end + i
            } else {
                m.end + i + c.len_utf8()
            }
        });
    while let Some(c) = s[b..].chars().next() {
        if matches!(c, '”' | '’' | '"' | ')' | '」' | '』') {
            b += c.len_utf8();
        } else {
            break;
        }
    }
    a..b
}

/// Byte ranges of boilerplate.
pub fn find(s: &str, out: &mut Vec<Range<usize>>) {
    let rules = &*RULES;
    let gated = rules.gate.find(s.as_bytes());
    for rule in &rules.line {
        for m in rule.matches(s, &gated) {
            let line = line_bounds(s, m.start);
            if line.len() <= MAX_LINE {
                out.push(line);
            } else {
                out.push(m);
            }
        }
    }
    // A `shortline` rule matches within a line, so only the short lines
    // are searched, and only those that hold one of the rules' literals
    // when every rule has them.
    let short_match = |line: Range<usize>| {
        let piece = &s[line];
        let t = piece.trim();
        !(longer_than(t, MAX_SHORT_LINE)
            || t.bytes().any(|b| matches!(b, b',' | b';' | b'!' | b'?'))
            || t.contains('。'))
            && rules.shortline.iter().any(|r| r.re.is_match(piece))
    };
    if let Some(ids) = &rules.shortline_gated {
        for &id in ids {
            let mut last = None;
            for p in places(&gated, id) {
                let line = line_bounds(s, p);
                if last != Some(line.start) {
                    last = Some(line.start);
                    if short_match(line.clone()) {
                        out.push(line);
                    }
                }
            }
        }
    } else {
        let mut start = 0;
        for piece in s.split_inclusive('\n') {
            let line = start..start + piece.len();
            start = line.end;
            if short_match(line.clone()) {
                out.push(line);
            }
        }
    }
    for rule in &rules.sentence {
        for m in rule.matches(s, &gated) {
            out.push(sentence_bounds(s, m));
        }
    }
    for rule in &rules.inline {
        out.extend(rule.matches(s, &gated));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        super::super::strip_with(find, s)
    }

    #[test]
    fn the_list_compiles() {
        for class in ["line", "shortline", "sentence", "inline"] {
            for p in patterns(class) {
                assert!(regex::Regex::new(p).is_ok(), "{p}");
            }
        }
        let n = ["line", "shortline", "sentence", "inline"]
            .iter()
            .map(|c| patterns(c).count())
            .sum::<usize>();
        assert_eq!(n, crate::dict::entries(LIST).count());
        let compiled =
            RULES.line.len() + RULES.shortline.len() + RULES.sentence.len() + RULES.inline.len();
        assert_eq!(compiled, n);
    }

    #[test]
    fn most_rules_pass_the_gate() {
        let all = RULES
            .line
            .iter()
            .chain(&RULES.sentence)
            .chain(&RULES.inline);
        let gated = all.clone().filter(|r| matches!(r.start, Start::Gated(_)));
        assert!(gated.count() * 2 > all.clone().count());
        assert!(RULES
            .shortline
            .iter()
            .all(|r| matches!(r.start, Start::Gated(_))));
        let lines = RULES
            .line
            .iter()
            .filter(|r| matches!(r.start, Start::Line(_)));
        assert!(lines.count() >= 3);
        // the watermark rules, led by `(` or `《` after optional words,
        // search for those chars, not through the whole text
        let anchored = RULES
            .inline
            .iter()
            .filter(|r| matches!(r.start, Start::Anchor { .. }));
        assert!(anchored.count() >= 3);
        assert!(all.into_iter().all(|r| !matches!(r.start, Start::Scan)));
    }

    #[test]
    fn the_gate_checks_whole_literals() {
        // 计划 leads the download link's literals (计划下载) and most lines
        // of a plan: only the link is a place.
        let s = "本学期教研计划如下:\n德育工作计划下载\n";
        let gated = RULES.gate.find(s.as_bytes());
        assert_eq!(gated.len(), 1, "{gated:?}");
        assert_eq!(&s[gated[0].1..], "计划下载\n");
    }

    #[test]
    fn literals_share_their_last_bytes() {
        let lits = |ls: &[&str]| ls.iter().map(|l| l.as_bytes().to_vec()).collect::<Vec<_>>();
        assert_eq!(common_suffix(&lits(&["msn(", "("])), b"(");
        assert_eq!(common_suffix(&lits(&["计划《", "总结《"])), "《".as_bytes());
        assert_eq!(common_suffix(&lits(&["ab", "cb", "xab"])), b"b");
        assert!(common_suffix(&lits(&["ab", "ba"])).is_empty());
        assert!(common_suffix(&[]).is_empty());
    }

    proptest::proptest! {
        /// Every rule finds through the gate what a scan of the whole text
        /// finds, on text built from pieces of the rules and of documents.
        #[test]
        fn the_gate_misses_no_match(parts in proptest::collection::vec(proptest::sample::select(vec![
            "当前位置", ":", ">", " ", "\n", "人气", "2.8", "W", "作者", "时间", "发布",
            "發佈", "日期", "浏览", "次数", "12", "来源", "网", "推荐度", "点击", "下载",
            "本文", "全文共有", "个字", "《", "》", ".doc", "第", "页", "共", "-", "以下是",
            "小编", "整理", "仅供参考", "希望", "对", "大家", "欢迎", "阅读", "(", ")",
            "www.", "abc", ".com", "msn", "MSn", "大学网", "計劃", "工作计划", "计划", "总结", "范文",
            "。", "教研", "做好", "学校", "工作", "下", "上", "报", "上一篇", "相关文章",
        ]), 0..40)) {
            let s: String = parts.concat();
            let rules = &*RULES;
            let gated = rules.gate.find(s.as_bytes());
            for rule in rules.line.iter().chain(&rules.sentence).chain(&rules.inline) {
                let want: Vec<Range<usize>> = rule.re.find_iter(&s).map(|m| m.range()).collect();
                proptest::prop_assert_eq!(rule.matches(&s, &gated), want);
            }
            // the short lines a shortline rule matches, found line by line
            let want: Vec<Range<usize>> = s
                .split_inclusive('\n')
                .scan(0, |at, piece| {
                    let line = *at..*at + piece.len();
                    *at = line.end;
                    Some(line)
                })
                .filter(|l| {
                    let t = s[l.clone()].trim();
                    !longer_than(t, MAX_SHORT_LINE)
                        && !t.chars().any(|c| matches!(c, ',' | '。' | ';' | '!' | '?'))
                        && rules.shortline.iter().any(|r| r.re.is_match(&s[l.clone()]))
                })
                .collect();
            let mut got = Vec::new();
            find(&s, &mut got);
            for l in want {
                proptest::prop_assert!(got.contains(&l), "{:?}", l);
            }
        }
    }

    #[test]
    fn drops_navigation_and_metadata_lines() {
        assert_eq!(
            strip("当前位置:作文吧实用文档工作计划内容页\n\n正文"),
            "\n正文"
        );
        assert_eq!(strip("學識都 人氣:2.86W\n正文"), "正文");
        assert_eq!(
            strip("(作者:与人为善3852时间:2021-09-17 16:42:30)\n正文"),
            "正文"
        );
        assert_eq!(strip("正文\n发布时间:2023-03-01 浏览:120\n"), "正文\n");
        assert_eq!(strip("正文\n第 3 页 共 12 页\n续"), "正文\n续");
    }

    #[test]
    fn drops_download_footer() {
        let tail = "石门中学\nword该篇范文,全文共有2449个字。下载全文:\n《中学教科室工作总结.doc》\n中学教科室工作总结下载\n下载本文的Word文档\n推荐度:\n点击下载文档";
        assert_eq!(strip(tail), "石门中学\n");
    }

    #[test]
    fn drops_site_intro_sentences() {
        let s =
            "好的计划是什么样的呢?以下是小编收集整理的计划范文,希望能够帮助到大家。一、指导思想";
        assert_eq!(strip(s), "好的计划是什么样的呢?一、指导思想");
        let s = "以下是网友收集分享的“2023年计划(通用8篇)”,仅供参考,希望对您有所帮助。本学期";
        assert_eq!(strip(s), "本学期");
    }

    #[test]
    fn drops_watermarks_and_cross_links() {
        assert_eq!(
            strip("宣传教育。( 作文 WWW.zuoWenBa.neT )\n"),
            "宣传教育。\n"
        );
        assert_eq!(strip("12月10日msn(中国大学网)教研室"), "12月10日教研室");
        assert_eq!(
            strip("主要活动形式,工作计划《校本教研工作计划22》。以新课程"),
            "主要活动形式,。以新课程"
        );
        // a real title in 《》 stays
        assert_eq!(
            strip("学习《教学管理指南》和计划"),
            "学习《教学管理指南》和计划"
        );
    }

    #[test]
    fn keeps_body_lines() {
        for s in [
            "通过校园网发布通知,方便家长下载。",
            "推荐优秀论文参加评比",
            "作者要在时间安排上留有余地",
            "组织教师从网上下载",
            "指导学生阅读下一篇课文,做好预习。",
        ] {
            assert_eq!(strip(s), s);
        }
    }
}

//! Topics: the named things a plan works with, with their kind and level.
//!
//! Takes
//! - names in 《…》: a project after 课题 or ending in 研究 / 建构, a
//!   publication after 校报 / 校刊 or ending in 报 / 刊, a course after 课程:,
//!   a rule ending in 办法 / 细则 / 要求; any other title is kind `other`;
//! - names in quotes (“…”, 「…」, "…"), when the quotes mark a name and not a
//!   slogan: a “N个一” set, or a name whose next word (“…”活动, “…”的调查研究,
//!   “…”教学模式), word before (课题“…”, 开设“…”) or ending (…杯, …讲坛,
//!   …细则, …课堂) gives its kind. A course word must head its phrase:
//!   “红色文化”课程 is a course, “红色文化”课程渗透 a theme (no topic).
//!   Quotes with inner punctuation (“走出去、请进来”), period labels
//!   (“十三五”), numbered labels (“三结合”, “一对一”), names followed by
//!   方式 / 理念 / 原则 … and generic words (“校本教研”) are skipped;
//! - unquoted brands ending in 讲坛, 杯, 工程 with a proper word before them,
//!   found with jieba words (教研特色品牌——黄杨讲坛, 组织上报运河杯);
//! - unquoted main and sub-project names (以子课题X为引领, X是我校主课题).
//!
//! The word lists are `dictionaries/topic_*.txt`; the level (国家级 … 校级,
//! canonical simplified, `levels.txt`) of a project or programme is the
//! nearest level word before it in its sentence (两项省级课题…的《…》).
//! Topics are deduplicated by name, the first mention kept.
//!
//! Example: 市级课题“eepo基本课型在低年级识字教学中的运用” → project, 市级.
//!
//! Known false positives: a quoted generic activity with a programme ending
//! (“校本教研月活动”); an unquoted ordinary X工程 (教研室建设工程); a book
//! title in 《》 becomes kind `other`.

use super::DocCtx;
use crate::dict;
use crate::dict::FastSet;
use crate::model::{Document, Topic};
use aho_corasick::AhoCorasick;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A topic found in a (simplified) text: byte range of its name, kind, level.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub name: Range<usize>,
    pub kind: &'static str,
    pub level: Option<&'static str>,
}

/// `word value` pairs of a word list, longest word first.
fn pairs(list: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut v: Vec<(&str, &str)> = dict::entries(list)
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some((it.next()?, it.next()?))
        })
        .collect();
    v.sort_by_key(|(w, _)| std::cmp::Reverse(w.chars().count()));
    v
}

fn words(list: &'static str) -> FastSet<&'static str> {
    dict::entries(list).collect()
}

/// Words of a list (with a value each) grouped by their last or first char,
/// each group in list order: a lookup tries only the few words that can
/// match where it is, not the whole list.
struct ByChar {
    last: bool,
    /// Sorted by char.
    groups: Vec<(char, Vec<(&'static str, &'static str)>)>,
}

impl ByChar {
    fn new(list: &[(&'static str, &'static str)], last: bool) -> Self {
        let mut groups: Vec<(char, Vec<(&str, &str)>)> = Vec::new();
        for &(w, v) in list {
            let key = if last {
                w.chars().next_back()
            } else {
                w.chars().next()
            };
            let Some(key) = key else { continue };
            match groups.iter_mut().find(|(c, _)| *c == key) {
                Some((_, g)) => g.push((w, v)),
                None => groups.push((key, vec![(w, v)])),
            }
        }
        groups.sort_by_key(|(c, _)| *c);
        ByChar { last, groups }
    }

    /// The words of the list that end (or start) with `c`, in list order.
    fn group(&self, c: char) -> &[(&'static str, &'static str)] {
        self.groups
            .binary_search_by_key(&c, |(k, _)| *k)
            .map_or(&[], |i| &self.groups[i].1)
    }

    /// The first word of the list that `s` ends (or starts) with.
    fn at_edge(&self, s: &str) -> Option<(&'static str, &'static str)> {
        let c = if self.last {
            s.chars().next_back()
        } else {
            s.chars().next()
        }?;
        self.group(c)
            .iter()
            .find(|(w, _)| {
                if self.last {
                    s.ends_with(w)
                } else {
                    s.starts_with(w)
                }
            })
            .copied()
    }
}

/// A word list as `ByChar` pairs of the word with itself.
fn by_char(list: &'static str, last: bool) -> ByChar {
    let v: Vec<(&str, &str)> = dict::entries(list).map(|w| (w, w)).collect();
    ByChar::new(&v, last)
}

static SUFFIX: LazyLock<ByChar> = LazyLock::new(|| {
    ByChar::new(
        &pairs(include_str!("../../dictionaries/topic_suffix.txt")),
        true,
    )
});
static AFTER: LazyLock<ByChar> = LazyLock::new(|| {
    ByChar::new(
        &pairs(include_str!("../../dictionaries/topic_after.txt")),
        false,
    )
});
static EVENT_HEADS: LazyLock<ByChar> = LazyLock::new(|| {
    by_char(
        include_str!("../../dictionaries/topic_event_heads.txt"),
        true,
    )
});
static BEFORE: LazyLock<ByChar> = LazyLock::new(|| {
    ByChar::new(
        &pairs(include_str!("../../dictionaries/topic_before.txt")),
        true,
    )
});
static LEVELS: LazyLock<Vec<(&str, &str)>> =
    LazyLock::new(|| pairs(include_str!("../../dictionaries/levels.txt")));
/// `LEVELS` by their last char, to find the level word ending nearest a name.
static LEVEL_ENDS: LazyLock<ByChar> = LazyLock::new(|| ByChar::new(&LEVELS, true));
static HONOUR: LazyLock<ByChar> =
    LazyLock::new(|| by_char(include_str!("../../dictionaries/topic_honour.txt"), true));
static ASSIGN: LazyLock<Vec<&str>> =
    LazyLock::new(|| dict::entries(include_str!("../../dictionaries/level_after.txt")).collect());
static GENERIC: LazyLock<FastSet<&str>> =
    LazyLock::new(|| words(include_str!("../../dictionaries/topic_generic.txt")));
static BRAND_LIST: &str = include_str!("../../dictionaries/topic_brand.txt");
static BRAND_ENDS: LazyLock<ByChar> = LazyLock::new(|| by_char(BRAND_LIST, true));
/// The last chars of the brand endings: a search for these few chars is
/// faster than one for the endings, whose first chars are common.
static BRAND_LAST: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let lasts = BRAND_ENDS.groups.iter().map(|(c, _)| c.to_string());
    // Leftmost matching lets the searcher use its fast SIMD prefilter.
    AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        .build(lasts)
        .expect("single chars build")
});
static BRAND_STOP: LazyLock<FastSet<&str>> =
    LazyLock::new(|| words(include_str!("../../dictionaries/topic_brand_stop.txt")));
static PHRASE_END: LazyLock<FastSet<&str>> =
    LazyLock::new(|| words(include_str!("../../dictionaries/topic_phrase_end.txt")));
/// One search for all junk words instead of one per word.
static JUNK: LazyLock<AhoCorasick> = LazyLock::new(|| {
    // Names are short: a DFA is the fastest search over a few chars.
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(dict::entries(include_str!(
            "../../dictionaries/topic_junk.txt"
        )))
        .expect("junk words build")
});

/// “N个一”: the label of a set of routines, a programme.
static N_GE_YI: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^[一二三四五六七八九十]+个一$").expect("valid regex"));
/// A count word (两个, 三大) before the word that follows a run of names.
static COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^[一二三四五六七八九十两]+[个项大]+").expect("valid regex"));
/// Planning-period labels (十三五) and years are not topics.
static PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("^(十[一二三四五六七八九]五|[0-9x]+年.*)$").expect("valid regex"));
/// Unquoted sub-project led by 子课题 and closed by 为引领 / 为重点 ….
static SUB_PROJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("[主子]课题([^,。;:!?、()“”《》\"]{6,40}?)为(?:引领|重点|抓手|载体|突破口|核心)")
        .expect("valid regex")
});
/// A project named in brackets or after a colon right after 课题:
/// 课题结项(有效化教学研究), 课题研究:制约课堂教学有效化的因素.
static NAMED_AFTER_KETI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("课题(?:研究|结项|结题|开题)?(?:\\(([^()]{4,30})\\)|:([^,。;:!?()“”《》\"]{4,30}))")
        .expect("valid regex")
});
/// Which patterns of `unquoted_projects` may match a text, by its 课题
/// (which most texts lack).
#[derive(Debug, Default)]
struct KetiPatterns {
    /// `NAMED_AFTER_KETI`: a 课题 right before a bracket or colon.
    named: bool,
    /// `SUB_PROJECT`: a 主课题 or 子课题.
    sub: bool,
    /// `MAIN_PROJECT`: a 是 at most eight chars (no , 。 ;) before a 主课题
    /// or 子课题. The pattern itself is slow where it cannot match.
    main: bool,
}

fn keti_patterns(text: &str) -> KetiPatterns {
    static KETI: LazyLock<memchr::memmem::Finder> =
        LazyLock::new(|| memchr::memmem::Finder::new("课题"));
    let mut found = KetiPatterns::default();
    for p in KETI.find_iter(text.as_bytes()) {
        let rest = &text[p + "课题".len()..];
        let rest = ["研究", "结项", "结题", "开题"]
            .iter()
            .find_map(|w| rest.strip_prefix(w))
            .unwrap_or(rest);
        found.named |= rest.starts_with(['(', ':']);
        let Some(head) = text[..p].strip_suffix(['主', '子']) else {
            continue;
        };
        found.sub = true;
        found.main |= head
            .chars()
            .rev()
            .take(9)
            .take_while(|c| !matches!(c, ',' | '。' | ';'))
            .any(|c| c == '是');
    }
    found
}

/// Unquoted main project named before 是…主课题.
static MAIN_PROJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new("(?:^|[。;:!?])([^。;:!?“”《》\"]{6,40}?)是[^,。;]{0,8}?[主子]课题")
        .expect("valid regex")
});

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    /// 《…》: always a title.
    Book,
    /// “…” and the like: a name or a slogan.
    Quote,
}

/// A bracketed stretch: its inner byte range and mark.
#[derive(Debug, Clone)]
struct Bracket {
    inner: Range<usize>,
    outer: Range<usize>,
    mark: Mark,
}

fn closing(c: char) -> Option<(char, Mark)> {
    match c {
        '《' => Some(('》', Mark::Book)),
        '“' => Some(('”', Mark::Quote)),
        '「' => Some(('」', Mark::Quote)),
        '『' => Some(('』', Mark::Quote)),
        '"' => Some(('"', Mark::Quote)),
        _ => None,
    }
}

/// The first UTF-8 bytes of the opening marks of `closing`: the search
/// skips to these (《「『 start with E3, “ with E2), which in Chinese text
/// begin only punctuation.
const OPENING_LEAD: [u8; 3] = [0xE2, 0xE3, b'"'];

/// The first opening mark at or after byte `from`: its byte range and its
/// closing mark.
fn next_opening(text: &str, from: usize) -> Option<(Range<usize>, char, Mark)> {
    let [a, b, c] = OPENING_LEAD;
    memchr::memchr3_iter(a, b, c, &text.as_bytes()[from..]).find_map(|p| {
        // A lead byte starts a char, so `start` is a char boundary.
        let start = from + p;
        let open = text[start..].chars().next()?;
        let (close, mark) = closing(open)?;
        Some((start..start + open.len_utf8(), close, mark))
    })
}

/// The outermost bracketed stretches of a text, in order.
fn brackets(text: &str) -> Vec<Bracket> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some((open, close, mark)) = next_opening(text, i) {
        let (start, next) = (open.start, open.end);
        i = next;
        let cap = if mark == Mark::Book { 60 } else { 40 };
        let end = text[next..]
            .char_indices()
            .take(cap + 1)
            .find(|&(_, d)| d == close || d == '\n')
            .filter(|&(_, d)| d == close);
        if let Some((e, _)) = end {
            let inner = next..next + e;
            let outer = start..next + e + close.len_utf8();
            i = outer.end;
            if !inner.is_empty() {
                out.push(Bracket { inner, outer, mark });
            }
        }
    }
    out
}

/// The kind that the word after a bracket gives it (“…”活动, “…”课程). A
/// course word must head its phrase: in “红色文化”课程渗透 it modifies the
/// noun after it, and the quote names a theme, not a course.
fn kind_after(after: &str) -> Option<&'static str> {
    let (word, kind) = AFTER.at_edge(after)?;
    let next = after[word.len()..].chars().next();
    let modifies = next.is_some_and(|c| {
        ('\u{4E00}'..='\u{9FFF}').contains(&c) && !PHRASE_END.contains(&*c.encode_utf8(&mut [0; 4]))
    });
    (kind != "course" || !modifies).then_some(kind)
}

/// A quoted name heading a short phrase that ends in an event noun, its
/// whole phrase up to punctuation (“大手牵小手”亲子运动会。): a programme.
fn event_after(after: &str) -> bool {
    const MAX_CHARS: usize = 6;
    let mut end = 0;
    for (n, c) in after.chars().enumerate() {
        if !('\u{4E00}'..='\u{9FFF}').contains(&c) {
            break;
        }
        if n == MAX_CHARS {
            return false;
        }
        end += c.len_utf8();
    }
    EVENT_HEADS.at_edge(&after[..end]).is_some()
}

/// The value of the longest entry of `list` that `s` ends with.
fn lookup_suffix(list: &ByChar, s: &str) -> Option<&'static str> {
    list.at_edge(s).map(|(_, k)| k)
}

fn is_punct(c: char) -> bool {
    !(c.is_alphanumeric())
}

/// Whether a quoted text is a slogan, label or generic word rather than a
/// name, whatever follows it.
fn not_a_name(name: &str, mark: Mark) -> bool {
    if name.chars().count() < 2 || JUNK.is_match(name) || HONOUR.at_edge(name).is_some() {
        return true;
    }
    if mark == Mark::Book {
        return false;
    }
    // The patterns' first (last) chars as a cheap test before them.
    (name.starts_with(['十', 'x']) || name.starts_with(|c: char| c.is_ascii_digit()))
        && PERIOD.is_match(name)
        || GENERIC.contains(name)
        || name.chars().any(|c| {
            matches!(
                c,
                ',' | '、' | ';' | ':' | '。' | '!' | '?' | '，' | '-' | '—'
            )
        })
}

/// A counted task (“上好一堂课”, “抓好一个课题”): an entry of a list of
/// routines, not a name. 每一 (every) is no count: “上好每一堂课” stays.
static COUNTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("(?:^|[^每])[一两二三][个篇堂节次份项本张]").expect("valid regex"));

/// A numbered label (三结合, 一对一, 三大工程): short and led by a numeral.
fn numbered_label(name: &str) -> bool {
    name.chars().count() <= 4
        && name
            .chars()
            .next()
            .is_some_and(|c| "一二三四五六七八九十两".contains(c))
}

/// Bracketed names: runs of adjacent brackets share the words before and
/// after them (《A》;《B》 after 课程:, “A”“B”等方式).
fn bracketed(text: &str, out: &mut Vec<Found>) -> Vec<Range<usize>> {
    let bs = brackets(text);
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (k, b) in bs.iter().enumerate() {
        let joined = k > 0 && {
            let gap = &text[bs[k - 1].outer.end..b.outer.start];
            matches!(gap, "" | "、" | "和" | "与" | "及" | "," | ";" | "以及")
                && bs[k - 1].mark == b.mark
        };
        match runs.last_mut() {
            Some(r) if joined => r.end = k + 1,
            _ => runs.push(k..k + 1),
        }
    }
    for run in runs {
        let first = &bs[run.start];
        let last = &bs[run.end - 1];
        let before = &text[..first.outer.start];
        // 等 and a count (“A”、“B”两个大主题) stand between a run and its word.
        let after = text[last.outer.end..].trim_start_matches('等');
        // A count starts with a numeral, which most words after do not.
        let after = if after.starts_with(|c| "一二三四五六七八九十两".contains(c)) {
            COUNT.find(after).map_or(after, |m| &after[m.end()..])
        } else {
            after
        };
        let after_kind = kind_after(after).or_else(|| event_after(after).then_some("programme"));
        let before_kind = lookup_suffix(&BEFORE, before);
        for b in &bs[run.clone()] {
            let name = &text[b.inner.clone()];
            if not_a_name(name, b.mark) {
                continue;
            }
            // 《…方案(2022年版)》, 《…(试行)》: the ending before an edition note.
            let bare = name
                .strip_suffix(')')
                .and_then(|n| n.rfind('(').map(|p| &n[..p]))
                .unwrap_or(name);
            let own = lookup_suffix(&SUFFIX, bare);
            let kind = match b.mark {
                Mark::Book => before_kind
                    .or(after_kind.filter(|&k| k != "none"))
                    .or(own)
                    .unwrap_or("other"),
                Mark::Quote => {
                    if name.ends_with("个一") && N_GE_YI.is_match(name) {
                        "programme"
                    } else if let Some(k) = after_kind {
                        k
                    } else if numbered_label(name) || COUNTED.is_match(name) {
                        continue;
                    } else if let Some(k) = before_kind.or(own) {
                        k
                    } else {
                        continue;
                    }
                }
            };
            if kind == "none" {
                continue;
            }
            // A short name ending in 研究 names a method (专题研究), not a project.
            if b.mark == Mark::Quote && name.ends_with("研究") && name.chars().count() < 5 {
                continue;
            }
            out.push(Found {
                name: b.inner.clone(),
                kind,
                level: None,
            });
        }
    }
    bs.into_iter().map(|b| b.outer).collect()
}

fn numeral_word(w: &str) -> bool {
    w.chars()
        .all(|c| c.is_ascii_digit() || "一二三四五六七八九十两百千几大".contains(c))
}

/// Whether a jieba word ends an unquoted brand name read backwards: a listed
/// verb or function word, a pronoun, numeral, adverb or particle (by its
/// jieba tag), an ordinal (第九届), or punctuation.
fn brand_stop(word: &str, tag: &str) -> bool {
    BRAND_STOP.contains(word)
        || word.starts_with('第')
        || word.ends_with('届')
        || numeral_word(word)
        || word.chars().any(is_punct)
        || matches!(
            tag.chars().next(),
            Some('p' | 'u' | 'c' | 'r' | 'm' | 'q' | 'd' | 'f' | 'y')
        )
}

/// Whether byte range `r` overlaps one of `skip` (the bracketed stretches).
fn overlaps_any(skip: &[Range<usize>], r: Range<usize>) -> bool {
    skip.iter().any(|s| s.start < r.end && r.start < s.end)
}

/// Byte positions inside the brand endings of a text, ascending: the last
/// char of each.
fn brand_endings(text: &str) -> impl Iterator<Item = usize> + '_ {
    BRAND_LAST
        .find_iter(text)
        .filter(|m| BRAND_ENDS.at_edge(&text[..m.end()]).is_some())
        .map(|m| m.start())
}

/// Unquoted brands (黄杨讲坛, 运河杯, 青蓝工程) outside the brackets.
fn brands(text: &str, skip: &[Range<usize>], out: &mut Vec<Found>) {
    let inside = |r| overlaps_any(skip, r);
    // An ending inside brackets lies in a run between the marks, whose words
    // are all skipped: it needs no segmenting.
    let endings = brand_endings(text).filter(|&p| !inside(p..p + 1));
    for window in crate::segment::runs_around(text, endings) {
        let base = window.start;
        let ws = crate::segment::jieba().tag(&text[window], false);
        for (k, w) in ws.iter().enumerate() {
            let Some((suffix, _)) = BRAND_ENDS.at_edge(w.word) else {
                continue;
            };
            let (w_start, w_end) = (base + w.byte_start, base + w.byte_end);
            if inside(w_start..w_end) {
                continue;
            }
            let mut start = w_start;
            let mut heads: Vec<&str> = Vec::new();
            let mut edition = false;
            if w.word == suffix {
                // Read back over proper words, at most three and eight chars.
                for p in ws[..k].iter().rev() {
                    let p_start = base + p.byte_start;
                    let chars = text[p_start..w_start].chars().count();
                    if heads.len() == 3
                        || chars > 8
                        || brand_stop(p.word, p.tag)
                        || inside(p_start..base + p.byte_end)
                    {
                        edition = p.word.ends_with('届');
                        break;
                    }
                    start = p_start;
                    heads.push(p.word);
                }
            } else {
                heads.push(&w.word[..w.word.len() - suffix.len()]);
            }
            // A brand needs a proper word before its ending: 教师论坛 and
            // 教研论坛 are generic, 系统工程 is a word of its own; an edition
            // number (第三届教师业务论坛) makes a series of any name.
            let generic = heads.iter().all(|h| GENERIC.contains(h)) || GENERIC.contains(w.word);
            if heads.is_empty() || (generic && !edition) {
                continue;
            }
            out.push(Found {
                name: start..w_end,
                kind: "programme",
                level: None,
            });
        }
    }
}

static CONTEST: LazyLock<Vec<(&str, &str)>> =
    LazyLock::new(|| pairs(include_str!("../../dictionaries/topic_contest.txt")));

fn contest_word(word: &str, class: &str) -> bool {
    CONTEST.iter().any(|&(w, c)| c == class && w == word)
}

/// The last chars of a place name (tagged ns) that is an area: 江苏省.
const PLACE_ENDS: [char; 4] = ['省', '市', '区', '县'];

/// An area that organises a contest: 全国, 区, or a place name (江苏省).
fn area(word: &str, tag: &str) -> bool {
    contest_word(word, "area") || (tag == "ns" && word.ends_with(PLACE_ENDS))
}

/// Unquoted contests named after the area that holds them: 区青少年科技创新
/// 大赛, 全国中学生英语能力竞赛 (`topic_contest.txt`). The name runs back
/// from the ending over two to four proper words to the area word, which
/// stays out of it; without an area (学生实验操作技能竞赛) or with one word
/// (区英语竞赛) a contest is generic.
fn contests(text: &str, skip: &[Range<usize>], out: &mut Vec<Found>) {
    let inside = |r| overlaps_any(skip, r);
    // Segmenting is the cost: an ending inside brackets lies in a run whose
    // words are all skipped, and one without a char of an area word (国, 省
    // …) before it in its run has no area word before it.
    let area_char = |c: char| {
        PLACE_ENDS.contains(&c)
            || CONTEST
                .iter()
                .any(|&(w, class)| class == "area" && w.contains(c))
    };
    // A vectorised search per ending: str::match_indices was most of the cost.
    static ENDINGS: LazyLock<Vec<memchr::memmem::Finder<'static>>> = LazyLock::new(|| {
        CONTEST
            .iter()
            .filter(|(_, c)| *c == "ending")
            .map(|(w, _)| memchr::memmem::Finder::new(w))
            .collect()
    });
    let endings = ENDINGS
        .iter()
        .flat_map(|f| f.find_iter(text.as_bytes()))
        .filter(|&p| {
            !inside(p..p + 1)
                && text[..p]
                    .chars()
                    .rev()
                    .take_while(|&c| !crate::segment::jieba_break(c))
                    .any(area_char)
        })
        .collect::<std::collections::BTreeSet<usize>>();
    for window in crate::segment::runs_around(text, endings.into_iter()) {
        let base = window.start;
        let ws = crate::segment::jieba().tag(&text[window], false);
        for (k, w) in ws.iter().enumerate() {
            if !contest_word(w.word, "ending") {
                continue;
            }
            let w_end = base + w.byte_end;
            let mut heads: Vec<&str> = Vec::new();
            let mut start = base + w.byte_start;
            let mut from_area = false;
            for p in ws[..k].iter().rev() {
                if area(p.word, p.tag) {
                    from_area = true;
                    break;
                }
                if heads.len() == 4 || brand_stop(p.word, p.tag) {
                    break;
                }
                start = base + p.byte_start;
                heads.push(p.word);
            }
            let generic = heads.iter().all(|h| GENERIC.contains(h));
            if !from_area || heads.len() < 2 || generic || inside(start..w_end) {
                continue;
            }
            out.push(Found {
                name: start..w_end,
                kind: "programme",
                level: None,
            });
        }
    }
}

/// Unquoted main and sub-project names.
fn unquoted_projects(text: &str, out: &mut Vec<Found>) {
    let can = keti_patterns(text);
    if can.named {
        for c in NAMED_AFTER_KETI.captures_iter(text) {
            let Some(m) = c.get(1).or_else(|| c.get(2)) else {
                continue;
            };
            // 课题(市级立项) gives a level and 课题研究(访问、调查) its methods,
            // not a name.
            let name = m.as_str();
            if name.contains("立项")
                || name.contains('、')
                || LEVELS.iter().any(|(w, _)| name.contains(w))
            {
                continue;
            }
            out.push(Found {
                name: m.range(),
                kind: "project",
                level: None,
            });
        }
    }
    let sub = can.sub.then_some(&*SUB_PROJECT);
    let main = can.main.then_some(&*MAIN_PROJECT);
    for re in sub.into_iter().chain(main) {
        for c in re.captures_iter(text) {
            if let Some(m) = c.get(1) {
                out.push(Found {
                    name: m.range(),
                    kind: "project",
                    level: None,
                });
            }
        }
    }
}

/// The nearest level word before byte `at` in its sentence, canonical.
fn level_before(text: &str, at: usize) -> Option<&'static str> {
    let head = &text[..at];
    let sentence = head
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | ';' | '!' | '?' | '\n'))
        .map_or(head, |(p, c)| &head[p + c.len_utf8()..]);
    // Titles between the level word and the name do not count against the
    // window: 省级课题A的《…》和B的《…》 gives both names the level. The
    // last WINDOW chars outside titles, kept in a ring.
    const WINDOW: usize = 30;
    let mut ring = ['\0'; WINDOW];
    let (mut n, mut depth) = (0usize, 0usize);
    for c in sentence.chars() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                ring[n % WINDOW] = c;
                n += 1;
            }
            _ => {}
        }
    }
    if n > WINDOW {
        ring.rotate_left(n % WINDOW);
    }
    last_level(&ring[..n.min(WINDOW)])
}

/// The level word that ends last in `window`, canonical; of words ending
/// there, the last in list order (the shortest).
fn last_level(window: &[char]) -> Option<&'static str> {
    (0..window.len()).rev().find_map(|i| {
        let head = &window[..=i];
        LEVEL_ENDS
            .group(window[i])
            .iter()
            .rev()
            .find(|(w, _)| {
                let mut h = head.iter().rev();
                w.chars().rev().all(|c| h.next() == Some(&c))
            })
            .map(|&(_, canon)| canon)
    })
}

/// A level assigned right after a name, in its clause: (市级), 被立项为省级课题.
fn level_after(text: &str, at: usize) -> Option<&'static str> {
    let rest = text[at..].trim_start_matches(['》', '”', '」', '』', '"']);
    let end = rest
        .char_indices()
        .take_while(|&(_, c)| !matches!(c, ',' | '。' | ';' | '!' | '?' | '\n' | '《' | '“'))
        .take(20)
        .last()
        .map_or(0, |(p, c)| p + c.len_utf8());
    let clause = &rest[..end];
    let assigned = clause.starts_with('(') || ASSIGN.iter().any(|w| clause.contains(w));
    if !assigned {
        return None;
    }
    LEVELS
        .iter()
        .filter_map(|(w, canon)| clause.find(w).map(|p| (p, *canon)))
        .min_by_key(|&(p, _)| p)
        .map(|(_, canon)| canon)
}

/// Topics of a (simplified) text, in order of position.
pub fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let skip = bracketed(text, &mut out);
    brands(text, &skip, &mut out);
    contests(text, &skip, &mut out);
    unquoted_projects(text, &mut out);
    for f in &mut out {
        if matches!(f.kind, "project" | "programme") {
            f.level = level_after(text, f.name.end).or_else(|| level_before(text, f.name.start));
        }
    }
    out.sort_by_key(|f| f.name.start);
    out
}

/// A name as compared for deduplication: without punctuation and spaces.
fn key(name: &str) -> String {
    name.chars().filter(|c| !is_punct(*c)).collect()
}

/// Whether two name keys are one topic: equal, or the shorter a short form
/// of the longer (its chars in order, same first char and same two last
/// chars: 133高效课堂 and 133生本高效课堂, 书法特色联盟 and 书法特色校际联盟).
fn same_topic(a: &str, b: &str) -> bool {
    let (short, long) = if a.chars().count() <= b.chars().count() {
        (a, b)
    } else {
        (b, a)
    };
    if short == long {
        return true;
    }
    let (ns, nl) = (short.chars().count(), long.chars().count());
    if ns < 4 || ns * 10 < nl * 6 || short.chars().next() != long.chars().next() {
        return false;
    }
    let tail = |s: &str| s.chars().rev().take(2).collect::<String>();
    if tail(short) != tail(long) {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|d| d == c))
}

/// Fills `doc.topics`, one per name.
pub fn apply(ctx: &DocCtx, doc: &mut Document) {
    let mut seen: Vec<String> = Vec::new();
    let mut topics = Vec::new();
    // Headings name topics too (6. 着力青蓝工程,引领专业成长): each is read
    // in text order with the items, as char ranges of the cleaned text.
    let mut texts: Vec<Range<usize>> = doc
        .items
        .iter()
        .map(|i| i.norm.clone())
        .chain(doc.sections.iter().map(|s| s.heading_norm.clone()))
        .filter(|r| !r.is_empty())
        .collect();
    texts.sort_by_key(|r| r.start);
    for chars in texts {
        let text = ctx.norm.slice_chars(chars.clone());
        for f in find(text) {
            let k = key(&text[f.name.clone()]);
            if let Some(i) = seen.iter().position(|s| same_topic(s, &k)) {
                // A later mention may say what the first left open
                // (下发《教育科研信息》 … 继续出好《教育科研信息》).
                let t: &mut Topic = &mut topics[i];
                if t.kind == "other" && f.kind != "other" {
                    t.kind = f.kind.to_string();
                }
                if t.level.is_none() {
                    t.level = f.level.map(str::to_string);
                }
                continue;
            }
            seen.push(k);
            let (span, name) = ctx.locate_at(chars.start, f.name);
            topics.push(Topic {
                name,
                span,
                kind: f.kind.to_string(),
                level: f.level.map(str::to_string),
            });
        }
    }
    doc.topics = topics;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, &'static str, Option<&'static str>)> {
        find(text)
            .into_iter()
            .map(|f| (text[f.name].to_string(), f.kind, f.level))
            .collect()
    }

    fn one(name: &str, kind: &'static str) -> (String, &'static str, Option<&'static str>) {
        (name.to_string(), kind, None)
    }

    #[test]
    fn book_titles_by_context_and_ending() {
        assert_eq!(
            names("组织教师学习《义务教育课程方案(2022年版)》和新课标"),
            [one("义务教育课程方案(2022年版)", "rule")]
        );
        assert_eq!(
            names("出版《育才教苑》两期"),
            [one("育才教苑", "publication")]
        );
        assert_eq!(
            names("实施“青年教师成长营”计划"),
            [one("青年教师成长营", "programme")]
        );
        assert_eq!(
            names("在《江苏教育》《中学数学教学参考》等刊物上发表"),
            [
                one("江苏教育", "publication"),
                one("中学数学教学参考", "publication")
            ]
        );
        assert_eq!(
            names("教科室期末依据《教研组主题研修考核办法》,对教研组主题研修进行考核。"),
            [one("教研组主题研修考核办法", "rule")]
        );
        assert_eq!(
            names("认真办好校报《新蕾报》和校刊《黄杨教研》。"),
            [one("新蕾报", "publication"), one("黄杨教研", "publication")]
        );
        assert_eq!(
            names("申报了五门兴趣拓展课程:《丰子恺散文阅读》;《“动手”学数学》;《趣味阅读》。"),
            [
                one("丰子恺散文阅读", "course"),
                one("“动手”学数学", "course"),
                one("趣味阅读", "course")
            ]
        );
        assert_eq!(
            names("必读书籍——《教师的20项修炼》"),
            [one("教师的20项修炼", "other")]
        );
    }

    #[test]
    fn project_levels_carry_over_a_list() {
        let t = "两项省级课题郑丽萍主任的《小学数学“润泽课堂”案例研究》和陈红芳主任的《小学课堂教学中和谐师生关系的理想建构》,七项市级课题陈刚的《传统节日文化与小学生德行养成研究》。";
        let got = names(t);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].2, Some("省级"), "{got:?}");
        assert_eq!(got[1].1, "project");
        assert_eq!(got[1].2, Some("省级"));
        assert_eq!(got[2].2, Some("市级"));
        assert_eq!(
            names("我校市级课题“eepo基本课型在低年级识字教学中的运用”顺利结题"),
            [(
                "eepo基本课型在低年级识字教学中的运用".to_string(),
                "project",
                Some("市级")
            )]
        );
    }

    #[test]
    fn levels_after_the_name_and_phrases_the_corpus_lacks() {
        assert_eq!(
            names("我校课题《基于核心素养的小学数学单元整体教学研究》被立项为省级规划课题,已顺利开题。"),
            [(
                "基于核心素养的小学数学单元整体教学研究".to_string(),
                "project",
                Some("省级")
            )]
        );
        assert_eq!(
            names("区级课题“小学生课外阅读习惯培养的研究”(已结题)与校刊《春芽》"),
            [
                (
                    "小学生课外阅读习惯培养的研究".to_string(),
                    "project",
                    Some("区级")
                ),
                one("春芽", "publication")
            ]
        );
        assert_eq!(
            names("开设《围棋》《剪纸》等校本课程,组织学生参加“希望杯”数学竞赛。"),
            [
                one("围棋", "course"),
                one("剪纸", "course"),
                one("希望杯", "programme")
            ]
        );
        assert_eq!(
            names("组织学习《中小学教师职业道德规范》,开展“书香校园”读书节活动。"),
            [
                one("中小学教师职业道德规范", "rule"),
                one("书香校园", "programme")
            ]
        );
        assert!(names("开展“师徒结对”活动,落实“十四五”规划。").is_empty());
    }

    #[test]
    fn quoted_names_need_a_sign_of_a_name() {
        assert_eq!(
            names("围绕课题开展“五个一”活动:学期初制定一份课题研究计划"),
            [one("五个一", "programme")]
        );
        assert_eq!(
            names("1、举行“白沙杯”校级论文大赛"),
            [one("白沙杯", "programme")]
        );
        assert_eq!(
            names("组织人员开展“作业布置与学生课业负担”的调查研究"),
            [one("作业布置与学生课业负担", "project")]
        );
        assert_eq!(
            names("以本校“三六九”教学模式为基础"),
            [one("三六九", "other")]
        );
        assert_eq!(
            names("我校教科室工作以“美妙课堂研究”为关键词"),
            [one("美妙课堂研究", "project")]
        );
    }

    #[test]
    fn slogans_methods_and_labels_are_no_topics() {
        assert!(names("采取“走出去、请进来”的方式对教师进行培训").is_empty());
        assert!(names("做好“十三五”课题申报前期工作").is_empty());
        assert!(names("课题研究力争实现“三结合”:课题研究与课堂教学相结合").is_empty());
        assert!(
            names("通过“个人自主阅读”“集体专业阅读”“杏坛沙龙”等方式,让读书成为习惯").is_empty()
        );
        assert!(names("以“专题研究”为突破").is_empty());
        assert!(names("积极倡导“校本教研”活动").is_empty());
        assert!(names("讨论、制订校级“教科研先进个人”评比细则。").is_empty());
        // Titles a teacher, pupil or class earns, whatever contest follows.
        for s in [
            "共评出“书香教师”10名",
            "开展“书香教师”评比",
            "评选“阅读之星”活动",
            "“书香班级”评比",
            "开展“最美班主任”评选",
        ] {
            assert!(names(s).is_empty(), "{s}: {:?}", names(s));
        }
        assert!(names("迎接市级“十二五教科研样本校”申报、评比。").is_empty());
        assert!(names("青年教师进行“一对一”的听课评课制度").is_empty());
        assert!(names("下载全文:《中学教科室工作总结.doc》").is_empty());
        assert_eq!(
            names("做到“四个一”,即“上好一堂课”、“作好一个讲座”、“抓好一个课题”。"),
            [one("四个一", "programme")]
        );
        assert!(names("2、继续上个月的课题研究(访问、调查、定性定量分析)").is_empty());
    }

    #[test]
    fn quoted_themes_are_named_only_by_their_context() {
        // A course word that modifies a further noun leaves a theme.
        assert!(names("严主任提出,不妨可以在“红色文化”课程渗透方面做些探索").is_empty());
        // 课堂 names a project by its own ending.
        assert_eq!(
            names("深化“生本课堂”课程改革"),
            [one("生本课堂", "project")]
        );
        for s in [
            "认真落实“双减”政策,减轻学生负担",
            "坚持“立德树人”根本任务",
            "以“立德树人”为核心,推进课程建设",
            "在“双减”背景下优化作业设计",
            "开展“红色文化”教育活动",
        ] {
            assert!(names(s).is_empty(), "{s}: {:?}", names(s));
        }
        // A short phrase closed by an event noun names the event.
        assert_eq!(
            names("5月上旬开展“大手牵小手”亲子运动会。"),
            [one("大手牵小手", "programme")]
        );
        assert_eq!(
            names("举办“红五月”歌咏比赛,各班参加"),
            [one("红五月", "programme")]
        );
        assert_eq!(
            names("“悦读悦享”读书会每月交流一次读书心得"),
            [one("悦读悦享", "programme")]
        );
        // A theme before a long phrase stays a theme.
        assert!(names("开展“红色文化”进校园主题教育评比").is_empty());
        // A course word that closes its phrase names the course.
        assert_eq!(
            names("开设“红色文化”课程,每周一节"),
            [one("红色文化", "course")]
        );
        assert_eq!(
            names("开发“红色文化”课程的教学资源"),
            [one("红色文化", "course")]
        );
        assert_eq!(
            names("本学期开设“剪纸艺术”,每周一节"),
            [one("剪纸艺术", "course")]
        );
        assert_eq!(names("继续实施“双减”工程"), [one("双减", "programme")]);
    }

    #[test]
    fn unquoted_brands() {
        assert_eq!(
            names("打造学校教研特色品牌——黄杨讲坛。"),
            [one("黄杨讲坛", "programme")]
        );
        assert_eq!(
            names("2. 组织上报运河杯、省教育学会参赛论文"),
            [one("运河杯", "programme")]
        );
        assert_eq!(
            names("1、落实教师专业化成长工程"),
            [one("教师专业化成长工程", "programme")]
        );
        assert_eq!(
            names("6. 着力青蓝工程,引领专业成长"),
            [one("青蓝工程", "programme")]
        );
        assert!(names("同时又是一个系统工程,强化管理").is_empty());
        assert!(names("我们将重点开展三大工程").is_empty());
        assert!(names("举办教师论坛").is_empty());
        assert!(names("坚持教师业务论坛,组织教研论坛").is_empty());
        assert_eq!(
            names("1. 第九届黄杨讲坛(初定时间)"),
            [one("黄杨讲坛", "programme")]
        );
        assert_eq!(
            names("进一步提升我校黄杨讲坛的品质"),
            [one("黄杨讲坛", "programme")]
        );
    }

    #[test]
    fn headings_name_topics_in_text_order() {
        let text = "教研计划\n一、主要工作\n1、深入实施“青蓝工程”\n组织师徒结对,开展“启航杯”比赛。\n2、办好《杏坛》校刊\n每学期两期。\n";
        let p = crate::extract_bytes("t.txt", text.as_bytes()).unwrap();
        let d = &p.extract.documents[0];
        assert_eq!(d.sections[1].heading, "深入实施“青蓝工程”");
        let names: Vec<&str> = d.topics.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["青蓝工程", "启航杯", "杏坛"]);
        let chars: Vec<char> = text.chars().collect();
        let [a, b] = d.topics[0].span;
        assert_eq!(chars[a..b].iter().collect::<String>(), "青蓝工程");
    }

    #[test]
    fn contests_named_after_their_area() {
        assert_eq!(
            names("组织学生参加区青少年科技创新大赛,力争获奖"),
            [one("青少年科技创新大赛", "programme")]
        );
        assert_eq!(
            names("在全国中学生英语能力竞赛中,我校26名学生获奖"),
            [one("中学生英语能力竞赛", "programme")]
        );
        for s in [
            "每学期组织一次学生实验操作技能竞赛",
            "参加区英语竞赛",
            "组织参加市级论文大赛",
            "社区青少年科技创新大赛",
            // The area word must stand in the ending's run.
            "由区教研室组织,青少年科技创新大赛",
        ] {
            assert!(names(s).is_empty(), "{s}: {:?}", names(s));
        }
    }

    #[test]
    fn short_forms_are_one_topic() {
        assert!(same_topic("133生本高效课堂", "133高效课堂"));
        assert!(same_topic("书法特色校际联盟", "书法特色联盟"));
        assert!(!same_topic(
            "书法特色校际联盟",
            "书法特色校际联盟写字论文评比"
        ));
        assert!(!same_topic("五个一", "六个一"));
    }

    #[test]
    fn edition_numbers_and_counts() {
        assert_eq!(
            names("2、第三届教师业务论坛活动(主题:打造高效课堂)"),
            [one("教师业务论坛", "programme")]
        );
        assert_eq!(
            names("拟继续围绕第五届数学文化节和‘探究型’数学课堂教学基本框架的运用为重点"),
            [one("数学文化节", "programme")]
        );
        assert_eq!(
            names("以“新课程有效化教学”、“高效课堂”两个大主题研究为载体"),
            [
                one("新课程有效化教学", "project"),
                one("高效课堂", "project")
            ]
        );
    }

    #[test]
    fn unquoted_project_names() {
        assert_eq!(
            names("2、课题结项(有效化教学研究)"),
            [one("有效化教学研究", "project")]
        );
        assert_eq!(
            names("3、课题研究:制约课堂教学有效化的因素"),
            [one("制约课堂教学有效化的因素", "project")]
        );
        assert!(names("3、指导好xx—xx学年课题(市级立项)的研究实施工作").is_empty());
        assert_eq!(
            names(
                "以一级子课题探究型数学课堂教学基本框架与学生自主创新能力培养为引领,用行动研究方式"
            ),
            [one(
                "探究型数学课堂教学基本框架与学生自主创新能力培养",
                "project"
            )]
        );
        assert_eq!(
            names("提高水平。培养学生自主创新能力的研究是我校市级主课题"),
            [("培养学生自主创新能力的研究".to_string(), "project", None)]
        );
    }

    #[test]
    fn whole_pipeline_dedups_and_keeps_the_source_script() {
        let text = "小學教科室工作計劃\n1、在期初下發《教育科研信息》。\n2、繼續出好《教育科研信息》。\n3、舉行“白沙杯”校級論文大賽\n";
        let parsed = crate::extract_bytes("t.txt", text.as_bytes()).expect("text parses");
        let topics = &parsed.extract.documents[0].topics;
        let got: Vec<(&str, &str)> = topics
            .iter()
            .map(|t| (t.name.as_str(), t.kind.as_str()))
            .collect();
        assert_eq!(
            got,
            [("教育科研信息", "publication"), ("白沙杯", "programme")]
        );
        for t in topics {
            assert_eq!(parsed.source.slice(t.span), t.name);
        }
    }

    /// The fast scans above against the plain patterns and list scans they
    /// replace, on random texts made of the chars that matter.
    mod same_as_plain_scans {
        use super::*;
        use crate::segment::runs_around;
        use proptest::prelude::*;
        use proptest::string::string_regex;

        /// Random texts of the chars of `words` and a few others.
        fn texts_of(words: &[&str], len: usize) -> impl Strategy<Value = String> {
            let mut chars: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
            chars.sort();
            chars.dedup();
            let class: String = chars
                .iter()
                .map(|c| regex::escape(&c.to_string()))
                .collect();
            string_regex(&format!("[{class}a ,。]{{0,{len}}}")).expect("valid strategy")
        }

        fn old_level_before(text: &str, at: usize) -> Option<&'static str> {
            let head = &text[..at];
            let sentence = head
                .char_indices()
                .rev()
                .find(|&(_, c)| matches!(c, '。' | ';' | '!' | '?' | '\n'))
                .map_or(head, |(p, c)| &head[p + c.len_utf8()..]);
            let mut depth = 0usize;
            let outside: Vec<char> = sentence
                .chars()
                .filter(|&c| {
                    match c {
                        '《' => depth += 1,
                        '》' => depth = depth.saturating_sub(1),
                        _ => return depth == 0,
                    }
                    false
                })
                .collect();
            let window: String = outside[outside.len().saturating_sub(30)..].iter().collect();
            LEVELS
                .iter()
                .filter_map(|(w, canon)| window.rfind(w).map(|p| (p + w.len(), *canon)))
                .max_by_key(|&(end, _)| end)
                .map(|(_, canon)| canon)
        }

        fn old_event_after(after: &str) -> bool {
            let phrase: String = after
                .chars()
                .take_while(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
                .take(7)
                .collect();
            let heads: Vec<&str> =
                dict::entries(include_str!("../../dictionaries/topic_event_heads.txt")).collect();
            phrase.chars().count() <= 6 && heads.iter().any(|h| phrase.ends_with(h))
        }

        proptest! {
            #[test]
            fn openings(s in "[《》“”「」『』\"、。a课]{0,20}") {
                let old = Regex::new("[《“「『\"]").expect("valid regex");
                let mut got = Vec::new();
                let mut i = 0;
                while let Some((r, _, _)) = next_opening(&s, i) {
                    got.push(r.start);
                    i = r.end;
                }
                let want: Vec<usize> = old.find_iter(&s).map(|m| m.start()).collect();
                prop_assert_eq!(got, want);
            }

            #[test]
            fn brand_runs(s in texts_of(&dict::entries(BRAND_LIST).collect::<Vec<_>>(), 24)) {
                let old = Regex::new(&dict::alternation(BRAND_LIST)).expect("valid regex");
                prop_assert_eq!(
                    runs_around(&s, brand_endings(&s)),
                    runs_around(&s, old.find_iter(&s).map(|m| m.start()))
                );
            }

            #[test]
            fn keti_gates(s in "[课题研究结项开主子():,;。是为引领重点a]{0,30}") {
                let can = keti_patterns(&s);
                // A gate may pass a text that the pattern then rejects,
                // never miss a match.
                if NAMED_AFTER_KETI.is_match(&s) {
                    prop_assert!(can.named);
                }
                if MAIN_PROJECT.is_match(&s) {
                    prop_assert!(can.main);
                }
                let shi = Regex::new("是[^,。;]{0,8}?[主子]课题").expect("valid regex");
                prop_assert_eq!(can.main, shi.is_match(&s));
                prop_assert_eq!(can.sub, s.contains("主课题") || s.contains("子课题"));
            }

            #[test]
            fn regex_gates(s in "[十一二三四五六七八九两个项大x0-9年每a]{0,8}") {
                if PERIOD.is_match(&s) {
                    prop_assert!(s.starts_with(['十', 'x']) || s.starts_with(|c: char| c.is_ascii_digit()));
                }
                if N_GE_YI.is_match(&s) {
                    prop_assert!(s.ends_with("个一"));
                }
                if COUNT.is_match(&s) {
                    prop_assert!(s.starts_with(|c| "一二三四五六七八九十两".contains(c)));
                }
            }

            #[test]
            fn list_lookups(i in 0usize..4, s in "\\PC{0,3}", k in 0usize..200, t in "\\PC{0,3}") {
                let lists = [
                    (include_str!("../../dictionaries/topic_suffix.txt"), true),
                    (include_str!("../../dictionaries/topic_before.txt"), true),
                    (include_str!("../../dictionaries/topic_after.txt"), false),
                    (include_str!("../../dictionaries/levels.txt"), true),
                ];
                let (list, last) = lists[i];
                let v = pairs(list);
                // A word of the list between random chars, or random chars.
                let text = format!("{s}{}{t}", v.get(k).map_or("", |(w, _)| w));
                let want = v
                    .iter()
                    .find(|(w, _)| if last { text.ends_with(w) } else { text.starts_with(w) })
                    .copied();
                prop_assert_eq!(ByChar::new(&v, last).at_edge(&text), want);
            }

            #[test]
            fn levels_before(s in texts_of(&["国家级部省市区县校地", "《》;课题"], 50), at in 0usize..60) {
                let at = s.char_indices().nth(at).map_or(s.len(), |(p, _)| p);
                prop_assert_eq!(level_before(&s, at), old_level_before(&s, at));
            }

            #[test]
            fn event_phrases(s in texts_of(&["比赛大赛竞赛评比运动会读书会艺术节文化节", "的了"], 9)) {
                prop_assert_eq!(event_after(&s), old_event_after(&s));
            }
        }
    }
}

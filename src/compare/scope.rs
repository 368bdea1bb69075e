//! The part of an evidence sentence that speaks of one plan unit.
//!
//! A summary sentence often reports several plan entries in turn
//! (《西游记》的案例已设计完成,《骆驼祥子》的案例仍在设计之中; 前测已进行,后测
//! 未能进行), so the cues of the whole sentence would give each entry the
//! other's outcome. The scope starts at the comma chunk that holds most of
//! the unit's words (weighed by rarity in the summary; a chunk reporting a
//! figure in the unit's quota unit is preferred) and runs on both sides
//! until a chunk that opens with another entry's subject: a word of another
//! plan unit that this unit and the clauses before it in its entry do not
//! hold (后测 after 前测), or another ordinal of the same kind (第二期 after
//! 第一期). Chunks that continue the same subject (因疫情取消, 推迟到下学期,
//! 只完成了导读课部分) stay in scope, as do words of the clauses before it
//! in its entry, which frame it (围绕《西游记》《骆驼祥子》两部名著,设计…).

use super::units::Unit;
use crate::dict::entries;
use std::ops::Range;
use std::sync::LazyLock;

/// Words that open a chunk before its subject (但读书笔记…, 另有2篇…).
static OPENERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&str> =
        entries(include_str!("../../dictionaries/compare_openers.txt")).collect();
    v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    v
});

/// Openers that turn against what came before (但, 不过).
static CONTRAST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| entries(include_str!("../../dictionaries/compare_contrast.txt")).collect());

/// The byte range of the sentence `text` (cut into the comma chunks
/// `chunks`) about unit `k` of `units`, and the range of its anchor chunk. `weight` gives a term surface's weight in the summary;
/// `quota_unit` is the unit of the unit's planned number, if any.
pub fn subject(
    text: &str,
    chunks: &[Range<usize>],
    units: &[Unit],
    k: usize,
    weight: &dyn Fn(&str) -> f64,
    quota_unit: Option<&str>,
) -> (Range<usize>, Range<usize>) {
    let whole = 0..text.len();
    if chunks.len() < 2 {
        return (whole.clone(), whole);
    }
    let unit = &units[k];
    let total: f64 = unit.terms.iter().map(|(t, _)| weight(&t.surface)).sum();
    let held = |c: &Range<usize>| -> f64 {
        let text = &text[c.clone()];
        let mut h: f64 = unit
            .terms
            .iter()
            .filter(|(t, _)| t.occurs_in(&Default::default(), text))
            .map(|(t, share)| weight(&t.surface) * share)
            .sum();
        if h > 0.0
            && quota_unit.is_some_and(|q| {
                super::quota::counts(text)
                    .iter()
                    .any(|n| n.unit == q && !n.rate)
            })
        {
            h += total / 2.0;
        }
        h
    };
    let Some((anchor, best)) = chunks.iter().enumerate().map(|(i, c)| (i, held(c))).fold(
        None,
        |acc: Option<(usize, f64)>, (i, h)| match acc {
            Some((_, b)) if b >= h => acc,
            _ => Some((i, h)),
        },
    ) else {
        return (whole.clone(), whole);
    };
    if best <= 0.0 {
        return (whole.clone(), whole);
    }
    // What frames this unit: its own text and the clauses before it in
    // its entry.
    let context: String = units
        .iter()
        .enumerate()
        .filter(|(j, o)| *j == k || (o.item == unit.item && *j < k))
        .map(|(_, o)| o.text.as_str())
        .collect();
    let universal = super::quota::is_universal(&unit.text);
    let foreign = |c: &Range<usize>| -> bool {
        let chunk = &text[c.clone()];
        let head = opened(chunk);
        // A later clause of the same entry is reported with it (召开了课题
        // 会议,汇报研究情况) unless the chunk turns against it (但读书笔记…)
        // or opens with a name.
        let turned = CONTRAST.iter().any(|w| chunk.starts_with(w));
        // A named subject (《悦读》作品集正在排版) is no continuation either.
        let named = after_opener(chunk).starts_with(['《', '“']);
        // A unit asked of a whole group (各班都, 每位) is reported by its
        // parts (三年级…,四年级…): other entries' words open those parts.
        let other = |j: usize| {
            j != k
                && if units[j].item == unit.item {
                    j > k && (turned || named)
                } else {
                    !universal
                }
        };
        if let (Some(a), Some(b)) = (ordinal(head), first_ordinal(&unit.text)) {
            if a.1 == b.1 && a.0 != b.0 {
                return true;
            }
        }
        let others = || {
            units
                .iter()
                .enumerate()
                .filter(|(j, _)| other(*j))
                .map(|p| p.1)
        };
        if others().any(|o| {
            o.terms.iter().any(|(t, _)| {
                head.starts_with(t.surface.as_str()) && !context.contains(t.surface.as_str())
            })
        }) {
            return true;
        }
        // The other member of a pair (后测 after 前测): two characters that
        // another entry writes, of which this unit writes the second after
        // a different first.
        let mut hc = head.chars();
        let (Some(a), Some(b)) = (hc.next(), hc.next()) else {
            return false;
        };
        let pair: String = [a, b].iter().collect();
        let sibling = unit
            .text
            .char_indices()
            .any(|(i, c)| c != a && unit.text[i + c.len_utf8()..].starts_with(b));
        // Numbers are amounts (其余两个 after 四个), not members of a pair.
        a.is_alphabetic()
            && !crate::extract::numerals::chinese_digit(a)
            && sibling
            && !context.contains(&pair)
            && others().any(|o| o.text.contains(&pair))
    };
    let mut first = anchor;
    while first > 0 && !foreign(&chunks[first - 1]) {
        first -= 1;
    }
    let mut last = anchor;
    while last + 1 < chunks.len() && !foreign(&chunks[last + 1]) {
        last += 1;
    }
    (
        chunks[first].start..chunks[last].end,
        chunks[anchor].clone(),
    )
}

/// A chunk without its opening word and quotes: where its subject starts.
fn opened(chunk: &str) -> &str {
    after_opener(chunk).trim_start_matches(['“', '《', '「', '"', ' '])
}

/// A chunk without its opening word (但, 另有).
fn after_opener(chunk: &str) -> &str {
    OPENERS
        .iter()
        .find_map(|w| chunk.strip_prefix(w))
        .unwrap_or(chunk)
}

/// An ordinal at the start of a text (第二期): its number and the char
/// after it.
fn ordinal(text: &str) -> Option<(u32, char)> {
    let rest = text.strip_prefix('第')?;
    let digits: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || crate::extract::numerals::chinese_digit(*c))
        .collect();
    let unit = rest[digits.len()..].chars().next()?;
    let (n, _) = crate::extract::numerals::parse(&digits)?;
    Some((n as u32, unit))
}

fn first_ordinal(text: &str) -> Option<(u32, char)> {
    text.match_indices('第')
        .find_map(|(i, _)| ordinal(&text[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::{layout, terms};

    /// Units of one entry each, but `same` lists units sharing an entry
    /// with the unit before them.
    fn units(texts: &[&str], same: &[usize]) -> Vec<Unit> {
        let mut item = 0;
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if i > 0 && !same.contains(&i) {
                    item += 1;
                }
                Unit {
                    item,
                    norm: 0..0,
                    text: t.to_string(),
                    month: None,
                    terms: terms::terms(t).into_iter().map(|t| (t, 1.0)).collect(),
                }
            })
            .collect()
    }

    fn about<'a>(sentence: &'a str, units: &[Unit], k: usize, quota: Option<&str>) -> &'a str {
        let chunks = layout::chunks(sentence, 0..sentence.len());
        let (r, _) = subject(sentence, &chunks, units, k, &|_| 1.0, quota);
        &sentence[r]
    }

    #[test]
    fn another_entrys_subject_ends_the_scope() {
        // written for this test: the pre-test and the post-test are two
        // schedule entries, reported in one sentence
        let u = units(&["学生阅读情况前测", "学生阅读情况后测"], &[]);
        let s = "3月初我们进行了阅读情况前测,后测因期末考试提前未能进行";
        assert_eq!(about(s, &u, 0, None), "3月初我们进行了阅读情况前测");
        assert_eq!(about(s, &u, 1, None), s);
        // written for this test: the rest of an amount is no other member
        let u = units(&["布置四个书法专用教室", "成立两个兴趣小组"], &[]);
        let s = "四个书法专用教室已布置完成两个,其余两个因桌椅未到位暂缓布置";
        assert_eq!(about(s, &u, 0, None), s);
    }

    #[test]
    fn a_continuation_without_a_subject_stays_in_scope() {
        let u = units(&["举办课题研究成果展示活动", "编印学生作品集"], &[]);
        let s = "原计划6月举行的成果展示活动,因区教研室统一安排,推迟到下学期举行";
        assert_eq!(about(s, &u, 0, None), s);
    }

    #[test]
    fn another_ordinal_is_another_occurrence() {
        let u = units(&["《明德教苑》第一期出版", "编印校刊《明德教苑》两期"], &[]);
        let s = "校刊《明德教苑》第一期已于5月出版,第二期因稿件不足,推迟到下学期出版";
        assert_eq!(about(s, &u, 0, None), "校刊《明德教苑》第一期已于5月出版");
        // two issues planned: the second is part of it
        assert_eq!(about(s, &u, 1, None), s);
    }

    #[test]
    fn a_later_clause_of_the_entry_is_apart_only_after_a_turn() {
        // written for this test: one entry, two clauses
        let u = units(
            &["每位成员阅读一本教育理论专著", "撰写读书笔记不少于5000字"],
            &[1],
        );
        let s = "每位成员都读完了一本教育理论专著,但读书笔记达到5000字的只有6人";
        assert_eq!(about(s, &u, 0, None), "每位成员都读完了一本教育理论专著");
        // written for this test: a later clause's name opens its own report
        let u = units(&["整理学生优秀读书笔记", "编印《悦读》学生作品集"], &[1]);
        let s = "学生优秀读书笔记已收集了180余份,《悦读》作品集正在排版";
        assert_eq!(about(s, &u, 0, None), "学生优秀读书笔记已收集了180余份");
        let u = units(&["每月召开一次课题会议", "汇报课题研究情况"], &[1]);
        let s = "各课题组分别召开了课题会议,汇报研究情况,4月份因迎接视导未能召开";
        assert_eq!(about(s, &u, 0, None), s);
    }

    #[test]
    fn a_figure_in_the_quota_unit_anchors_the_scope() {
        let u = units(
            &["家长学校家长参训率达到90%", "每学期举办家长学校讲座2次"],
            &[],
        );
        let s = "家长学校本学期举办讲座1次,家长参训率为86%";
        let chunks = layout::chunks(s, 0..s.len());
        let (_, anchor) = subject(s, &chunks, &u, 0, &|_| 1.0, Some("%"));
        assert_eq!(&s[anchor], "家长参训率为86%");
    }
}

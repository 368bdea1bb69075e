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

use super::sentences::Sentence;
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

/// The byte range of `s.text` about unit `k` of `units`, and the range of
/// its anchor chunk. `weight` gives a term surface's weight in the summary;
/// `quota_unit` is the unit of the unit's planned number, if any.
pub fn subject(
    s: &Sentence,
    units: &[Unit],
    k: usize,
    weight: &dyn Fn(&str) -> f64,
    quota_unit: Option<&str>,
) -> (Range<usize>, Range<usize>) {
    let whole = 0..s.text.len();
    let chunks: Vec<Range<usize>> = s.chunks.iter().map(|c| c.0.clone()).collect();
    if chunks.len() < 2 {
        return (whole.clone(), whole);
    }
    let unit = &units[k];
    let total: f64 = unit.terms.iter().map(|(t, _)| weight(&t.surface)).sum();
    let held = |c: &Range<usize>| -> f64 {
        let text = &s.text[c.clone()];
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
        let chunk = &s.text[c.clone()];
        let head = opened(chunk);
        // A later clause of the same entry is reported with it (召开了课题
        // 会议,汇报研究情况) unless the chunk turns against it (但读书笔记…).
        let turned = CONTRAST.iter().any(|w| chunk.starts_with(w));
        // A unit asked of a whole group (各班都, 每位) is reported by its
        // parts (三年级…,四年级…): other entries' words open those parts.
        let other = |j: usize| {
            j != k
                && if units[j].item == unit.item {
                    j > k && turned
                } else {
                    !universal
                }
        };
        if let (Some(a), Some(b)) = (ordinal(head), first_ordinal(&unit.text)) {
            if a.1 == b.1 && a.0 != b.0 {
                return true;
            }
        }
        units
            .iter()
            .enumerate()
            .filter(|(j, _)| other(*j))
            .any(|(_, o)| {
                o.terms.iter().any(|(t, _)| {
                    head.starts_with(t.surface.as_str()) && !context.contains(t.surface.as_str())
                })
            })
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
    let c = OPENERS
        .iter()
        .find_map(|w| chunk.strip_prefix(w))
        .unwrap_or(chunk);
    c.trim_start_matches(['“', '《', '「', '"', ' '])
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

//! Numerals: Arabic and Chinese numbers in the cleaned (half-width) text.
//!
//! Takes every run of Arabic digits (with a decimal part, a 万/亿 multiplier
//! and a `1-3` / `1—2` / `1至2` range) and every run of Chinese numeral
//! characters: 一 两 十五 二十 一百二十 一千二百 一百二 (=120) 三万五 千 万
//! 半 (=0.5), 二〇二〇 (digit by digit), the colloquial ranges 两三,
//! 十五六 and the written ones 一至两, 三到五 (value + max), and the
//! percentage 百分之九十 (=90) and fraction 三分之一 (=1/3), whose range
//! holds the unit words. Arithmetic is checked: a number too large for
//! `u64` (99999999999999999999) has value `None`, never a panic.
//!
//! Known false positives: 一 in words such as 一定, 统一, 进一步 is read as
//! 1 here; callers decide from what follows (a classifier) and what
//! precedes whether a numeral is a count.

use crate::text::utf8_width;
use std::ops::Range;

/// A number found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Numeral {
    /// Byte range in the text it was found in.
    pub range: Range<usize>,
    /// The value; `None` when the number is too large.
    pub value: Option<f64>,
    /// Upper end of a range (两三 → 3, 1-2 → 2), else `None`.
    pub max: Option<f64>,
    /// Written with Arabic digits.
    pub arabic: bool,
}

/// Whether a char is a Chinese numeral char; a run of them is one numeral.
pub fn chinese_digit(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '半'
    )
}

/// What joins the two ends of a range of Arabic numbers (1-2篇, 3至5次).
const RANGE_SEPARATORS: [char; 6] = ['-', '—', '–', '~', '至', '到'];

/// What writes a percentage before its number (百分之九十 = 90%).
const PERCENT: &str = "百分之";
/// What joins the denominator and numerator of a fraction (三分之一).
const FRACTION: &str = "分之";

/// Whether a numeral's text is a proportion (百分之九十, 三分之一): it
/// holds its unit, none follows it.
pub fn proportion(numeral: &str) -> bool {
    numeral.contains(FRACTION)
}

/// The end of an Arabic number starting at byte `at`: digits, an optional
/// decimal part, an optional 万/亿.
fn arabic_end(text: &str, at: usize) -> usize {
    let digits = |from: usize| from + text[from..].bytes().take_while(u8::is_ascii_digit).count();
    let mut end = digits(at);
    if text[end..].starts_with('.') && text[end + 1..].starts_with(|c: char| c.is_ascii_digit()) {
        end = digits(end + 1);
    }
    if text[end..].starts_with(['万', '亿']) {
        end += '万'.len_utf8();
    }
    end
}

/// The numerals of a text as byte ranges, left to right: an Arabic number
/// or a range of two (3-5, 3至5), or a run of Chinese numeral chars.
/// Scanned by hand: numerals are everywhere, and a pattern search cost more.
fn numeral_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((at, c)) = next_start(text, from) {
        let end = if c.is_ascii_digit() {
            let end = arabic_end(text, at);
            let rest = &text[end..];
            match rest.chars().next().filter(|c| RANGE_SEPARATORS.contains(c)) {
                Some(sep) if rest[sep.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()) => {
                    arabic_end(text, end + sep.len_utf8())
                }
                _ => end,
            }
        } else if chinese_digit(c) {
            let run = |from: usize| {
                from + text[from..]
                    .chars()
                    .take_while(|&c| chinese_digit(c))
                    .map(char::len_utf8)
                    .sum::<usize>()
            };
            // 百分之九十: one number, a percentage.
            let start = match text[at..].strip_prefix(PERCENT) {
                Some(rest)
                    if rest.starts_with(|c: char| chinese_digit(c) || c.is_ascii_digit()) =>
                {
                    at + PERCENT.len()
                }
                _ => at,
            };
            let end = if text[start..].starts_with(|c: char| c.is_ascii_digit()) {
                arabic_end(text, start)
            } else {
                run(start)
            };
            // 三分之一: one number, a fraction.
            let end = match text[end..].strip_prefix(FRACTION) {
                Some(rest) if start == at && rest.starts_with(chinese_digit) => {
                    run(end + FRACTION.len())
                }
                _ => end,
            };
            let rest = &text[end..];
            // 一至两篇, 三到五次: a range of two Chinese numbers.
            match rest.chars().next().filter(|c| RANGE_SEPARATORS.contains(c)) {
                Some(sep) if start == at && rest[sep.len_utf8()..].starts_with(chinese_digit) => {
                    run(end + sep.len_utf8())
                }
                _ => end,
            }
        } else {
            // `next_start` gives only digits and numeral chars.
            from = at + c.len_utf8();
            continue;
        };
        out.push(at..end);
        from = end;
    }
    out
}

/// The Chinese numeral chars, as `chinese_digit` knows them.
const NUMERAL_CHARS: [char; 18] = [
    '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '亿', '半',
];

/// One bit per value of the low 12 bits of a code point, set for those of
/// the numeral chars: the low 12 bits are the payload of the last two bytes
/// of a three-byte char, so a char whose bit is clear is no numeral and is
/// passed over without decoding it.
static LOW_BITS: [u64; 64] = {
    let mut t = [0u64; 64];
    let mut k = 0;
    while k < NUMERAL_CHARS.len() {
        let low = NUMERAL_CHARS[k] as usize & 0xFFF;
        t[low >> 6] |= 1 << (low & 63);
        k += 1;
    }
    t
};

/// The first ASCII digit or Chinese numeral char at or after byte `from`.
fn next_start(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        // `i` is always at a char boundary, so `b` is ASCII or a lead byte.
        match b {
            b'0'..=b'9' => return Some((i, char::from(b))),
            0xE0..=0xEF => {
                let (b2, b3) = (bytes.get(i + 1), bytes.get(i + 2));
                let low = (usize::from(b2.map_or(0, |b| b & 0x3F)) << 6)
                    | usize::from(b3.map_or(0, |b| b & 0x3F));
                if LOW_BITS[low >> 6] >> (low & 63) & 1 == 1 {
                    let c = text[i..].chars().next()?;
                    if chinese_digit(c) {
                        return Some((i, c));
                    }
                }
                i += 3;
            }
            _ => i += utf8_width(b),
        }
    }
    None
}

/// Every numeral of a text, left to right.
pub fn find_all(text: &str) -> Vec<Numeral> {
    numeral_ranges(text)
        .into_iter()
        .filter_map(|range| {
            let s = &text[range.clone()];
            if s.starts_with(|c: char| c.is_ascii_digit()) {
                let (a, b) = match s.find(RANGE_SEPARATORS) {
                    Some(at) => {
                        let sep = s[at..].chars().next().map_or(1, char::len_utf8);
                        (&s[..at], Some(&s[at + sep..]))
                    }
                    None => (s, None),
                };
                Some(Numeral {
                    range,
                    value: arabic(a),
                    max: b.and_then(arabic),
                    arabic: true,
                })
            } else if let Some(inner) = s.strip_prefix(PERCENT) {
                let (value, max) = parse(inner)?;
                Some(Numeral {
                    range,
                    value: Some(value),
                    max,
                    arabic: false,
                })
            } else if let Some((den, num)) = s.split_once(FRACTION) {
                let (den, num) = (chinese(den)?.0, chinese(num)?.0);
                Some(Numeral {
                    range,
                    value: (den > 0.0).then(|| num / den),
                    max: None,
                    arabic: false,
                })
            } else {
                let (value, max) = match s.find(RANGE_SEPARATORS) {
                    Some(at) => {
                        let sep = s[at..].chars().next().map_or(1, char::len_utf8);
                        let (a, b) = (chinese(&s[..at])?, chinese(&s[at + sep..])?);
                        (a.0, Some(b.0).filter(|&m| a.1.is_none() && m > a.0))
                    }
                    None => chinese(s)?,
                };
                Some(Numeral {
                    range,
                    value: Some(value),
                    max,
                    arabic: false,
                })
            }
        })
        .collect()
}

/// Reads a whole string as one number: `(value, max)`. `None` when it is
/// not a number or too large.
pub fn parse(s: &str) -> Option<(f64, Option<f64>)> {
    let n = find_all(s);
    match n.as_slice() {
        [one] if one.range == (0..s.len()) => one.value.map(|v| (v, one.max)),
        _ => None,
    }
}

/// Arabic digits, optionally with a decimal part and a 万/亿 multiplier.
fn arabic(s: &str) -> Option<f64> {
    let (digits, mult) = match s.chars().last() {
        Some('万') => (&s[..s.len() - '万'.len_utf8()], 10_000u64),
        Some('亿') => (&s[..s.len() - '亿'.len_utf8()], 100_000_000),
        _ => (s, 1),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut v: u64 = 0;
    for d in int.bytes() {
        v = v.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
    }
    let v = v.checked_mul(mult)?;
    if frac.is_empty() {
        return Some(v as f64);
    }
    let f: f64 = format!("0.{frac}").parse().ok()?;
    Some(v as f64 + f * mult as f64)
}

fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A run of Chinese numeral characters: `(value, max)`.
fn chinese(s: &str) -> Option<(f64, Option<f64>)> {
    // Most numerals are one char (一 of 一次, 统一, 一定).
    let mut chars = s.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(d) = digit(c) {
            return Some((d as f64, None));
        }
    }
    if s == "半" {
        return Some((0.5, None));
    }
    if s == "一半" {
        return Some((0.5, None));
    }
    if let Some(v) = positional(s) {
        return Some(v);
    }
    if let Some(v) = with_units(s) {
        return Some((v as f64, None));
    }
    // 十五六: a number followed by the next digit gives a range.
    let last = s.chars().last()?;
    let d = digit(last)?;
    let head = with_units(&s[..s.len() - last.len_utf8()])?;
    (head % 10 + 1 == d && head >= 10).then(|| (head as f64, Some((head - head % 10 + d) as f64)))
}

/// Digits without units: one digit, a pair of neighbours (两三 → 2..3), or
/// a digit-by-digit number such as 二〇二〇.
fn positional(s: &str) -> Option<(f64, Option<f64>)> {
    let ds: Option<Vec<u64>> = s.chars().map(digit).collect();
    let ds = ds?;
    match ds.as_slice() {
        [d] => Some((*d as f64, None)),
        [a, b] if *a >= 1 && a + 1 == *b => Some((*a as f64, Some(*b as f64))),
        [_, _] if !s.contains(['〇', '零']) => None,
        _ => {
            let mut v: u64 = 0;
            for d in ds {
                v = v.checked_mul(10)?.checked_add(d)?;
            }
            Some((v as f64, None))
        }
    }
}

/// A number with units (十 百 千 万 亿), checked: 一千二百 → 1200,
/// 一百二 → 120, 十五 → 15.
fn with_units(s: &str) -> Option<u64> {
    let mut total: u64 = 0; // complete 亿 / 万 groups
    let mut section: u64 = 0; // below 万
    let mut pending: Option<u64> = None; // a digit waiting for its unit
    let mut last_unit: u64 = 0; // unit just written, for 一百二 = 120
    let mut zero = false;
    let mut any = false;
    for c in s.chars() {
        if let Some(d) = digit(c) {
            if d == 0 {
                zero = true;
                continue;
            }
            if pending.is_some() {
                return None;
            }
            pending = Some(d);
            continue;
        }
        let unit: u64 = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        any = true;
        if unit < 10_000 {
            let d = pending.take().unwrap_or(1);
            section = section.checked_add(d.checked_mul(unit)?)?;
        } else {
            let group = section.checked_add(pending.take().unwrap_or(0))?;
            let group = if group == 0 && total == 0 { 1 } else { group };
            total = total.checked_add(group)?.checked_mul(unit)?;
            section = 0;
        }
        last_unit = unit;
        zero = false;
    }
    if !any {
        return None;
    }
    let tail = match pending {
        // 一百二 (=120), 三万五 (=35000): a bare digit after 百 and up
        // counts in the next lower place, unless a 零 came between.
        Some(d) if last_unit >= 100 && !zero => d.checked_mul(last_unit / 10)?,
        Some(_) if last_unit == 10 && s.chars().filter(|&c| c == '十').count() > 1 => return None,
        Some(d) if last_unit == 10 => d,
        Some(d) => d,
        None => 0,
    };
    total.checked_add(section)?.checked_add(tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The hand scan finds what the pattern it replaced found, on text
        /// mixing digits, numeral chars, separators, decimals and others.
        #[test]
        fn scan_matches_the_numeral_pattern(s in "[0-9.万亿一二两十百千半零〇\\-—~至到篇个次人,。a 上〔学九]{0,24}") {
            let pattern = regex::Regex::new(concat!(
                r"[0-9]+(?:\.[0-9]+)?[万亿]?(?:(?:-|—|–|~|至|到)[0-9]+(?:\.[0-9]+)?[万亿]?)?",
                r"|[零〇一二两三四五六七八九十百千万亿半]+",
                r"(?:(?:-|—|–|~|至|到)[零〇一二两三四五六七八九十百千万亿半]+)?",
            ))
            .unwrap();
            let expected: Vec<Range<usize>> = pattern.find_iter(&s).map(|m| m.range()).collect();
            prop_assert_eq!(numeral_ranges(&s), expected);
        }
    }

    #[test]
    fn every_numeral_char_passes_the_low_bits_filter() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(NUMERAL_CHARS.contains(&c), chinese_digit(c), "{c}");
        }
        for c in NUMERAL_CHARS {
            let low = c as usize & 0xFFF;
            assert_eq!(c.len_utf8(), 3);
            assert_eq!(LOW_BITS[low >> 6] >> (low & 63) & 1, 1, "{c}");
        }
    }

    fn v(s: &str) -> Option<(f64, Option<f64>)> {
        parse(s)
    }

    #[test]
    fn chinese_numerals_in_common_forms() {
        assert_eq!(v("一"), Some((1.0, None)));
        assert_eq!(v("两"), Some((2.0, None)));
        assert_eq!(v("十"), Some((10.0, None)));
        assert_eq!(v("十五"), Some((15.0, None)));
        assert_eq!(v("二十"), Some((20.0, None)));
        assert_eq!(v("一百二十"), Some((120.0, None)));
        assert_eq!(v("一百零五"), Some((105.0, None)));
        assert_eq!(v("一千二百"), Some((1200.0, None)));
        assert_eq!(v("一百二"), Some((120.0, None)));
        assert_eq!(v("千"), Some((1000.0, None)));
        assert_eq!(v("万"), Some((10000.0, None)));
        assert_eq!(v("三万五千"), Some((35000.0, None)));
        assert_eq!(v("半"), Some((0.5, None)));
        assert_eq!(v("二〇二〇"), Some((2020.0, None)));
    }

    #[test]
    fn colloquial_ranges() {
        assert_eq!(v("两三"), Some((2.0, Some(3.0))));
        assert_eq!(v("三四"), Some((3.0, Some(4.0))));
        assert_eq!(v("十五六"), Some((15.0, Some(16.0))));
        assert_eq!(v("1-2"), Some((1.0, Some(2.0))));
        assert_eq!(v("1—2"), Some((1.0, Some(2.0))));
        assert_eq!(v("一至两"), Some((1.0, Some(2.0))));
        assert_eq!(v("三到五"), Some((3.0, Some(5.0))));
        assert_eq!(v("十至二十"), Some((10.0, Some(20.0))));
        // A falling pair is no range: the first number stands.
        assert_eq!(v("五至三"), Some((5.0, None)));
    }

    #[test]
    fn written_percentages() {
        assert_eq!(v("百分之九十"), Some((90.0, None)));
        assert_eq!(v("百分之百"), Some((100.0, None)));
        assert_eq!(v("百分之八十五"), Some((85.0, None)));
        let n = find_all("合格率保持在百分之九十以上");
        assert_eq!((n.len(), n[0].value), (1, Some(90.0)));
        assert!(proportion("百分之九十"));
    }

    #[test]
    fn written_fractions() {
        assert_eq!(v("二分之一"), Some((0.5, None)));
        assert_eq!(v("四分之三"), Some((0.75, None)));
        let n = find_all("不少于全组人数的三分之一");
        assert_eq!(n.len(), 1);
        assert!(n[0].value.is_some_and(|x| (x - 1.0 / 3.0).abs() < 1e-9));
        assert!(proportion("三分之一"));
        // 零分之一 has no value, and no panic.
        assert_eq!(find_all("零分之一")[0].value, None);
    }

    #[test]
    fn not_numbers() {
        // A planning-period label, not 11 then 5.
        assert_eq!(v("十一五"), None);
        assert_eq!(v("五一"), None);
        assert_eq!(v("百"), Some((100.0, None)));
    }

    #[test]
    fn arabic_numbers() {
        assert_eq!(v("4000"), Some((4000.0, None)));
        assert_eq!(v("2.5"), Some((2.5, None)));
        assert_eq!(v("3万"), Some((30000.0, None)));
        let n = find_all("一学期每人不少于8篇,每篇不少于300字");
        let vals: Vec<_> = n.iter().map(|n| n.value).collect();
        assert_eq!(vals, [Some(1.0), Some(8.0), Some(300.0)]);
    }

    #[test]
    fn too_large_is_none_not_a_panic() {
        let n = find_all("99999999999999999999篇");
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].value, None);
        assert_eq!(parse("九千九百九十九万亿亿亿"), None);
    }
}

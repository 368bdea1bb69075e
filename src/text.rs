//! Offset-mapped text: the decoded source, and a normalised copy whose every
//! character remembers the source character it came from.
//!
//! Every cleaning step is either a deletion or a one-to-one character
//! replacement, so a span of the normalised copy always maps back to an exact
//! slice of the source.

use std::ops::Range;

/// `[start, end)` in Unicode scalar values into the decoded source.
pub type Span = [usize; 2];

/// Whether `s` has more than `n` chars. It reads at most `n + 1` of them,
/// where `chars().count()` would read all of a long line, and none when
/// the length in bytes settles it (a char takes one to four).
pub fn longer_than(s: &str, n: usize) -> bool {
    s.len() > n && (s.len() / 4 > n || s.chars().nth(n).is_some())
}

/// The byte length of the UTF-8 char that starts with byte `lead` (ASCII
/// or a lead byte): the hand-written byte scans step over chars with it
/// without decoding them.
#[inline]
pub fn utf8_width(lead: u8) -> usize {
    match lead {
        0x00..=0x7F => 1,
        0xE0..=0xEF => 3,
        0xF0..=0xFF => 4,
        _ => 2,
    }
}

/// `s` without its leading whitespace, and how many bytes that was: one
/// pass, where `s.len() - s.trim_start().len()` beside a second
/// `trim_start` reads the whitespace twice.
pub fn trim_lead(s: &str) -> (usize, &str) {
    let rest = s.trim_start();
    (s.len() - rest.len(), rest)
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bits 7, 15, … 63 of `starts` as one byte (a bit per byte of a word).
const fn gather(starts: u64) -> usize {
    ((starts >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as usize
}

/// For each [`gather`]ed set of char starts in an 8-byte word: the offsets
/// of the starts, in order, and how many there are.
const STARTS: [([u8; 8], u8); 256] = {
    let mut t = [([0u8; 8], 0u8); 256];
    let mut bits = 0;
    while bits < 256 {
        let mut starts = 0u64;
        let mut e = ([0u8; 8], 0u8);
        let mut k = 0;
        while k < 8 {
            if bits >> k & 1 == 1 {
                starts |= 0x80 << (8 * k);
                e.0[e.1 as usize] = k as u8;
                e.1 += 1;
            }
            k += 1;
        }
        t[gather(starts)] = e;
        bits += 1;
    }
    t
};

/// Writes `base + i` for the byte offset `i` of each char of `s` into
/// `dst`, which has room for them; returns how many. It reads eight bytes
/// at a time, finds the non-continuation bytes with bit arithmetic and
/// writes all eight table offsets at once, then counts the true ones: no
/// branch per char, which a test per byte or decoding each char would take.
fn char_starts(s: &str, base: usize, dst: &mut [u32]) -> usize {
    let mut chunks = s.as_bytes().chunks_exact(8);
    let mut at = base as u32;
    let mut n = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // a continuation byte is 0b10xxxxxx: bit 7 set, bit 6 clear
        let continuation = w & !(w << 1) & HIGH;
        let (offsets, count) = &STARTS[gather(!continuation & HIGH)];
        let count = *count as usize;
        match dst
            .get_mut(n..n + 8)
            .and_then(|d| <&mut [u32; 8]>::try_from(d).ok())
        {
            // Eight at once, of a fixed width the compiler turns into a
            // few vector instructions (widen, add, store).
            Some(d) => {
                for (d, &o) in d.iter_mut().zip(offsets) {
                    *d = at + o as u32;
                }
            }
            // near the end of `dst` only the true offsets fit
            None => {
                if let Some(d) = dst.get_mut(n..n + count) {
                    for (d, &o) in d.iter_mut().zip(offsets) {
                        *d = at + o as u32;
                    }
                }
            }
        }
        n += count;
        at += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        if (b as i8) >= -0x40 {
            if let Some(d) = dst.get_mut(n) {
                *d = at + i as u32;
            }
            n += 1;
        }
    }
    n
}

/// The decoded source text with a char → byte index.
#[derive(Debug, Clone)]
pub struct SourceText {
    text: String,
    /// Byte offset of each char, plus a sentinel equal to `text.len()`.
    byte_of: Vec<u32>,
}

impl SourceText {
    pub fn new(text: String) -> Self {
        // Sized exactly: collecting would grow the largest buffer of the
        // pipeline to up to twice its length.
        let n = text.chars().count();
        let mut byte_of = vec![0; n + 1];
        char_starts(&text, 0, &mut byte_of[..n]);
        byte_of[n] = text.len() as u32;
        SourceText { text, byte_of }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len_chars(&self) -> usize {
        self.byte_of.len() - 1
    }

    /// The exact source slice of a char span (clamped to the text).
    pub fn slice(&self, span: Span) -> &str {
        let n = self.len_chars();
        let a = span[0].min(n);
        let b = span[1].clamp(a, n);
        &self.text[self.byte_of[a] as usize..self.byte_of[b] as usize]
    }
}

/// A normalised copy of the source with a map back to it.
#[derive(Debug, Clone)]
pub struct NormText {
    text: String,
    /// Byte offset in `text` of each char, plus a sentinel `text.len()`.
    byte_of: Vec<u32>,
    /// Source char index of each char, plus a sentinel: the source length.
    src_of: Vec<u32>,
}

impl NormText {
    /// The cleaned copy of a source: `folded` (the source with its chars
    /// replaced one for one) without the given byte ranges of it (sorted,
    /// not overlapping). Cleaning builds its result in this one pass
    /// instead of a copy per step; it works on bytes, as decoding each char
    /// would cost more than the copy.
    pub fn from_folded(src: &SourceText, folded: &str, dead: &[Range<usize>]) -> Self {
        let n = src.len_chars();
        let dead_chars = |r: &Range<usize>| folded.get(r.clone()).map_or(0, |d| d.chars().count());
        let alive_chars = n - dead.iter().map(dead_chars).sum::<usize>().min(n);
        let mut text = String::with_capacity(folded.len());
        let mut byte_of = vec![0; alive_chars + 1];
        let mut src_of = Vec::with_capacity(alive_chars + 1);
        // Char index in `folded`, which is the source's.
        let mut ch = 0u32;
        let mut at = 0;
        let end = folded.len()..folded.len();
        for r in dead.iter().chain(std::iter::once(&end)) {
            let alive = folded.get(at..r.start).unwrap_or_default();
            let base = text.len();
            text.push_str(alive);
            let first = src_of.len();
            let added = char_starts(alive, base, byte_of.get_mut(first..).unwrap_or_default());
            src_of.extend(ch..ch + added as u32);
            ch += added as u32;
            ch += dead_chars(r) as u32;
            at = r.end;
        }
        byte_of.truncate(src_of.len());
        byte_of.push(text.len() as u32);
        src_of.push(n as u32);
        NormText {
            text,
            byte_of,
            src_of,
        }
    }

    /// The identity copy of a source text.
    pub fn identity(src: &SourceText) -> Self {
        let n = src.len_chars();
        NormText {
            text: src.text.clone(),
            byte_of: src.byte_of.clone(),
            src_of: (0..=n as u32).collect(),
        }
    }

    /// Builds a text from (char, source index) pairs; `like` (the text they
    /// come from) sizes the buffers, which saves most of the build time.
    fn from_pairs(pairs: impl Iterator<Item = (char, u32)>, src_len: u32, like: &NormText) -> Self {
        let mut text = String::with_capacity(like.text.len());
        let mut byte_of = Vec::with_capacity(like.byte_of.len());
        let mut src_of = Vec::with_capacity(like.src_of.len());
        for (c, s) in pairs {
            byte_of.push(text.len() as u32);
            src_of.push(s);
            text.push(c);
        }
        byte_of.push(text.len() as u32);
        src_of.push(src_len);
        NormText {
            text,
            byte_of,
            src_of,
        }
    }

    fn pairs(&self) -> impl Iterator<Item = (char, u32)> + '_ {
        self.text.chars().zip(self.src_of.iter().copied())
    }

    fn src_len(&self) -> u32 {
        *self.src_of.last().unwrap_or(&0)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn len_chars(&self) -> usize {
        self.byte_of.len() - 1
    }

    /// Char index of a byte offset (which must lie on a char boundary).
    pub fn char_at(&self, byte: usize) -> usize {
        match self.byte_of.binary_search(&(byte as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// [`char_at`](Self::char_at), searched outward from the char index
    /// `near`: a caller that walks the text in order (structure) finds its
    /// answer a few chars away, where a binary search over the whole text
    /// reads cold memory.
    pub fn char_at_near(&self, byte: usize, near: usize) -> usize {
        let b = &self.byte_of;
        let target = byte as u32;
        let near = near.min(b.len() - 1);
        // Galloping: widen a window from `near` until it holds the answer,
        // the last index whose byte offset is <= `byte`.
        let (lo, hi) = if b[near] <= target {
            let (mut lo, mut step) = (near, 1);
            loop {
                let hi = lo + step;
                if hi >= b.len() || b[hi] > target {
                    break (lo, hi.min(b.len()));
                }
                lo = hi;
                step *= 2;
            }
        } else {
            let (mut hi, mut step) = (near, 1);
            loop {
                let lo = hi.saturating_sub(step);
                if b[lo] <= target {
                    break (lo, hi);
                }
                hi = lo;
                step *= 2;
            }
        };
        // b[lo] <= target, and b[hi] > target or hi is the end
        lo + b[lo..hi].partition_point(|&x| x <= target) - 1
    }

    /// Byte offset of a char index.
    pub fn byte_at(&self, ch: usize) -> usize {
        self.byte_of[ch.min(self.len_chars())] as usize
    }

    /// The normalised text of a char range.
    pub fn slice_chars(&self, r: Range<usize>) -> &str {
        &self.text[self.byte_at(r.start)..self.byte_at(r.end.max(r.start))]
    }

    /// Source span of a char range of this text. An empty range maps to an
    /// empty span at the source position of its start.
    pub fn src_span(&self, r: Range<usize>) -> Span {
        let n = self.len_chars();
        let a = r.start.min(n);
        let b = r.end.clamp(a, n);
        let s = self.src_of[a] as usize;
        if b == a {
            return [s, s];
        }
        [s, self.src_of[b - 1] as usize + 1]
    }

    /// Source span of a byte range of this text.
    pub fn src_span_bytes(&self, r: Range<usize>) -> Span {
        self.src_span(self.char_at(r.start)..self.char_at(r.end))
    }

    /// A copy without the given byte ranges (which may overlap, in any order).
    pub fn delete_bytes(&self, ranges: &[Range<usize>]) -> NormText {
        if ranges.is_empty() {
            return self.clone();
        }
        let mut dead = vec![false; self.len_chars()];
        for r in ranges {
            let (a, b) = (self.char_at(r.start), self.char_at(r.end));
            for d in &mut dead[a..b.max(a)] {
                *d = true;
            }
        }
        NormText::from_pairs(
            self.pairs().zip(dead).filter(|(_, d)| !d).map(|(p, _)| p),
            self.src_len(),
            self,
        )
    }

    /// A copy with every char in the char range replaced one for one.
    pub fn map_chars(&self, r: Range<usize>, f: impl Fn(char) -> char) -> NormText {
        NormText::from_pairs(
            self.pairs()
                .enumerate()
                .map(|(i, (c, s))| if r.contains(&i) { (f(c), s) } else { (c, s) }),
            self.src_len(),
            self,
        )
    }

    /// This text with its char range replaced by `replacement`, which must
    /// have exactly as many chars (used for whole-string converters).
    pub fn replace_same_len(mut self, r: Range<usize>, replacement: &str) -> NormText {
        // When every char keeps its UTF-8 length (script conversion maps Han
        // to Han), the bytes are replaced in place and the maps stay.
        let (a, b) = (self.byte_at(r.start), self.byte_at(r.end.max(r.start)));
        if replacement.len() == b - a
            && (replacement.char_indices().map(|(i, _)| i))
                .eq(self.text[a..b].char_indices().map(|(i, _)| i))
        {
            self.text.replace_range(a..b, replacement);
            return self;
        }
        let mut rep = replacement.chars();
        NormText::from_pairs(
            self.pairs().enumerate().map(|(i, (c, s))| {
                if r.contains(&i) {
                    (rep.next().unwrap_or(c), s)
                } else {
                    (c, s)
                }
            }),
            self.src_len(),
            &self,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn finds_char_starts() {
        for s in ["", "a", "教科室1、做好aé工作ü𝄞。", "0123456789abcdef教"] {
            let want: Vec<u32> = s.char_indices().map(|(i, _)| i as u32 + 5).collect();
            let mut v = vec![0; want.len()];
            assert_eq!(char_starts(s, 5, &mut v), want.len());
            assert_eq!(v, want, "{s}");
        }
    }

    #[test]
    fn counts_chars_only_as_far_as_needed() {
        assert!(longer_than("教科室", 2));
        assert!(!longer_than("教科室", 3));
        assert!(!longer_than("", 0));
        assert!(longer_than("abc", 2));
        assert!(!longer_than("教", 1));
        // the byte-length shortcut at its bound: four bytes a char
        assert!(longer_than("𝄞𝄞𝄞", 2));
        assert!(!longer_than("𝄞𝄞", 2));
        assert!(longer_than(&"a".repeat(400), 40));
    }

    #[test]
    fn replaces_chars_one_for_one() {
        let src = SourceText::new("計劃a課題".to_string());
        let n = NormText::identity(&src).replace_same_len(0..2, "计划");
        assert_eq!(n.as_str(), "计划a課題");
        // a replacement of other byte lengths keeps the map too
        let n = n.replace_same_len(3..5, "xy");
        assert_eq!(n.as_str(), "计划axy");
        assert_eq!(n.byte_at(4), 8);
        assert_eq!(src.slice(n.src_span(4..5)), "題");
    }

    #[test]
    fn delete_keeps_way_back() {
        let src = SourceText::new("教'科\n室.工作".to_string());
        let n = NormText::identity(&src);
        let q = n.as_str().find('\'').unwrap();
        let one: Vec<Range<usize>> = std::iter::once(q..q + 1).collect();
        let d = n.delete_bytes(&one);
        assert_eq!(d.as_str(), "教科\n室.工作");
        let span = d.src_span(0..2);
        assert_eq!(src.slice(span), "教'科");
    }

    proptest! {
        #[test]
        fn char_starts_are_the_char_indices(s in "[a教é𝄞 ]{0,40}") {
            let want: Vec<u32> = s.char_indices().map(|(i, _)| i as u32 + 3).collect();
            let mut v = vec![0; want.len()];
            prop_assert_eq!(char_starts(&s, 3, &mut v), want.len());
            prop_assert_eq!(v, want);
        }

        #[test]
        fn char_at_near_agrees_with_char_at(s in "[a教é𝄞 ]{0,30}", byte in 0usize..80, near in 0usize..40) {
            let src = SourceText::new(s.clone());
            let n = NormText::identity(&src);
            // every char boundary, and the end
            let byte = (0..=s.len()).filter(|&i| s.is_char_boundary(i)).nth(byte % (s.chars().count() + 1)).unwrap_or(0);
            prop_assert_eq!(n.char_at_near(byte, near), n.char_at(byte));
        }

        #[test]
        fn spans_slice_back(s in "\\PC{0,40}", cuts in proptest::collection::vec(0usize..40, 0..6)) {
            let src = SourceText::new(s.clone());
            let n = NormText::identity(&src);
            let len = n.as_str().len();
            let ranges: Vec<Range<usize>> = cuts.chunks(2).filter_map(|c| {
                let a = n.byte_at(c[0].min(n.len_chars()));
                let b = n.byte_at(c.get(1).copied().unwrap_or(c[0]).min(n.len_chars()));
                (a <= b && b <= len).then_some(a..b)
            }).collect();
            let d = n.delete_bytes(&ranges);
            // Every remaining char maps to the same char of the source.
            for i in 0..d.len_chars() {
                let span = d.src_span(i..i + 1);
                prop_assert_eq!(src.slice(span), d.slice_chars(i..i + 1));
            }
        }
    }
}

//! Structure: the section tree and the items of one document.
//!
//! 1. The document body (title line excluded) is cut into *blocks*: a block
//!    starts at a line start or at a list marker inside a line (one-line
//!    pages run their markers inline: `…精致化。1、首先做好…2、继续…`), and
//!    runs to the next block.
//! 2. Each marked block is a section when it heads content (deeper markers,
//!    or prose after a short heading-like line), else an item. `一、` and
//!    month headings are always sections. Nesting follows the order in
//!    which marker kinds appear (a kind already open closes back to it).
//! 3. Unmarked blocks become items: one per sentence in prose (role
//!    measure, or goal under a 目标 heading), one per line under a month
//!    heading (schedule); short unpunctuated lines that head content are
//!    sections without a marker; signature and date lines at the end are
//!    items of role other.

pub mod markers;
pub mod months;

use crate::model::{Document, Item, Role, Section};
use crate::text::{longer_than, trim_lead, NormText, SourceText};
use markers::{Kind, Marker};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static HEADINGS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    crate::dict::entries(include_str!("../../dictionaries/headings.txt")).collect()
});

/// A signature or date line closing a document: `石门中学 教科室`,
/// `2021-7-6`, `20xx年1月`, `榆次区教育局教研室12月10日`.
static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            .{0,20}(?:[0-9x]{2,4}\s*[年.\-/]\s*)?[0-9]{1,2}\s*[月.\-/]\s*(?:[0-9]{1,2}\s*[日号]?)?
          | [0-9x]{2,4}\s*年(?:\s*[0-9]{1,2}\s*月)?
          | .{0,24}(?:学校|小学|中学|学院|幼儿园|中心|委员会|[组处室科部办局校园])
          )\s*$",
    )
    .expect("signature pattern")
});

/// Longest heading-like text, in chars.
const MAX_HEADING: usize = 40;
/// Longest unmarked line that may be a heading, in chars.
const MAX_PLAIN_HEADING: usize = 16;
/// Longest signature line, in chars.
const MAX_SIGNATURE: usize = 30;

#[derive(Debug, Clone)]
struct Block {
    /// Byte range in the normalised text, trimmed.
    range: Range<usize>,
    marker: Option<Marker>,
}

impl Block {
    fn text_start(&self) -> usize {
        (self.range.start + self.marker.as_ref().map_or(0, |m| m.len)).min(self.range.end)
    }
}

fn is_stop(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | '！' | '？' | ';' | ':')
}

fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '"' | ')' | '」' | '』' | '】')
}

/// Chars that end an item's text without belonging to it.
fn is_trailing(c: char) -> bool {
    c.is_whitespace() || matches!(c, '。' | ';' | ',' | '、' | ':' | '.' | '!' | '?' | '；')
}

/// Whether an inline marker may start here: after a sentence end, or when
/// it continues the numbering of its kind (`…目标1、认真落实`).
fn inline_ok(line: &str, at: usize, m: &Marker, last: &[u32; 10]) -> bool {
    let prev = line[..at].trim_end_matches(' ').chars().next_back();
    let after_stop = prev.is_some_and(|c| is_stop(c) || c == '。' || c == '】');
    let next_num = m.num == last[m.kind as usize] + 1;
    match m.kind {
        Kind::CnDun => after_stop && (next_num || m.num == 1),
        // A month heading needs its colon or a list after it; it may
        // follow a heading with no stop (`行事历九月份:1、…`,
        // `四、每月工作安排二月:…`, `月度工作安排9月份1. …` on a page run
        // onto one line), not a number it would continue (`第`, `十`, `2`).
        Kind::Month | Kind::Week => {
            let rest = line[at + m.text_len..].trim_start();
            let list = m.kind == Kind::Month && markers::at(rest).is_some_and(|n| n.kind.is_list());
            (rest.starts_with(':') || list)
                && (after_stop
                    || (m.kind == Kind::Month
                        && prev.is_some_and(|c| {
                            !c.is_ascii_alphanumeric() && !is_cn_numeral(c) && c != '第'
                        })))
        }
        Kind::CnParen | Kind::Arabic | Kind::ArParen | Kind::Circled => {
            after_stop
                || (next_num
                    && prev.is_some_and(|c| {
                        !c.is_ascii_alphanumeric() && !matches!(c, '第' | '、' | '(' | '/')
                    }))
                || (prev == Some(')') && m.kind != Kind::CnParen)
        }
        Kind::Formal | Kind::Bullet | Kind::Plain => false,
    }
}

fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Positions where an inline marker may start: digits, `(`, circled and
/// parenthesised numbers, Chinese numerals.
fn may_start(c: char) -> bool {
    c.is_ascii_digit()
        || c == '('
        || ('\u{2460}'..='\u{249B}').contains(&c)
        || ('\u{3220}'..='\u{3229}').contains(&c)
        || matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
}

/// Whether an inline marker may start at `c`, after the non-space char
/// `after`: never after a Latin letter or digit (`2021`, `A1`, see
/// `inline_ok`); `三、` and `九月:` only after a sentence end.
fn may_start_after(c: char, after: char) -> bool {
    may_start(c)
        && !after.is_ascii_alphanumeric()
        && (c.is_ascii_digit() || c == '(' || !is_cn_numeral(c) || is_stop(after) || after == '】')
}

/// Lead bytes of the chars [`marker_starts`] stops at: ASCII digits and
/// `(`, the ASCII stops, and E2, E3, EF (circled and parenthesised numbers,
/// `。` `】` `！` `？`).
static LEADS: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = b'0';
    while b <= b'9' {
        t[b as usize] = true;
        b += 1;
    }
    t[b'(' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[b';' as usize] = true;
    t[b':' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Pushes the byte offsets (from `skip` on, never 0) of the chars of `line`
/// where an inline marker may start (see [`may_start_after`]). A byte scan
/// finds the few chars that matter: digits, `(` and numbered symbols, and
/// sentence ends, after which a numeral 一 … 十 may start a marker.
/// Decoding every char of every line cost more than the rest of `blocks`.
fn marker_starts(line: &str, skip: usize, out: &mut Vec<usize>) {
    let bytes = line.as_bytes();
    let mut i = skip;
    while let Some(j) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| LEADS[b as usize]))
        .map(|off| i + off)
    {
        // Of the chars led by E2, E3 and EF only ① … ⒛ (E2 91, E2 92), ㈠ …
        // ㈩ (E3 88), `。` `】` (E3 80 82, E3 80 91) and `！` `？` (EF BC) may
        // matter; the common `、` `《` `“` are passed over undecoded.
        let tail = |k: usize| bytes.get(j + k).copied().unwrap_or(0);
        let pass = match bytes[j] {
            0xE2 => !matches!(tail(1), 0x91 | 0x92),
            0xE3 => !(tail(1) == 0x88 || (tail(1) == 0x80 && matches!(tail(2), 0x82 | 0x91))),
            0xEF => tail(1) != 0xBC,
            _ => false,
        };
        if pass {
            i = j + 3;
            continue;
        }
        let c = line[j..].chars().next().unwrap_or(' ');
        i = j + c.len_utf8();
        if may_start(c) && j > 0 {
            // The last non-space char before it, from `skip` on.
            let after = line[skip..j]
                .trim_end_matches(' ')
                .chars()
                .next_back()
                .unwrap_or(' ');
            if may_start_after(c, after) {
                out.push(j);
            }
        } else if is_stop(c) || c == '】' {
            let rest = &line[i..];
            let k = i + rest.len() - rest.trim_start_matches(' ').len();
            if line[k..].chars().next().is_some_and(is_cn_numeral) {
                out.push(k);
            }
        }
    }
}

/// Longest month heading before a colon, in chars (`十二月份、一月份`).
const MAX_MONTH_HEADING: usize = 12;

/// Start of a month heading in Chinese numerals that ends at the colon at
/// `colon` (`…安排二月:`, `…行事历十二月份、一月份:`), from `skip` on: the
/// byte scan of [`marker_starts`] passes Chinese numerals by unless a stop
/// comes before them.
fn month_before_colon(line: &str, skip: usize, colon: usize) -> Option<usize> {
    let head = line[skip..colon].trim_end_matches(' ');
    let end = skip + head.len();
    let run = head
        .char_indices()
        .rev()
        .take(MAX_MONTH_HEADING)
        .take_while(|&(_, c)| is_cn_numeral(c) || "月份、—-~至和及初中下上旬底末".contains(c))
        .last()?
        .0;
    // the farthest start of a Chinese numeral that is not inside a number
    // and reads as a month heading through to the colon
    head[run..]
        .char_indices()
        .map(|(i, c)| (skip + run + i, c))
        .filter(|&(i, c)| {
            is_cn_numeral(c) && !line[..i].chars().next_back().is_some_and(is_cn_numeral)
        })
        .find(|&(i, _)| {
            markers::at(&line[i..]).is_some_and(|m| m.kind == Kind::Month && i + m.text_len >= end)
        })
        .map(|(i, _)| i)
}

/// Cuts the body `[a, b)` of the normalised text into blocks.
fn blocks(s: &str, a: usize, b: usize) -> Vec<Block> {
    let mut out = Vec::new();
    // Last number seen per marker kind, reset for deeper kinds when a
    // shallower one appears.
    let mut last = [0u32; 10];
    let note = |m: &Marker, last: &mut [u32; 10]| {
        last[m.kind as usize] = m.num;
        for k in [
            Kind::Formal,
            Kind::CnDun,
            Kind::CnParen,
            Kind::Month,
            Kind::Week,
            Kind::Arabic,
            Kind::ArParen,
            Kind::Circled,
        ] {
            if k.rank() > m.kind.rank() {
                last[k as usize] = 0;
            }
        }
    };
    // (offset in line, marker) of the blocks of a line: one buffer for all
    // lines, as most lines hold one block.
    let mut cuts: Vec<(usize, Option<Marker>)> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut start = a;
    for piece in s[a..b].split_inclusive('\n') {
        let line_at = start;
        start += piece.len();
        let (lead, line) = trim_lead(piece.trim_end());
        if line.is_empty() {
            continue;
        }
        let base = line_at + lead;
        cuts.clear();
        let mut first = markers::at(line);
        let mut line = line;
        let mut base = base;
        // A bullet before a number (`- 1、`) is noise before the real marker.
        if let Some(m) = first.as_ref().filter(|m| m.kind == Kind::Bullet) {
            if let Some(inner) = markers::at(&line[m.len..]).filter(|i| i.kind != Kind::Bullet) {
                base += m.len;
                line = &line[m.len..];
                first = Some(inner);
            }
        }
        if let Some(m) = &first {
            note(m, &mut last);
        }
        let skip = first.as_ref().map_or(0, |m| m.len);
        cuts.push((0, first));
        starts.clear();
        marker_starts(line, skip, &mut starts);
        let before = starts.len();
        for colon in memchr::memchr_iter(b':', &line.as_bytes()[skip..]) {
            starts.extend(month_before_colon(line, skip, skip + colon));
        }
        if starts.len() > before {
            starts.sort_unstable();
            starts.dedup();
        }
        for &i in &starts {
            if let Some(m) = markers::at(&line[i..]) {
                if inline_ok(line, i, &m, &last) {
                    note(&m, &mut last);
                    cuts.push((i, Some(m)));
                }
            }
        }
        for k in 0..cuts.len() {
            let end = cuts.get(k + 1).map_or(line.len(), |n| n.0);
            let (at, m) = &mut cuts[k];
            let text = line[*at..end].trim_end();
            if text.is_empty() {
                continue;
            }
            out.push(Block {
                range: base + *at..base + *at + text.len(),
                marker: m.take(),
            });
        }
    }
    out
}

/// Text is short enough and has no sentence break inside: a heading.
fn heading_like(t: &str) -> bool {
    let t = t.trim_end_matches(is_trailing);
    !t.is_empty()
        && !longer_than(t, MAX_HEADING)
        && !t.chars().any(|c| matches!(c, '。' | '!' | '?' | ';'))
}

/// Bytes of the heading part of a section's text: all of it, or its first
/// sentence, or a known heading word glued to the text after it.
fn heading_len(t: &str) -> usize {
    let first = t
        .char_indices()
        .find(|&(_, c)| is_stop(c))
        .map_or(t.len(), |(i, _)| i);
    let glued = HEADINGS
        .iter()
        .filter(|w| t.starts_with(**w))
        .max_by_key(|w| w.len())
        .filter(|w| {
            // `指导思想以…为指导` runs on; `工作目标和措施` is a longer name
            let rest = &t[w.len()..first];
            longer_than(rest, 8)
                && rest
                    .chars()
                    .next()
                    .is_some_and(|c| !"和与及、(暨,".contains(c))
        });
    glued.map_or(first, |w| w.len())
}

/// Byte ranges of the sentences of a prose text.
fn sentences(t: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut a = 0;
    let mut it = t.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if matches!(c, '。' | '!' | '?' | '！' | '？') {
            let mut e = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_closing(d) || matches!(d, '。' | '!' | '?') {
                    e = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            out.push(a..e);
            a = e;
        }
    }
    if a < t.len() {
        out.push(a..t.len());
    }
    out
}

struct Open {
    kind: Kind,
    num: u32,
    section: usize,
}

struct Builder<'a> {
    src: &'a SourceText,
    norm: &'a NormText,
    sections: Vec<Section>,
    /// Char range of each section's marker and heading.
    heads: Vec<Range<usize>>,
    items: Vec<Item>,
    stack: Vec<Open>,
    /// Whether each section has items or subsections yet.
    filled: Vec<bool>,
    /// A list introduced by a colon (`三个项目:1.…`) under a parent: its
    /// members are items, so its last member does not head the prose after
    /// the list.
    item_list: Option<(Kind, Option<usize>)>,
    /// A list restarted under an open section of its own kind (`2.` …
    /// `如下:` `1.` `2.`): kind, that section, last number.
    nested: Option<(Kind, usize, u32)>,
    /// The char index looked up last (see `chars`).
    near: std::cell::Cell<usize>,
}

/// `prefix` and the decimal digits of `n` (`i12`, `s3`): ids are made for
/// every item, and `format!` cost more than the rest of making one.
fn id(prefix: char, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(1 + digits.len() - at);
    out.push(prefix);
    out.extend(digits[at..].iter().map(|&d| d as char));
    out
}

impl Builder<'_> {
    /// Char range of a byte range. Blocks come in text order, so each
    /// lookup starts from the char found last.
    fn chars(&self, r: Range<usize>) -> Range<usize> {
        let a = self.norm.char_at_near(r.start, self.near.get());
        let b = self.norm.char_at_near(r.end, a);
        self.near.set(b);
        a..b
    }

    fn slice(&self, r: Range<usize>) -> String {
        self.src.slice(self.norm.src_span(r)).to_string()
    }

    fn top(&self) -> Option<usize> {
        self.stack.last().map(|o| o.section)
    }

    fn open(
        &mut self,
        kind: Kind,
        num: u32,
        marker: Range<usize>,
        heading: Range<usize>,
        months: Vec<u32>,
    ) {
        let parent = self.top();
        let id = self.sections.len();
        let m = self.chars(marker.clone());
        let h = self.chars(heading);
        self.sections.push(Section {
            id: self::id('s', id + 1),
            parent: parent.map(|p| self.sections[p].id.clone()),
            level: self.stack.len() as u32 + 1,
            marker: self.slice(m.clone()),
            heading: self.slice(h.clone()),
            span: [0, 0],
            heading_norm: h.clone(),
            months,
        });
        self.heads.push(m.start.min(h.start)..h.end.max(m.end));
        self.filled.push(false);
        if let Some(p) = parent {
            self.filled[p] = true;
        }
        self.stack.push(Open {
            kind,
            num,
            section: id,
        });
    }

    /// Adds an item over the byte range `r` (marker excluded), trimmed.
    fn item(
        &mut self,
        r: Range<usize>,
        role: Role,
        marker: Option<Range<usize>>,
        section: Option<usize>,
    ) {
        let s = self.norm.as_str();
        let (lead, t) = trim_lead(&s[r.clone()]);
        let t = t.trim_end_matches(is_trailing);
        if !longer_than(t, 1) && marker.is_none() {
            return;
        }
        if t.is_empty() {
            return;
        }
        let b = r.start + lead..r.start + lead + t.len();
        if let Some(f) = section.and_then(|i| self.filled.get_mut(i)) {
            *f = true;
        }
        let c = self.chars(b);
        let span = self.norm.src_span(c.clone());
        self.items.push(Item {
            id: id('i', self.items.len() + 1),
            section: section
                .and_then(|i| self.sections.get(i))
                .map(|s| s.id.clone()),
            text: self.src.slice(span).to_string(),
            span,
            role,
            norm: c.clone(),
            marker: marker.map(|m| {
                let m = self.chars(m);
                self.slice(m).trim().to_string()
            }),
        });
    }

    /// Role of an item placed in the current section.
    fn role(&self) -> Role {
        let Some(top) = self.stack.last() else {
            return Role::Measure;
        };
        if self
            .stack
            .iter()
            .any(|o| o.kind.is_schedule() || !self.sections[o.section].months.is_empty())
        {
            return Role::Schedule;
        }
        let goal = |i: usize| {
            let h = &self.norm.slice_chars(self.sections[i].heading_norm.clone());
            h.contains("目标") && !h.contains("措施")
        };
        if goal(top.section) {
            return Role::Goal;
        }
        let n = self.stack.len();
        if n >= 2
            && !matches!(top.kind, Kind::CnDun | Kind::Formal)
            && goal(self.stack[n - 2].section)
        {
            return Role::Goal;
        }
        Role::Measure
    }

    /// Prose: one item per sentence, or per line under a schedule heading.
    fn prose(&mut self, r: Range<usize>) {
        let role = self.role();
        let top = self.top();
        if role == Role::Schedule {
            self.item(r, role, None, top);
            return;
        }
        let t = &self.norm.as_str()[r.clone()];
        for sr in sentences(t) {
            self.item(r.start + sr.start..r.start + sr.end, role, None, top);
        }
    }

    /// Closes sections until a block of `kind` numbered `num` can attach.
    fn close_for(&mut self, kind: Kind, num: u32, lead_in: bool) {
        if let Some(j) = self.stack.iter().rposition(|o| o.kind == kind) {
            // `…如下:` then `1.` under an open `2.` starts a nested list
            let top = self.stack.last().map(|o| o.section);
            if num <= self.stack[j].num && lead_in && !matches!(kind, Kind::CnDun | Kind::Formal) {
                self.nested = top.map(|t| (kind, t, num));
                return;
            }
            if let Some((k, sec, last)) = self.nested {
                if k == kind && Some(sec) == top && num == last + 1 {
                    self.nested = Some((k, sec, num));
                    return;
                }
            }
            self.nested = None;
            self.stack.truncate(j);
        } else {
            // A new kind nests under the open section, unless that section
            // already has content and the new kind is usually shallower
            // (months after a numbered section's prose, `(二)` after a
            // schedule).
            while self
                .stack
                .last()
                .is_some_and(|o| self.filled[o.section] && o.kind.rank() > kind.rank())
            {
                self.stack.pop();
            }
        }
    }
}

/// Fills `doc.sections` and `doc.items` from the cleaned text of the document.
pub fn structure(src: &SourceText, norm: &NormText, doc: &mut Document) {
    let s = norm.as_str();
    let mut a = norm.byte_at(doc.norm.start);
    let b = norm.byte_at(doc.norm.end);
    if let Some(t) = doc
        .title_norm
        .as_ref()
        .filter(|t| t.start == doc.norm.start)
    {
        a = norm.byte_at(t.end).min(b);
    }
    let mut blocks = blocks(s, a, b);
    split_signature(s, &mut blocks);
    // trailing signature blocks head nothing
    let sig = blocks.len()
        - blocks
            .iter()
            .rev()
            .take_while(|b| b.marker.is_none() && is_signature(&s[b.range.clone()]))
            .count();
    let mut bd = Builder {
        src,
        norm,
        sections: Vec::new(),
        heads: Vec::new(),
        items: Vec::new(),
        stack: Vec::new(),
        filled: Vec::new(),
        item_list: None,
        nested: None,
        near: std::cell::Cell::new(0),
    };
    let promoted = promoted(s, &blocks, sig);
    let top_kind = blocks
        .iter()
        .find_map(|b| b.marker.as_ref().map(|m| m.kind))
        .filter(|k| k.is_list());
    for (k, blk) in blocks.iter().enumerate() {
        let next = blocks.get(k + 1).filter(|_| k + 1 < sig);
        let prev_colon = k > 0 && s[..blk.range.start].trim_end().ends_with(':');
        match &blk.marker {
            None => {
                let t = &s[blk.range.clone()];
                if bd.items.is_empty()
                    && bd.stack.is_empty()
                    && crate::split::title_like(t)
                    && !longer_than(t, MAX_SIGNATURE)
                {
                    // a subtitle or date line under the title
                    bd.item(blk.range.clone(), Role::Other, None, None);
                } else if months::header_row(t) {
                    // `月份\t内容`: a table's header row names columns; it
                    // is neither a heading nor an entry.
                } else if plain_heading(t, next, s) {
                    // An unmarked heading after content starts a new top
                    // section (`指导思想` before `二、`, `附:具体工作安排`);
                    // right under an empty heading it is a subheading.
                    let top_level = bd.stack.last().is_none_or(|o| bd.filled[o.section]);
                    let kind = if top_level {
                        bd.stack.clear();
                        top_kind.unwrap_or(Kind::Plain)
                    } else {
                        Kind::Plain
                    };
                    bd.close_for(kind, 0, false);
                    let r = blk.range.clone();
                    let h = r.start..r.start + t.trim_end_matches(is_trailing).len();
                    bd.open(kind, 0, r.start..r.start, h, Vec::new());
                    bd.item_list = None;
                } else {
                    bd.prose(blk.range.clone());
                }
            }
            Some(m) => {
                bd.close_for(m.kind, m.num, prev_colon);
                let parent = bd.top();
                let text = blk.text_start()..blk.range.end;
                let t = &s[text.clone()];
                let marker = blk.range.start..blk.range.start + m.text_len;
                // 一、 under an open 壹、 is the second level, read as any list.
                let under_formal = bd.stack.iter().any(|o| o.kind == Kind::Formal);
                let section = match m.kind {
                    Kind::Formal | Kind::Month | Kind::Week => true,
                    Kind::CnDun if !under_formal => true,
                    _ => {
                        let nests = next.and_then(|n| n.marker.as_ref()).is_some_and(|n| {
                            n.kind != m.kind
                                && n.kind != Kind::Bullet
                                && n.kind.rank() > m.kind.rank()
                                && !bd.stack.iter().any(|o| o.kind == n.kind)
                        });
                        let heads_prose = next.is_some_and(|n| n.marker.is_none())
                            && heading_like(t)
                            && !states_a_number(t)
                            && bd.item_list != Some((m.kind, parent));
                        nests || heads_prose || promoted[k]
                    }
                };
                if section && m.kind.is_schedule() {
                    // the month or week is the heading; it has no marker
                    let at = blk.range.start;
                    bd.open(m.kind, 0, at..at, at..at + m.text_len, m.months.clone());
                    bd.item_list = None;
                    if !t.trim_matches(is_trailing).is_empty() {
                        bd.prose(text);
                    }
                } else if section {
                    let hl = heading_len(t);
                    let head = text.start..text.start + t[..hl].trim_end_matches(is_trailing).len();
                    let months = heading_months(&s[head.clone()]);
                    bd.open(m.kind, m.num, marker, head, months);
                    bd.item_list = None;
                    let rest = text.start + hl..text.end;
                    if !s[rest.clone()].trim_matches(is_trailing).is_empty() {
                        bd.prose(rest);
                    }
                } else {
                    let role = bd.role();
                    bd.item(text, role, Some(marker), parent);
                    if prev_colon && m.num == 1 {
                        bd.item_list = Some((m.kind, parent));
                    }
                }
            }
        }
    }
    let Builder {
        mut sections,
        heads,
        mut items,
        ..
    } = bd;
    mark_signature(norm, &mut items);
    // A section runs from its marker to the end of its last item or
    // subsection.
    let mut ends: Vec<usize> = heads.iter().map(|h| h.end).collect();
    let index = |id: &str| {
        id.strip_prefix('s')
            .and_then(|n| n.parse::<usize>().ok())
            .map(|n| n - 1)
    };
    for it in &items {
        let mut cur = it.section.as_deref().and_then(index);
        while let Some(i) = cur.filter(|&i| i < ends.len()) {
            ends[i] = ends[i].max(it.norm.end);
            cur = sections[i].parent.as_deref().and_then(index);
        }
    }
    for i in (0..sections.len()).rev() {
        if let Some(p) = sections[i]
            .parent
            .as_deref()
            .and_then(index)
            .filter(|&p| p < ends.len())
        {
            ends[p] = ends[p].max(ends[i]);
        }
    }
    for ((sec, h), end) in sections.iter_mut().zip(&heads).zip(ends) {
        sec.span = norm.src_span(h.start..end.max(h.end));
    }
    doc.sections = sections;
    doc.items = items;
}

/// Whether a numbered block heads content on its own look: deeper
/// markers follow it, or prose follows a heading-like line that sets no
/// number.
fn heads_content(s: &str, blk: &Block, m: &Marker, next: Option<&Block>) -> bool {
    let Some(next) = next else { return false };
    match &next.marker {
        Some(n) => n.kind != Kind::Bullet && n.kind.rank() > m.kind.rank(),
        None => {
            let t = &s[blk.text_start()..blk.range.end];
            heading_like(t) && !states_a_number(t)
        }
    }
}

/// Numbered blocks to make sections although nothing follows them but
/// their next sibling, because most of their siblings (same marker kind,
/// numbered on, at the same depth) head content: a list's members are one
/// kind of node. Such a block must read as a heading then prose in one
/// (`1. 打造特色品牌。着力打造…` among `2. 办好校刊` + paragraph); its
/// first sentence heads it, and sets no number.
fn promoted(s: &str, blocks: &[Block], sig: usize) -> Vec<bool> {
    let mut out = vec![false; blocks.len()];
    // Open runs of siblings, outermost first: kind, last number, members.
    let mut runs: Vec<(Kind, u32, Vec<usize>)> = Vec::new();
    let mut done: Vec<Vec<usize>> = Vec::new();
    for (k, blk) in blocks.iter().enumerate().take(sig) {
        let Some(m) = blk.marker.as_ref().filter(|m| m.kind != Kind::Bullet) else {
            continue;
        };
        if let Some(j) = runs.iter().position(|r| r.0 == m.kind) {
            let continues = m.num == runs[j].1 + 1;
            done.extend(runs.drain(j + usize::from(continues)..).map(|r| r.2));
            if continues {
                runs[j].1 = m.num;
                runs[j].2.push(k);
                continue;
            }
        }
        runs.push((m.kind, m.num, vec![k]));
    }
    done.extend(runs.into_iter().map(|r| r.2));
    for run in done {
        let list = |&k: &usize| {
            blocks[k]
                .marker
                .as_ref()
                .filter(|m| m.kind.is_list() && !matches!(m.kind, Kind::CnDun | Kind::Formal))
        };
        let heads = run
            .iter()
            .filter(|&&k| {
                list(&k).is_some_and(|m| {
                    heads_content(s, &blocks[k], m, blocks.get(k + 1).filter(|_| k + 1 < sig))
                })
            })
            .count();
        // most of the others (a promoted block heads nothing itself)
        if run.len() < 3 || 2 * heads < run.len() {
            continue;
        }
        for &k in &run {
            let t = &s[blocks[k].text_start()..blocks[k].range.end];
            let hl = heading_len(t);
            let (head, rest) = t.split_at(hl);
            out[k] = list(&k).is_some()
                && !rest.trim_matches(is_trailing).is_empty()
                && heading_like(head)
                && !states_a_number(head);
        }
    }
    out
}

/// Months of a numbered heading that is nothing but a month or a stage
/// with its months (`(一)九月份`, `1、第一阶段(3月—4月)`): its entries are
/// scheduled in them, as under an unnumbered month heading.
fn heading_months(h: &str) -> Vec<u32> {
    months::month_heading(h)
        .or_else(|| months::stage_heading(h))
        .map(|h| h.months)
        .unwrap_or_default()
}

/// Whether a line states a number other than a year (每月至少听课2次,
/// 12月20日前完成): it sets or dates work, so it is an entry even when prose
/// follows it, never a heading that would take its quota and date away.
fn states_a_number(t: &str) -> bool {
    let mut runs = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|r| !r.is_empty());
    runs.any(|r| r.len() != 4)
}

/// A short unmarked line without punctuation that heads content.
fn plain_heading(t: &str, next: Option<&Block>, s: &str) -> bool {
    let Some(next) = next else { return false };
    let body = t.trim_end_matches(':');
    // `附:具体工作安排` (an appendix) is a heading despite its colon
    let body = body.strip_prefix("附:").unwrap_or(body);
    if body.is_empty()
        || longer_than(body, MAX_PLAIN_HEADING)
        || body.chars().any(|c| !c.is_alphanumeric() && c != ' ')
        || ["以下", "如下", "下列"].iter().any(|w| body.contains(w))
    {
        return false;
    }
    match &next.marker {
        Some(_) => true,
        // followed by a prose paragraph, not by another bare line
        None => {
            let nt = &s[next.range.clone()];
            longer_than(nt, MAX_PLAIN_HEADING) || nt.chars().any(|c| matches!(c, '。' | ',' | ';'))
        }
    }
}

fn is_signature(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty() && !longer_than(t, MAX_SIGNATURE) && !t.contains('。') && SIGNATURE.is_match(t)
}

/// On a one-line page the signature trails the last entry
/// (`…2、每周三次体育锻炼。学校体育组`): cut it into a block of its own.
fn split_signature(s: &str, blocks: &mut Vec<Block>) {
    let Some(last) = blocks.last_mut().filter(|b| b.marker.is_some()) else {
        return;
    };
    let t = &s[last.range.clone()];
    let Some(cut) = t
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, '。' | '!' | '?'))
        .map(|(i, c)| last.range.start + i + c.len_utf8())
    else {
        return;
    };
    let tail = s[cut..last.range.end].trim();
    if !is_signature(tail) {
        return;
    }
    let end = last.range.end;
    last.range.end = cut;
    let start = end - tail.len();
    blocks.push(Block {
        range: start..end,
        marker: None,
    });
}

/// Marks the unmarked short lines that close a document (signature,
/// date) as items of role other outside any section.
fn mark_signature(norm: &NormText, items: &mut [Item]) {
    for it in items.iter_mut().rev() {
        if it.marker.is_some() || !is_signature(norm.slice_chars(it.norm.clone())) {
            break;
        }
        it.role = Role::Other;
        it.section = None;
    }
}

/// Months of an item: those of its nearest month-heading section (the
/// schedule line `1、课题资料整理` under `三月:` → [3]); empty when none.
pub fn item_months<'a>(doc: &'a Document, item: &Item) -> &'a [u32] {
    let mut cur = item.section.as_deref();
    while let Some(id) = cur {
        let Some(s) = doc.sections.iter().find(|s| s.id == id) else {
            break;
        };
        if !s.months.is_empty() {
            return &s.months;
        }
        cur = s.parent.as_deref();
    }
    &[]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (sections as "level marker heading", items as "section role text")
    fn doc(s: &str) -> Document {
        let src = SourceText::new(s.to_string());
        let norm = crate::clean::clean(&src);
        let (norm, mut docs) = crate::split::split(&src, norm);
        structure(&src, &norm, &mut docs[0]);
        docs.swap_remove(0)
    }

    fn run(s: &str) -> (Vec<String>, Vec<String>) {
        let d = &doc(s);
        let secs = d
            .sections
            .iter()
            .map(|s| format!("{} {}{}", s.level, s.marker, s.heading))
            .collect();
        let items = d
            .items
            .iter()
            .map(|i| {
                format!(
                    "{} {:?} {}",
                    i.section.as_deref().unwrap_or("-"),
                    i.role,
                    i.text
                )
            })
            .collect();
        (secs, items)
    }

    proptest::proptest! {
        /// The lead-byte scan finds the chars that a walk over every char
        /// finds (the scan it replaced).
        #[test]
        fn marker_starts_match_a_walk_over_every_char(
            line in "[0-9a-z (一二三四十七九月、。!?;:！？】①⑴⒈㈠“”中教年\\t]{0,24}",
            skip in 0usize..6,
        ) {
            let skip = line.char_indices().nth(skip).map_or(line.len(), |(i, _)| i);
            let mut want = Vec::new();
            let mut prev = ' ';
            for (i, c) in line.char_indices().skip_while(|&(i, _)| i < skip) {
                let after = prev;
                if c != ' ' {
                    prev = c;
                }
                if i > 0 && may_start_after(c, after) {
                    want.push(i);
                }
            }
            let mut got = Vec::new();
            marker_starts(&line, skip, &mut got);
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn ids_are_a_prefix_and_a_number() {
        assert_eq!(id('i', 1), "i1");
        assert_eq!(id('s', 10), "s10");
        assert_eq!(id('i', 0), "i0");
        assert_eq!(id('i', usize::MAX), format!("i{}", usize::MAX));
    }

    #[test]
    fn numbered_line_heading_prose_is_a_section() {
        let (secs, items) = run("德育工作计划\n一、主要措施\n1、加强班主任培训。\n本学期组织两次培训。每月召开一次例会。\n2、开展主题班会。\n每周一节班会课。\n");
        assert_eq!(
            secs,
            ["1 一、主要措施", "2 1、加强班主任培训", "2 2、开展主题班会"]
        );
        assert_eq!(
            items,
            [
                "s2 Measure 本学期组织两次培训",
                "s2 Measure 每月召开一次例会",
                "s3 Measure 每周一节班会课"
            ]
        );
    }

    #[test]
    fn a_numbered_line_that_sets_a_number_stays_an_entry() {
        let (secs, items) = run("计划\n一、师徒结对\n1、加强集体备课。\n2、青年教师每月至少听课2次\n师傅要认真指导。\n3、课题研究\n做好课题结题。\n");
        assert_eq!(secs, ["1 一、师徒结对", "2 3、课题研究"]);
        assert_eq!(
            items,
            [
                "s1 Measure 加强集体备课",
                "s1 Measure 青年教师每月至少听课2次",
                "s1 Measure 师傅要认真指导",
                "s2 Measure 做好课题结题"
            ]
        );
        assert!(states_a_number("截止12月20日,完成中期报告"));
        assert!(!states_a_number("2021学年第一学期工作重点"));
    }

    #[test]
    fn numbered_entries_are_items_with_gaps_kept() {
        let (secs, items) = run("计划\n二、工作目标\n1、提高质量。\n3、减轻负担;\n");
        assert_eq!(secs, ["1 二、工作目标"]);
        assert_eq!(items, ["s1 Goal 提高质量", "s1 Goal 减轻负担"]);
    }

    #[test]
    fn month_headings_inline_and_joint() {
        let (secs, items) = run("安排\n九月份: 1、拟写计划\n2、召开会议\n十月、十一月:\n⑴ 期中检查\n十二月:组织考试。\n");
        assert_eq!(secs, ["1 九月份", "1 十月、十一月", "1 十二月"]);
        assert_eq!(
            items,
            [
                "s1 Schedule 拟写计划",
                "s1 Schedule 召开会议",
                "s2 Schedule 期中检查",
                "s3 Schedule 组织考试"
            ]
        );
        let p =
            crate::extract_bytes("t.txt", "安排\n七月、八月:\n1、暑期培训\n".as_bytes()).unwrap();
        let d = &p.extract.documents[0];
        assert_eq!(item_months(d, &d.items[0]), [7, 8]);
    }

    #[test]
    fn a_month_heading_after_a_heading_without_a_stop_is_cut() {
        let (secs, items) = run("安排\n行事历九月份:1、拟写计划;2、召开会议\n四、每月工作安排二月:制订计划。十二月份、一月份:期末考试\n");
        assert_eq!(
            secs,
            [
                "1 九月份",
                "1 四、每月工作安排",
                "2 二月",
                "2 十二月份、一月份"
            ]
        );
        let (secs, _) = run("安排\n一、月度工作安排9月份1. 制订计划2. 召开会议10月份1. 期中考试\n");
        assert_eq!(secs, ["1 一、月度工作安排", "2 9月份", "2 10月份"]);
        assert_eq!(
            items,
            [
                "- Other 行事历",
                "s1 Schedule 拟写计划",
                "s1 Schedule 召开会议",
                "s3 Schedule 制订计划",
                "s4 Schedule 期末考试"
            ]
        );
        // a month inside a number or a date is not a heading
        let (secs, _) = run("安排\n定于第十二月:开会。\n");
        assert!(secs.is_empty(), "{secs:?}");
        assert_eq!(
            month_before_colon("于十二月:", 0, "于十二月".len()),
            Some("于".len())
        );
        assert_eq!(month_before_colon("2021年3月:", 0, "2021年3月".len()), None);
    }

    #[test]
    fn stages_and_numbered_months_schedule_their_entries() {
        let text = "课题计划\n一、研究步骤\n第一阶段(3月—4月):准备阶段\n1、成立课题组。\n2、学习理论。\n第二阶段(5月)\n1、开展课堂研究。\n二、行事历\n(一)九月份\n1、制定计划\n(二)十二月至次年一月\n1、期末复习\n三、保障措施\n1、加强领导。\n";
        let (secs, items) = run(text);
        assert_eq!(
            secs,
            [
                "1 一、研究步骤",
                "2 第一阶段(3月—4月):准备阶段",
                "2 第二阶段(5月)",
                "1 二、行事历",
                "2 (一)九月份",
                "2 (二)十二月至次年一月",
                "1 三、保障措施"
            ]
        );
        assert_eq!(
            items,
            [
                "s2 Schedule 成立课题组",
                "s2 Schedule 学习理论",
                "s3 Schedule 开展课堂研究",
                "s5 Schedule 制定计划",
                "s6 Schedule 期末复习",
                "s7 Measure 加强领导"
            ]
        );
        let d = doc(text);
        let months: Vec<Vec<u32>> = d
            .items
            .iter()
            .map(|i| item_months(&d, i).to_vec())
            .collect();
        assert_eq!(
            months,
            [
                vec![3, 4],
                vec![3, 4],
                vec![5],
                vec![9],
                vec![12, 1],
                vec![]
            ]
        );
    }

    #[test]
    fn siblings_of_a_list_are_one_kind_of_node() {
        let (secs, items) = run("计划\n一、主要措施\n1. 建设书香校园。各班设立图书角,每月更新一次。\n2. 加强教师培训\n组织新教师岗前培训。\n3. 推进课题研究\n做好中期评估。\n4. 每月开展2次教研活动。各组轮流主持。\n二、工作目标\n1. 提高质量。\n2. 减轻负担。\n3. 家校共育\n");
        assert_eq!(
            secs,
            [
                "1 一、主要措施",
                "2 1.建设书香校园",
                "2 2.加强教师培训",
                "2 3.推进课题研究",
                "1 二、工作目标"
            ]
        );
        assert_eq!(
            items,
            [
                "s2 Measure 各班设立图书角,每月更新一次",
                "s3 Measure 组织新教师岗前培训",
                "s4 Measure 做好中期评估",
                // it sets a number: an entry, whose quota stays readable
                "s1 Measure 每月开展2次教研活动。各组轮流主持",
                "s5 Goal 提高质量",
                "s5 Goal 减轻负担",
                "s5 Goal 家校共育"
            ]
        );
    }

    #[test]
    fn table_header_rows_are_neither_headings_nor_items() {
        let (secs, items) =
            run("安排\n九月份\n月份\t内容\n1、制定计划\n十月份\n月份 工作内容\n开展教研活动\n");
        assert_eq!(secs, ["1 九月份", "1 十月份"]);
        assert_eq!(items, ["s1 Schedule 制定计划", "s2 Schedule 开展教研活动"]);
        let p = crate::extract_bytes(
            "t.txt",
            "安排\n十一月\n时间 活动内容 负责人\n1、课题中期检查\n".as_bytes(),
        )
        .unwrap();
        let events: Vec<_> = p.extract.documents[0]
            .events
            .iter()
            .map(|e| (e.text.as_str(), e.when.month))
            .collect();
        assert_eq!(events, [("课题中期检查", Some(11))]);
    }

    #[test]
    fn one_line_document_with_inline_markers() {
        let (secs, items) = run("体育组计划\n一、指导思想以健康第一为指导,全面发展。二、具体措施1、开展大课间活动。2、每周三次体育锻炼。学校体育组");
        assert_eq!(secs, ["1 一、指导思想", "1 二、具体措施"]);
        assert_eq!(
            items,
            [
                "s1 Measure 以健康第一为指导,全面发展",
                "s2 Measure 开展大课间活动",
                "s2 Measure 每周三次体育锻炼",
                "- Other 学校体育组"
            ]
        );
    }

    #[test]
    fn list_after_a_colon_nests_under_the_open_entry() {
        let (secs, items) = run("计划\n一、要点\n1.做好培训\n安排如下:\n1.新教师培训\n2.骨干培训\n2.做好教研\n开展教研活动。\n");
        assert_eq!(secs, ["1 一、要点", "2 1.做好培训", "2 2.做好教研"]);
        assert_eq!(
            items[1..3],
            ["s2 Measure 新教师培训", "s2 Measure 骨干培训"]
        );
    }

    #[test]
    fn signature_lines_close_the_document() {
        let (_, items) = run("总结\n一、成绩\n完成了工作。\n\n实验小学教导处\n2023年6月30日\n");
        assert_eq!(
            items[1..],
            ["- Other 实验小学教导处", "- Other 2023年6月30日"]
        );
    }
}

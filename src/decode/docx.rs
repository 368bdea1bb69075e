//! Word .docx → plain text, as a reader sees the page.
//!
//! Paragraphs of the main document part become lines in order; a table row
//! becomes one line with its cells separated by tabs; soft breaks become
//! spaces. Headers, footers, comments and footnotes live in other parts and
//! are never read; deleted and moved-away revisions are skipped, insertions
//! kept. Word's automatic numbering is rendered from `word/numbering.xml`, so
//! a list paragraph shows "一、" or "（二）" or "1." as it does on screen: plans
//! keep their whole structure there.

use crate::error::{Error, Result};
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// A part larger than this is refused rather than inflated (zip bombs).
const PART_LIMIT: u64 = 256 << 20;

/// The text of a .docx file's main document.
pub fn read(name: &str, bytes: &[u8]) -> Result<String> {
    let damaged = |why: String| Error::Unreadable {
        path: name.to_string(),
        message: format!("a damaged zip/.docx archive: {why}"),
    };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    let mut part = |path: &str| -> Result<Option<String>> {
        let mut file = match zip.by_name(path) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => return Err(damaged(format!("{path}: {e}"))),
        };
        let mut raw = Vec::new();
        (&mut file)
            .take(PART_LIMIT + 1)
            .read_to_end(&mut raw)
            .map_err(|e| damaged(format!("{path}: {e}")))?;
        if raw.len() as u64 > PART_LIMIT {
            return Err(damaged(format!("{path} inflates past {PART_LIMIT} bytes")));
        }
        Ok(Some(String::from_utf8_lossy(&raw).into_owned()))
    };
    let main = part("_rels/.rels")?
        .and_then(|rels| target(&rels, "officeDocument"))
        .unwrap_or_else(|| "word/document.xml".into());
    let Some(document) = part(&main)? else {
        return Err(not_word(name, &mut part)?);
    };
    let (dir, file) = main.rsplit_once('/').unwrap_or(("", &main));
    let rels = part(&join(dir, &format!("_rels/{file}.rels")))?.unwrap_or_default();
    let numbering = part(&join(
        dir,
        &target(&rels, "numbering").unwrap_or_else(|| "numbering.xml".into()),
    ))?
    .map(|x| Numbering::parse(&x))
    .unwrap_or_default();
    let styles = part(&join(
        dir,
        &target(&rels, "styles").unwrap_or_else(|| "styles.xml".into()),
    ))?
    .map(|x| parse_styles(&x))
    .unwrap_or_default();
    body_text(&document, numbering, &styles).map_err(|e| damaged(format!("{main}: {e}")))
}

/// The error for a zip that holds no Word document: says what it holds.
fn not_word(name: &str, part: &mut impl FnMut(&str) -> Result<Option<String>>) -> Result<Error> {
    let what = if part("xl/workbook.xml")?.is_some() {
        "an Excel workbook (.xlsx), not a Word document"
    } else if part("ppt/presentation.xml")?.is_some() {
        "a PowerPoint file (.pptx), not a Word document"
    } else if part("mimetype")?.is_some_and(|m| m.contains("opendocument.text")) {
        "an OpenDocument text (.odt); convert it with `libreoffice --headless --convert-to docx FILE`"
    } else {
        "a zip archive that holds no Word document (no word/document.xml)"
    };
    Ok(Error::NotText {
        path: name.to_string(),
        what: what.to_string(),
    })
}

/// `dir/rel`, with `../` steps resolved and a leading `/` taken as the root.
fn join(dir: &str, rel: &str) -> String {
    if let Some(abs) = rel.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in rel.split('/') {
        match p {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The target of the first relationship whose type ends with `/kind`.
fn target(rels: &str, kind: &str) -> Option<String> {
    let mut reader = Reader::from_str(rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "Relationship" => {
                let ty = attr(&e, "Type")?;
                if ty.rsplit('/').next() == Some(kind) {
                    return attr(&e, "Target");
                }
            }
            Ok(Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    let a = e.try_get_attribute(key).ok()??;
    Some(
        a.normalized_value(XmlVersion::Implicit1_0)
            .ok()?
            .into_owned(),
    )
}

/// The `w:val` attribute, the one that carries values in WordprocessingML.
fn val(e: &BytesStart) -> Option<String> {
    attr(e, "w:val")
}

// ---- numbering ----

/// One level of a list definition (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// `w:lvlRestart`: restart after a use of a level numbered at most this
    /// (1-based); 0 never restarts. None: after any shallower level.
    restart: Option<u32>,
    /// `w:isLgl`: every level shows as a decimal number.
    legal: bool,
    /// What follows the marker: "tab" (default), "space" or "nothing".
    suffix: String,
    /// `w:pStyle`: the paragraph style that takes this level.
    style: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// Per level: a start override and/or a whole replacement level.
    overrides: HashMap<usize, (Option<u32>, Option<Level>)>,
}

/// The list definitions of `word/numbering.xml` and the running counters.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Option<Level>>>,
    nums: HashMap<String, Num>,
    /// Current value of each level, per list definition: every `w:num` of
    /// one `w:abstractNum` continues the same count, as in Word.
    counters: HashMap<String, [Option<u32>; 9]>,
    /// The `w:num`s used so far: a start override restarts its level at the
    /// first paragraph of its `w:num` only.
    started: std::collections::HashSet<String>,
}

impl Numbering {
    fn parse(xml: &str) -> Numbering {
        let mut n = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut abs: Option<(String, Vec<Option<Level>>)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut lvl: Option<(usize, Level)> = None;
        let mut over: Option<usize> = None;
        loop {
            let (e, empty) = match reader.read_event() {
                Ok(Event::Start(e)) => (e, false),
                Ok(Event::Empty(e)) => (e, true),
                Ok(Event::End(e)) => {
                    match e.name().as_ref() {
                        "w:abstractNum" => {
                            if let Some((id, levels)) = abs.take() {
                                n.abstracts.insert(id, levels);
                            }
                        }
                        "w:num" => {
                            if let Some((id, num)) = num.take() {
                                n.nums.insert(id, num);
                            }
                        }
                        "w:lvl" => {
                            if let Some((i, level)) = lvl.take() {
                                if let Some((_, levels)) = abs.as_mut() {
                                    if let Some(slot) = levels.get_mut(i) {
                                        *slot = Some(level);
                                    }
                                } else if let (Some((_, num)), Some(o)) = (num.as_mut(), over) {
                                    num.overrides.entry(o).or_default().1 = Some(level);
                                }
                            }
                        }
                        "w:lvlOverride" => over = None,
                        _ => {}
                    }
                    continue;
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => continue,
            };
            match e.name().as_ref() {
                "w:abstractNum" if !empty => {
                    abs = attr(&e, "w:abstractNumId").map(|id| (id, vec![None; 9]));
                }
                "w:num" if !empty => {
                    num = attr(&e, "w:numId").map(|id| (id, Num::default()));
                }
                "w:abstractNumId" => {
                    if let (Some((_, num)), Some(v)) = (num.as_mut(), val(&e)) {
                        num.abstract_id = v;
                    }
                }
                "w:lvlOverride" if !empty => {
                    over = attr(&e, "w:ilvl").and_then(|v| v.parse().ok());
                }
                "w:startOverride" => {
                    if let (Some((_, num)), Some(o)) = (num.as_mut(), over) {
                        num.overrides.entry(o).or_default().0 =
                            val(&e).and_then(|v| v.parse().ok());
                    }
                }
                "w:lvl" if !empty => {
                    let i = attr(&e, "w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                    lvl = (i < 9).then(|| {
                        (
                            i,
                            Level {
                                start: 1,
                                format: "decimal".into(),
                                suffix: "tab".into(),
                                ..Level::default()
                            },
                        )
                    });
                }
                name => {
                    if let Some((_, level)) = lvl.as_mut() {
                        let v = val(&e);
                        match name {
                            "w:start" => level.start = v.and_then(|v| v.parse().ok()).unwrap_or(1),
                            "w:numFmt" => level.format = v.unwrap_or_default(),
                            "w:lvlText" => level.text = v.unwrap_or_default(),
                            "w:lvlRestart" => level.restart = v.and_then(|v| v.parse().ok()),
                            "w:isLgl" => level.legal = v.is_none_or(|v| v != "0" && v != "false"),
                            "w:suff" => level.suffix = v.unwrap_or_default(),
                            "w:pStyle" => level.style = v,
                            _ => {}
                        }
                    }
                }
            }
        }
        n
    }

    /// The definition of level `ilvl` of list `num_id`, with its overrides.
    fn level(&self, num_id: &str, ilvl: usize) -> Option<Level> {
        let num = self.nums.get(num_id)?;
        let (start, whole) = num.overrides.get(&ilvl).cloned().unwrap_or_default();
        let mut level = whole.or_else(|| {
            self.abstracts
                .get(&num.abstract_id)?
                .get(ilvl)
                .cloned()
                .flatten()
        })?;
        if let Some(s) = start {
            level.start = s;
        }
        Some(level)
    }

    /// The level a style is bound to in a list (headings numbered by style).
    fn level_of_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let num = self.nums.get(num_id)?;
        self.abstracts
            .get(&num.abstract_id)?
            .iter()
            .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style))
    }

    /// Counts one paragraph of list `num_id` at level `ilvl` and renders its
    /// marker with the suffix that follows it ("一、", "（2）", "1. ").
    fn next_marker(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let ilvl = ilvl.min(8);
        let num = self.nums.get(num_id)?;
        let key = num.abstract_id.clone();
        let restarts: Vec<usize> = if self.started.insert(num_id.to_string()) {
            num.overrides
                .iter()
                .filter(|(_, (start, whole))| start.is_some() || whole.is_some())
                .map(|(&l, _)| l)
                .collect()
        } else {
            Vec::new()
        };
        let levels: Vec<Option<Level>> = (0..9).map(|l| self.level(num_id, l)).collect();
        let this = levels[ilvl].clone()?;
        let counters = self.counters.entry(key).or_insert([None; 9]);
        for l in restarts.into_iter().filter(|&l| l < 9) {
            counters[l] = None;
        }
        counters[ilvl] = Some(counters[ilvl].map_or(this.start, |c| c + 1));
        for (d, level) in levels.iter().enumerate().skip(ilvl + 1) {
            let restart = level.as_ref().and_then(|l| l.restart);
            if restart.is_none_or(|r| r != 0 && ilvl < r as usize) {
                counters[d] = None;
            }
        }
        let mut marker = String::new();
        let mut chars = this.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match (c, digit) {
                ('%', Some(d @ 1..=9)) => {
                    chars.next();
                    let l = d as usize - 1;
                    let value = counters[l]
                        .or_else(|| levels[l].as_ref().map(|x| x.start))
                        .unwrap_or(1);
                    let format = match &levels[l] {
                        _ if this.legal => "decimal",
                        Some(level) => level.format.as_str(),
                        None => "decimal",
                    };
                    marker.push_str(&format_number(value, format));
                }
                _ => marker.push(bullet(c)),
            }
        }
        if this.format == "none" || marker.trim().is_empty() {
            return None;
        }
        // A tab or space after a marker ending in CJK punctuation (一、) is
        // not written in plain-text plans; after "1." it is.
        let cjk_end = marker
            .chars()
            .last()
            .is_some_and(|c| !c.is_ascii() && !c.is_alphanumeric());
        if this.suffix != "nothing" && !cjk_end {
            marker.push(' ');
        }
        Some(marker)
    }
}

/// Bullets drawn from Symbol/Wingdings fonts sit in the private use area;
/// shown as the bullet a reader sees.
fn bullet(c: char) -> char {
    match c {
        '\u{F000}'..='\u{F0FF}' => '•',
        c => c,
    }
}

const CN_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const CN_LEGAL_SIMP: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const CN_LEGAL_TRAD: [char; 10] = ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'];

/// A counter value in one of Word's `w:numFmt` styles; unknown styles and
/// values past a style's range fall back to decimal, as Word does.
fn format_number(n: u32, format: &str) -> String {
    let enclosed = |base: u32, count: u32| {
        (1..=count)
            .contains(&n)
            .then(|| char::from_u32(base + n - 1))
            .flatten()
    };
    let cycle = |set: &str| {
        let set: Vec<char> = set.chars().collect();
        set[(n.max(1) as usize - 1) % set.len()].to_string()
    };
    match format {
        "decimalZero" if n < 10 => format!("0{n}"),
        "upperRoman" => roman(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let i = n.max(1) - 1;
            let c = char::from(base + (i % 26) as u8);
            c.to_string().repeat(i as usize / 26 + 1)
        }
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting"
        | "koreanCounting"
            if n < 100_000 =>
        {
            chinese(n, &CN_DIGITS, ['十', '百', '千', '万'], '零')
        }
        "chineseLegalSimplified" if n < 100_000 => {
            chinese(n, &CN_LEGAL_SIMP, ['拾', '佰', '仟', '万'], '零')
        }
        "ideographLegalTraditional" if n < 100_000 => {
            chinese(n, &CN_LEGAL_TRAD, ['拾', '佰', '仟', '萬'], '零')
        }
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => n
            .to_string()
            .chars()
            .map(|d| CN_DIGITS[d.to_digit(10).unwrap_or(0) as usize])
            .collect(),
        "ideographTraditional" => cycle("甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle("子丑寅卯辰巳午未申酉戌亥"),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed(0x2460, 20)
            .or_else(|| {
                (21..=35)
                    .contains(&n)
                    .then(|| char::from_u32(0x3251 + n - 21))
                    .flatten()
            })
            .or_else(|| {
                (36..=50)
                    .contains(&n)
                    .then(|| char::from_u32(0x32B1 + n - 36))
                    .flatten()
            })
            .map_or_else(|| n.to_string(), String::from),
        "ideographEnclosedCircle" => {
            enclosed(0x3220, 10).map_or_else(|| format!("({n})"), String::from)
        }
        "decimalEnclosedParen" => {
            enclosed(0x2474, 20).map_or_else(|| format!("({n})"), String::from)
        }
        "decimalEnclosedFullstop" => {
            enclosed(0x2488, 20).map_or_else(|| format!("{n}."), String::from)
        }
        "decimalFullWidth" | "decimalFullWidth2" => n
            .to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + 0xFF10).unwrap_or(d))
            .collect(),
        "none" => String::new(),
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// Chinese counting numerals below 100000: 10 → 十, 21 → 二十一, 105 → 一百零五.
fn chinese(n: u32, digits: &[char; 10], units: [char; 4], zero: char) -> String {
    if n == 0 {
        return digits[0].to_string();
    }
    let places = [
        (n / 10000 % 10, Some(units[3])),
        (n / 1000 % 10, Some(units[2])),
        (n / 100 % 10, Some(units[1])),
        (n / 10 % 10, Some(units[0])),
        (n % 10, None),
    ];
    let mut s = String::new();
    let mut pending_zero = false;
    for (d, unit) in places {
        if d == 0 {
            pending_zero = !s.is_empty();
            continue;
        }
        if pending_zero {
            s.push(zero);
            pending_zero = false;
        }
        // 十一, not 一十一, when the tens lead.
        if !(d == 1 && unit == Some(units[0]) && s.is_empty()) {
            s.push(digits[d as usize]);
        }
        if let Some(u) = unit {
            s.push(u);
        }
    }
    s
}

// ---- styles ----

/// The list numbering a paragraph style carries.
#[derive(Debug, Clone, Default)]
struct StyleNum {
    num_id: Option<String>,
    ilvl: Option<usize>,
}

/// Paragraph style id → its numbering.
type Styles = HashMap<String, StyleNum>;

/// Numbering carried by paragraph styles, with `w:basedOn` resolved.
fn parse_styles(xml: &str) -> Styles {
    // Style id → its own numbering and the style it is based on.
    let mut own: HashMap<String, (StyleNum, Option<String>)> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let mut current: Option<String> = None;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == "w:style" => {
                current = attr(&e, "w:styleId");
                if let Some(id) = &current {
                    own.insert(id.clone(), Default::default());
                }
            }
            Ok(Event::End(e)) if e.name().as_ref() == "w:style" => current = None,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                if let Some(entry) = current.as_ref().and_then(|id| own.get_mut(id)) {
                    match e.name().as_ref() {
                        "w:numId" => entry.0.num_id = val(&e),
                        "w:ilvl" => entry.0.ilvl = val(&e).and_then(|v| v.parse().ok()),
                        "w:basedOn" => entry.1 = val(&e),
                        _ => {}
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut resolved = HashMap::new();
    for id in own.keys() {
        let mut num = StyleNum::default();
        let mut at = Some(id.clone());
        // Bounded walk: a style chain is short, and a cycle must not hang.
        for _ in 0..16 {
            let Some((n, base)) = at.as_ref().and_then(|a| own.get(a)) else {
                break;
            };
            num.num_id = num.num_id.or_else(|| n.num_id.clone());
            num.ilvl = num.ilvl.or(n.ilvl);
            at = base.clone();
        }
        if num.num_id.is_some() || num.ilvl.is_some() {
            resolved.insert(id.clone(), num);
        }
    }
    resolved
}

// ---- the document body ----

/// Where finished text goes: the body's lines, or the table cell being read.
enum Frame {
    Row(Vec<String>),
    Cell(String),
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
}

/// Elements whose whole content is skipped: deleted and moved-away text,
/// earlier formatting kept by track changes, and fallback copies of content
/// that `mc:Choice` already holds.
const SKIP: &[&str] = &[
    "w:del",
    "w:moveFrom",
    "w:pPrChange",
    "w:rPrChange",
    "w:tblPrChange",
    "w:trPrChange",
    "w:tcPrChange",
    "w:sectPrChange",
    "w:numberingChange",
    "mc:Fallback",
    "w:instrText",
    "w:delInstrText",
];

fn body_text(
    xml: &str,
    mut numbering: Numbering,
    styles: &Styles,
) -> std::result::Result<String, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut lines: Vec<String> = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut paras: Vec<Para> = Vec::new();
    let mut skip_depth = 0usize;
    let mut in_text = false;
    let mut in_ppr = false;
    let deliver = |frames: &mut Vec<Frame>, lines: &mut Vec<String>, text: String| {
        if let Some(Frame::Cell(cell)) = frames.last_mut() {
            if !cell.is_empty() && !text.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&text);
        } else {
            lines.push(text);
        }
    };
    loop {
        let event = reader.read_event()?;
        if skip_depth > 0 {
            match event {
                Event::Start(_) => skip_depth += 1,
                Event::End(_) => skip_depth -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(e) => match e.name().as_ref() {
                n if SKIP.contains(&n) => skip_depth = 1,
                "w:p" => paras.push(Para::default()),
                "w:pPr" => in_ppr = true,
                "w:t" => in_text = true,
                "w:tr" => frames.push(Frame::Row(Vec::new())),
                "w:tc" => frames.push(Frame::Cell(String::new())),
                n => para_prop(n, &e, in_ppr, &mut paras),
            },
            Event::Empty(e) => {
                let name = e.name();
                if in_ppr {
                    para_prop(name.as_ref(), &e, in_ppr, &mut paras);
                    continue;
                }
                if name.as_ref() == "w:p" {
                    deliver(&mut frames, &mut lines, String::new());
                    continue;
                }
                let Some(p) = paras.last_mut() else { continue };
                match name.as_ref() {
                    "w:tab" | "w:ptab" => p.text.push('\t'),
                    "w:br" | "w:cr" => p.text.push(' '),
                    "w:noBreakHyphen" => p.text.push('-'),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if in_text => {
                if let Some(p) = paras.last_mut() {
                    p.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(p) = paras.last_mut() {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match r.xml10_content().as_ref() {
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "amp" => Some('&'),
                            "apos" => Some('\''),
                            "quot" => Some('"'),
                            _ => None,
                        },
                    };
                    p.text.extend(c);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:pPr" => in_ppr = false,
                "w:p" => {
                    let Some(p) = paras.pop() else { continue };
                    let text = render_para(p, &mut numbering, styles);
                    deliver(&mut frames, &mut lines, text);
                }
                "w:tc" => {
                    if let Some(Frame::Cell(cell)) = frames.last() {
                        let cell = cell.replace(['\t', '\n'], " ");
                        frames.pop();
                        if let Some(Frame::Row(cells)) = frames.last_mut() {
                            cells.push(cell);
                        }
                    }
                }
                "w:tr" => {
                    if let Some(Frame::Row(cells)) = frames.last() {
                        let row = cells.join("\t");
                        frames.pop();
                        deliver(&mut frames, &mut lines, row);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(lines.join("\n"))
}

/// Reads the paragraph properties that decide its list marker.
fn para_prop(name: &str, e: &BytesStart, in_ppr: bool, paras: &mut [Para]) {
    let Some(p) = paras.last_mut().filter(|_| in_ppr) else {
        return;
    };
    match name {
        "w:pStyle" => p.style = val(e),
        "w:numId" => p.num_id = val(e),
        "w:ilvl" => p.ilvl = val(e).and_then(|v| v.parse().ok()),
        _ => {}
    }
}

/// A paragraph's line: its list marker (when numbered) and its text.
fn render_para(p: Para, numbering: &mut Numbering, styles: &Styles) -> String {
    let from_style = p.style.as_ref().and_then(|s| styles.get(s));
    let num_id = p
        .num_id
        .or_else(|| from_style.and_then(|s| s.num_id.clone()))
        .filter(|n| n != "0");
    let Some(num_id) = num_id else {
        return p.text;
    };
    let ilvl = p
        .ilvl
        .or_else(|| from_style.and_then(|s| s.ilvl))
        .or_else(|| {
            p.style
                .as_deref()
                .and_then(|s| numbering.level_of_style(&num_id, s))
        })
        .unwrap_or(0);
    // Word counts an empty numbered paragraph but a reader sees no item.
    let marker = numbering.next_marker(&num_id, ilvl);
    match marker {
        Some(m) if !p.text.trim().is_empty() => m + p.text.trim_start(),
        _ => p.text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_in_word_formats() {
        let f = format_number;
        assert_eq!(f(1, "chineseCounting"), "一");
        assert_eq!(f(10, "chineseCounting"), "十");
        assert_eq!(f(11, "chineseCountingThousand"), "十一");
        assert_eq!(f(20, "chineseCountingThousand"), "二十");
        assert_eq!(f(105, "chineseCountingThousand"), "一百零五");
        assert_eq!(f(1010, "chineseCountingThousand"), "一千零一十");
        assert_eq!(f(12, "chineseLegalSimplified"), "拾贰");
        assert_eq!(f(10, "ideographDigital"), "一〇");
        assert_eq!(f(3, "ideographTraditional"), "丙");
        assert_eq!(f(11, "ideographTraditional"), "甲");
        assert_eq!(f(3, "decimalEnclosedCircle"), "③");
        assert_eq!(f(21, "decimalEnclosedCircleChinese"), "㉑");
        assert_eq!(f(51, "decimalEnclosedCircle"), "51");
        assert_eq!(f(2, "ideographEnclosedCircle"), "㈡");
        assert_eq!(f(4, "decimalEnclosedParen"), "⑷");
        assert_eq!(f(1, "decimalEnclosedFullstop"), "⒈");
        assert_eq!(f(7, "decimalFullWidth"), "７");
        assert_eq!(f(2, "lowerLetter"), "b");
        assert_eq!(f(28, "upperLetter"), "BB");
        assert_eq!(f(14, "lowerRoman"), "xiv");
        assert_eq!(f(5, "decimalZero"), "05");
        assert_eq!(f(5, "cardinalText"), "5");
    }

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="0">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="Heading1"/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="space"/></w:lvl>
        <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3.%4"/><w:lvlRestart w:val="0"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="1">
        <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1、"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num>
    </w:numbering>"#;

    #[test]
    fn counts_levels_restarts_and_overrides() {
        let mut n = Numbering::parse(NUMBERING);
        let mut m = |id: &str, l: usize| n.next_marker(id, l).unwrap_or_default();
        assert_eq!(m("1", 0), "一、");
        assert_eq!(m("1", 1), "（一）");
        assert_eq!(m("1", 1), "（二）");
        assert_eq!(m("1", 2), "1. ");
        assert_eq!(m("1", 3), "1.1 ");
        assert_eq!(m("1", 0), "二、");
        // A shallower level restarts level 2 but not level 3 (lvlRestart 0).
        assert_eq!(m("1", 1), "（一）");
        assert_eq!(m("1", 2), "1. ");
        assert_eq!(m("1", 3), "1.2 ");
        // Another w:num of the same definition continues it, as in Word.
        assert_eq!(m("4", 0), "三、");
        // Start values; a start override restarts the count where its w:num
        // is first used, and the definition's other w:nums continue from there
        // (LibreOffice writes lists that way).
        assert_eq!(m("2", 0), "3、");
        assert_eq!(m("2", 0), "4、");
        assert_eq!(m("3", 0), "1、");
        assert_eq!(m("2", 0), "2、");
        assert_eq!(m("3", 0), "3、");
        assert_eq!(m("9", 0), "");
    }

    #[test]
    fn paragraphs_tables_revisions_and_breaks() {
        let doc = r#"<w:document xmlns:w="x" xmlns:mc="m"><w:body>
          <w:p><w:pPr><w:pStyle w:val="Heading1"/><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>指导思想</w:t></w:r></w:p>
          <w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>
            <w:r><w:t xml:space="preserve">每人</w:t></w:r><w:del><w:r><w:delText>至少</w:delText></w:r></w:del>
            <w:ins><w:r><w:t>不少于</w:t></w:r></w:ins><w:r><w:t>8篇</w:t><w:br/><w:t>论文&amp;案例</w:t></w:r></w:p>
          <w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:pPrChange><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>第二条</w:t></w:r></w:p>
          <w:p/>
          <w:tbl><w:tr><w:tc><w:p><w:r><w:t>三月</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>课题</w:t></w:r></w:p><w:p><w:r><w:t>开题</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
          <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>
        </w:body></w:document>"#;
        let styles = parse_styles(
            r#"<w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#,
        );
        let text = body_text(doc, Numbering::parse(NUMBERING), &styles).unwrap();
        assert_eq!(
            text,
            "一、指导思想\n（一）每人不少于8篇 论文&案例\n（二）第二条\n\n三月\t课题 开题\n甲"
        );
    }

    #[test]
    fn relative_part_paths() {
        assert_eq!(join("word", "numbering.xml"), "word/numbering.xml");
        assert_eq!(join("word", "../customXml/x.xml"), "customXml/x.xml");
        assert_eq!(join("word", "/word/styles.xml"), "word/styles.xml");
    }
}

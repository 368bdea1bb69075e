//! Messy copies of a document's text, as users send the same kind of
//! document: a PDF extract on one line with page marks between pages, hard
//! wraps, full-width digits and letters, GBK bytes, CRLF line ends, a web
//! page's furniture around it, stray watermark marks inside words, other
//! numbering schemes, and month schedules written inline. Each copy keeps
//! every word of the text, so the original's gold scores it.

use regex::Regex;

/// Families of variants, in the order [`variants`] returns them.
pub const FAMILIES: [&str; 12] = [
    "original",
    "oneline-slash",
    "oneline-dash",
    "oneline-page",
    "wrap35",
    "fullwidth",
    "gbk",
    "crlf",
    "web",
    "stray",
    "markers",
    "inline-months",
];

/// Every variant of `text`, as (family, bytes of a .txt file).
pub fn variants(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let all = [
        text.to_string(),
        one_line(text, |n, _| format!("{n}/{}", pages(text))),
        one_line(text, |n, _| format!("- {n} -")),
        one_line(text, |n, t| format!("第 {n} 页 共 {t} 页")),
        wrap(text, 35),
        full_width(text),
        String::new(),
        text.replace('\n', "\r\n"),
        web(text),
        stray(text),
        markers(text),
        inline_months(text),
    ];
    FAMILIES
        .iter()
        .zip(all)
        .map(|(&f, t)| {
            (
                f,
                if f == "gbk" {
                    gbk(text)
                } else {
                    t.into_bytes()
                },
            )
        })
        .collect()
}

/// Chars of text per page of the one-line copies: short enough that the
/// written fixtures span three pages or more (a series of marks).
const PAGE_CHARS: usize = 400;

fn pages(text: &str) -> usize {
    text.chars().count().div_ceil(PAGE_CHARS).max(1)
}

/// The lines joined with nothing, a page mark (page number, page count)
/// after the first line end past every [`PAGE_CHARS`] chars and at the end.
fn one_line(text: &str, mark: impl Fn(usize, usize) -> String) -> String {
    let total = pages(text);
    let mut out = String::new();
    let (mut page, mut on_page) = (1, 0);
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push_str(line);
        on_page += line.chars().count();
        if on_page >= PAGE_CHARS && page < total {
            out.push_str(&mark(page, total));
            page += 1;
            on_page = 0;
        }
    }
    out + &mark(page, total)
}

/// Every line cut into lines of `width` chars, wherever that falls.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let cs: Vec<char> = line.chars().collect();
        if cs.is_empty() {
            out.push('\n');
        }
        for chunk in cs.chunks(width) {
            out.extend(chunk);
            out.push('\n');
        }
    }
    out
}

/// Printable ASCII (digits, letters, punctuation) to full width.
fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// GBK bytes (GB18030 when some char has no GBK code).
fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, lost) = encoding_rs::GBK.encode(text);
    if lost {
        encoding_rs::GB18030.encode(text).0.into_owned()
    } else {
        bytes.into_owned()
    }
}

/// A web page's furniture around the text: navigation, page title and
/// metadata, a site intro; after it, links to the neighbouring articles, a
/// list of related ones, a hit counter and the copyright line.
fn web(text: &str) -> String {
    format!(
        "首页 | 工作计划 | 工作总结 | 心得体会 | 范文大全\n\
         当前位置：首页 > 工作计划 > 学校工作计划\n\
         学校工作计划范文\n\
         发布时间：2024-09-02 10:21:33 作者：佚名 点击量：1024\n\
         以下是小编为大家整理的学校工作计划范文，仅供参考，希望对大家有所帮助。\n\n\
         {text}\n\n\
         上一篇：2024年秋季学校安全工作计划\n\
         下一篇：小学语文教研组工作总结范文\n\
         相关文章\n\
         · 初中数学教研组工作计划\n\
         · 2024年幼儿园保教工作总结\n\
         · 小学德育工作计划范文\n\
         点击量：1024\n\
         版权所有 © 2024 学校范文网 All Rights Reserved 备案号：苏ICP备12345678号\n"
    )
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// A `'` or `.` (by turns) between two Han chars every 29 chars.
fn stray(text: &str) -> String {
    let cs: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut n = 0;
    for (i, &c) in cs.iter().enumerate() {
        out.push(c);
        if i % 29 == 28 && is_han(c) && cs.get(i + 1).copied().is_some_and(is_han) {
            out.push(if n % 2 == 0 { '\'' } else { '.' });
            n += 1;
        }
    }
    out
}

const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn cn_value(s: &str) -> Option<usize> {
    CN.iter().position(|&d| d == s).map(|i| i + 1)
}

/// Each numbering scheme at a line start written in another one of the
/// schemes Chinese documents use: `一、` → `第一、`, `(一)` → `㈠`, `1、`
/// / `1.` → `⒈`, `(1)` → `⑴`.
fn markers(text: &str) -> String {
    let re = Regex::new(
        r"(?m)^(?:(?P<cn>[一二三四五六七八九十])、|[(（](?P<pcn>[一二三四五六七八九十])[)）]|(?P<ar>[0-9]{1,2})[、.．]\s*|[(（](?P<par>[0-9]{1,2})[)）])",
    )
    .unwrap();
    re.replace_all(text, |c: &regex::Captures| {
        let shift = |base: u32, n: usize| char::from_u32(base + n as u32 - 1).unwrap().to_string();
        let num = |name| c.name(name).map(|m| m.as_str());
        if let Some(n) = num("cn") {
            format!("第{n}、")
        } else if let Some(n) = num("pcn").and_then(cn_value) {
            shift(0x3220, n)
        } else if let Some(n) = num("ar")
            .and_then(|s| s.parse().ok())
            .filter(|n| (1..=20).contains(n))
        {
            shift(0x2488, n)
        } else if let Some(n) = num("par")
            .and_then(|s| s.parse().ok())
            .filter(|n| (1..=20).contains(n))
        {
            shift(0x2474, n)
        } else {
            c[0].to_string()
        }
    })
    .into_owned()
}

/// A month heading on its own line and the numbered lines under it written
/// as one line: `九月份：1、…；2、…`.
fn inline_months(text: &str) -> String {
    let heading =
        Regex::new(r"^(?:[一二三四五六七八九十]{1,2}|[0-9]{1,2})月份?\s*[:：]?$").unwrap();
    let item = Regex::new(r"^(?:[0-9]{1,2}[、.．]|[(（][0-9]{1,2}[)）]|[①-⑳⑴-⒇⒈-⒛])").unwrap();
    let mut out: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let t = line.trim();
        if heading.is_match(t) {
            out.push(t.trim_end_matches([':', '：']).to_string() + "：");
            open = true;
        } else if open && item.is_match(t) {
            let last = out.last_mut().unwrap();
            if !last.ends_with('：') {
                last.push('；');
            }
            last.push_str(t.trim_end_matches(['。', '；', ';']));
        } else {
            open = false;
            out.push(line.to_string());
        }
    }
    out.join("\n") + "\n"
}

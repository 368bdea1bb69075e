//! PDF → plain text, from the PDF's text layer via poppler's `pdftotext`
//! (found on PATH; planx does no PDF parsing of its own). Page furniture is
//! removed: page numbers (`2/24`, `- 3 -`, `第 4 页`) and lines repeated at
//! the top or bottom of most pages (running headers and footers). A PDF
//! without a text layer (a scan) is refused: planx does no OCR.

use crate::error::{Error, Result};
use regex::Regex;
use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::LazyLock;

/// The text of a PDF file's pages, furniture removed, pages joined by a line end.
pub fn read(name: &str, bytes: &[u8]) -> Result<String> {
    let fail = |message: String| Error::Unreadable {
        path: name.to_string(),
        message,
    };
    let mut child = Command::new("pdftotext")
        .args(["-q", "-enc", "UTF-8", "-eol", "unix", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            fail(if e.kind() == std::io::ErrorKind::NotFound {
                "a PDF; reading PDFs needs poppler's `pdftotext`, which is not installed \
                 (Debian/Ubuntu: apt-get install poppler-utils; macOS: brew install poppler)"
                    .into()
            } else {
                format!("a PDF; cannot run pdftotext: {e}")
            })
        })?;
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| fail("pdftotext has no stdin".into()))?;
    // Feed stdin from a thread so a large output cannot block the write.
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child
        .wait_with_output()
        .map_err(|e| fail(format!("a PDF; pdftotext failed: {e}")))?;
    // pdftotext may stop reading early on a damaged file; its exit status
    // says what happened, so a broken pipe here is not the error to report.
    let _ = writer.join();
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        let why = why.lines().next().unwrap_or("no message").trim();
        return Err(fail(format!(
            "a PDF that pdftotext cannot read (damaged or encrypted?): {why}"
        )));
    }
    let raw = String::from_utf8_lossy(&out.stdout);
    let text = strip_furniture(&raw);
    if text.trim().is_empty() {
        return Err(fail(
            "a PDF with no text layer (a scanned image?); planx does not do OCR, \
             so run OCR on it first (e.g. ocrmypdf) or give the text"
                .into(),
        ));
    }
    Ok(text)
}

/// A line that is only a page number: `3`, `- 3 -`, `2/24`, `第 4 页`,
/// `第4页 共24页`, `Page 3 of 24`.
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^[\s\-–—]*
          (?: (?:page\s*)? \d{1,4} (?:\s*(?:/|of)\s*\d{1,4})?
            | 第\s*\d{1,4}\s*[页頁] (?:\s*[,，]?\s*共\s*\d{1,4}\s*[页頁])?
            | \d{1,4}\s*[页頁] )
          [\s\-–—]*$",
    )
    .expect("page number pattern compiles")
});

/// How many non-empty lines at each end of a page may be furniture.
const EDGE: usize = 2;

/// Removes page numbers and running headers and footers from `pdftotext`
/// output (pages separated by form feeds), and joins the pages.
fn strip_furniture(raw: &str) -> String {
    let mut pages: Vec<Vec<&str>> = raw.split('\x0c').map(|p| p.lines().collect()).collect();
    if pages
        .last()
        .is_some_and(|p| p.iter().all(|l| l.trim().is_empty()))
    {
        pages.pop();
    }
    // Edge lines by shape (digits folded, so "第3页" and "第4页" agree).
    let shape = |l: &str| -> String {
        l.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let edges = |page: &[&str]| -> Vec<usize> {
        let filled: Vec<usize> = (0..page.len())
            .filter(|&i| !page[i].trim().is_empty())
            .collect();
        let mut e: Vec<usize> = filled.iter().take(EDGE).copied().collect();
        e.extend(filled.iter().rev().take(EDGE).copied());
        e.sort_unstable();
        e.dedup();
        e
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in &pages {
        let mut shapes: Vec<String> = edges(page).into_iter().map(|i| shape(page[i])).collect();
        shapes.sort();
        shapes.dedup();
        for s in shapes {
            *seen.entry(s).or_default() += 1;
        }
    }
    // A running header is on most pages; with two pages, on both.
    let repeated = |s: &str| pages.len() >= 2 && seen.get(s).is_some_and(|&n| 2 * n > pages.len());
    let mut out = Vec::new();
    for page in &pages {
        let furniture = edges(page);
        let kept: Vec<&str> = page
            .iter()
            .enumerate()
            .filter(|&(i, l)| {
                !(furniture.contains(&i) && (PAGE_NUMBER.is_match(l) || repeated(&shape(l))))
            })
            .map(|(_, l)| *l)
            .collect();
        // A page break is a line break: a sentence running on to the next
        // page must not look like two paragraphs.
        let first = kept.iter().position(|l| !l.trim().is_empty());
        let last = kept.iter().rposition(|l| !l.trim().is_empty());
        if let (Some(a), Some(b)) = (first, last) {
            out.extend_from_slice(&kept[a..=b]);
        }
    }
    drop_autospace(&out.join("\n"))
}

/// Removes spaces between Han characters and Latin letters or digits: word
/// processors space mixed text when they lay it out (Word and LibreOffice
/// both do by default), and pdftotext turns that into spaces the author
/// never typed (`2021 年`).
fn drop_autospace(text: &str) -> String {
    let han = |c: char| matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}');
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' && i > 0 {
            let end = chars[i..]
                .iter()
                .position(|&c| c != ' ')
                .map_or(chars.len(), |n| i + n);
            let (before, after) = (chars[i - 1], chars.get(end).copied().unwrap_or(' '));
            let mixed = (han(before) && after.is_ascii_alphanumeric())
                || (before.is_ascii_alphanumeric() && han(after));
            if !mixed {
                out.extend(&chars[i..end]);
            }
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for l in [
            "3",
            " - 12 - ",
            "2/24",
            "10 / 24",
            "第 4 页",
            "第4頁 共24頁",
            "Page 3 of 24",
        ] {
            assert!(PAGE_NUMBER.is_match(l), "{l}");
        }
        for l in ["2020年", "3、开展课题研究", "1.5", "共收到论文46篇"] {
            assert!(!PAGE_NUMBER.is_match(l), "{l}");
        }
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let raw = "某某小学教科室\n一、指导思想\n坚持以人为本\n1/3\x0c\
                   某某小学教科室\n二、工作目标\n2/3\x0c\
                   某某小学教科室\n三、工作措施\n某某小学教科室是本校的科研部门\n3/3\x0c";
        assert_eq!(
            strip_furniture(raw),
            "一、指导思想\n坚持以人为本\n二、工作目标\n三、工作措施\n某某小学教科室是本校的科研部门"
        );
    }

    #[test]
    fn layout_spaces_between_han_and_latin_go() {
        assert_eq!(
            drop_autospace("2021 年秋季 学期 PPT 课件"),
            "2021年秋季 学期PPT课件"
        );
        assert_eq!(drop_autospace("a b  2"), "a b  2");
    }

    #[test]
    fn a_single_page_keeps_its_lines() {
        assert_eq!(
            strip_furniture("教科室工作计划\n一、目标\n"),
            "教科室工作计划\n一、目标"
        );
    }
}

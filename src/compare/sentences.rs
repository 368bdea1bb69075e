//! Summary sentences: what evidence is cut from. Each sentence keeps its
//! paragraph, the heading it stands under (a topic for alignment, weighed
//! less than its own words), the months it speaks of, chunk by chunk, and
//! its content terms.

use super::layout::{self, LineKind};
use super::terms::{self, Term};
use super::units::is_run_in_heading;
use crate::model::Document;
use crate::text::NormText;
use std::collections::HashSet;
use std::ops::Range;

/// Most paragraphs read as the opening before the first heading.
const MAX_OPENING_PARAGRAPHS: usize = 2;

#[derive(Debug, Clone)]
pub struct Sentence {
    /// Char range in the normalised text.
    pub norm: Range<usize>,
    /// Normalised text.
    pub text: String,
    /// Index of its line.
    pub para: usize,
    /// Index of its heading in `Summary::headings`.
    pub heading: Option<usize>,
    /// It stands before the first section heading of a summary that has
    /// sections: the opening, which speaks of the term in general
    /// (按照学期初制定的计划, 较好地完成了大部分工作).
    pub preamble: bool,
    /// It stands under a section heading about what comes next (下学期打算,
    /// 今后工作设想): it restates the plan as intention, reporting nothing.
    pub ahead: bool,
    /// Comma chunks (byte ranges of `text`) with the months each names,
    /// or the month of its line's schedule heading when none.
    pub chunks: Vec<(Range<usize>, Vec<u32>)>,
    months: Vec<u32>,
    pub terms: Vec<Term>,
    pub keys: HashSet<String>,
}

impl Sentence {
    /// Every month the sentence speaks of, in order, each once.
    pub fn months(&self) -> &[u32] {
        &self.months
    }

    /// The part of the sentence about month `m`: from the first chunk naming
    /// it to the next chunk naming other months only (寫字培訓3月、4月各進行了
    /// 一次,5月份因…未能安排 → the 5月 part for May). The whole sentence when
    /// no chunk names `m`.
    pub fn month_scope(&self, m: u32) -> Range<usize> {
        let Some(first) = self.chunks.iter().position(|c| c.1.contains(&m)) else {
            return 0..self.text.len();
        };
        let end = self.chunks[first + 1..]
            .iter()
            .position(|c| {
                !c.1.is_empty() && !c.1.contains(&m) && !moved_to(&self.text[c.0.clone()])
            })
            .map_or(self.text.len(), |k| self.chunks[first + k].0.end);
        // 组织了两次模拟考试,分别在三月和五月: a chunk of dates alone dates
        // the event of the chunk before it.
        let start = match first.checked_sub(1).map(|p| &self.chunks[p]) {
            Some(prev)
                if prev.1.is_empty()
                    && terms::terms(&self.text[self.chunks[first].0.clone()]).is_empty() =>
            {
                prev.0.start
            }
            _ => self.chunks[first].0.start,
        };
        start..end
    }
}

/// A chunk naming a month as where something was moved (推迟到下学期10月,
/// 调整到1月, 移至12月): it goes on about the same activity.
fn moved_to(chunk: &str) -> bool {
    layout::months_in(chunk)
        .first()
        .is_some_and(|&(at, _)| chunk[..at].contains(['到', '至']))
}

/// A heading or run-in heading of the summary, as a topic.
#[derive(Debug, Clone)]
pub struct Heading {
    pub text: String,
    pub terms: Vec<Term>,
    pub keys: HashSet<String>,
}

#[derive(Debug, Clone)]
pub struct Summary {
    pub sentences: Vec<Sentence>,
    pub headings: Vec<Heading>,
    /// The summary's own date (month, day), from the document or its last
    /// dated line: what is dated later is still ahead of it.
    pub date: Option<(u32, u32)>,
}

/// Reads the sentences of a summary document.
pub fn summary(norm: &NormText, doc: &Document) -> Summary {
    let text = norm.as_str();
    let mut sentences = Vec::new();
    let mut headings: Vec<Heading> = Vec::new();
    let mut section_heading: Option<usize> = None;
    let mut ahead = false;
    let mut date = doc_date(doc);
    for (para, line) in layout::doc_lines(norm, doc).into_iter().enumerate() {
        let line_text = &text[line.bytes.clone()];
        match line.kind {
            LineKind::Title => continue,
            LineKind::Heading | LineKind::Month => {
                if let Some((_, m, d)) = layout::dates_in(line_text).last() {
                    if line_text.chars().count() <= 12 {
                        date = date.or(Some((*m, *d)));
                    }
                }
                section_heading = Some(push_heading(&mut headings, line_text));
                ahead = is_ahead_heading(line_text);
                continue;
            }
            LineKind::Body => {}
        }
        let mut heading = section_heading;
        let parts = layout::sentences(text, line.bytes.clone());
        for (k, s) in parts.iter().enumerate() {
            let s_text = &text[s.clone()];
            if k == 0 && parts.len() > 1 && is_run_in_heading(text, s.clone()) {
                let mut h = headings
                    .get(section_heading.unwrap_or(usize::MAX))
                    .map_or(String::new(), |h| h.text.clone());
                h.push(' ');
                h.push_str(s_text);
                heading = Some(push_heading(&mut headings, &h));
                continue;
            }
            let chunks = layout::chunks(text, s.clone())
                .into_iter()
                .map(|c| {
                    let months: Vec<u32> = layout::months_in(&text[c.clone()])
                        .into_iter()
                        .map(|m| m.1)
                        .collect();
                    (c.start - s.start..c.end - s.start, months)
                })
                .collect::<Vec<_>>();
            let mut chunks = chunks;
            if chunks.iter().all(|c| c.1.is_empty()) {
                if let (Some(m), Some(first)) = (line.month, chunks.first_mut()) {
                    first.1.push(m);
                }
            }
            let terms = terms::terms(s_text);
            let months = distinct_months(&chunks);
            sentences.push(Sentence {
                preamble: section_heading.is_none(),
                ahead,
                months,
                norm: norm.char_at(s.start)..norm.char_at(s.end),
                text: s_text.to_string(),
                para,
                heading,
                chunks,
                keys: terms::keys(&terms),
                terms,
            });
        }
    }
    // An opening is a paragraph or two; a summary whose first heading
    // comes later has no opening, only a body with a late heading.
    let opening: HashSet<usize> = sentences
        .iter()
        .filter(|s| s.preamble)
        .map(|s| s.para)
        .collect();
    if headings.is_empty() || opening.len() > MAX_OPENING_PARAGRAPHS {
        for s in &mut sentences {
            s.preamble = false;
        }
    }
    Summary {
        sentences,
        headings,
        date,
    }
}

/// A heading in future wording (下学期打算, 今后努力方向) opens the part of a
/// summary that looks ahead.
fn is_ahead_heading(line: &str) -> bool {
    !super::cues::find(line, None).future.is_empty()
}

fn distinct_months(chunks: &[(Range<usize>, Vec<u32>)]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for m in chunks.iter().flat_map(|c| &c.1) {
        if !out.contains(m) {
            out.push(*m);
        }
    }
    out
}

fn push_heading(headings: &mut Vec<Heading>, text: &str) -> usize {
    let terms = terms::terms(text);
    headings.push(Heading {
        text: text.to_string(),
        keys: terms::keys(&terms),
        terms,
    });
    headings.len() - 1
}

/// The document's date from extraction ("2017-06-30").
fn doc_date(doc: &Document) -> Option<(u32, u32)> {
    let d = doc.date.as_deref()?;
    let mut parts = d.split('-').skip(1);
    let m = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some((m, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> Sentence {
        let chunks: Vec<(Range<usize>, Vec<u32>)> = layout::chunks(text, 0..text.len())
            .into_iter()
            .map(|c| {
                let m = layout::months_in(&text[c.clone()])
                    .into_iter()
                    .map(|m| m.1)
                    .collect();
                (c, m)
            })
            .collect();
        Sentence {
            preamble: false,
            ahead: false,
            months: distinct_months(&chunks),
            norm: 0..0,
            text: text.to_string(),
            para: 0,
            heading: None,
            chunks,
            terms: Vec::new(),
            keys: HashSet::new(),
        }
    }

    #[test]
    fn a_heading_about_next_term_looks_ahead() {
        // written for this test
        assert!(is_ahead_heading("三、下学期打算"));
        assert!(is_ahead_heading("四、今后工作设想"));
        assert!(is_ahead_heading("(三)下一步努力方向"));
        assert!(!is_ahead_heading("一、主要工作及成效"));
        assert!(!is_ahead_heading("二、存在问题与不足"));
    }

    #[test]
    fn a_month_an_activity_was_moved_to_stays_in_its_scope() {
        // written for this test
        let s = sentence("评选因12月教学安排紧张,调整到1月进行,共评出46名");
        assert_eq!(&s.text[s.month_scope(12)], s.text);
        let s = sentence("原计划6月举行的展示活动,推迟到下学期10月举行");
        assert_eq!(&s.text[s.month_scope(6)], s.text);
        // written: dates alone belong to the chunk before
        let s = sentence("初三年级组织了两次模拟考试,分别在三月和五月");
        assert_eq!(&s.text[s.month_scope(5)], s.text);
        let s = sentence("3月开展了培训,5月开展了评比");
        assert_eq!(&s.text[s.month_scope(3)], "3月开展了培训");
    }

    #[test]
    fn month_scope_picks_the_part_about_a_month() {
        let s = sentence("写字指导老师业务培训3月、4月各进行了一次,5月份因筹备考试未能安排");
        let t = |m| &s.text[s.month_scope(m)];
        assert_eq!(t(3), "写字指导老师业务培训3月、4月各进行了一次");
        assert_eq!(t(5), "5月份因筹备考试未能安排");
        assert_eq!(t(6), s.text);
        let s = sentence("原定4月份召开的研讨会,因迎接视导而推迟,本学期未能召开");
        assert_eq!(&s.text[s.month_scope(4)], s.text);
    }
}

//! Unplanned work: summary sentences that report an activity matching no
//! plan unit. To keep general statements, praise and reflections out, a
//! sentence must report: completed aspect or an outcome, plus something
//! specific (a figure, a date, a month, or a named thing in quotes or
//! 《》); and no future, negation or part-completion wording. Consecutive
//! such sentences of one paragraph make one entry.

use super::align::MIN_MATCH;
use super::cues::{self, Cues};
use super::sentences::Summary;
use crate::model::Unplanned;
use crate::text::{NormText, SourceText};

/// A sentence matched below this share by every unit is unplanned (lower
/// than MIN_MATCH: a near miss is more likely a paraphrase of a plan unit).
const MAX_PLANNED: f64 = MIN_MATCH * 0.8;

pub fn find(
    scores: &[Vec<f64>],
    used: &[bool],
    summary: &Summary,
    src: &SourceText,
    norm: &NormText,
) -> Vec<Unplanned> {
    let mut out: Vec<Unplanned> = Vec::new();
    let mut last: Option<usize> = None;
    for (i, s) in summary.sentences.iter().enumerate() {
        let best = scores.iter().map(|row| row[i]).fold(0.0, f64::max);
        let c = cues::find(&s.text, summary.date);
        let reports =
            !used[i] && best < MAX_PLANNED && is_report(&c, &s.text, !s.months().is_empty());
        if !reports {
            last = None;
            continue;
        }
        let span = norm.src_span(s.norm.clone());
        match (last, out.last_mut()) {
            (Some(p), Some(prev)) if summary.sentences[p].para == s.para => {
                prev.span[1] = span[1];
                prev.text = src.slice(prev.span).to_string();
            }
            _ => out.push(Unplanned {
                text: src.slice(span).to_string(),
                span,
            }),
        }
        last = Some(i);
    }
    out
}

fn is_report(c: &Cues, text: &str, dated: bool) -> bool {
    let specific = !c.weak_done.is_empty() || dated || text.contains(['“', '《', '"']);
    !c.done.is_empty()
        && specific
        && c.future.is_empty()
        && c.not_done.is_empty()
        && c.partial.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(text: &str) -> bool {
        is_report(&cues::find(text, None), text, false)
    }

    #[test]
    fn activities_with_figures_are_reports() {
        assert!(report(
            "本学期新启动了“青蓝工程”,为8名青年教师分别配备了指导师傅"
        ));
        // written for this test
        assert!(report("我校承办了区级教科研工作现场会,共有120位教师参加"));
    }

    #[test]
    fn general_statements_and_plans_are_not() {
        assert!(!report("较好地完成了学期初制定的大部分工作"));
        assert!(!report("下学期我们将认真总结,努力改进"));
        assert!(!report("部分教师参与课题研究的主动性还不够强"));
    }
}

//! Unplanned work: summary sentences that report an activity matching no
//! plan unit. To keep general statements, praise and reflections out, a
//! sentence must report: completed aspect or an outcome, plus something
//! specific (a figure, a date, a month, or a named thing in quotes or
//! 《》); and no future, negation or part-completion wording. Consecutive
//! such sentences of one paragraph make one entry.

use super::align::MIN_MATCH;
use super::cues::{self, Cues};
use super::sentences::{Sentence, Summary};
use super::units::Unit;
use std::collections::HashSet;
use crate::model::Unplanned;
use crate::text::{NormText, SourceText};

/// A sentence is planned when some unit matches it this well (lower than
/// MIN_MATCH: a near miss is more likely a paraphrase of a plan unit).
const MAX_PLANNED: f64 = MIN_MATCH * 0.8;

/// How well a unit and a sentence explain each other: the harmonic mean of
/// the unit's match score and the share of the sentence's terms found in
/// the unit. A short unit (开展课题研究) is held whole by many sentences, but
/// explains little of 我校承办了区级小课题研究现场推进会.
fn planned(score: f64, unit: &Unit, sentence: &Sentence) -> f64 {
    if sentence.terms.is_empty() || score <= 0.0 {
        return score;
    }
    let keys: HashSet<String> = unit.terms.iter().map(|t| t.0.key.clone()).collect();
    let held = sentence
        .terms
        .iter()
        .filter(|t| t.occurs_in(&keys, &unit.text))
        .count() as f64;
    let cover = held / sentence.terms.len() as f64;
    if cover <= 0.0 {
        return 0.0;
    }
    2.0 * score * cover / (score + cover)
}

pub fn find(
    units: &[Unit],
    scores: &[Vec<f64>],
    used: &[bool],
    summary: &Summary,
    src: &SourceText,
    norm: &NormText,
) -> Vec<Unplanned> {
    let mut out: Vec<Unplanned> = Vec::new();
    let mut last: Option<usize> = None;
    for (i, s) in summary.sentences.iter().enumerate() {
        let c = cues::find(&s.text, summary.date);
        if std::env::var("PLANX_DEBUG").is_ok() {
            let best = units.iter().zip(scores).map(|(u, row)| (planned(row[i], u, s), u.text.clone())).fold((0.0, String::new()), |a, b| if b.0 > a.0 { b } else { a });
            eprintln!("U {:.2} {} used={} rep={} | {}", best.0, best.1, used[i], is_report(&c, &s.text, !s.months().is_empty()), s.text);
        }
        let reports = !used[i]
            && is_report(&c, &s.text, !s.months().is_empty())
            && units
                .iter()
                .zip(scores)
                .all(|(u, row)| planned(row[i], u, s) < MAX_PLANNED);
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

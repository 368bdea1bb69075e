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
use crate::model::Unplanned;
use crate::text::{NormText, SourceText};
use std::collections::{HashMap, HashSet};

/// A sentence is planned when some unit matches it this well (lower than
/// MIN_MATCH: a near miss is more likely a paraphrase of a plan unit).
const MAX_PLANNED: f64 = MIN_MATCH * 0.8;

/// How well a unit and a sentence explain each other: the harmonic mean of
/// the unit's match score and the share of the sentence's term weight found
/// in the unit (terms weighed by how few summary sentences hold them). A
/// short unit (开展课题研究) is held whole by many sentences, but explains
/// little of 我校承办了区级小课题研究现场推进会.
fn planned(score: f64, unit: &Unit, sentence: &Sentence, weight: &HashMap<&str, f64>) -> f64 {
    if score <= 0.0 {
        return 0.0;
    }
    let keys: HashSet<String> = unit.terms.iter().map(|t| t.0.key.clone()).collect();
    let (mut held, mut total) = (0.0, 0.0);
    for t in &sentence.terms {
        let w = weight.get(t.key.as_str()).copied().unwrap_or(1.0);
        total += w;
        if t.occurs_in(&keys, &unit.text) {
            held += w;
        }
    }
    if held <= 0.0 {
        return 0.0;
    }
    let cover = held / total;
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
    let n = summary.sentences.len() as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for s in &summary.sentences {
        for k in &s.keys {
            *df.entry(k.as_str()).or_default() += 1.0;
        }
    }
    let weight: HashMap<&str, f64> = df
        .into_iter()
        .map(|(k, d)| (k, ((n + 1.0) / (d + 0.5)).ln().max(0.05)))
        .collect();
    let mut out: Vec<Unplanned> = Vec::new();
    let mut last: Option<usize> = None;
    for (i, s) in summary.sentences.iter().enumerate() {
        // A sentence right after evidence in the same paragraph, with no
        // date of its own, says more about that evidence (评出一等奖6篇…).
        let follows_evidence = i > 0
            && used[i - 1]
            && summary.sentences[i - 1].para == s.para
            && s.months().is_empty();
        let c = cues::find(&s.text, summary.date);
        let reports = !used[i]
            && !follows_evidence
            && is_report(&c, &s.text, !s.months().is_empty())
            && units
                .iter()
                .zip(scores)
                .all(|(u, row)| planned(row[i], u, s, &weight) < MAX_PLANNED);
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

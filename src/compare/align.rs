//! Alignment of plan units with summary sentences.
//!
//! A unit's match with a sentence is the share of its terms' weight that the
//! sentence holds (a term found only in the sentence's heading counts half).
//! A term weighs by how few summary sentences hold it (IDF over the summary),
//! so 书法 in a calligraphy school's summary weighs little and 博客 much; a
//! term the summary never uses weighs most, which keeps a unit whose key word
//! is absent from matching on its common words.
//!
//! Months: a schedule unit of month M prefers what the summary says about M,
//! and is held back from sentences about other months only.

use super::sentences::Summary;
use super::units::Unit;

/// Below this match a unit is unreported.
pub const MIN_MATCH: f64 = 0.45;
/// A heading-only term counts this much of its weight.
const HEADING_SHARE: f64 = 0.5;
/// Month factors for a schedule unit: sentence about its month, about other
/// months only, about no month.
const SAME_MONTH: f64 = 1.25;
const OTHER_MONTH: f64 = 0.6;
const NO_MONTH: f64 = 0.85;

/// Match scores, `scores[unit][sentence]`, in [0, 1].
pub fn scores(units: &[Unit], summary: &Summary) -> Vec<Vec<f64>> {
    let n = summary.sentences.len() as f64;
    units
        .iter()
        .map(|u| {
            let weights: Vec<f64> = u
                .terms
                .iter()
                .map(|t| {
                    let df = summary
                        .sentences
                        .iter()
                        .filter(|s| t.occurs_in(&s.keys, &s.text))
                        .count() as f64;
                    ((n + 1.0) / (df + 0.5)).ln().max(0.05)
                })
                .collect();
            let total: f64 = weights.iter().sum();
            summary
                .sentences
                .iter()
                .map(|s| {
                    if total <= 0.0 {
                        return 0.0;
                    }
                    let heading = s.heading.and_then(|h| summary.headings.get(h));
                    let held: f64 = u
                        .terms
                        .iter()
                        .zip(&weights)
                        .map(|(t, w)| {
                            if t.occurs_in(&s.keys, &s.text) {
                                *w
                            } else if heading.is_some_and(|h| t.occurs_in(&h.keys, &h.text)) {
                                w * HEADING_SHARE
                            } else {
                                0.0
                            }
                        })
                        .sum();
                    let factor = match u.month {
                        None => 1.0,
                        Some(m) => {
                            let months = s.months();
                            if months.contains(&m) {
                                SAME_MONTH
                            } else if months.is_empty() {
                                NO_MONTH
                            } else {
                                OTHER_MONTH
                            }
                        }
                    };
                    (held / total * factor).min(1.0)
                })
                .collect()
        })
        .collect()
}

/// The evidence of one unit: its best sentence and the sentences after it
/// in the same paragraph that say more about it (and about nothing else
/// better), e.g. 实际收到论文41篇,还有11位教师未上交 after 6月份开展了论文评比.
#[derive(Debug, Clone)]
pub struct Found {
    pub sentences: Vec<usize>,
    pub score: f64,
}

/// Picks each unit's evidence, or none when no sentence reaches MIN_MATCH.
pub fn evidence(scores: &[Vec<f64>], summary: &Summary) -> Vec<Option<Found>> {
    let best_unit = |s: usize| -> f64 { scores.iter().map(|row| row[s]).fold(0.0, f64::max) };
    scores
        .iter()
        .map(|row| {
            let (best, score) = row.iter().enumerate().fold((None, 0.0), |acc, (i, &v)| {
                if v > acc.1 {
                    (Some(i), v)
                } else {
                    acc
                }
            });
            let best = best.filter(|_| score >= MIN_MATCH)?;
            let mut sentences = vec![best];
            let para = summary.sentences[best].para;
            let mut next = best + 1;
            while next < summary.sentences.len()
                && summary.sentences[next].para == para
                && row[next] >= MIN_MATCH
                && row[next] >= best_unit(next)
            {
                sentences.push(next);
                next += 1;
            }
            Some(Found { sentences, score })
        })
        .collect()
}

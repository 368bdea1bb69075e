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
use super::terms::Term;
use super::units::Unit;
use std::collections::{HashMap, HashSet};

/// Below this match a unit is unreported.
pub const MIN_MATCH: f64 = 0.45;
/// A heading-only term counts this much of its weight.
const HEADING_SHARE: f64 = 0.5;
/// Month factors for a schedule unit: sentence about its month, about other
/// months only, about no month.
const SAME_MONTH: f64 = 1.25;
const OTHER_MONTH: f64 = 0.6;
const NO_MONTH: f64 = 0.85;
/// Factor for a sentence of the summary's opening, which speaks in general.
const PREAMBLE: f64 = 0.5;

/// Match scores, `scores[unit][sentence]`: in [0, 1] but for the month
/// factor, which may lift a score above 1 (kept for ranking).
pub fn scores(units: &[Unit], summary: &Summary) -> Vec<Vec<f64>> {
    let n = summary.sentences.len() as f64;
    // Where each distinct term occurs: 1 in a sentence, HEADING_SHARE in its
    // heading only, else 0; and its weight. Terms recur across units, so
    // this is computed once per term.
    let mut seen: HashMap<&Term, (f64, Vec<f64>)> = HashMap::new();
    for (t, _) in units.iter().flat_map(|u| &u.terms) {
        seen.entry(t).or_insert_with(|| {
            let mut df = 0.0;
            let held = summary
                .sentences
                .iter()
                .map(|s| {
                    if t.occurs_in(&s.keys, &s.text) {
                        df += 1.0;
                        1.0
                    } else if s
                        .heading
                        .and_then(|h| summary.headings.get(h))
                        .is_some_and(|h| t.occurs_in(&h.keys, &h.text))
                    {
                        HEADING_SHARE
                    } else {
                        0.0
                    }
                })
                .collect();
            (((n + 1.0) / (df + 0.5)).ln().max(0.05), held)
        });
    }
    units
        .iter()
        .map(|u| {
            let terms: Vec<(f64, &Vec<f64>)> = u
                .terms
                .iter()
                .filter_map(|(t, share)| seen.get(t).map(|(w, at)| (w * share, at)))
                .collect();
            let total: f64 = terms.iter().map(|t| t.0).sum();
            summary
                .sentences
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    if total <= 0.0 {
                        return 0.0;
                    }
                    let held: f64 = terms.iter().map(|(w, at)| w * at[i]).sum();
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
                    let general = if s.preamble { PREAMBLE } else { 1.0 };
                    held / total * factor * general
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

/// Weight of the tie-break: the share of the sentence's own terms that the
/// unit holds, so that of two sentences holding all of a unit the one that
/// is about it wins over the one that names it in passing.
const COVER_WEIGHT: f64 = 0.1;

/// Picks each unit's evidence, or none when no sentence reaches MIN_MATCH.
/// A schedule unit of month M takes a sentence about M when one matches.
pub fn evidence(units: &[Unit], scores: &[Vec<f64>], summary: &Summary) -> Vec<Option<Found>> {
    let best_unit = |s: usize| -> f64 { scores.iter().map(|row| row[s]).fold(0.0, f64::max) };
    units
        .iter()
        .zip(scores)
        .map(|(u, row)| {
            let keys: HashSet<String> = u.terms.iter().map(|t| t.0.key.clone()).collect();
            let rank = |i: usize| {
                let s = &summary.sentences[i];
                let held = s
                    .terms
                    .iter()
                    .filter(|t| t.occurs_in(&keys, &u.text))
                    .count();
                row[i] + COVER_WEIGHT * held as f64 / s.terms.len().max(1) as f64
            };
            // A sentence that reports (not one restating the plan under a
            // heading about next term) is the evidence when one matches.
            let pick_in = |about_month: bool, ahead: bool| {
                (0..row.len())
                    .filter(|&i| row[i] >= MIN_MATCH && summary.sentences[i].ahead == ahead)
                    .filter(|&i| {
                        !about_month
                            || u.month
                                .is_some_and(|m| summary.sentences[i].months().contains(&m))
                    })
                    .map(|i| (i, rank(i)))
                    .fold(None, |acc: Option<(usize, f64)>, (i, r)| match acc {
                        Some((_, best)) if best >= r => acc,
                        _ => Some((i, r)),
                    })
                    .map(|(i, _)| i)
            };
            let pick = |about_month: bool| {
                pick_in(about_month, false).or_else(|| pick_in(about_month, true))
            };
            let best = if u.month.is_some() {
                pick(true).or_else(|| pick(false))
            } else {
                pick(false)
            }?;
            let score = row[best].min(1.0);
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

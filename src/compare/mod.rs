//! Checking a summary against its plan, item by item.
//!
//! Stages, one file each: [`docs`] chooses the two documents; [`units`]
//! cuts the plan into clauses (one obligation each); [`sentences`] cuts the
//! summary into sentences; [`align`] finds each clause's evidence by
//! weighted words, headings and months; [`cues`] reads the status from the
//! evidence; [`quota`] compares planned and reported numbers; [`unplanned`]
//! lists reported activities that no clause asked for.

pub mod align;
pub mod cues;
pub mod docs;
pub mod layout;
pub mod quota;
pub mod scope;
pub mod sentences;
pub mod terms;
pub mod units;
pub mod unplanned;

use crate::model::{
    CompareItem, Comparison, Evidence, Kind, Quota, Status, Totals, COMPARE_SCHEMA,
};
use crate::{Parsed, Result};

/// Compares the plan document of `plan` with the summary document of
/// `summary`: the given document indexes, else the first of the right kind.
pub fn compare(
    plan: &Parsed,
    plan_doc: Option<usize>,
    summary: &Parsed,
    summary_doc: Option<usize>,
) -> Result<Comparison> {
    let pdoc = docs::choose(plan, plan_doc, Kind::Plan)?;
    let sdoc = docs::choose(summary, summary_doc, Kind::Summary)?;
    let units = units::units(&plan.norm, pdoc);
    let read = sentences::summary(&summary.norm, sdoc);
    // A plan entry that names the summary itself (教科室工作总结 against
    // the summary 某校春学期教科室工作总结) is done by its being written; it
    // must not take a sentence of its month about something else.
    let title = sdoc.title_norm.clone().map(|r| {
        let t = &summary.norm;
        (
            r.clone(),
            t.as_str()[t.byte_at(r.start)..t.byte_at(r.end)].to_string(),
        )
    });
    let names_summary: Vec<bool> = units
        .iter()
        .map(|u| {
            title
                .as_ref()
                .is_some_and(|(_, t)| u.text.chars().count() >= 4 && t.contains(u.text.as_str()))
        })
        .collect();
    let mut scores = align::scores(&units, &read);
    for (row, &own) in scores.iter_mut().zip(&names_summary) {
        if own {
            row.iter_mut().for_each(|x| *x = 0.0);
        }
    }
    let found = align::evidence(&units, &scores, &read);
    let mut used = vec![false; read.sentences.len()];
    let mut items = Vec::with_capacity(units.len());
    // A word's weight in the summary: the rarer, the more it tells.
    let n = read.sentences.len() as f64;
    let weight = |w: &str| {
        let df = read.sentences.iter().filter(|s| s.text.contains(w)).count() as f64;
        ((n + 1.0) / (df + 0.5)).ln().max(0.05)
    };
    for (k, (u, f)) in units.iter().zip(&found).enumerate() {
        let item = &pdoc.items[u.item];
        let span = plan.norm.src_span(u.norm.clone());
        let mut out = CompareItem {
            plan_item: item.id.clone(),
            text: plan.source.slice(span).to_string(),
            span,
            section: item.section.clone(),
            heading: pdoc
                .sections
                .iter()
                .find(|s| Some(&s.id) == item.section.as_ref())
                .map(|s| s.heading.clone()),
            month: u.month,
            status: Status::Unreported,
            evidence: None,
            score: 0.0,
            reason: "no summary sentence speaks of it".into(),
            quota: None,
        };
        if let (true, Some((r, _))) = (names_summary[k], &title) {
            let span = summary.norm.src_span(r.clone());
            out.status = Status::Done;
            out.reason = "the summary is this report".into();
            out.score = 1.0;
            out.evidence = Some(Evidence {
                text: summary.source.slice(span).to_string(),
                span,
            });
        } else if let Some(f) = f {
            for &s in &f.sentences {
                used[s] = true;
            }
            let first = &read.sentences[f.sentences[0]];
            let last = &read.sentences[f.sentences[f.sentences.len() - 1]];
            let ev_span = summary.norm.src_span(first.norm.start..last.norm.end);
            let quotas: Vec<&Quota> = pdoc
                .quotas
                .iter()
                .filter(|q| q.item == item.id && q.span[0] >= span[0] && q.span[1] <= span[1])
                .collect();
            // The words that decide: the part about the unit's month when the
            // sentence speaks of several, else the part about the unit's
            // subject, with the sentences that follow it.
            let (cue_text, focus) = match u.month {
                Some(m) if first.months().len() > 1 && first.months().contains(&m) => {
                    let t = first.text[first.month_scope(m)].to_string();
                    (t.clone(), t)
                }
                _ => {
                    let quota_unit = quotas
                        .iter()
                        .find_map(|q| q.unit.as_deref())
                        .map(crate::clean::fold::to_simplified);
                    let chunks: Vec<_> = first.chunks.iter().map(|c| c.0.clone()).collect();
                    let (about, anchor) = scope::subject(
                        &first.text,
                        &chunks,
                        &units,
                        k,
                        &weight,
                        quota_unit.as_deref(),
                    );
                    let mut parts = vec![&first.text[about]];
                    parts.extend(
                        f.sentences[1..]
                            .iter()
                            .map(|&s| read.sentences[s].text.as_str()),
                    );
                    (parts.join("。"), first.text[anchor].to_string())
                }
            };
            let c = cues::find(&cue_text, read.date);
            let (mut status, mut reason) = if first.ahead {
                (
                    Status::Mentioned,
                    "restated under a heading about next term".to_string(),
                )
            } else {
                cues::decide(&c)
            };
            let item_text = &plan.norm.as_str()
                [plan.norm.byte_at(item.norm.start)..plan.norm.byte_at(item.norm.end)];
            let group = quota::group_size(
                item_text,
                &u.text,
                &[summary.norm.as_str(), plan.norm.as_str()],
            );
            if let Some(q) = quota::check(&u.text, &quotas, &cue_text, &focus, &c, group) {
                if let Some((s, r)) = q.verdict {
                    // A figure below the target beside a negation (讲座1次,
                    // 第二次因疫情取消): done in part.
                    let some_done = q.quota.actual.is_some_and(|a| a > 0.0);
                    if matches!(status, Status::Done | Status::Partial)
                        || (status == Status::NotDone && some_done && s == Status::Partial)
                    {
                        status = s;
                        reason = r;
                    }
                }
                out.quota = Some(q.quota);
            }
            out.status = status;
            out.reason = reason;
            out.score = (f.score * 100.0).round() / 100.0;
            out.evidence = Some(Evidence {
                text: summary.source.slice(ev_span).to_string(),
                span: ev_span,
            });
        }
        items.push(out);
    }
    let unplanned = unplanned::find(
        &units,
        &scores,
        &used,
        &read,
        &summary.source,
        &summary.norm,
    );
    let totals = totals(&items);
    let completion = if items.is_empty() {
        0.0
    } else {
        (totals.done as f64 + 0.5 * totals.partial as f64) / items.len() as f64
    };
    Ok(Comparison {
        schema: COMPARE_SCHEMA.into(),
        plan: plan.extract.source.clone(),
        summary: summary.extract.source.clone(),
        items,
        unplanned,
        totals,
        completion,
    })
}

fn totals(items: &[CompareItem]) -> Totals {
    let mut t = Totals::default();
    for it in items {
        match it.status {
            Status::Done => t.done += 1,
            Status::Partial => t.partial += 1,
            Status::NotDone => t.not_done += 1,
            Status::Mentioned => t.mentioned += 1,
            Status::Unreported => t.unreported += 1,
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_naming_the_summary_is_done_by_it_and_takes_no_sentence() {
        // written for this test
        let plan = crate::extract_bytes(
            "p.txt",
            "某校春学期教科室工作计划\n一、月份安排\n六月\n1.教科室工作总结\n2.课题结题\n"
                .as_bytes(),
        )
        .expect("plan");
        let summary = crate::extract_bytes(
            "s.txt",
            "某校春学期教科室工作总结\n一、课题研究\n6月,课题顺利结题。\n6月,我校承办了区教科室主任现场会,40余人参加。\n"
                .as_bytes(),
        )
        .expect("summary");
        let c = compare(&plan, None, &summary, None).expect("compares");
        let own = c
            .items
            .iter()
            .find(|i| i.text == "教科室工作总结")
            .expect("entry");
        assert_eq!(own.status, Status::Done);
        assert_eq!(
            own.evidence.as_ref().map(|e| e.text.as_str()),
            Some("某校春学期教科室工作总结")
        );
        assert!(c.unplanned.iter().any(|u| u.text.contains("现场会")));
    }
}

//! Figures: quantities reported as done, mostly in summaries.
//!
//! Takes the counts of `quotas` (a number with its unit) in clauses that
//! report (共, 累计, 获, 收到, 已, 了, 有 ... in `report_cues.txt`) and set no
//! target (每, 要, 将, 不少于 ...); in a summary, any count in digits that
//! no target word sets. Example: "共收到论文46篇" → 46 篇;
//! "60余人次获奖" → 60 人次.
//! Known false positives: a plan's background facts (全校有教师120人) are
//! figures too, which is what they are, though not results.

use super::quotas::{quote_range, Read, Reading};
use super::DocCtx;
use crate::model::{Document, Figure};

/// Fills `doc.figures` from the counts of each item (`quotas::read_items`).
pub(crate) fn extract(ctx: &DocCtx, doc: &mut Document, reads: &[Vec<Read>]) {
    let mut out = Vec::new();
    for (item, reads) in doc.items.iter().zip(reads) {
        let text = ctx.item_text(item);
        for r in reads {
            if r.reading != Reading::Figure {
                continue;
            }
            let base = r.clause.range.start;
            let clause = &text[r.clause.range.clone()];
            let q = quote_range(clause, &r.count);
            let (span, quote) = ctx.locate(item, base + q.start..base + q.end);
            let u = &r.count.unit;
            let unit = (!u.is_empty()).then(|| ctx.locate(item, base + u.start..base + u.end).1);
            out.push(Figure {
                item: item.id.clone(),
                text: quote,
                span,
                value: r.count.num.value,
                unit,
            });
        }
    }
    doc.figures = out;
}

#[cfg(test)]
mod tests {
    use super::super::quotas::read_counts;
    use super::*;

    fn figures(s: &str) -> Vec<(Option<f64>, String)> {
        read_counts(s, false)
            .into_iter()
            .filter(|r| r.reading == Reading::Figure)
            .map(|r| {
                let clause = &s[r.clause.range.clone()];
                (r.count.num.value, clause[r.count.unit.clone()].to_string())
            })
            .collect()
    }
    #[test]
    fn reported_quantities() {
        assert_eq!(figures("共收到论文46篇"), [(Some(46.0), "篇".to_string())]);
        assert_eq!(figures("14人次获奖"), [(Some(14.0), "人次".to_string())]);
        assert_eq!(figures("获奖论文近10篇"), [(Some(10.0), "篇".to_string())]);
        assert_eq!(
            figures("参加培训累计60余人次"),
            [(Some(60.0), "人次".to_string())]
        );
        assert_eq!(
            figures("成功申报了六项省级课题"),
            [(Some(6.0), "项".to_string())]
        );
    }

    #[test]
    fn targets_are_not_figures() {
        assert!(figures("每人每周至少听一节课").is_empty());
        assert!(figures("本学期将完成2个课题的结题").is_empty());
    }
}

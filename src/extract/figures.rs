//! Figures: quantities reported as done, mostly in summaries.
//!
//! Takes the counts of `quotas` (a number with its unit) in clauses that
//! report (共, 累计, 获, 收到, 已, 了, 有 ... in `report_cues.txt`) and set no
//! target (每, 要, 将, 不少于 ...); in a summary, any count that no target
//! word sets, except 一 + classifier. Example: "共收到论文46篇" → 46 篇;
//! "60余人次获奖" → 60 人次.
//! Known false positives: a plan's background facts (全校有教师120人) are
//! figures too, which is what they are, though not results.

use super::clause::clauses;
use super::quotas::{counts, quote_range, reading, Context, Reading};
use super::DocCtx;
use crate::model::{Document, Figure, Kind};

/// Fills `doc.figures`.
pub fn extract(ctx: &DocCtx, doc: &mut Document) {
    let cx = Context {
        summary: doc.kind == Kind::Summary,
        listed: false,
    };
    let mut out = Vec::new();
    for item in &doc.items {
        let text = ctx.item_text(item);
        for c in clauses(text) {
            let clause = &text[c.range.clone()];
            let base = c.range.start;
            for count in counts(clause) {
                if reading(clause, &c, &count, cx) != Reading::Figure {
                    continue;
                }
                let q = quote_range(clause, &count);
                let (span, quote) = ctx.locate(item, base + q.start..base + q.end);
                let unit = (!count.unit.is_empty()).then(|| {
                    ctx.locate(item, base + count.unit.start..base + count.unit.end)
                        .1
                });
                out.push(Figure {
                    item: item.id.clone(),
                    text: quote,
                    span,
                    value: count.num.value,
                    unit,
                });
            }
        }
    }
    doc.figures = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(s: &str) -> Vec<(Option<f64>, String)> {
        let mut v = Vec::new();
        for c in clauses(s) {
            let clause = &s[c.range.clone()];
            for count in counts(clause) {
                if reading(clause, &c, &count, Context::default()) == Reading::Figure {
                    v.push((count.num.value, clause[count.unit.clone()].to_string()));
                }
            }
        }
        v
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

//! CSV of a comparison, one plan clause a row, UTF-8 with a byte-order mark
//! so that spreadsheet programs read the Chinese text correctly.

use crate::model::{Comparison, Status};
use std::io::Write;

pub const HEADER: [&str; 13] = [
    "plan_item",
    "section",
    "month",
    "status",
    "score",
    "text",
    "evidence",
    "reason",
    "quota_target",
    "quota_actual",
    "quota_unit",
    "plan_span",
    "evidence_span",
];

pub fn status_name(s: Status) -> &'static str {
    match s {
        Status::Done => "done",
        Status::Partial => "partial",
        Status::NotDone => "not_done",
        Status::Mentioned => "mentioned",
        Status::Unreported => "unreported",
    }
}

fn num(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| v.to_string())
}

pub fn write<W: Write>(out: &mut W, c: &Comparison) -> std::io::Result<()> {
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for it in &c.items {
        let q = it.quota.as_ref();
        w.write_record([
            it.plan_item.clone(),
            it.section.clone().unwrap_or_default(),
            it.month.map_or(String::new(), |m| m.to_string()),
            status_name(it.status).to_string(),
            format!("{:.2}", it.score),
            it.text.clone(),
            it.evidence
                .as_ref()
                .map_or(String::new(), |e| e.text.clone()),
            it.reason.clone(),
            num(q.and_then(|q| q.target)),
            num(q.and_then(|q| q.actual)),
            q.and_then(|q| q.unit.clone()).unwrap_or_default(),
            format!("{}-{}", it.span[0], it.span[1]),
            it.evidence
                .as_ref()
                .map_or(String::new(), |e| format!("{}-{}", e.span[0], e.span[1])),
        ])?;
    }
    w.flush()
}

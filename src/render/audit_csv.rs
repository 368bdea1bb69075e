//! The CSV files of `planx audit`: UTF-8 with a BOM so that Excel opens
//! Chinese correctly, and cells that Excel would run as formulas escaped.

use crate::audit::{DocRecord, PairRecord};
use crate::model::Kind;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

pub const DOCUMENT_HEADER: &[&str] = &[
    "file",
    "doc",
    "title",
    "kind",
    "period",
    "encoding",
    "items",
    "goals",
    "quotas",
    "events",
    "topics",
    "months",
    "flags",
    "flag_details",
    "error",
];

pub const PAIR_HEADER: &[&str] = &[
    "school",
    "plan",
    "summary",
    "items",
    "done",
    "partial",
    "not_done",
    "mentioned",
    "unreported",
    "unplanned",
    "completion",
    "problem",
];

/// A cell that begins with = + - @ (or a tab or carriage return, which
/// Excel skips before looking) gets a leading `'` so that it stays text.
pub fn escape(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV writer on a new file that starts with the UTF-8 BOM.
pub fn create(path: &Path) -> std::io::Result<csv::Writer<BufWriter<File>>> {
    let mut file = BufWriter::new(File::create(path)?);
    file.write_all(b"\xEF\xBB\xBF")?;
    Ok(csv::Writer::from_writer(file))
}

/// Writes one row, escaping every cell.
pub fn write_row<W: Write, S: AsRef<str>>(
    out: &mut csv::Writer<W>,
    cells: &[S],
) -> csv::Result<()> {
    out.write_record(cells.iter().map(|c| escape(c.as_ref()).into_owned()))
}

pub fn kind_label(kind: Option<Kind>) -> &'static str {
    match kind {
        Some(Kind::Plan) => "plan",
        Some(Kind::Summary) => "summary",
        Some(Kind::Unknown) => "unknown",
        None => "",
    }
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The cells of a documents.csv row.
pub fn document_row(r: &DocRecord) -> Vec<String> {
    let months: Vec<String> = r.months.iter().map(u32::to_string).collect();
    let codes: Vec<&str> = r.flags.iter().map(|f| f.code.as_str()).collect();
    let details: Vec<String> = r
        .flags
        .iter()
        .map(|f| format!("{}: {}", f.code, f.message))
        .collect();
    vec![
        r.file.clone(),
        opt(r.index),
        r.title.clone().unwrap_or_default(),
        kind_label(r.kind).into(),
        r.period.clone().unwrap_or_default(),
        r.encoding.clone().unwrap_or_default(),
        r.items.to_string(),
        r.goals.to_string(),
        r.quotas.to_string(),
        r.events.to_string(),
        r.topics.to_string(),
        months.join(" "),
        codes.join(" "),
        details.join(" | "),
        r.error.clone().unwrap_or_default(),
    ]
}

/// The cells of a pairs.csv row.
pub fn pair_row(p: &PairRecord) -> Vec<String> {
    let mut row = vec![
        p.school.clone(),
        p.plan.clone().unwrap_or_default(),
        p.summary.clone().unwrap_or_default(),
    ];
    row.extend(p.counts().map(opt));
    row.push(p.completion.map(|c| format!("{c:.3}")).unwrap_or_default());
    row.push(p.problem.clone().unwrap_or_default());
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_escaped() {
        assert_eq!(escape("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(escape("+86"), "'+86");
        assert_eq!(escape("-1"), "'-1");
        assert_eq!(escape("@x"), "'@x");
        assert_eq!(escape("甲校=1"), "甲校=1");
        assert_eq!(escape(""), "");
    }

    #[test]
    fn file_starts_with_bom_and_escapes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        let mut w = create(&p).unwrap();
        write_row(&mut w, &["=1+1", "甲校"]).unwrap();
        w.flush().unwrap();
        drop(w);
        let bytes = std::fs::read(&p).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(&bytes[3..], "'=1+1,甲校\n".as_bytes());
    }
}

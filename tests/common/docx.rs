//! Builds .docx packages from WordprocessingML written in the tests, so the
//! fixtures show exactly which Word features they exercise. Shared by
//! `tests/docx.rs` and `benches/pipeline.rs`.

use std::io::{Cursor, Write};

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

/// Escapes text for an XML element.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A run of text.
pub fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// A plain paragraph of runs.
pub fn para(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

/// A paragraph in list `num_id` at level `ilvl` (Word's automatic numbering).
pub fn numbered(num_id: u32, ilvl: u32, runs: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{runs}</w:p>"#
    )
}

/// A paragraph of a named style (a style may carry numbering).
pub fn styled(style: &str, runs: &str) -> String {
    format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
}

/// A table, one `Vec` of cell texts per row.
pub fn table(rows: &[&[&str]]) -> String {
    let rows: String = rows
        .iter()
        .map(|cells| {
            let cells: String = cells
                .iter()
                .map(|c| format!("<w:tc><w:tcPr/>{}</w:tc>", para(&run(c))))
                .collect();
            format!("<w:tr>{cells}</w:tr>")
        })
        .collect();
    format!("<w:tbl><w:tblPr/>{rows}</w:tbl>")
}

/// A list level of `w:abstractNum`.
pub fn level(ilvl: u32, fmt: &str, text: &str, extra: &str) -> String {
    format!(
        r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{}"/><w:lvlJc w:val="left"/>{extra}<w:pPr><w:ind w:left="420" w:hanging="420"/></w:pPr></w:lvl>"#,
        esc(text)
    )
}

/// `word/numbering.xml` from abstract definitions and `w:num` elements.
pub fn numbering(abstracts: &[String], nums: &[String]) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {NS}>{}{}</w:numbering>"#,
        abstracts.concat(),
        nums.concat()
    )
}

/// Parts a package may hold beside the document: path, relationship type
/// and content type (both after their common prefixes).
const KNOWN_PARTS: &[(&str, &str, &str)] = &[
    ("word/styles.xml", "styles", "styles"),
    ("word/numbering.xml", "numbering", "numbering"),
    ("word/header1.xml", "header", "header"),
    ("word/footer1.xml", "footer", "footer"),
    ("word/comments.xml", "comments", "comments"),
];

/// A `.docx` package: `body` is the content of `w:body`; `parts` adds parts
/// by path (numbering, styles, header, comments), each registered as Word
/// does, so LibreOffice opens the package too.
pub fn package(body: &str, parts: &[(&str, String)]) -> Vec<u8> {
    let has = |path: &str| parts.iter().any(|(p, _)| *p == path);
    let mut header = String::new();
    for kind in ["header", "footer"] {
        if has(&format!("word/{kind}1.xml")) {
            header.push_str(&format!(
                r#"<w:{kind}Reference w:type="default" r:id="rIdword/{kind}1.xml"/>"#
            ));
        }
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr>{header}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>"#
    );
    let known = KNOWN_PARTS.iter().filter(|(p, ..)| has(p));
    let rels: String = known
        .clone()
        .map(|(path, rel, _)| {
            format!(
                r#"<Relationship Id="rId{path}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{rel}" Target="{}"/>"#,
                &path["word/".len()..]
            )
        })
        .collect();
    let types: String = known
        .map(|(path, _, ty)| {
            format!(
                r#"<Override PartName="/{path}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{ty}+xml"/>"#
            )
        })
        .collect();
    let mut all: Vec<(&str, String)> = vec![
        ("[Content_Types].xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>{types}</Types>"#)),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.into()),
        ("word/_rels/document.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#)),
        ("word/document.xml", document),
    ];
    all.extend(parts.iter().map(|(p, x)| (*p, x.clone())));
    zip_parts(&all)
}

/// A zip archive holding exactly these parts.
pub fn zip_parts(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (path, xml) in parts {
        zip.start_file(*path, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A `.docx` whose paragraphs are the lines of `text`, with no numbering.
pub fn from_text(text: &str) -> Vec<u8> {
    package(&text_body(text), &[])
}

/// One paragraph per line of `text`.
pub fn text_body(text: &str) -> String {
    text.lines().map(|l| para(&run(l))).collect()
}

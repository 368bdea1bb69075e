//! Word .docx files read as a reader sees them: a plan whose structure lives
//! in Word's automatic numbering gives the same documents, items, events and
//! quotas as the .txt of the same text. Fixtures are written here, part by
//! part, so each shows the Word feature it exercises.

mod common;

use common::docx::{level, numbered, numbering, package, para, run, styled, table};
use common::{extract_json, text_of};

/// The plan as a reader sees it on screen, which is what the .docx must give.
const PLAN_TXT: &str = "某某小学2021年秋季学期教科室工作计划
一、指导思想
以课题研究为抓手， 促进教师专业成长。
二、工作目标
（一）加强课题管理
1、每位教师每学期撰写教学论文不少于2篇。
2、每月组织一次课题研讨活动。
（二）开展教师培训
1、对35周岁以下青年教师开展专项培训，全年不少于3次。
三、工作安排
九月份：
1、制定教科室工作计划。
2、召开课题组长会议。
十月份：
1、组织青年教师论文评比。
2、开展课题中期检查。
十一月份：
1、举办校级公开课展示活动。
月份\t内容\t负责人
十二月\t课题资料整理\t教科室";

/// The same plan as Word keeps it: headings numbered through a heading
/// style (level 1) and directly (level 2), items at level 3, each month's
/// schedule its own list restarted at 1, a tracked change, a soft break, a
/// table, a comment, and a header that is not body text.
fn plan_docx() -> Vec<u8> {
    let abstracts = [
        format!(
            r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{}{}{}</w:abstractNum>"#,
            level(
                0,
                "chineseCounting",
                "%1、",
                r#"<w:pStyle w:val="Heading1"/><w:suff w:val="nothing"/>"#
            ),
            level(
                1,
                "chineseCounting",
                "（%2）",
                r#"<w:suff w:val="nothing"/>"#
            ),
            level(2, "decimal", "%3、", ""),
        ),
        format!(
            r#"<w:abstractNum w:abstractNumId="1">{}</w:abstractNum>"#,
            level(0, "decimal", "%1、", "")
        ),
    ];
    let restart = |id: u32| {
        format!(
            r#"<w:num w:numId="{id}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#
        )
    };
    let nums = [
        r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#.to_string(),
        restart(3),
        restart(4),
        restart(5),
    ];
    let styles = r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1 alias"/><w:basedOn w:val="1"/></w:style></w:styles>"#;
    let header = r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>某某小学教科室（页眉）</w:t></w:r></w:p></w:hdr>"#;
    let comments = r#"<?xml version="1.0" encoding="UTF-8"?><w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0" w:author="王老师"><w:p><w:r><w:t>请核实篇数（批注）</w:t></w:r></w:p></w:comment></w:comments>"#;
    let body = [
        para(&run("某某小学2021年秋季学期教科室工作计划")),
        styled("Heading1", &run("指导思想")),
        para(
            r#"<w:r><w:t>以课题研究为抓手，</w:t></w:r><w:r><w:br/><w:t>促进教师专业成长。</w:t></w:r>"#,
        ),
        styled("Heading1", &run("工作目标")),
        numbered(1, 1, &run("加强课题管理")),
        numbered(
            1,
            2,
            &format!(
                r#"<w:commentRangeStart w:id="0"/>{}<w:del w:id="1" w:author="王老师"><w:r><w:delText>至少</w:delText></w:r></w:del><w:ins w:id="2" w:author="王老师"><w:r><w:t>不少于</w:t></w:r></w:ins>{}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>"#,
                run("每位教师每学期撰写教学论文"),
                run("2篇。")
            ),
        ),
        numbered(1, 2, &run("每月组织一次课题研讨活动。")),
        numbered(1, 1, &run("开展教师培训")),
        numbered(1, 2, &run("对35周岁以下青年教师开展专项培训，全年不少于3次。")),
        styled("Heading1", &run("工作安排")),
        para(&run("九月份：")),
        numbered(3, 0, &run("制定教科室工作计划。")),
        numbered(3, 0, &run("召开课题组长会议。")),
        para(&run("十月份：")),
        numbered(4, 0, &run("组织青年教师论文评比。")),
        numbered(4, 0, &run("开展课题中期检查。")),
        para(&run("十一月份：")),
        numbered(5, 0, &run("举办校级公开课展示活动。")),
        table(&[&["月份", "内容", "负责人"], &["十二月", "课题资料整理", "教科室"]]),
    ]
    .concat();
    package(
        &body,
        &[
            ("word/numbering.xml", numbering(&abstracts, &nums)),
            ("word/styles.xml", styles.into()),
            ("word/header1.xml", header.into()),
            ("word/comments.xml", comments.into()),
        ],
    )
}

#[test]
fn the_docx_reads_as_a_reader_sees_it() {
    assert_eq!(text_of("plan.docx", &plan_docx()), PLAN_TXT);
}

#[test]
fn a_docx_gives_what_its_txt_gives() {
    let docx = planx::extract_bytes("plan.docx", &plan_docx()).unwrap();
    assert_eq!(docx.extract.format, "docx");
    assert_eq!(docx.extract.encoding, "utf-8");
    let want = extract_json("plan.txt", PLAN_TXT.as_bytes());
    let got = extract_json("plan.docx", &plan_docx());
    for key in ["documents", "warnings"] {
        assert_eq!(got[key], want[key], "{key} differ");
    }
}

#[test]
fn numbering_restarts_per_month_and_per_parent() {
    let text = text_of("plan.docx", &plan_docx());
    let firsts = text.lines().filter(|l| l.starts_with("1、")).count();
    assert_eq!(firsts, 5, "each list and sub-list starts at 1:\n{text}");
    assert!(text.contains("\n（二）开展教师培训\n1、对35周岁"));
    assert!(!text.contains("至少"), "deleted revision kept");
    assert!(!text.contains("页眉") && !text.contains("批注"));
}

#[test]
fn damaged_archives_fail_clearly_and_never_panic() {
    let good = plan_docx();
    for cut in [good.len() / 2, good.len() - 10, 30] {
        let err = planx::extract_bytes("cut.docx", &good[..cut])
            .err()
            .unwrap_or_else(|| panic!("a docx cut at {cut} read"));
        let msg = err.to_string();
        assert!(msg.contains("cut.docx") && msg.contains("damaged"), "{msg}");
    }
    // Flipped bytes anywhere: an error or some text, never a panic.
    for at in (0..good.len()).step_by(97) {
        let mut bad = good.clone();
        bad[at] ^= 0x5A;
        let _ = planx::extract_bytes("flipped.docx", &bad);
    }
}

#[test]
fn other_office_files_are_named() {
    let xlsx = common::docx::zip_parts(&[
        ("[Content_Types].xml", "<Types/>".into()),
        ("xl/workbook.xml", "<workbook/>".into()),
    ]);
    let err = planx::extract_bytes("sheet.xlsx", &xlsx)
        .unwrap_err()
        .to_string();
    assert!(err.contains("sheet.xlsx") && err.contains("Excel"), "{err}");
    let doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00";
    let err = planx::extract_bytes("old.doc", doc)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("old.doc") && err.contains("libreoffice --headless --convert-to docx"),
        "{err}"
    );
}

/// Converts `file` with LibreOffice into `format` (a file extension) in
/// `out`, returning the converted file's bytes.
fn libreoffice(file: &std::path::Path, format: &str, out: &std::path::Path) -> Vec<u8> {
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(out)
        .arg(file)
        .env("HOME", out)
        .output()
        .unwrap_or_else(|e| panic!("LibreOffice (soffice) is needed: {e}; .ci/run installs it"));
    assert!(
        status.status.success(),
        "{}{}",
        String::from_utf8_lossy(&status.stdout),
        String::from_utf8_lossy(&status.stderr)
    );
    let stem = file.file_stem().unwrap().to_string_lossy();
    std::fs::read(out.join(format!("{stem}.{format}"))).unwrap()
}

/// LibreOffice writes numbering, styles and tables in its own way: the plan
/// re-saved by it must still read as a reader sees it.
#[test]
fn the_plan_resaved_by_libreoffice_reads_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.docx");
    std::fs::write(&file, plan_docx()).unwrap();
    let resaved = libreoffice(&file, "docx", &dir.path().join("out"));
    assert_eq!(text_of("resaved.docx", &resaved), PLAN_TXT);
}

/// A plan of several pages with a running header and page numbers, printed
/// to PDF by LibreOffice: the text comes back without them. Line breaks and
/// the spaces of justified lines are the PDF's, so text is compared without
/// whitespace.
#[test]
fn a_plan_printed_by_libreoffice_reads_without_page_furniture() {
    let long: String = (1..=6)
        .map(|i| format!("第{i}部分\n{PLAN_TXT}\n"))
        .collect();
    let header = r#"<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>某某小学教科室</w:t></w:r></w:p></w:hdr>"#;
    let footer = r#"<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t xml:space="preserve">第 </w:t></w:r><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> 页</w:t></w:r></w:p></w:ftr>"#;
    let docx = package(
        &common::docx::text_body(&long),
        &[
            ("word/header1.xml", header.into()),
            ("word/footer1.xml", footer.into()),
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("long.docx");
    std::fs::write(&file, docx).unwrap();
    let pdf = libreoffice(&file, "pdf", &dir.path().join("out"));
    let text = text_of("long.pdf", &pdf);
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    assert_eq!(squeeze(&text), squeeze(&long));
    assert!(text.contains("\n第3部分\n"), "several pages:\n{text}");
    assert!(
        !text.contains("2021 年"),
        "no spacing between CJK and digits"
    );
}

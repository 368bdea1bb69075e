//! PDF files read through their text layer (poppler's `pdftotext`, which
//! `.ci/run` installs): page furniture goes, the text gives what the .txt of
//! the same text gives, and a PDF without text is refused.

mod common;

use common::pdf::pdf;
use common::{extract_json, text_of};
use std::process::Command;

/// A plan over three pages, each with a running header and a page number.
fn plan_pages() -> Vec<Vec<&'static str>> {
    vec![
        vec![
            "某某小学教科室",
            "某某小学2021年秋季学期教科室工作计划",
            "一、指导思想",
            "以课题研究为抓手，促进教师专业成长。",
            "1/3",
        ],
        vec![
            "某某小学教科室",
            "二、工作目标",
            "1、每位教师每学期撰写教学论文不少于2篇。",
            "2、每月组织一次课题研讨活动。",
            "2/3",
        ],
        vec![
            "某某小学教科室",
            "三、工作安排",
            "九月份：",
            "1、制定教科室工作计划。",
            "十月份：",
            "1、组织青年教师论文评比。",
            "3/3",
        ],
    ]
}

const PLAN_TXT: &str = "某某小学2021年秋季学期教科室工作计划
一、指导思想
以课题研究为抓手，促进教师专业成长。
二、工作目标
1、每位教师每学期撰写教学论文不少于2篇。
2、每月组织一次课题研讨活动。
三、工作安排
九月份：
1、制定教科室工作计划。
十月份：
1、组织青年教师论文评比。";

#[test]
fn headers_and_page_numbers_are_removed() {
    assert_eq!(text_of("plan.pdf", &pdf(&plan_pages())), PLAN_TXT);
}

#[test]
fn a_pdf_gives_what_its_txt_gives() {
    let parsed = planx::extract_bytes("plan.pdf", &pdf(&plan_pages())).unwrap();
    assert_eq!(parsed.extract.format, "pdf");
    let got = extract_json("plan.pdf", &pdf(&plan_pages()));
    let want = extract_json("plan.txt", PLAN_TXT.as_bytes());
    assert_eq!(got, want);
}

#[test]
fn a_pdf_without_text_needs_ocr() {
    let err = planx::extract_bytes("scan.pdf", &pdf(&[vec![], vec![]]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("scan.pdf") && err.contains("OCR"), "{err}");
}

#[test]
fn a_damaged_pdf_fails_clearly() {
    let mut bytes = pdf(&plan_pages());
    bytes.truncate(40);
    let err = planx::extract_bytes("cut.pdf", &bytes)
        .unwrap_err()
        .to_string();
    assert!(err.contains("cut.pdf") && err.contains("PDF"), "{err}");
}

#[test]
fn without_pdftotext_the_message_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.pdf");
    std::fs::write(&file, pdf(&plan_pages())).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_planx"))
        .args(["extract", file.to_str().unwrap()])
        .env("PATH", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("plan.pdf") && err.contains("poppler-utils"),
        "{err}"
    );
}

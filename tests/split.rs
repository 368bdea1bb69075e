//! Splitting: document counts and titles of every corpus file.

use std::path::Path;

fn titles(file: &str) -> Vec<Option<String>> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join(file);
    let parsed = planx::extract_path(&p).expect("corpus file reads");
    parsed
        .extract
        .documents
        .into_iter()
        .map(|d| d.title)
        .collect()
}

fn some(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|t| Some(t.to_string())).collect()
}

#[test]
fn seed_000_three_traditional_plans() {
    assert_eq!(
        titles("000_ee1071a4c83eaf05.txt"),
        some(&[
            "小學春學期教科室工作計劃1",
            "小學春學期教科室工作計劃2",
            "小學春學期教科室工作計劃3"
        ])
    );
}

#[test]
fn seed_001_fourteen_plans() {
    let want: Vec<String> = (1..=14)
        .map(|i| format!("校本教研工作计划 (篇{i})"))
        .collect();
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    assert_eq!(titles("001_b3fc29fff4b23c53.txt"), some(&want));
}

#[test]
fn seed_002_seven_reports() {
    let want: Vec<String> = ["一", "二", "三", "四", "五", "六", "七"]
        .iter()
        .map(|n| format!("小学教科室工作汇报篇{n}"))
        .collect();
    let want: Vec<&str> = want.iter().map(String::as_str).collect();
    assert_eq!(titles("002_5fc69eb27bdff214.txt"), some(&want));
}

#[test]
fn seed_003_one_line_page_of_three() {
    assert_eq!(
        titles("003_5ad4c4026882389f.txt"),
        some(&[
            "教研室年度工作计划和总结【第一篇】",
            "教研室年度工作计划和总结【第二篇】",
            "教研室年度工作计划和总结【第三篇】"
        ])
    );
}

#[test]
fn seed_004_one_document_under_its_own_heading() {
    assert_eq!(
        titles("004_487f0ae3bd53a11e.txt"),
        some(&["中学教科室工作总结"])
    );
}

#[test]
fn scripts_and_spans() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/000_ee1071a4c83eaf05.txt");
    let parsed = planx::extract_path(&p).expect("reads");
    let docs = &parsed.extract.documents;
    for d in docs {
        assert_eq!(d.script, planx::model::Script::Traditional);
        // a document starts at its title and the next starts after it
        assert!(parsed
            .source
            .slice(d.span)
            .starts_with(d.title.as_deref().unwrap()));
    }
    for w in docs.windows(2) {
        assert!(w[0].span[1] <= w[1].span[0]);
    }
    // the collection title and the site intro belong to no document
    assert!(docs[0].span[0] > 100);
}

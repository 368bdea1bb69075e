//! `planx compare` on the fixture pairs of `tests/fixtures/pairs/` (F–H:
//! plans from the corpus, summaries written for these tests, in both
//! scripts; I, J: plan and summary both written in other schools' styles;
//! gold in the dev-set schema; K–M: written in other schools' styles with
//! the gold labelled blind), and the command's formats and exit codes.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pairs() -> PathBuf {
    root().join("tests/fixtures/pairs")
}

fn planx(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planx"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("planx runs")
}

/// Letters and digits only, full-width folded, traditional folded to
/// simplified: how the scorer compares quotes.
fn norm(s: &str) -> String {
    let folded: String = s
        .chars()
        .map(planx::clean::fold::fold_width)
        .filter(|c| c.is_alphanumeric())
        .collect();
    planx::clean::fold::to_simplified(&folded)
}

struct Scored {
    items: usize,
    right: usize,
    evidence_right: usize,
    unplanned_found: usize,
    unplanned_gold: usize,
    unplanned_out: usize,
    misses: Vec<String>,
}

/// Compares a pair and scores it against its gold: each gold item goes to
/// the tightest output item whose text holds its quote, else the longest
/// one inside the quote (month agreeing when the gold has one).
fn score(name: &str) -> Scored {
    let gold: Value = serde_json::from_str(
        &std::fs::read_to_string(pairs().join(format!("{name}.gold.json"))).expect("gold"),
    )
    .expect("gold json");
    let plan = planx::extract_path(&pairs().join(gold["plan"].as_str().expect("plan"))).unwrap();
    let summary =
        planx::extract_path(&pairs().join(gold["summary"].as_str().expect("summary"))).unwrap();
    let cmp = planx::compare::compare(&plan, None, &summary, None).expect("compares");
    let out = serde_json::to_value(&cmp).expect("serialises");
    let items = out["items"].as_array().expect("items");
    let mut s = Scored {
        items: 0,
        right: 0,
        evidence_right: 0,
        unplanned_found: 0,
        unplanned_gold: 0,
        unplanned_out: out["unplanned"].as_array().map_or(0, |u| u.len()),
        misses: Vec::new(),
    };
    for g in gold["items"].as_array().expect("gold items") {
        s.items += 1;
        let quote = norm(g["plan_quote"].as_str().unwrap_or_default());
        let month = g["month"].as_u64();
        let found = items
            .iter()
            .filter(|o| norm(o["text"].as_str().unwrap_or_default()).contains(&quote))
            .min_by_key(|o| {
                let m = o["month"].as_u64();
                (
                    month.is_some() && m != month,
                    o["text"].as_str().unwrap_or_default().chars().count(),
                )
            })
            // As the scorer does: else the longest item inside the quote
            // (a quote may span two clauses).
            .or_else(|| {
                items
                    .iter()
                    .filter(|o| {
                        let t = norm(o["text"].as_str().unwrap_or_default());
                        t.chars().count() >= 4 && quote.contains(&t)
                    })
                    .min_by_key(|o| {
                        let m = o["month"].as_u64();
                        (
                            month.is_some() && m != month,
                            std::cmp::Reverse(
                                o["text"].as_str().unwrap_or_default().chars().count(),
                            ),
                        )
                    })
            });
        let Some(o) = found else {
            s.misses.push(format!("no item holds {quote}"));
            continue;
        };
        if o["status"] != g["status"] {
            s.misses.push(format!(
                "{quote}: {} for {} ({})",
                o["status"], g["status"], o["reason"]
            ));
            continue;
        }
        s.right += 1;
        let ev = o["evidence"]["text"].as_str().map(norm);
        let ok = match g["evidence"].as_str().map(norm) {
            None => ev.is_none(),
            Some(want) => ev
                .as_ref()
                .is_some_and(|e| e.contains(&want) || want.contains(e.as_str())),
        };
        if ok {
            s.evidence_right += 1;
        } else {
            s.misses.push(format!("{quote}: evidence {ev:?}"));
        }
    }
    for u in gold["unplanned"].as_array().expect("gold unplanned") {
        s.unplanned_gold += 1;
        let want = norm(u["summary_quote"].as_str().unwrap_or_default());
        if out["unplanned"].as_array().is_some_and(|us| {
            us.iter()
                .any(|x| norm(x["text"].as_str().unwrap_or_default()).contains(&want))
        }) {
            s.unplanned_found += 1;
        }
    }
    s
}

fn check(name: &str) {
    check_missing(name, 0);
}

/// As `check`, with `missed` unplanned activities known to be missed.
fn check_missing(name: &str, missed: usize) {
    check_floor(name, 0.85, missed);
}

/// As `check_missing`, with status accuracy at least `floor`.
fn check_floor(name: &str, floor: f64, missed: usize) {
    let s = score(name);
    let acc = s.right as f64 / s.items as f64;
    assert!(
        acc >= floor,
        "pair {name}: status {}/{}\n{}",
        s.right,
        s.items,
        s.misses.join("\n")
    );
    assert!(
        s.evidence_right as f64 >= 0.9 * s.right as f64,
        "pair {name}: evidence {}/{}\n{}",
        s.evidence_right,
        s.right,
        s.misses.join("\n")
    );
    assert_eq!(
        s.unplanned_found + missed,
        s.unplanned_gold,
        "pair {name}: unplanned"
    );
    assert!(
        s.unplanned_out <= 2 * s.unplanned_gold.max(1),
        "pair {name}: {} unplanned entries for {} activities",
        s.unplanned_out,
        s.unplanned_gold
    );
}

#[test]
fn traditional_plan_against_simplified_summary() {
    check("F");
}

#[test]
fn simplified_plan_against_traditional_summary() {
    check("G");
}

#[test]
fn autumn_term_with_month_ranges_and_a_january_summary() {
    check("H");
}

#[test]
fn inline_schedule_and_per_person_quotas_reported_in_figures() {
    check("I");
}

#[test]
fn traditional_plan_with_bare_month_headings_and_missed_targets() {
    check("J");
}

// K, L, M were written after the rules above, with their gold labelled
// blind (before planx was run on them); the floors are what compare reached
// after the fixes that followed, less a margin.

#[test]
fn monthly_themes_reported_by_theme_with_moves_and_cancellations() {
    // Known misses: 德育处汇编成册 (its clause shares only 汇编 with
    // 汇编工作正在进行) is unreported.
    check_floor("K", 0.92, 0);
}

#[test]
fn traditional_bulleted_plan_against_a_paraphrasing_summary() {
    // Known misses: 送教下乡 in March against 送课 in a sentence naming
    // June, the 优秀率 goal whose result is pending (成绩尚未公布), and the
    // unplanned 学籍管理系统 upgrade (no figure, date or name to tell it
    // from a general remark).
    check_floor("L", 0.90, 1);
}

#[test]
fn first_person_research_group_summary_with_work_under_way() {
    // Known misses: 后测 is no term (后 is a grammar character), so the
    // June post-test anchors on the pre-test's words and reads partial;
    // 建设课题资源库 goes to
    // 课题网页建设 (建设 is rarer than 资源库); the unplanned new members
    // are taken by the plan's background line 课题组共有成员9人.
    check_floor("M", 0.89, 1);
}

#[test]
fn kindergarten_narrative_summary_reporting_in_figures() {
    // Blind 0.78. Known misses: 每周五…公布 (a habit stated without 了) reads
    // as a restatement; the unplanned 绘本阅读室 is not found.
    check_floor("N", 0.93, 1);
}

#[test]
fn quotas_problems_section_and_next_term_plans() {
    // Blind 0.66. Known misses: 初二年级位列第七 beside 进入前五名 (a rank
    // missed for one grade of three) reads done; the May 学科竞赛 line takes
    // the May sentence of the 英语口语比赛; later clauses of two entries
    // (教龄五年以内的教师必须参加, 每周推门听课不少于2节) find no evidence of
    // their own; 学期末收齐教案 is unreported though its entry's first
    // clause is restated; the unplanned 网上选课系统 is not found.
    check_floor("O", 0.83, 1);
}

#[test]
fn json_is_the_default_off_a_terminal() {
    let o = planx(&[
        "compare",
        "tests/fixtures/pairs/F_plan.txt",
        "tests/fixtures/pairs/F_summary.txt",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["schema"], "planx/compare/1");
    let t = &v["totals"];
    let total: u64 = ["done", "partial", "not_done", "mentioned", "unreported"]
        .iter()
        .map(|k| t[k].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(total as usize, v["items"].as_array().map_or(0, |i| i.len()));
}

#[test]
fn csv_has_a_byte_order_mark_and_one_row_per_item() {
    let o = planx(&[
        "compare",
        "--format",
        "csv",
        "tests/fixtures/pairs/G_plan.txt",
        "tests/fixtures/pairs/G_summary.txt",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.starts_with("\u{FEFF}".as_bytes()));
    let j = planx(&[
        "compare",
        "tests/fixtures/pairs/G_plan.txt",
        "tests/fixtures/pairs/G_summary.txt",
    ]);
    let v: Value = serde_json::from_slice(&j.stdout).expect("json");
    let mut r = csv::Reader::from_reader(&o.stdout[3..]);
    assert_eq!(r.headers().expect("header").get(3), Some("status"));
    assert_eq!(
        r.records().count(),
        v["items"].as_array().map_or(0, |i| i.len())
    );
}

#[test]
fn text_table_ends_with_totals_and_has_no_colour_off_a_terminal() {
    let o = planx(&[
        "compare",
        "--format",
        "text",
        "tests/fixtures/pairs/G_plan.txt",
        "tests/fixtures/pairs/G_summary.txt",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let s = String::from_utf8(o.stdout).expect("utf-8");
    assert!(!s.contains('\x1b'));
    let last = s.lines().last().unwrap_or_default();
    assert!(last.contains("completion"), "{last}");
    assert!(s.contains("unplanned:"));
}

#[test]
fn exit_codes_follow_extract() {
    let missing = planx(&[
        "compare",
        "no/such/plan.txt",
        "tests/fixtures/pairs/F_summary.txt",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no/such/plan.txt"));
    let usage = planx(&["compare", "tests/fixtures/pairs/F_plan.txt"]);
    assert_eq!(usage.status.code(), Some(2));
    let doc = planx(&[
        "compare",
        "--plan-doc",
        "7",
        "tests/fixtures/pairs/F_plan.txt",
        "tests/fixtures/pairs/F_summary.txt",
    ]);
    assert_eq!(doc.status.code(), Some(1));
}

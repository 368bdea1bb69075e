//! `planx audit` end to end: a batch of the corpus files, the development
//! pairs under school-like names, and bad files.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn planx() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planx"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The development pairs of the shared eval folder, which stands beside the
/// repository (`../shared`) in development and in CI.
fn eval_pairs() -> PathBuf {
    let p = repo().join("../shared/eval/pairs");
    assert!(
        p.is_dir(),
        "{} is missing: the audit tests need the shared dev pairs",
        p.display()
    );
    p
}

/// A batch in nested folders: corpus files, two plan/summary pairs under
/// school names, an unpaired summary, a PDF saved as .txt, an image, and a
/// hidden file.
fn batch(dir: &Path) {
    let corpus = dir.join("网上范文");
    fs::create_dir_all(&corpus).unwrap();
    for e in fs::read_dir(repo().join("corpus")).unwrap() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "txt") {
            fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
        }
    }
    let schools = dir.join("2020春");
    fs::create_dir_all(&schools).unwrap();
    let pairs = eval_pairs();
    for (pair, school) in [("D", "甲校"), ("E", "乙校")] {
        fs::copy(
            pairs.join(format!("{pair}_plan.txt")),
            schools.join(format!("{school}-2020春-计划.txt")),
        )
        .unwrap();
        fs::copy(
            pairs.join(format!("{pair}_summary.txt")),
            schools.join(format!("{school}-2020春-总结.txt")),
        )
        .unwrap();
    }
    fs::write(
        schools.join("丁校-2020春-工作总结.txt"),
        "丁校2020年春学期教科室工作总结\n一、课题研究\n1、本学期完成了2个市级课题的结题。\n",
    )
    .unwrap();
    fs::write(schools.join("丙校-2020春-总结.txt"), b"%PDF-1.4\n%binary").unwrap();
    fs::write(schools.join("校徽.png"), b"\x89PNG\r\n").unwrap();
    fs::write(schools.join(".~lock.txt"), "hidden").unwrap();
    fs::write(schools.join("戊校-2020春-计划.txt"), "").unwrap();
}

fn run(args: &[&str]) -> (i32, String) {
    let out = planx().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn read(p: &Path) -> String {
    String::from_utf8(fs::read(p).unwrap()).unwrap()
}

#[test]
fn batch_gives_rows_pairs_and_the_same_output_whatever_j() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    batch(&input);
    let in_s = input.to_str().unwrap();
    let out1 = tmp.path().join("out1");
    let out2 = tmp.path().join("out2");
    let (code, err) = run(&["audit", in_s, "--out", out1.to_str().unwrap(), "-j", "1"]);
    assert_eq!(code, 1, "one unreadable file gives 1: {err}");
    assert!(
        err.contains("丙校-2020春-总结.txt") && err.contains("PDF"),
        "{err}"
    );
    let (code, _) = run(&["audit", in_s, "--out", out2.to_str().unwrap(), "-j", "2"]);
    assert_eq!(code, 1);
    for f in ["documents.csv", "pairs.csv", "audit.json", "report.html"] {
        assert_eq!(
            read(&out1.join(f)),
            read(&out2.join(f)),
            "{f} differs between -j 1 and -j 2"
        );
    }

    let docs = read(&out1.join("documents.csv"));
    assert!(docs.starts_with('\u{FEFF}'), "BOM for Excel");
    let mut rd = csv::Reader::from_reader(docs.trim_start_matches('\u{FEFF}').as_bytes());
    let header: Vec<String> = rd.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..3], ["file", "doc", "title"]);
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let files: Vec<&str> = rows.iter().map(|r| r.get(0).unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted, "rows sorted by path");
    assert!(!docs.contains(".~lock"), "hidden files are ignored");
    // Every corpus file has at least one document row.
    for e in fs::read_dir(repo().join("corpus")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".txt") {
            assert!(
                rows.iter()
                    .any(|r| r[0].ends_with(&name) && !r[1].is_empty()),
                "{name}"
            );
        }
    }
    let err_col = header.iter().position(|h| h == "error").unwrap();
    let bad = rows.iter().find(|r| r[0].contains("丙校")).unwrap();
    assert!(bad[1].is_empty() && bad[err_col].contains("PDF"), "{bad:?}");
    let empty = rows.iter().find(|r| r[0].contains("戊校")).unwrap();
    assert!(
        !empty[err_col].is_empty(),
        "an empty file has a row: {empty:?}"
    );
    let png = rows.iter().find(|r| r[0].contains("校徽.png")).unwrap();
    assert!(png[err_col].starts_with("skipped"), "{png:?}");
    // Web-page copies carry the web-template flag.
    let flags_col = header.iter().position(|h| h == "flags").unwrap();
    assert!(rows
        .iter()
        .any(|r| r[0].contains("001_") && r[flags_col].contains("web-template")));

    // The development plans are copies of corpus documents: found, with
    // the partner named.
    let e_plan = rows
        .iter()
        .find(|r| r[0].ends_with("乙校-2020春-计划.txt"))
        .unwrap();
    assert!(
        e_plan[flags_col].contains("near-duplicate") && e_plan[flags_col + 1].contains("000_"),
        "{e_plan:?}"
    );

    let pairs = read(&out1.join("pairs.csv"));
    assert!(pairs.starts_with('\u{FEFF}'));
    let mut rd = csv::Reader::from_reader(pairs.trim_start_matches('\u{FEFF}').as_bytes());
    let prow: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    {
        for school in ["甲校", "乙校"] {
            let r = prow.iter().find(|r| &r[0] == school).unwrap();
            assert!(
                r[1].ends_with("计划.txt") && r[2].ends_with("总结.txt"),
                "{r:?}"
            );
        }
    }
    let lone = prow.iter().find(|r| &r[0] == "丁校").unwrap();
    assert!(
        lone[1].is_empty() && lone[11].contains("no plan"),
        "{lone:?}"
    );

    let json: serde_json::Value = serde_json::from_str(&read(&out1.join("audit.json"))).unwrap();
    assert_eq!(json["schema"], "planx/audit/1");
    assert_eq!(json["totals"]["failed"], 1);
    assert_eq!(json["totals"]["skipped"], 1);
    let files = json["files"].as_array().unwrap();
    assert_eq!(
        files.len(),
        rows.iter()
            .filter(|r| r[1].is_empty() || &r[1] == "0")
            .count()
    );
    let d = files
        .iter()
        .find(|f| f["file"].as_str().unwrap().contains("001_"))
        .unwrap();
    assert_eq!(d["extract"]["schema"], "planx/extract/1");
    assert!(!d["extract"]["documents"].as_array().unwrap().is_empty());
}

#[test]
fn all_files_read_gives_zero_and_usage_errors_give_two() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("甲校-计划.txt");
    fs::write(&f, "甲校工作计划\n一、目标\n1、开展课题研究。\n").unwrap();
    let out = tmp.path().join("o");
    let (code, err) = run(&["audit", f.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.join("report.html").is_file());
    assert_eq!(run(&["audit"]).0, 2, "no PATH");
    assert_eq!(run(&["audit", "-j", "0", f.to_str().unwrap()]).0, 2);
    let (code, err) = run(&[
        "audit",
        f.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--pairs",
        "/nonexistent/m.csv",
    ]);
    assert_eq!(code, 2, "{err}");
    let (code, _) = run(&[
        "audit",
        "/nonexistent/planx-dir",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "a missing path is a file not read");
}

#[test]
fn manifest_pairs_and_formula_cells_are_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    fs::write(d.join("a.txt"), "=1+1学校工作计划\n1、开展课题研究。\n").unwrap();
    fs::write(d.join("b.txt"), "学校工作总结\n1、开展了课题研究。\n").unwrap();
    fs::write(d.join("m.csv"), "plan,summary,school\na.txt,b.txt,=戊校\n").unwrap();
    let out = d.join("o");
    let (code, err) = run(&[
        "audit",
        d.join("a.txt").to_str().unwrap(),
        d.join("b.txt").to_str().unwrap(),
        "--pairs",
        d.join("m.csv").to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let pairs = read(&out.join("pairs.csv"));
    assert!(pairs.contains("\n'=戊校,"), "{pairs}");
    assert!(pairs.contains("a.txt") && pairs.contains("b.txt"));
    let docs = read(&out.join("documents.csv"));
    assert!(docs.contains(",'=1+1学校工作计划"), "{docs}");
}

/// Runs headless Chromium on a page with the given extra flags and returns
/// its stdout; panics with a clear message when Chromium is missing (CI
/// installs it: `.ci/run`).
fn chromium(page: &Path, extra: &[String], profile: &Path) -> String {
    let bin = std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let mut child = Command::new(&bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("{bin}: {e}: install it with `apt-get install -y chromium fonts-noto-cjk`")
        });
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut s).unwrap();
        s
    });
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > std::time::Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish in 90 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    reader.join().unwrap()
}

#[test]
fn report_renders_in_headless_chromium() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    batch(&input);
    let out = tmp.path().join("out");
    let (code, err) = run(&[
        "audit",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{err}");
    let page = out.join("report.html");
    let html = read(&page);
    for external in ["http://", "https://", "src=", "@import", "url(", "<link"] {
        assert!(
            !html.contains(external),
            "report must be self-contained: {external}"
        );
    }

    let dom = chromium(&page, &["--dump-dom".into()], &tmp.path().join("p1"));
    for id in [
        "totals",
        "flag-legend",
        "schools",
        "documents",
        "unreadable",
    ] {
        assert!(dom.contains(&format!("id=\"{id}\"")), "no #{id} in the DOM");
    }
    assert!(
        dom.contains("丙校-2020春-总结.txt"),
        "the unreadable file is listed"
    );
    assert!(dom.contains("web-template"), "flags are shown");
    {
        assert!(dom.contains("甲校") && dom.contains("乙校"));
    }

    // A screenshot for a person to look at (kept in the target folder).
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("audit-report.png");
    let _ = fs::remove_file(&shot);
    chromium(
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".into(),
        ],
        &tmp.path().join("p2"),
    );
    let png = fs::read(&shot).expect("chromium wrote a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

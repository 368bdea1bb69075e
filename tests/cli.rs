//! The `planx` binary as a user meets it: exit codes (0 all read, 1 a file
//! failed, 2 usage), messages that name the file and say what it is, stdin,
//! `--stdin-paths`, JSON Lines, `--pretty`, and a closed pipe.

mod common;

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const SEED: &str = "corpus/004_487f0ae3bd53a11e.txt";
const BIG_SEED: &str = "corpus/001_b3fc29fff4b23c53.txt";

fn planx() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_planx"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> Output {
    planx().args(args).output().expect("planx runs")
}

fn run_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = planx()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("planx runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Each stdout line parsed as one JSON object.
fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not one JSON per line: {e}")))
        .collect()
}

/// A temp dir with files that are not text documents, named for what they are.
fn bad_files() -> (tempfile::TempDir, PathBuf, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("plan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n").unwrap();
    let zip = dir.path().join("notes.zip");
    std::fs::write(&zip, b"PK\x03\x04\x14\x00\x00\x00garbage").unwrap();
    let nul = dir.path().join("data.txt");
    let mut bytes = "教科室工作计划\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"\x00\x01\x02\x00binary");
    std::fs::write(&nul, bytes).unwrap();
    (dir, pdf, zip, nul)
}

#[test]
fn one_good_file_exits_0_with_one_json_object() {
    let o = run(&["extract", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let v = json_lines(&o);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0]["schema"], "planx/extract/1");
    assert_eq!(v[0]["source"], SEED);
    assert_eq!(v[0]["format"], "txt");
    assert!(!v[0]["documents"].as_array().unwrap().is_empty());
}

#[test]
fn a_bad_file_in_the_middle_fails_with_1_and_the_others_are_written() {
    let (_dir, pdf, _, _) = bad_files();
    let pdf = pdf.to_str().unwrap();
    let o = run(&["extract", SEED, pdf, BIG_SEED]);
    assert_eq!(o.status.code(), Some(1));
    let v = json_lines(&o);
    let sources: Vec<&str> = v.iter().map(|x| x["source"].as_str().unwrap()).collect();
    assert_eq!(
        sources,
        [SEED, BIG_SEED],
        "the good files, in order, one per line"
    );
    let err = stderr(&o);
    assert_eq!(
        err.lines().count(),
        1,
        "one message for the one bad file: {err}"
    );
    assert!(err.contains(pdf) && err.contains("PDF"), "{err}");
}

#[test]
fn messages_name_the_file_and_what_it_looks_like() {
    let (_dir, pdf, zip, nul) = bad_files();
    let missing = pdf.with_file_name("no-such-plan.txt");
    let cases = [
        (&pdf, "PDF"),
        (&zip, "zip"),
        (&nul, "NUL"),
        (&missing, "No such file"),
    ];
    for (path, what) in cases {
        let p = path.to_str().unwrap();
        let o = run(&["extract", p]);
        assert_eq!(o.status.code(), Some(1), "{p}");
        assert!(o.stdout.is_empty(), "nothing written for {p}");
        let err = stderr(&o);
        assert!(err.starts_with("planx: "), "{err}");
        assert!(err.contains(p), "message names {p}: {err}");
        assert!(err.contains(what), "message says {what}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["extract"][..],
        &["extract", "--no-such-flag", SEED],
        &["extract", "--format", "yaml", SEED],
        &["extract", "--format", "csv", SEED],
        &["extract", "--stdin-paths", "-"],
        &["no-such-command"],
        &[],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(o.stdout.is_empty(), "{args:?}");
        assert!(!stderr(&o).is_empty(), "{args:?} says why");
    }
}

#[test]
fn every_command_has_help() {
    for cmd in ["extract", "compare", "audit"] {
        let o = run(&[cmd, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{cmd}");
        assert!(stdout(&o).contains("Usage: planx"), "{cmd}: {}", stdout(&o));
    }
}

#[test]
fn dash_reads_text_from_stdin() {
    let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    let from_stdin = run_with_stdin(&["extract", "-"], &text);
    assert_eq!(from_stdin.status.code(), Some(0), "{}", stderr(&from_stdin));
    let mut a = json_lines(&from_stdin).remove(0);
    assert_eq!(a["source"], "-");
    let mut b = json_lines(&run(&["extract", SEED])).remove(0);
    a["source"] = Value::Null;
    b["source"] = Value::Null;
    assert_eq!(a, b, "stdin and the file give the same output");
}

#[test]
fn stdin_paths_reads_one_path_per_line() {
    let (_dir, _, zip, _) = bad_files();
    let list = format!("{SEED}\n\n{}\r\n{BIG_SEED}\n", zip.display());
    let o = run_with_stdin(&["extract", "--stdin-paths"], list.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let sources: Vec<String> = json_lines(&o)
        .iter()
        .map(|v| v["source"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sources, [SEED, BIG_SEED]);
    assert!(
        stderr(&o).contains(&zip.display().to_string()),
        "{}",
        stderr(&o)
    );
}

#[test]
fn jsonl_is_one_object_per_line_even_for_one_file_and_with_pretty() {
    for args in [
        &["extract", "--format", "jsonl", SEED][..],
        &["extract", "--format", "jsonl", "--pretty", SEED],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0));
        assert_eq!(stdout(&o).lines().count(), 1, "{args:?}");
        assert_eq!(json_lines(&o).len(), 1);
    }
    let o = run(&["extract", "--format", "json", SEED, BIG_SEED]);
    assert_eq!(json_lines(&o).len(), 2, "several files give JSON Lines");
}

#[test]
fn pretty_indents_the_same_object() {
    let pretty = run(&["extract", "--pretty", SEED]);
    assert_eq!(pretty.status.code(), Some(0));
    let text = stdout(&pretty);
    assert!(text.lines().count() > 10 && text.contains("\n  \"documents\""));
    let a: Value = serde_json::from_str(&text).unwrap();
    let b = json_lines(&run(&["extract", SEED])).remove(0);
    assert_eq!(a, b);
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Far more output than a pipe buffer holds, so planx is still writing
    // when the reader goes away, as in `planx extract … | head -c 10`.
    let mut args = vec!["extract", "--pretty"];
    args.extend(std::iter::repeat_n(BIG_SEED, 40));
    let mut child = planx()
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut head).unwrap();
    // The read end is dropped here.
    let o = child.wait_with_output().unwrap();
    assert_eq!(&head[..1], b"{");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "no error text: {}", stderr(&o));
}

#[test]
fn emit_text_writes_what_the_spans_of_a_docx_point_into() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.docx");
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)).unwrap();
    std::fs::write(&file, common::docx::from_text(&text)).unwrap();
    let path = file.to_str().unwrap();
    let emitted = run(&["extract", "--emit-text", path]);
    assert_eq!(emitted.status.code(), Some(0), "{}", stderr(&emitted));
    let emitted: Vec<char> = stdout(&emitted).chars().collect();
    let out = json_lines(&run(&["extract", path])).remove(0);
    assert_eq!(out["format"], "docx");
    let items = out["documents"][0]["items"].as_array().unwrap();
    assert!(!items.is_empty());
    for item in items {
        let [a, b] = [0, 1].map(|i| item["span"][i].as_u64().unwrap() as usize);
        let slice: String = emitted[a..b].iter().collect();
        assert_eq!(item["text"], slice);
    }
    // A text file's emitted text is the file decoded.
    let txt = run(&["extract", "--emit-text", SEED]);
    assert_eq!(stdout(&txt), text.trim_start_matches('\u{FEFF}'));
}

#[test]
fn streamed_json_is_the_library_extract() {
    // The CLI writes each document as it is extracted; the library returns
    // the whole extract. Both must serialize to the same bytes.
    for seed in [SEED, BIG_SEED, "corpus/000_ee1071a4c83eaf05.txt"] {
        let out = run(&["extract", "--format", "json", seed]);
        assert!(out.status.success(), "{}", stderr(&out));
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(seed);
        let parsed = planx::extract_path(&path).expect("seed reads");
        let mut whole = serde_json::to_string(&parsed.extract).expect("serializes");
        whole.push('\n');
        let seed_name = path.display().to_string();
        assert_eq!(stdout(&out), whole.replace(&seed_name, seed), "{seed}");
    }
}

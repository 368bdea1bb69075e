//! Cleaning: the offset map holds, cleaning is idempotent, and the whole
//! pipeline never panics and always points back into the source exactly.

use planx::clean::{clean, fold};
use planx::text::SourceText;
use proptest::prelude::*;

/// Text that looks like the pages planx reads: Chinese words, markers,
/// punctuation of both widths, page marks, boilerplate and line breaks.
fn pagelike() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("教研".to_string()),
        Just("工作计划".to_string()),
        Just("一、指导思想".to_string()),
        Just("(二)".to_string()),
        Just("1、".to_string()),
        Just("⑴".to_string()),
        Just("九月份:".to_string()),
        Just("。".to_string()),
        Just("，".to_string()),
        Just(",".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("的`".to_string()),
        Just(".".to_string()),
        Just("□".to_string()),
        Just("\u{200B}".to_string()),
        Just("3/24".to_string()),
        Just("当前位置:".to_string()),
        Just("人气:2.8W".to_string()),
        Just("以下是小编整理的".to_string()),
        Just("（精选3篇）".to_string()),
        Just("篇一".to_string()),
        Just("【第二篇】".to_string()),
        Just("推荐度:".to_string()),
        "[\\u4e00-\\u4e40]{1,12}",
        "[0-9a-zA-Z ]{1,4}",
        "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn every_clean_char_maps_to_a_source_char_folding_to_it(s in pagelike()) {
        let src = SourceText::new(s);
        let norm = clean(&src);
        for (i, c) in norm.as_str().chars().enumerate() {
            let span = norm.src_span(i..i + 1);
            let orig: Vec<char> = src.slice(span).chars().collect();
            prop_assert_eq!(orig.len(), 1);
            prop_assert_eq!(fold::fold_char(orig[0]), c);
        }
    }

    #[test]
    fn cleaning_is_idempotent(s in pagelike()) {
        let once = clean(&SourceText::new(s)).as_str().to_string();
        let twice = clean(&SourceText::new(once.clone())).as_str().to_string();
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn pipeline_spans_slice_the_source(s in pagelike()) {
        check_pipeline(s.as_bytes())?;
    }

    #[test]
    fn pipeline_survives_any_bytes(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_pipeline(&b)?;
    }

    #[test]
    fn pipeline_survives_any_string(s in "\\PC{0,200}") {
        check_pipeline(s.as_bytes())?;
    }
}

fn check_pipeline(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Ok(p) = planx::extract_bytes("prop.txt", bytes) else {
        return Ok(());
    };
    for d in &p.extract.documents {
        if let Some(t) = &d.title {
            prop_assert!(p.source.slice(d.span).contains(t.as_str()));
        }
        for s in &d.sections {
            prop_assert!(s.span[0] <= s.span[1]);
            prop_assert!(d.span[0] <= s.span[0] && s.span[1] <= d.span[1]);
            prop_assert!(p.source.slice(s.span).contains(s.heading.as_str()));
        }
        for it in &d.items {
            prop_assert_eq!(p.source.slice(it.span), it.text.as_str());
            prop_assert!(!it.text.is_empty());
            prop_assert!(d.span[0] <= it.span[0] && it.span[1] <= d.span[1]);
            if let Some(sec) = &it.section {
                prop_assert!(d.sections.iter().any(|s| &s.id == sec));
            }
        }
    }
    Ok(())
}

#[test]
fn corpus_cleans_idempotently() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        let once = clean(&SourceText::new(text)).as_str().to_string();
        let twice = clean(&SourceText::new(once.clone())).as_str().to_string();
        assert_eq!(twice, once);
    }
}

/// Nanoseconds this thread has run on a CPU (Linux), so that the figure
/// holds on a machine shared with other jobs; None elsewhere.
fn cpu_ns() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Throughput of decode + clean + split + structure on the corpus repeated
/// to ~20 MB (simplified files and traditional ones apart), by wall clock
/// and by CPU time of the thread. Run by hand:
/// `cargo test --release --test clean -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut simp = Vec::new();
    let mut trad = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let b = std::fs::read(&p).unwrap();
        if p.to_string_lossy().contains("000_") {
            trad.push(b);
        } else {
            simp.push(b);
        }
    }
    for (name, files) in [("simplified", simp), ("traditional", trad)] {
        let size: usize = files.iter().map(Vec::len).sum();
        let reps = (20_000_000 / size).max(1);
        let t = std::time::Instant::now();
        let cpu = cpu_ns();
        let mut n = 0;
        for _ in 0..reps {
            for b in &files {
                let d = planx::decode::decode("x", b).unwrap();
                let src = SourceText::new(d.text);
                let norm = clean(&src);
                let (norm, mut docs) = planx::split::split(&src, norm);
                for doc in &mut docs {
                    planx::structure::structure(&src, &norm, doc);
                    n += doc.items.len();
                }
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let mb = (size * reps) as f64 / 1e6;
        let cpu = cpu.zip(cpu_ns()).map(|(a, b)| (b - a) / 1e9);
        println!(
            "{name}: {mb:.1} MB in {secs:.2}s wall = {:.0} MB/s; cpu {} ({n} items)",
            mb / secs,
            cpu.map_or("n/a".into(), |c| format!("{c:.2}s = {:.0} MB/s", mb / c))
        );
    }
}

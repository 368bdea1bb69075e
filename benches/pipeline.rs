//! Throughput of planx on one core, in bytes of input:
//! - `decode`, `decode+clean`: the first stages alone.
//! - `front`: decode → clean → split → structure, on ~20 MB made by repeating
//!   the seeds: all of them (`mixed`, the corpus the goals name), and the
//!   simplified and traditional seeds apart (traditional also pays for script
//!   conversion). Goal: ≥ 100 MB/s simplified.
//! - `jieba cut`: jieba-rs segmentation (`cut(text, false)`) alone of the
//!   same decoded text, the yardstick of the extract goal.
//! - `jieba cut (planx's copy)`: the same on the text planx segments: the
//!   cleaned, width-folded copy with traditional documents folded to
//!   simplified (`clean::clean` then `split::split`). On traditional seeds
//!   jieba's dictionary rarely matches the raw text, so `jieba cut` runs fast
//!   there; this line is the cost planx's own segmentation faces.
//! - `extract`: the whole extract pipeline on the same inputs. Goal: at least
//!   half the MB/s of `jieba cut` (≥ 15 MB/s). The bench prints extract's
//!   MiB/s over each jieba line's (`extract ÷ …`).
//! - `docx`: reading a seed-sized .docx (~30 KB of text) to text, and the
//!   whole extract on it. Goal: read in < 20 ms.
//! - `seed`: wall time of `planx extract` on one seed file, as a user runs it
//!   (process start, lazy dictionaries and all).
//!
//! Each throughput group first prints MiB per CPU second of the fastest of three passes (the
//! one-core figure, true on a loaded machine too), then criterion measures
//! wall time.
//!
//! Run: `cargo bench --bench pipeline` (add `-- front` etc. to pick one).

// The .docx builder of the tests; the bench needs only `from_text`.
#[allow(dead_code)]
#[path = "../tests/common/docx.rs"]
mod docx_fixture;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use planx::text::SourceText;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const CORPUS_BYTES: usize = 20 << 20;

fn seeds() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("seed reads");
            (p.display().to_string(), bytes)
        })
        .collect()
}

/// The seeds of one script (all seeds when `traditional` is `None`), each kept
/// a file of its own, repeated until they hold about `CORPUS_BYTES`.
fn corpus(traditional: Option<bool>) -> Vec<(String, Vec<u8>)> {
    let picked: Vec<_> = seeds()
        .into_iter()
        .filter(|(name, bytes)| {
            let Some(traditional) = traditional else {
                return true;
            };
            let parsed = planx::extract_bytes(name, bytes).expect("seed reads");
            let trad = parsed
                .extract
                .documents
                .iter()
                .any(|d| d.script == planx::model::Script::Traditional);
            trad == traditional
        })
        .collect();
    assert!(!picked.is_empty(), "a seed of each script");
    let mut out = Vec::new();
    let mut total = 0;
    while total < CORPUS_BYTES {
        for seed in &picked {
            total += seed.1.len();
            out.push(seed.clone());
        }
    }
    out
}

fn front(name: &str, bytes: &[u8]) -> usize {
    let decoded = planx::decode::decode(name, bytes).expect("decodes");
    let source = SourceText::new(decoded.text);
    let norm = planx::clean::clean(&source);
    let (norm, mut docs) = planx::split::split(&source, norm);
    for doc in &mut docs {
        planx::structure::structure(&source, &norm, doc);
    }
    docs.iter().map(|d| d.items.len()).sum()
}

/// CPU time of this thread. On a machine shared with other jobs wall time
/// overstates the cost, so the one-core figure is throughput per CPU second.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes into the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Passes of each `cpu_throughput` measure, of which the fastest counts.
const PASSES: usize = 3;

/// Prints MiB per CPU second of the fastest of `PASSES` runs of `work` over `bytes` bytes, and
/// returns it.
fn cpu_throughput(label: &str, bytes: usize, mut work: impl FnMut() -> usize) -> f64 {
    black_box(work()); // warm: lazy dictionaries are built here
                       // The fastest of a few passes: one pass moved by 30% from run to run
                       // (preemption, cache and frequency), and both sides of a ratio need the
                       // same treatment.
    let secs = (0..PASSES)
        .map(|_| {
            let start = thread_cpu();
            black_box(work());
            (thread_cpu() - start).as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    let mib = bytes as f64 / (1 << 20) as f64 / secs;
    println!("{label:<34} {mib:>8.1} MiB per CPU second");
    mib
}

fn throughput(c: &mut Criterion) {
    for (script, traditional) in [
        ("mixed", None),
        ("simplified", Some(false)),
        ("traditional", Some(true)),
    ] {
        let files = corpus(traditional);
        let bytes: usize = files.iter().map(|f| f.1.len()).sum();
        cpu_throughput(&format!("{script}/decode"), bytes, || {
            files
                .iter()
                .filter_map(|(n, f)| planx::decode::decode(n, f).ok())
                .count()
        });
        cpu_throughput(&format!("{script}/decode+clean"), bytes, || {
            files
                .iter()
                .filter_map(|(n, f)| planx::decode::decode(n, f).ok())
                .map(|d| planx::clean::clean(&SourceText::new(d.text)).len_chars())
                .sum()
        });
        cpu_throughput(&format!("{script}/front"), bytes, || {
            files.iter().map(|(n, f)| front(n, f)).sum()
        });
        // The goal's yardstick: extract should run at least half as fast as
        // jieba-rs segmenting the same text, and nothing more.
        let texts: Vec<String> = files
            .iter()
            .filter_map(|(n, f)| planx::decode::decode(n, f).ok())
            .map(|d| d.text)
            .collect();
        let jieba = cpu_throughput(&format!("{script}/jieba cut"), bytes, || {
            texts
                .iter()
                .map(|t| planx::segment::jieba().cut(t, false).len())
                .sum()
        });
        // The text planx segments: cleaned, and simplified where split
        // found a traditional document.
        let copies: Vec<String> = texts
            .iter()
            .map(|t| {
                let source = SourceText::new(t.clone());
                let norm = planx::clean::clean(&source);
                planx::split::split(&source, norm).0.as_str().to_string()
            })
            .collect();
        let jieba_copy =
            cpu_throughput(&format!("{script}/jieba cut (planx's copy)"), bytes, || {
                copies
                    .iter()
                    .map(|t| planx::segment::jieba().cut(t, false).len())
                    .sum()
            });
        cpu_throughput(&format!("{script}/jieba cut hmm"), bytes, || {
            texts
                .iter()
                .map(|t| planx::segment::jieba().cut(t, true).len())
                .sum()
        });
        let extract = cpu_throughput(&format!("{script}/extract"), bytes, || {
            files
                .iter()
                .filter(|(n, f)| planx::extract_bytes(n, f).is_ok())
                .count()
        });
        for (yardstick, mib) in [
            ("jieba cut", jieba),
            ("jieba cut (planx's copy)", jieba_copy),
        ] {
            println!(
                "{script}/extract ÷ {yardstick:<24} {:>5.2} (ratio of MiB per CPU second, goal ≥ 0.5)",
                extract / mib
            );
        }
        let mut g = c.benchmark_group(script);
        g.throughput(Throughput::Bytes(bytes as u64))
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(10));
        g.bench_function("decode", |b| {
            b.iter(|| {
                files
                    .iter()
                    .map(|(n, f)| planx::decode::decode(n, black_box(f)).map(|d| d.text.len()))
                    .filter_map(Result::ok)
                    .sum::<usize>()
            })
        });
        g.bench_function("decode+clean", |b| {
            b.iter(|| {
                files
                    .iter()
                    .filter_map(|(n, f)| planx::decode::decode(n, black_box(f)).ok())
                    .map(|d| planx::clean::clean(&SourceText::new(d.text)).len_chars())
                    .sum::<usize>()
            })
        });
        g.bench_function("front", |b| {
            b.iter(|| {
                files
                    .iter()
                    .map(|(n, f)| front(n, black_box(f)))
                    .sum::<usize>()
            })
        });
        g.bench_function("extract", |b| {
            b.iter(|| {
                files
                    .iter()
                    .map(|(n, f)| planx::extract_bytes(n, black_box(f)).map(|p| p.extract))
                    .filter(Result::is_ok)
                    .count()
            })
        });
        g.finish();
    }
}

fn seed_wall_time(c: &mut Criterion) {
    let (name, bytes) = seeds()
        .into_iter()
        .max_by_key(|s| s.1.len())
        .expect("a seed");
    let mut g = c.benchmark_group("seed");
    g.throughput(Throughput::Bytes(bytes.len() as u64))
        .sample_size(20);
    g.bench_function("planx extract", |b| {
        b.iter(|| {
            let out = Command::new(env!("CARGO_BIN_EXE_planx"))
                .args(["extract", &name])
                .output()
                .expect("planx runs");
            assert!(out.status.success());
            out.stdout.len()
        })
    });
    g.finish();
}

fn docx(c: &mut Criterion) {
    // The seed closest to 30 KB, as a .docx of one paragraph per line.
    let (name, bytes) = seeds()
        .into_iter()
        .min_by_key(|s| s.1.len().abs_diff(30_000))
        .expect("a seed");
    let text = String::from_utf8(bytes).expect("seeds are UTF-8");
    let file = docx_fixture::from_text(&text);
    let name = name.replace(".txt", ".docx");
    let mut g = c.benchmark_group("docx");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("read", |b| {
        b.iter(|| planx::decode::decode(&name, black_box(&file)).map(|d| d.text.len()))
    });
    g.bench_function("extract", |b| {
        b.iter(|| planx::extract_bytes(&name, black_box(&file)).map(|p| p.extract.documents.len()))
    });
    g.finish();
}

criterion_group!(benches, throughput, docx, seed_wall_time);
criterion_main!(benches);

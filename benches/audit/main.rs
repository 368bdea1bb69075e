//! `planx audit` throughput, in process (start-up not counted): a generated
//! batch of at least 1,000 documents (500 schools × plan and summary, see
//! `generate.rs`) audited with 1 and with 2 worker threads. Prints
//! documents/s, MB/s and the speed-up; the goal is a speed-up of at least
//! 1.7 on 2 cores.
//!
//! Run: `cargo bench --bench audit` (`-- --schools N` for another size).

mod generate;

use std::path::Path;
use std::time::Instant;

/// User + system CPU time of this process so far (Linux /proc; clock
/// ticks are 100 per second there).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime, stime are 14, 15.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let schools = args
        .iter()
        .position(|a| a == "--schools")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(500);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().expect("temp dir");
    let input = tmp.path().join("batch");
    let (files, bytes) = generate::write_batch(&input, &root.join("corpus"), schools, 42);
    let mb = bytes as f64 / 1e6;
    println!("audit bench: {} files, {mb:.1} MB", files.len());

    // Warm up: build the lazy dictionaries once, outside the timings.
    let warm = planx::audit::Options {
        paths: files[..4].to_vec(),
        out: tmp.path().join("warm"),
        threads: 2,
        ..Default::default()
    };
    planx::audit::run(&warm, &mut |_, _| {}).expect("warm-up audit");

    let mut secs = Vec::new();
    for threads in [1, 2] {
        let opts = planx::audit::Options {
            paths: vec![input.clone()],
            out: tmp.path().join(format!("out{threads}")),
            threads,
            ..Default::default()
        };
        let (t, cpu0) = (Instant::now(), cpu_seconds());
        let report = planx::audit::run(&opts, &mut |_, _| {}).expect("audit");
        let s = t.elapsed().as_secs_f64();
        let cpu = cpu_seconds().zip(cpu0).map(|(b, a)| b - a);
        let docs = report.totals.documents;
        println!(
            "audit bench: -j {threads}: {docs} documents in {s:.2} s: {:.0} docs/s, {:.2} MB/s{}",
            docs as f64 / s,
            mb / s,
            // Cores kept busy: below the thread count when the machine is
            // shared, which caps any wall-clock speed-up.
            cpu.map_or(String::new(), |c| format!(
                " ({c:.2} CPU-s, {:.2} cores busy)",
                c / s
            ))
        );
        secs.push(s);
    }
    let speedup = secs[0] / secs[1];
    println!(
        "audit bench: speed-up with 2 threads: {speedup:.2} (goal >= 1.7){}",
        if speedup >= 1.7 { "" } else { "  BELOW GOAL" }
    );
}

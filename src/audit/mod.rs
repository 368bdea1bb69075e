//! `planx audit`: many schools' plans and summaries at once.
//!
//! The batch is walked ([`walk`]), paired by file name or manifest
//! ([`pairing`]), then read by a rayon pool: each worker takes the next file
//! in path order, extracts it, checks it ([`flags`]), serialises its rows,
//! and when it completes a pair, compares the two. The calling thread
//! writes results in path order as they arrive (a small reorder buffer), so
//! the output is the same whatever the number of threads and memory holds
//! only what the report needs. Findings that need the whole batch
//! (near-duplicates, [`dedup`]) or a pair (completion) are merged into the
//! streamed files at the end, again streaming.

pub mod dedup;
pub mod flags;
pub mod pairing;
pub mod walk;

use crate::model::{Comparison, Kind, Totals};
use crate::render::audit_csv;
use crate::{Error, Parsed, Result};
use flags::Flag;
use pairing::{NameInfo, Pairing};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::Mutex;

pub const AUDIT_SCHEMA: &str = "planx/audit/1";

/// What to audit and where to write.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub paths: Vec<PathBuf>,
    pub out: PathBuf,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    pub manifest: Option<PathBuf>,
    pub template: Option<PathBuf>,
}

/// One row of documents.csv: a document, or a file that could not be read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocRecord {
    pub file: String,
    /// Index of the document in its file; None for a file not read.
    pub index: Option<usize>,
    pub title: Option<String>,
    pub kind: Option<Kind>,
    pub period: Option<String>,
    pub encoding: Option<String>,
    pub items: usize,
    pub goals: usize,
    pub quotas: usize,
    pub events: usize,
    pub topics: usize,
    /// Months the document schedules or reports on, sorted.
    pub months: Vec<u32>,
    pub flags: Vec<Flag>,
    pub error: Option<String>,
}

/// One row of pairs.csv: a plan with its summary, or one without the other.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PairRecord {
    pub school: String,
    pub plan: Option<String>,
    pub summary: Option<String>,
    /// Paired by the manifest rather than by the file names.
    pub manifest: bool,
    pub items: Option<usize>,
    pub totals: Option<Totals>,
    pub unplanned: Option<usize>,
    pub completion: Option<f64>,
    /// Why there is no comparison (a file unreadable, no partner, compare failed).
    pub problem: Option<String>,
    pub comparison: Option<Comparison>,
}

impl PairRecord {
    /// The pair's counts as both reports list them: plan items, each status
    /// (done, partial, not done, mentioned, unreported), unplanned work.
    pub fn counts(&self) -> [Option<usize>; 7] {
        let t = self.totals.as_ref();
        [
            self.items,
            t.map(|t| t.done),
            t.map(|t| t.partial),
            t.map(|t| t.not_done),
            t.map(|t| t.mentioned),
            t.map(|t| t.unreported),
            self.unplanned,
        ]
    }
}

/// A near-duplicate: `share` of document (file, doc) is also in the partner.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Duplicate {
    pub file: String,
    pub doc: usize,
    pub partner_file: String,
    pub partner_doc: usize,
    pub share: f64,
}

/// Counts for the whole batch.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct BatchTotals {
    pub files: usize,
    pub read: usize,
    pub failed: usize,
    pub skipped: usize,
    pub documents: usize,
    pub plans: usize,
    pub summaries: usize,
    pub pairs: usize,
    pub compared: usize,
    pub plans_without_summary: usize,
    pub summaries_without_plan: usize,
    /// Mean completion of the compared pairs.
    pub mean_completion: Option<f64>,
    pub duplicates: usize,
    /// Documents carrying each flag code.
    pub flags: BTreeMap<String, usize>,
}

/// What the report needs, kept in memory: every row and pair, without the
/// full extracts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Report {
    pub totals: BatchTotals,
    pub documents: Vec<DocRecord>,
    pub pairs: Vec<PairRecord>,
    pub duplicates: Vec<Duplicate>,
}

impl Report {
    /// True when some file could not be read (exit status 1).
    pub fn had_failures(&self) -> bool {
        self.totals.failed > 0
    }
}

/// Runs an audit and writes documents.csv, pairs.csv, audit.json and
/// report.html into `opts.out`. `progress(done, total)` is called on the
/// calling thread as files finish. Errors are problems that stop the whole
/// run (a bad manifest, an output folder that cannot be written); a file
/// that cannot be read is a row, not an error.
pub fn run(opts: &Options, progress: &mut dyn FnMut(usize, usize)) -> Result<Report> {
    let manifest = match &opts.manifest {
        Some(m) => pairing::read_manifest(m).map_err(|message| Error::Unreadable {
            path: m.display().to_string(),
            message,
        })?,
        None => Vec::new(),
    };
    let template: HashSet<u64> = match &opts.template {
        Some(t) => {
            let parsed = crate::extract_path(t)?;
            dedup::fingerprint(parsed.norm.as_str())
                .into_iter()
                .collect()
        }
        None => HashSet::new(),
    };
    let out_err = |source| Error::Io {
        path: opts.out.display().to_string(),
        source,
    };
    std::fs::create_dir_all(&opts.out).map_err(out_err)?;

    let mut roots = opts.paths.clone();
    roots.extend(manifest.iter().flat_map(|(p, s, _)| [p.clone(), s.clone()]));
    let entries = without_output(walk::walk(&roots), &opts.out);
    let files: Vec<PathBuf> = entries.iter().map(|e| e.path().to_path_buf()).collect();
    let names: Vec<NameInfo> = files.iter().map(|f| pairing::name_info(f)).collect();
    let manifest_idx = manifest_indexes(&files, &manifest);
    let pairing = pairing::pair(&files, &manifest_idx);

    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()
        .map_err(|e| Error::Unreadable {
            path: "planx audit".into(),
            message: format!("cannot start worker threads: {e}"),
        })?;
    let workers = pool.current_num_threads();
    let shared = Shared {
        entries: &entries,
        names: &names,
        pairing: &pairing,
        pending: Mutex::new(HashMap::new()),
        next: AtomicUsize::new(0),
    };
    let mut sink = Sink::create(&opts.out).map_err(out_err)?;
    let (tx, rx) = mpsc::sync_channel::<Msg>(4 * workers + 8);
    let collected = pool.in_place_scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let shared = &shared;
            scope.spawn(move |_| shared.work(&tx));
        }
        drop(tx);
        sink.collect(rx, entries.len(), &pairing, progress)
    });
    collected.map_err(out_err)?;
    sink.finish(&opts.out, &entries, &template).map_err(out_err)
}

/// The batch without the output folder's own files (`planx audit .`
/// writes into `./planx-audit/`, which a second run must not read).
fn without_output(entries: Vec<walk::Entry>, out: &Path) -> Vec<walk::Entry> {
    let Ok(out) = std::fs::canonicalize(out) else {
        return entries;
    };
    entries
        .into_iter()
        .filter(|e| {
            e.path()
                .parent()
                .and_then(|p| std::fs::canonicalize(p).ok())
                .is_none_or(|p| !p.starts_with(&out))
        })
        .collect()
}

/// Indexes of the manifest's files in the batch (paths compared after
/// resolving `.`/`..` and symlinks, so `./a/x.txt` is `a/x.txt`).
fn manifest_indexes(
    files: &[PathBuf],
    manifest: &[(PathBuf, PathBuf, Option<String>)],
) -> Vec<(usize, usize, Option<String>)> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let index: HashMap<PathBuf, usize> = files
        .iter()
        .enumerate()
        .map(|(i, f)| (canon(f), i))
        .collect();
    manifest
        .iter()
        .filter_map(|(p, s, school)| {
            Some((
                *index.get(&canon(p))?,
                *index.get(&canon(s))?,
                school.clone(),
            ))
        })
        .collect()
}

/// A message from a worker to the writer.
enum Msg {
    File(Box<FileResult>),
    Pair(usize, Box<PairRecord>, Option<(usize, usize, f64)>),
}

/// Everything the writer needs from one file, prepared by the worker.
struct FileResult {
    index: usize,
    records: Vec<DocRecord>,
    /// The audit.json entry of the file, serialised.
    json: String,
    /// Dedup fingerprints, one per document.
    hashes: Vec<Vec<u64>>,
    failed: bool,
    skipped: bool,
}

/// The first half of a pair to be read waits here for the second.
enum Slot {
    Ready(Box<Parsed>),
    Failed(String),
}

struct Shared<'a> {
    entries: &'a [walk::Entry],
    names: &'a [NameInfo],
    pairing: &'a Pairing,
    pending: Mutex<HashMap<usize, (usize, Slot)>>,
    next: AtomicUsize,
}

#[derive(Serialize)]
struct FileEntry<'a> {
    file: &'a str,
    error: Option<&'a str>,
    documents: &'a [DocRecord],
    extract: Option<&'a crate::model::Extract>,
}

impl Shared<'_> {
    /// Takes files in path order until none is left.
    fn work(&self, tx: &mpsc::SyncSender<Msg>) {
        loop {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(entry) = self.entries.get(i) else {
                return;
            };
            let (result, parsed) = match entry {
                walk::Entry::File(path) => self.read(i, path),
                walk::Entry::Skipped {
                    path,
                    reason,
                    failed,
                } => (error_result(i, path, reason, *failed, !*failed), None),
            };
            if tx.send(Msg::File(Box::new(result))).is_err() {
                return;
            }
            if let Some(p) = self.pairing.pair_of[i] {
                let slot = match parsed {
                    Some(Ok(parsed)) => Slot::Ready(parsed),
                    Some(Err(e)) => Slot::Failed(e),
                    None => Slot::Failed(format!("{}: not read", entry.path().display())),
                };
                if let Some(msg) = self.meet(p, i, slot) {
                    if tx.send(msg).is_err() {
                        return;
                    }
                }
            }
        }
    }

    /// Reads one file; returns its result and, when it is half of a pair,
    /// the parsed file (or why it failed) for the comparison.
    fn read(
        &self,
        i: usize,
        path: &Path,
    ) -> (FileResult, Option<std::result::Result<Box<Parsed>, String>>) {
        let paired = self.pairing.pair_of[i].is_some();
        let parsed = guard(|| crate::extract_path(path).map_err(|e| e.to_string()));
        match parsed {
            Err(e) => {
                let r = error_result(i, path, &e, true, false);
                (r, paired.then_some(Err(e)))
            }
            Ok(parsed) => {
                let (mut records, hashes) = document_records(&parsed, &self.names[i], paired);
                if records.is_empty() {
                    // An empty file: read, but a person should know.
                    let why = parsed
                        .extract
                        .warnings
                        .first()
                        .map_or("no document found", |w| {
                            w.message.rsplit(": ").next().unwrap_or(&w.message)
                        });
                    records = error_result(i, path, why, false, false).records;
                }
                let json = serde_json::to_string(&FileEntry {
                    file: &parsed.extract.source,
                    error: None,
                    documents: &records,
                    extract: Some(&parsed.extract),
                })
                .unwrap_or_default();
                let result = FileResult {
                    index: i,
                    records,
                    json,
                    hashes,
                    failed: false,
                    skipped: false,
                };
                (result, paired.then(|| Ok(Box::new(parsed))))
            }
        }
    }

    /// Files a half pair; when the other half is there, compares them.
    fn meet(&self, pair: usize, file: usize, slot: Slot) -> Option<Msg> {
        let other = {
            let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
            match pending.remove(&pair) {
                Some(other) => other,
                None => {
                    pending.insert(pair, (file, slot));
                    return None;
                }
            }
        };
        let p = &self.pairing.pairs[pair];
        let (plan_slot, summary_slot) = if other.0 == p.plan {
            (other.1, slot)
        } else {
            (slot, other.1)
        };
        let path_of = |i: usize| self.entries[i].path().display().to_string();
        let mut record = PairRecord {
            school: p.school.clone(),
            plan: Some(path_of(p.plan)),
            summary: Some(path_of(p.summary)),
            manifest: p.manifest,
            items: None,
            totals: None,
            unplanned: None,
            completion: None,
            problem: None,
            comparison: None,
        };
        let mut late = None;
        match (plan_slot, summary_slot) {
            (Slot::Ready(plan), Slot::Ready(summary)) => {
                match guard(|| {
                    crate::compare::compare(&plan, None, &summary, None).map_err(|e| e.to_string())
                }) {
                    Ok(c) => {
                        record.items = Some(c.items.len());
                        record.totals = Some(c.totals.clone());
                        record.unplanned = Some(c.unplanned.len());
                        if !c.items.is_empty() {
                            record.completion = Some(c.completion);
                            let doc = first_of_kind(&summary, Kind::Summary);
                            late = Some((p.summary, doc, c.completion));
                        } else {
                            record.problem = Some(
                                "计划中没有可比较的条目 (the plan has no items to compare)".into(),
                            );
                        }
                        record.comparison = Some(c);
                    }
                    Err(e) => record.problem = Some(format!("比较失败 (compare failed): {e}")),
                }
            }
            (Slot::Failed(e), _) => {
                record.problem = Some(format!("计划无法读取 (plan not read): {e}"))
            }
            (_, Slot::Failed(e)) => {
                record.problem = Some(format!("总结无法读取 (summary not read): {e}"))
            }
        }
        Some(Msg::Pair(pair, Box::new(record), late))
    }
}

/// Runs a step of one file so that a panic in it becomes that file's error
/// instead of ending the batch.
fn guard<T>(f: impl FnOnce() -> std::result::Result<T, String>) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).unwrap_or_else(|p| {
        let what = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!("internal error (please report): {what}"))
    })
}

/// The document compare takes: the first of the kind, else the first.
fn first_of_kind(parsed: &Parsed, kind: Kind) -> usize {
    parsed
        .extract
        .documents
        .iter()
        .position(|d| d.kind == kind)
        .unwrap_or(0)
}

fn error_result(i: usize, path: &Path, error: &str, failed: bool, skipped: bool) -> FileResult {
    let file = path.display().to_string();
    // Library errors start with the file name, which the row already has.
    let error = error.strip_prefix(&format!("{file}: ")).unwrap_or(error);
    let record = DocRecord {
        file: file.clone(),
        index: None,
        title: None,
        kind: None,
        period: None,
        encoding: None,
        items: 0,
        goals: 0,
        quotas: 0,
        events: 0,
        topics: 0,
        months: Vec::new(),
        flags: Vec::new(),
        error: Some(error.to_string()),
    };
    let json = serde_json::to_string(&FileEntry {
        file: &file,
        error: Some(error),
        documents: &[],
        extract: None,
    })
    .unwrap_or_default();
    FileResult {
        index: i,
        records: vec![record],
        json,
        hashes: Vec::new(),
        failed,
        skipped,
    }
}

/// The rows and dedup fingerprints of a read file's documents.
fn document_records(
    parsed: &Parsed,
    name: &NameInfo,
    paired: bool,
) -> (Vec<DocRecord>, Vec<Vec<u64>>) {
    let x = &parsed.extract;
    let file_traces = flags::web_traces(&flags::fold_for_traces(&outside_documents(parsed)));
    let mut records = Vec::new();
    let mut hashes = Vec::new();
    for doc in &x.documents {
        let kind = match (doc.kind, name.kind) {
            (Kind::Unknown, Some(k)) => k,
            (k, _) => k,
        };
        let folded = flags::fold_for_traces(parsed.source.slice(doc.span));
        let ctx = flags::Context {
            kind,
            term: name.term,
            folded_text: &folded,
            file_traces: &file_traces,
            warnings: &x.warnings,
        };
        let mut found = flags::check(doc, &ctx);
        if !paired {
            found.extend(flags::unpaired(kind));
        }
        let mut months: Vec<u32> = doc
            .events
            .iter()
            .flat_map(|e| e.when.months.iter().chain(e.when.month.iter()).copied())
            .chain(doc.sections.iter().flat_map(|s| s.months.iter().copied()))
            .filter(|m| (1..=12).contains(m))
            .collect();
        months.sort_unstable();
        months.dedup();
        records.push(DocRecord {
            file: x.source.clone(),
            index: Some(doc.index),
            title: doc.title.clone(),
            kind: Some(kind),
            period: doc.period.as_ref().map(|p| p.text.clone()),
            encoding: Some(x.encoding.clone()),
            items: doc.items.len(),
            goals: doc.goals.len(),
            quotas: doc.quotas.len(),
            events: doc.events.len(),
            topics: doc.topics.len(),
            months,
            flags: found,
            error: None,
        });
        hashes.push(dedup::fingerprint(
            parsed.norm.slice_chars(doc.norm.clone()),
        ));
    }
    (records, hashes)
}

/// The source text outside every document: a web page's furniture.
fn outside_documents(parsed: &Parsed) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for d in &parsed.extract.documents {
        out.push_str(parsed.source.slice([pos, d.span[0]]));
        out.push('\n');
        pos = pos.max(d.span[1]);
    }
    out.push_str(parsed.source.slice([pos, parsed.source.len_chars()]));
    out
}

/// The writer: streams rows in path order and keeps what the report needs.
struct Sink {
    documents: csv::Writer<BufWriter<File>>,
    documents_part: PathBuf,
    files: BufWriter<File>,
    files_part: PathBuf,
    pairs: csv::Writer<BufWriter<File>>,
    report: Report,
    /// Per file: dedup fingerprints of its documents.
    hashes: Vec<Vec<Vec<u64>>>,
    /// Low completion, (summary file, doc) → completion.
    completion: Vec<(usize, usize, f64)>,
    unpaired: Vec<PairRecord>,
}

impl Sink {
    fn create(out: &Path) -> std::io::Result<Sink> {
        let documents_part = out.join(".documents.csv.part");
        let files_part = out.join(".audit-files.jsonl.part");
        let mut documents =
            csv::Writer::from_writer(BufWriter::new(File::create(&documents_part)?));
        audit_csv::write_row(&mut documents, audit_csv::DOCUMENT_HEADER)?;
        let mut pairs = audit_csv::create(&out.join("pairs.csv"))?;
        audit_csv::write_row(&mut pairs, audit_csv::PAIR_HEADER)?;
        Ok(Sink {
            documents,
            documents_part,
            files: BufWriter::new(File::create(&files_part)?),
            files_part,
            pairs,
            report: Report::default(),
            hashes: Vec::new(),
            completion: Vec::new(),
            unpaired: Vec::new(),
        })
    }

    /// Receives results and writes them in order.
    fn collect(
        &mut self,
        rx: mpsc::Receiver<Msg>,
        total: usize,
        pairing: &Pairing,
        progress: &mut dyn FnMut(usize, usize),
    ) -> std::io::Result<()> {
        let mut files: BTreeMap<usize, Box<FileResult>> = BTreeMap::new();
        let mut pairs: BTreeMap<usize, Box<PairRecord>> = BTreeMap::new();
        let (mut next_file, mut next_pair, mut done) = (0, 0, 0);
        for msg in rx {
            match msg {
                Msg::File(r) => {
                    done += 1;
                    progress(done, total);
                    files.insert(r.index, r);
                }
                Msg::Pair(i, r, late) => {
                    self.completion.extend(late);
                    pairs.insert(i, r);
                }
            }
            while let Some(r) = files.remove(&next_file) {
                self.write_file(*r, pairing)?;
                next_file += 1;
            }
            while let Some(r) = pairs.remove(&next_pair) {
                audit_csv::write_row(&mut self.pairs, &audit_csv::pair_row(&r))?;
                self.report.pairs.push(*r);
                next_pair += 1;
            }
        }
        Ok(())
    }

    fn write_file(&mut self, r: FileResult, pairing: &Pairing) -> std::io::Result<()> {
        let t = &mut self.report.totals;
        t.files += 1;
        if r.skipped {
            t.skipped += 1;
        } else if r.failed {
            t.failed += 1;
        } else {
            t.read += 1;
        }
        for rec in &r.records {
            audit_csv::write_row(&mut self.documents, &audit_csv::document_row(rec))?;
        }
        self.files.write_all(r.json.as_bytes())?;
        self.files.write_all(b"\n")?;
        if !r.failed && !r.skipped && pairing.pair_of[r.index].is_none() {
            self.unpaired.extend(unpaired_record(&r.records));
        }
        self.hashes.push(r.hashes);
        self.report.documents.extend(r.records);
        Ok(())
    }

    /// Merges batch-wide findings into the streamed files and writes the
    /// final outputs.
    fn finish(
        mut self,
        out: &Path,
        entries: &[walk::Entry],
        template: &HashSet<u64>,
    ) -> std::io::Result<Report> {
        for r in std::mem::take(&mut self.unpaired) {
            audit_csv::write_row(&mut self.pairs, &audit_csv::pair_row(&r))?;
            self.report.pairs.push(r);
        }
        self.pairs.flush()?;
        self.documents.flush()?;
        self.files.flush()?;

        let late = self.late_flags(entries, template);
        let doc_pos: HashMap<(String, usize), usize> = self
            .report
            .documents
            .iter()
            .enumerate()
            .filter_map(|(k, d)| Some(((d.file.clone(), d.index?), k)))
            .collect();
        for ((file, doc), fl) in &late {
            if let Some(&k) = doc_pos.get(&(file.clone(), *doc)) {
                self.report.documents[k].flags.extend(fl.iter().cloned());
            }
        }
        self.report.totals = totals(&self.report);

        // documents.csv: the streamed rows with the late flags added.
        {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_path(&self.documents_part)?;
            let mut w = audit_csv::create(&out.join("documents.csv"))?;
            let mut k = 0;
            for (n, rec) in reader.records().enumerate() {
                let rec = rec?;
                if n == 0 {
                    w.write_record(&rec)?;
                    continue;
                }
                // Rows come in the same order as report.documents.
                let row = match self.report.documents.get(k) {
                    Some(d)
                        if late.contains_key(&(d.file.clone(), d.index.unwrap_or(usize::MAX))) =>
                    {
                        audit_csv::document_row(d)
                    }
                    _ => rec.iter().map(str::to_string).collect(),
                };
                k += 1;
                w.write_record(&row)?;
            }
            w.flush()?;
        }
        std::fs::remove_file(&self.documents_part)?;

        // audit.json: head, the streamed file entries, then the batch-wide parts.
        {
            let mut w = BufWriter::new(File::create(out.join("audit.json"))?);
            write!(w, "{{\"schema\":\"{AUDIT_SCHEMA}\",\"totals\":")?;
            serde_json::to_writer(&mut w, &self.report.totals)?;
            w.write_all(b",\"flag_codes\":")?;
            let codes: BTreeMap<&str, &str> = flags::CODES.iter().copied().collect();
            serde_json::to_writer(&mut w, &codes)?;
            w.write_all(b",\"files\":[")?;
            let mut by_file: HashMap<&str, Vec<(usize, &Vec<Flag>)>> = HashMap::new();
            for ((file, doc), fl) in &late {
                by_file.entry(file.as_str()).or_default().push((*doc, fl));
            }
            let reader = BufReader::new(File::open(&self.files_part)?);
            for (n, line) in reader.lines().enumerate() {
                let line = line?;
                if n > 0 {
                    w.write_all(b",\n")?;
                }
                let file_late = serde_json::from_str::<FileHead>(&line)
                    .ok()
                    .and_then(|h| by_file.get(h.file.as_str()));
                let Some(file_late) = file_late else {
                    w.write_all(line.as_bytes())?;
                    continue;
                };
                let mut v: serde_json::Value = serde_json::from_str(&line)?;
                let docs = v.get_mut("documents").and_then(|d| d.as_array_mut());
                for d in docs.into_iter().flatten() {
                    let idx = d.get("index").and_then(|i| i.as_u64());
                    let extra = file_late.iter().filter(|(doc, _)| Some(*doc as u64) == idx);
                    if let Some(arr) = d.get_mut("flags").and_then(|f| f.as_array_mut()) {
                        for (_, fl) in extra {
                            arr.extend(fl.iter().filter_map(|f| serde_json::to_value(f).ok()));
                        }
                    }
                }
                serde_json::to_writer(&mut w, &v)?;
            }
            w.write_all(b"],\n\"pairs\":")?;
            serde_json::to_writer(&mut w, &self.report.pairs)?;
            w.write_all(b",\n\"duplicates\":")?;
            serde_json::to_writer(&mut w, &self.report.duplicates)?;
            w.write_all(b"}\n")?;
            w.flush()?;
        }
        std::fs::remove_file(&self.files_part)?;

        let mut html = BufWriter::new(File::create(out.join("report.html"))?);
        crate::render::html::write(&mut html, &self.report)?;
        html.flush()?;
        Ok(self.report)
    }

    /// Flags that need the batch or a pair: near-duplicates and low
    /// completion, keyed by (file, document index).
    fn late_flags(
        &mut self,
        entries: &[walk::Entry],
        template: &HashSet<u64>,
    ) -> BTreeMap<(String, usize), Vec<Flag>> {
        let mut late: BTreeMap<(String, usize), Vec<Flag>> = BTreeMap::new();
        let file_name = |i: usize| entries[i].path().display().to_string();
        for &(file, doc, c) in &self.completion {
            if let Some(f) = flags::low_completion(c) {
                late.entry((file_name(file), doc)).or_default().push(f);
            }
        }
        // Documents for dedup, each in its school's group.
        let mut groups: HashMap<String, usize> = HashMap::new();
        let mut ids: Vec<(usize, usize)> = Vec::new();
        let mut docs: Vec<dedup::Doc> = Vec::new();
        for (file, hs) in std::mem::take(&mut self.hashes).into_iter().enumerate() {
            let school = pairing::name_info(entries[file].path()).school;
            let n = groups.len();
            let group = *groups.entry(school).or_insert(n);
            for (doc, hashes) in hs.into_iter().enumerate() {
                ids.push((file, doc));
                docs.push(dedup::Doc { group, hashes });
            }
        }
        let titles: HashMap<(&str, usize), &str> = self
            .report
            .documents
            .iter()
            .filter_map(|d| Some(((d.file.as_str(), d.index?), d.title.as_deref()?)))
            .collect();
        let mut dups = Vec::new();
        let mut per_doc: HashMap<usize, usize> = HashMap::new();
        for s in dedup::find(&docs, template) {
            let (file, doc) = ids[s.doc];
            let (pfile, pdoc) = ids[s.partner];
            dups.push(Duplicate {
                file: file_name(file),
                doc,
                partner_file: file_name(pfile),
                partner_doc: pdoc,
                share: s.share,
            });
            // Name at most three partners per document in its flags.
            let count = per_doc.entry(s.doc).or_default();
            *count += 1;
            if *count <= 3 {
                let partner = match titles.get(&(file_name(pfile).as_str(), pdoc)) {
                    Some(t) => format!("{} 第{}篇《{t}》", file_name(pfile), pdoc + 1),
                    None => format!("{} 第{}篇", file_name(pfile), pdoc + 1),
                };
                late.entry((file_name(file), doc))
                    .or_default()
                    .push(flags::near_duplicate(&partner, s.share));
            }
        }
        self.report.duplicates = dups;
        late
    }
}

/// The first field of a streamed file entry, read without the rest.
#[derive(Deserialize)]
struct FileHead {
    file: String,
}

/// The pairs.csv row of a read file that has no partner, when its name or
/// its documents say it is a plan or a summary.
fn unpaired_record(records: &[DocRecord]) -> Option<PairRecord> {
    let first = records.first()?;
    let kind = records
        .iter()
        .filter_map(|r| r.kind)
        .find(|k| *k != Kind::Unknown)?;
    let name = pairing::name_info(Path::new(&first.file));
    let (plan, summary, problem) = match kind {
        Kind::Plan => (
            Some(first.file.clone()),
            None,
            "批次中没有这份计划的总结 (no summary for this plan in the batch)",
        ),
        _ => (
            None,
            Some(first.file.clone()),
            "批次中没有这份总结的计划 (no plan for this summary in the batch)",
        ),
    };
    Some(PairRecord {
        school: name.school,
        plan,
        summary,
        manifest: false,
        items: None,
        totals: None,
        unplanned: None,
        completion: None,
        problem: Some(problem.into()),
        comparison: None,
    })
}

fn totals(report: &Report) -> BatchTotals {
    let mut t = report.totals.clone();
    t.documents = report
        .documents
        .iter()
        .filter(|d| d.index.is_some())
        .count();
    t.plans = report
        .documents
        .iter()
        .filter(|d| d.kind == Some(Kind::Plan))
        .count();
    t.summaries = report
        .documents
        .iter()
        .filter(|d| d.kind == Some(Kind::Summary))
        .count();
    let paired: Vec<&PairRecord> = report
        .pairs
        .iter()
        .filter(|p| p.plan.is_some() && p.summary.is_some())
        .collect();
    t.pairs = paired.len();
    let done: Vec<f64> = paired.iter().filter_map(|p| p.completion).collect();
    t.compared = done.len();
    t.mean_completion = (!done.is_empty()).then(|| done.iter().sum::<f64>() / done.len() as f64);
    t.plans_without_summary = report.pairs.iter().filter(|p| p.summary.is_none()).count();
    t.summaries_without_plan = report.pairs.iter().filter(|p| p.plan.is_none()).count();
    t.duplicates = report.duplicates.len();
    t.flags.clear();
    for d in &report.documents {
        let codes: std::collections::BTreeSet<&str> =
            d.flags.iter().map(|f| f.code.as_str()).collect();
        for c in codes {
            *t.flags.entry(c.to_string()).or_default() += 1;
        }
    }
    t
}

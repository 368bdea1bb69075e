//! Finding the files of a batch: folders are walked recursively, hidden
//! files and folders are ignored, symlinks are followed but a loop is
//! reported once instead of being followed forever, and files that are not
//! documents (images, spreadsheets, archives) are listed as skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Extensions of the files a school office hands in as documents. Others in
/// a walked folder are skipped; a file named on the command line is always
/// read, whatever its name. Word and PDF files are tried too: when planx
/// cannot read them yet, their row says why and how to convert them.
const DOCUMENT_EXTENSIONS: &[&str] = &["txt", "text", "md", "docx", "doc", "wps", "pdf", "rtf"];

/// One entry of a batch, in path order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A file to read.
    File(PathBuf),
    /// Something that is listed but not read, with the reason. `failed`
    /// tells a real failure (a folder that cannot be read, a path that does
    /// not exist) from a deliberate skip (an image, a symlink loop).
    Skipped {
        path: PathBuf,
        reason: String,
        failed: bool,
    },
}

impl Entry {
    pub fn path(&self) -> &Path {
        match self {
            Entry::File(p) => p,
            Entry::Skipped { path, .. } => path,
        }
    }
}

/// Walks every root and returns its entries sorted by path, each path once.
pub fn walk(roots: &[PathBuf]) -> Vec<Entry> {
    let mut found: BTreeMap<PathBuf, Entry> = BTreeMap::new();
    for root in roots {
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    let path = err
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    let (reason, failed) = describe_walk_error(&err);
                    found.entry(path.clone()).or_insert(Entry::Skipped {
                        path,
                        reason,
                        failed,
                    });
                    continue;
                }
            };
            if entry.file_type().is_dir() {
                continue;
            }
            let path = entry.path().to_path_buf();
            let named = entry.depth() == 0;
            let e = if named || is_document(&path) {
                Entry::File(path.clone())
            } else {
                Entry::Skipped {
                    path: path.clone(),
                    reason: format!(
                        "skipped: not a document type planx reads ({})",
                        extension_label(&path)
                    ),
                    failed: false,
                }
            };
            found.entry(path).or_insert(e);
        }
    }
    found.into_values().collect()
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

fn is_document(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        // Files without an extension are often text saved by hand.
        None => true,
        Some(ext) => DOCUMENT_EXTENSIONS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(ext)),
    }
}

fn extension_label(path: &Path) -> String {
    path.extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_else(|| "no extension".into())
}

fn describe_walk_error(err: &walkdir::Error) -> (String, bool) {
    if let Some(ancestor) = err.loop_ancestor() {
        return (
            format!(
                "skipped: symlink loop back to {} (not followed)",
                ancestor.display()
            ),
            false,
        );
    }
    match err.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
            ("cannot read: no such file or folder".into(), true)
        }
        Some(io) => (format!("cannot read: {io}"), true),
        None => (format!("cannot read: {err}"), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn walks_sorted_skips_hidden_and_non_documents() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("乙校")).unwrap();
        fs::create_dir_all(d.join(".git")).unwrap();
        fs::write(d.join("乙校/计划.txt"), "x").unwrap();
        fs::write(d.join("甲校-总结.TXT"), "x").unwrap();
        fs::write(d.join(".hidden.txt"), "x").unwrap();
        fs::write(d.join(".git/config"), "x").unwrap();
        fs::write(d.join("logo.png"), "x").unwrap();
        let entries = walk(&[d.to_path_buf()]);
        let names: Vec<String> = entries
            .iter()
            .map(|e| {
                e.path()
                    .strip_prefix(d)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["logo.png", "乙校/计划.txt", "甲校-总结.TXT"]);
        assert!(
            matches!(&entries[0], Entry::Skipped { reason, failed: false, .. } if reason.contains(".png"))
        );
        assert!(matches!(entries[1], Entry::File(_)));
    }

    #[test]
    fn a_named_file_is_read_whatever_its_extension() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("plan.dat");
        fs::write(&f, "x").unwrap();
        assert_eq!(walk(std::slice::from_ref(&f)), [Entry::File(f)]);
    }

    #[test]
    fn missing_path_is_a_failure() {
        let entries = walk(&[PathBuf::from("/nonexistent/planx/xyz")]);
        assert!(matches!(&entries[0], Entry::Skipped { failed: true, .. }));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("a")).unwrap();
        fs::write(d.join("a/计划.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d.join("a"), d.join("a/back")).unwrap();
        let entries = walk(&[d.to_path_buf()]);
        assert_eq!(entries.len(), 2, "{entries:?}");
        assert!(entries.iter().any(
            |e| matches!(e, Entry::Skipped { reason, failed: false, .. } if reason.contains("loop"))
        ));
    }
}

//! Near-duplicate text between schools' documents, in time linear in the
//! batch: no document is compared with every other one.
//!
//! Each document becomes a set of 8-character shingles of its cleaned text
//! (simplified, half-width, punctuation and spaces dropped, so a
//! traditional copy of a simplified text matches it). Only shingles whose
//! hash is 0 mod 4 are kept: the same shingle is kept in every document,
//! so shares measured on the sample estimate shares of the whole text at a
//! quarter of the cost. Shingles that a large share of the batch has (a
//! district template) or that a `--template` file has are dropped; MinHash
//! signatures of what is left, cut into LSH bands, propose candidate pairs,
//! and each candidate's share in common is then counted exactly on the
//! samples.

use std::collections::{HashMap, HashSet};

/// Characters per shingle: a short phrase in Chinese.
const SHINGLE: usize = 8;
/// One shingle in `SAMPLE` is kept.
const SAMPLE: u64 = 4;
/// LSH: `BANDS` bands of `ROWS` MinHash values. With 32 × 2, two documents
/// with Jaccard similarity 0.33 (half of each shared, equal sizes) meet in
/// some band with probability 0.97, unrelated ones (0.02) with 0.013.
const BANDS: usize = 32;
const ROWS: usize = 2;
/// A shingle in at least this share of the batch's documents (and in at
/// least `TEMPLATE_MIN_DOCS`) is district template, not copying.
const TEMPLATE_SHARE: f64 = 0.2;
const TEMPLATE_MIN_DOCS: usize = 4;
/// Documents sharing less than this share of their text are not reported.
pub const MIN_SHARE: f64 = 0.3;
/// Documents with fewer sampled shingles than this (about 100 characters)
/// are too short to judge.
const MIN_SHINGLES: usize = 25;
/// A band bucket larger than this (many copies of one text) is compared
/// along a window instead of all against all, to stay linear.
const BUCKET_ALL_PAIRS: usize = 32;
const BUCKET_WINDOW: usize = 4;

/// The sampled shingle hashes of a text, sorted and distinct.
pub fn fingerprint(text: &str) -> Vec<u64> {
    let chars: Vec<u32> = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| c.to_ascii_lowercase() as u32)
        .collect();
    let mut out: Vec<u64> = chars
        .windows(SHINGLE)
        .map(|w| {
            w.iter()
                .fold(0xcbf2_9ce4_8422_2325u64, |h, &c| mix(h ^ u64::from(c)))
        })
        .filter(|h| h % SAMPLE == 0)
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// A 64-bit finaliser (splitmix64): good spread for cheap.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One document as dedup sees it.
pub struct Doc {
    /// Documents of one group (a school) are never compared with each other.
    pub group: usize,
    pub hashes: Vec<u64>,
}

/// Text that document `doc` shares with document `partner`: `share` of the
/// document's own (non-template) text.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub doc: usize,
    pub partner: usize,
    pub share: f64,
}

/// Finds, for every document, the other groups' documents it shares at
/// least `MIN_SHARE` of its text with, best first. `template` holds hashes
/// to ignore (from `fingerprint` of a template file).
pub fn find(docs: &[Doc], template: &HashSet<u64>) -> Vec<Shared> {
    let n = docs.len();
    let mut df: HashMap<u64, u32> = HashMap::new();
    for d in docs {
        for &h in &d.hashes {
            *df.entry(h).or_default() += 1;
        }
    }
    let common = ((n as f64 * TEMPLATE_SHARE).ceil() as usize).max(TEMPLATE_MIN_DOCS) as u32;
    let kept: Vec<Vec<u64>> = docs
        .iter()
        .map(|d| {
            d.hashes
                .iter()
                .copied()
                .filter(|h| df.get(h).is_none_or(|&c| c < common) && !template.contains(h))
                .collect()
        })
        .collect();
    drop(df);
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    for (i, hs) in kept.iter().enumerate() {
        if hs.len() < MIN_SHINGLES {
            continue;
        }
        let sig = signature(hs);
        for (b, band) in sig.chunks(ROWS).enumerate() {
            let key = band.iter().fold(b as u64, |h, &v| mix(h ^ v));
            buckets.entry((b, key)).or_default().push(i);
        }
    }
    let mut candidates: HashSet<(usize, usize)> = HashSet::new();
    for members in buckets.values() {
        let window = if members.len() > BUCKET_ALL_PAIRS {
            BUCKET_WINDOW
        } else {
            members.len()
        };
        for (x, &a) in members.iter().enumerate() {
            for &b in members.iter().skip(x + 1).take(window) {
                if docs[a].group != docs[b].group {
                    candidates.insert((a.min(b), a.max(b)));
                }
            }
        }
    }
    let mut candidates: Vec<(usize, usize)> = candidates.into_iter().collect();
    candidates.sort_unstable();
    let mut found = Vec::new();
    for (a, b) in candidates {
        let inter = intersection(&kept[a], &kept[b]) as f64;
        for (doc, partner) in [(a, b), (b, a)] {
            let share = inter / kept[doc].len() as f64;
            if share >= MIN_SHARE {
                found.push(Shared {
                    doc,
                    partner,
                    share,
                });
            }
        }
    }
    found.sort_by(|x, y| {
        x.doc
            .cmp(&y.doc)
            .then(y.share.total_cmp(&x.share))
            .then(x.partner.cmp(&y.partner))
    });
    found
}

/// MinHash signature: for each of BANDS × ROWS hash functions, the least
/// hash of the set.
fn signature(hashes: &[u64]) -> Vec<u64> {
    (0..BANDS * ROWS)
        .map(|k| {
            let seed = mix(k as u64 + 1);
            hashes
                .iter()
                .map(|&h| mix(h ^ seed))
                .min()
                .unwrap_or(u64::MAX)
        })
        .collect()
}

/// Size of the intersection of two sorted sets.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic pseudo-random text of distinct Han characters.
    fn text(seed: u64, chars: usize) -> String {
        (0..chars)
            .map(|i| {
                let v = mix(seed.wrapping_mul(1_000_003) + i as u64) % 3000;
                char::from_u32(0x4E00 + v as u32).unwrap()
            })
            .collect()
    }

    fn doc(group: usize, t: &str) -> Doc {
        Doc {
            group,
            hashes: fingerprint(t),
        }
    }

    #[test]
    fn fingerprint_ignores_punctuation_and_spaces() {
        assert_eq!(
            fingerprint(&format!("{},{}。", text(1, 300), text(2, 300))),
            fingerprint(&format!("{} {}", text(1, 300), text(2, 300)))
        );
        assert!(fingerprint("短文").is_empty());
    }

    #[test]
    fn finds_a_copied_half_and_names_the_share() {
        let a = text(1, 2000);
        let b = format!(
            "{}{}",
            &text(2, 2000),
            a.chars().take(1000).collect::<String>()
        );
        let mut docs = vec![doc(0, &a), doc(1, &b)];
        // Unrelated documents around them, so the batch is not all template.
        docs.extend((10..20).map(|s| doc(s as usize, &text(s, 2000))));
        let found = find(&docs, &HashSet::new());
        assert_eq!(found.len(), 2, "{found:?}");
        let a_in_b = found.iter().find(|s| s.doc == 0).unwrap();
        assert_eq!(a_in_b.partner, 1);
        assert!((a_in_b.share - 0.5).abs() < 0.08, "{}", a_in_b.share);
        let b_in_a = found.iter().find(|s| s.doc == 1).unwrap();
        assert!((b_in_a.share - 0.33).abs() < 0.08, "{}", b_in_a.share);
    }

    #[test]
    fn same_school_is_not_compared() {
        let a = text(1, 2000);
        let docs = vec![doc(0, &a), doc(0, &a)];
        assert!(find(&docs, &HashSet::new()).is_empty());
    }

    #[test]
    fn district_template_is_ignored() {
        // Every school starts from the same 1500-character template.
        let tpl = text(99, 1500);
        let mut docs: Vec<Doc> = (0..10)
            .map(|s| doc(s, &format!("{tpl}{}", text(s as u64, 1500))))
            .collect();
        assert!(find(&docs, &HashSet::new()).is_empty());
        // Copying beyond the template is still found.
        let own = text(5, 1500);
        docs.push(doc(20, &format!("{tpl}{own}")));
        let found = find(&docs, &HashSet::new());
        assert!(
            found
                .iter()
                .any(|s| s.doc == 10 && s.partner == 5 && s.share > 0.9),
            "{found:?}"
        );
    }

    #[test]
    fn a_template_file_is_ignored() {
        let tpl = text(99, 1500);
        let docs = vec![
            doc(0, &format!("{tpl}{}", text(1, 1000))),
            doc(1, &format!("{tpl}{}", text(2, 1000))),
        ];
        assert_eq!(find(&docs, &HashSet::new()).len(), 2);
        let template: HashSet<u64> = fingerprint(&tpl).into_iter().collect();
        assert!(find(&docs, &template).is_empty());
    }

    #[test]
    fn many_copies_stay_linear_and_found() {
        let a = text(7, 1000);
        let docs: Vec<Doc> = (0..200).map(|g| doc(g, &a)).collect();
        // The copies are the whole batch, hence template; with a template
        // share of 0.2, fewer copies among many texts are found instead.
        assert!(find(&docs, &HashSet::new()).is_empty());
        let mut docs: Vec<Doc> = (0..100)
            .map(|g| doc(g, &text(g as u64 + 1000, 1000)))
            .collect();
        docs.extend((100..110).map(|g| doc(g, &a)));
        let found = find(&docs, &HashSet::new());
        for d in 100..110 {
            assert!(
                found.iter().any(|s| s.doc == d && s.share > 0.99),
                "doc {d}"
            );
        }
    }
}

//! Page marks of text extracted from PDF pages, glued to whatever follows
//! when the pages' lines were run together:
//!
//! - `N/T` with T the page count (`1/242023年…`, `管理2/24的同时`,
//!   `水平。10/244、确保` where `4、` is the next item number). A lone `1/3`
//!   is a fraction, so these marks are recognised only as a series: the
//!   page count T is the denominator prefix that at least three marks with
//!   distinct page numbers `N <= T` share. The digits after T stay (`244`
//!   → page count `24` + `4`).
//! - `- N -`, as a series counting up (a lone `- 3 -` inside a line may be
//!   a dash); on a line of its own the boilerplate rules delete it.
//! - `第 N 页 共 T 页`, which says what it is.

use regex::Regex;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

static MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([0-9]{1,3}) ?/ ?([0-9]{1,6})").expect("page mark pattern"));

/// `- 3 -`.
static DASH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"- ?([0-9]{1,3}) ?-").expect("dash page mark pattern"));
/// `第 3 页 共 9 页`.
static OF_PAGES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第 ?[0-9]{1,3} ?[页頁] ?[,/]? ?共 ?[0-9]{1,3} ?[页頁]")
        .expect("page of pages pattern")
});

/// Fewest marks with distinct page numbers that make a series.
const MIN_PAGES: usize = 3;

/// Byte ranges of page marks.
pub fn find(s: &str, out: &mut Vec<Range<usize>>) {
    slashed(s, out);
    dashed(s, out);
    if s.contains('共') {
        out.extend(OF_PAGES.find_iter(s).map(|m| m.range()));
    }
}

/// `- N -` marks, when at least two of them count up in text order.
fn dashed(s: &str, out: &mut Vec<Range<usize>>) {
    if !s.contains("- ") && !s.contains(" -") {
        return;
    }
    let mut marks: Vec<(Range<usize>, u32)> = Vec::new();
    for m in DASH.captures_iter(s) {
        let (Some(all), Some(n)) = (m.get(0), m.get(1)) else {
            continue;
        };
        // not inside a number or a run of dashes (`2020-3-4`, `--3--`)
        let before = s[..all.start()].chars().next_back();
        let after = s[all.end()..].chars().next();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
            || after.is_some_and(|c| c.is_ascii_digit() || c == '-')
        {
            continue;
        }
        marks.push((all.range(), n.as_str().parse().unwrap_or(0)));
    }
    let counts_up = marks.windows(2).all(|w| w[0].1 < w[1].1);
    if marks.len() >= 2 && counts_up {
        out.extend(marks.into_iter().map(|(r, _)| r));
    }
}

struct Cand {
    start: usize,
    num: u32,
    den_start: usize,
    den: String,
}

/// `N/T` marks that share a page count.
fn slashed(s: &str, out: &mut Vec<Range<usize>>) {
    if !s.contains('/') {
        return;
    }
    let mut cands = Vec::new();
    for m in MARK.captures_iter(s) {
        let (Some(all), Some(n), Some(d)) = (m.get(0), m.get(1), m.get(2)) else {
            continue;
        };
        // A mark does not continue a number, a date (2020/3/4) or a path.
        let before = s[..all.start()].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '/' || c == '.') {
            continue;
        }
        if s[all.end()..].starts_with('/') {
            continue;
        }
        let Ok(num) = n.as_str().parse::<u32>() else {
            continue;
        };
        cands.push(Cand {
            start: all.start(),
            num,
            den_start: d.start(),
            den: d.as_str().to_string(),
        });
    }
    let Some(total) = page_count(&cands) else {
        return;
    };
    for c in &cands {
        if c.den.starts_with(&total) && c.num >= 1 && c.num <= parse(&total) {
            out.push(c.start..c.den_start + total.len());
        }
    }
}

fn parse(s: &str) -> u32 {
    s.parse().unwrap_or(0)
}

/// The page count shared by a series of marks, as written.
fn page_count(cands: &[Cand]) -> Option<String> {
    let mut pages: HashMap<&str, Vec<u32>> = HashMap::new();
    for c in cands {
        for k in 1..=c.den.len().min(3) {
            let t = &c.den[..k];
            if t.starts_with('0') || c.num == 0 || c.num > parse(t) {
                continue;
            }
            pages.entry(t).or_default().push(c.num);
        }
    }
    pages
        .into_iter()
        .filter_map(|(t, mut nums)| {
            nums.sort_unstable();
            nums.dedup();
            (nums.len() >= MIN_PAGES).then_some((nums.len(), t.len(), t))
        })
        .max()
        .map(|(_, _, t)| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        super::super::strip_with(find, s)
    }

    #[test]
    fn strips_a_series_glued_to_text() {
        let s = "1/242023年计划。管理2/24的同时。有效3/24教学。水平。10/244、确保";
        assert_eq!(strip(s), "2023年计划。管理的同时。有效教学。水平。4、确保");
    }

    #[test]
    fn strips_marks_on_their_own_lines() {
        let s = "开展活动\n1 / 9\n做好工作\n2 / 9\n总结\n3 / 9\n";
        assert_eq!(strip(s), "开展活动\n\n做好工作\n\n总结\n\n");
    }

    #[test]
    fn strips_dashed_and_page_of_pages_marks_inside_lines() {
        let s = "每月评选- 1 -一次。- 2 -五月:校园艺术节。签名- 3 -";
        assert_eq!(strip(s), "每月评选一次。五月:校园艺术节。签名");
        let s = "开展活动。第 1 页 共 3 页二、工作目标第2页,共3页三、";
        assert_eq!(strip(s), "开展活动。二、工作目标三、");
    }

    #[test]
    fn keeps_dashes_that_are_not_a_series() {
        for s in [
            "时间 - 3 - 5月",
            "2020-3-4召开",
            "分数段 - 5 - 与 - 2 - 之间",
            "只有一页- 1 -",
            "--3--",
        ] {
            assert_eq!(strip(s), s);
        }
    }

    #[test]
    fn keeps_fractions_and_dates() {
        for s in [
            "三分之一即1/3的教师",
            "2020/3/4召开会议,1/2的班级,1/4的学生",
            "网址 a.com/12/34/56",
        ] {
            assert_eq!(strip(s), s);
        }
    }
}

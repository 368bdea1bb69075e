//! One-for-one character folding: full-width to half-width, and
//! traditional to simplified script (for matching only).

use crate::model::Script;

/// Full-width ASCII and the ideographic space to their half-width forms.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// Traditional → simplified, char for char (fast2s never changes the number
/// of chars, which keeps the offset map one-to-one).
pub fn to_simplified(s: &str) -> String {
    fast2s::convert(s)
}

/// Decides the script of a text from how many of its Han characters change
/// under traditional → simplified conversion.
pub fn detect_script(s: &str) -> Script {
    let conv = to_simplified(s);
    let (mut han, mut changed) = (0usize, 0usize);
    for (a, b) in s.chars().zip(conv.chars()) {
        if ('\u{4E00}'..='\u{9FFF}').contains(&a) {
            han += 1;
            if a != b {
                changed += 1;
            }
        }
    }
    // Simplified text still has a few chars fast2s maps (e.g. 呵 in 呵护);
    // traditional running text changes a third or more of its Han chars.
    if changed >= 2 && changed * 10 > han {
        Script::Traditional
    } else {
        Script::Simplified
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width() {
        let s: String = "ＡＢ１２３，（一）".chars().map(fold_width).collect();
        assert_eq!(s, "AB123,(一)");
    }

    #[test]
    fn detects_script() {
        assert_eq!(
            detect_script("小學春學期教科室工作計劃"),
            Script::Traditional
        );
        assert_eq!(
            detect_script("小学春学期教科室工作计划,呵护学生"),
            Script::Simplified
        );
        assert_eq!(to_simplified("課題研究").chars().count(), 4);
    }
}

//! List and heading markers: `壹、` `一、` `第一、` `(一)` `㈠` `1、` `1.` `⒈`
//! `(1)` `⑴` `①`, bullets, and month/week headings (see [`super::months`]).

use super::months;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 壹、 贰、 参、: the formal numerals, which Taiwan and Hong Kong plans
    /// put above 一、.
    Formal,
    /// 一、 二. 三, 第一、
    CnDun,
    /// (一) ㈠
    CnParen,
    /// 二月: 九月份, and a stage with its months: 第一阶段(3月—4月):
    Month,
    /// 第三周:
    Week,
    /// 1、 1. ⒈
    Arabic,
    /// (1) ⑴
    ArParen,
    /// ①
    Circled,
    /// - • ● ◆ …
    Bullet,
    /// A short unmarked heading line (`指导思想`).
    Plain,
}

impl Kind {
    /// Usual depth of the kind in Chinese documents (壹、 > 一、 > (一) > 1、 >
    /// (1) > ①).
    pub fn rank(self) -> u8 {
        match self {
            Kind::Formal => 0,
            Kind::CnDun => 1,
            Kind::CnParen => 2,
            Kind::Month | Kind::Week => 3,
            Kind::Arabic => 4,
            Kind::ArParen => 5,
            Kind::Circled => 6,
            Kind::Bullet => 7,
            Kind::Plain => 8,
        }
    }

    /// Numbered list markers (not headings by date, not bullets).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Kind::Formal
                | Kind::CnDun
                | Kind::CnParen
                | Kind::Arabic
                | Kind::ArParen
                | Kind::Circled
        )
    }

    pub fn is_schedule(self) -> bool {
        matches!(self, Kind::Month | Kind::Week)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub kind: Kind,
    /// Its number (1 for ①, 3 for 三、); 0 for bullets and headings by date.
    pub num: u32,
    /// Bytes of the marker, trailing spaces included.
    pub len: usize,
    /// Bytes of the marker as written, without trailing spaces or colon.
    pub text_len: usize,
    /// Months of a month heading.
    pub months: Vec<u32>,
}

fn simple(kind: Kind, num: u32, s: &str, text_len: usize) -> Marker {
    let rest = &s[text_len..];
    let len = text_len + (rest.len() - rest.trim_start_matches([' ', '\t']).len());
    Marker {
        kind,
        num,
        len,
        text_len,
        months: Vec::new(),
    }
}

fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

/// Reads `n` then one of `ends`, returning (number, bytes).
fn numbered(s: &str, cn: bool, ends: &[char]) -> Option<(u32, usize)> {
    let n_len: usize = if cn {
        s.chars()
            .take_while(|&c| is_cn_numeral(c))
            .take(3)
            .map(char::len_utf8)
            .sum()
    } else {
        s.bytes().take_while(u8::is_ascii_digit).count()
    };
    if n_len == 0 || (!cn && n_len > 2) {
        return None;
    }
    let t = s[n_len..].trim_start_matches(' ');
    let c = t.chars().next().filter(|c| ends.contains(c))?;
    let num = crate::split::numeral(&s[..n_len]);
    (num > 0).then_some((num, s.len() - t.len() + c.len_utf8()))
}

/// The marker at the start of `s`, if any.
pub fn at(s: &str) -> Option<Marker> {
    let c = s.chars().next()?;
    let next_after = |len: usize| s[len..].trim_start_matches(' ').chars().next();
    match c {
        '(' => {
            let inner = s[1..].trim_start_matches(' ');
            let cn = inner.chars().next().is_some_and(is_cn_numeral);
            let (num, len) = numbered(inner, cn, &[')'])?;
            let len = s.len() - inner.len() + len;
            let kind = if cn { Kind::CnParen } else { Kind::ArParen };
            // `(1)、` and `(一).` carry a redundant separator
            let len = match s[len..].chars().next() {
                Some(d @ ('、' | '.')) => len + d.len_utf8(),
                _ => len,
            };
            Some(simple(kind, num, s, len))
        }
        '㈠'..='㈩' => Some(simple(Kind::CnParen, c as u32 - 0x321F, s, c.len_utf8())),
        '⒈'..='⒛' => Some(simple(Kind::Arabic, c as u32 - 0x2487, s, c.len_utf8())),
        '⑴'..='⒇' => Some(simple(Kind::ArParen, c as u32 - 0x2473, s, c.len_utf8())),
        '①'..='⑳' => Some(simple(Kind::Circled, c as u32 - 0x245F, s, c.len_utf8())),
        '-' | '•' | '●' | '◆' | '■' | '★' | '☆' | '○' | '◇' | '▲' | '√' | '·' | '▪' | '※' =>
        {
            // `- ` or `• ` then text; not `-2` or `--`
            let after = s[c.len_utf8()..].chars().next()?;
            (after == ' ' || !after.is_ascii()).then(|| simple(Kind::Bullet, 0, s, c.len_utf8()))
        }
        '0'..='9' => {
            if let Some(h) = months::month_heading(s) {
                return Some(schedule(Kind::Month, h));
            }
            let (num, len) = numbered(s, false, &['、', '.', ',', '．'])?;
            // 1.5倍, 1、2年级, 2021.9 are not markers; `2、9月15日召开`,
            // `3、2021年9月召开` and `4.9月举行` (no month is a decimal; 1、2月
            // names two months) are
            let after = s[len..].trim_start_matches(' ');
            let dotted = s[..len].ends_with(['.', '．']);
            let opens_entry = starts_with_date(after)
                || starts_with_year(after)
                || (dotted && starts_with_month(after));
            if next_after(len).is_some_and(|c| c.is_ascii_digit()) && !opens_entry {
                return None;
            }
            Some(simple(Kind::Arabic, num, s, len))
        }
        // 第一、指导思想: an ordinal heading, at the level of 一、 (not 第一周,
        // 第一次, which the numeral's 、 rules out; not 第一、二年级, an
        // enumeration; 第一, is an adverb of running text).
        '第' => months::week_heading(s)
            .map(|h| schedule(Kind::Week, h))
            .or_else(|| months::stage_heading(s).map(|h| schedule(Kind::Month, h)))
            .or_else(|| {
                let (num, len) = numbered(&s['第'.len_utf8()..], true, &['、'])?;
                let len = len + '第'.len_utf8();
                let enumerates =
                    next_after(len).is_some_and(|c| is_cn_numeral(c) || c.is_ascii_digit());
                (!enumerates).then(|| simple(Kind::CnDun, num, s, len))
            }),
        _ if formal(c).is_some() => {
            let num = formal(c)?;
            let t = s[c.len_utf8()..].trim_start_matches(' ');
            t.starts_with('、')
                .then(|| simple(Kind::Formal, num, s, s.len() - t.len() + '、'.len_utf8()))
        }
        _ if is_cn_numeral(c) => {
            if let Some(h) = months::month_heading(s) {
                return Some(schedule(Kind::Month, h));
            }
            let (num, len) = numbered(s, true, &['、', '.', ','])?;
            // 三、四年级 enumerates grades
            if next_after(len).is_some_and(|c| is_cn_numeral(c) || c.is_ascii_digit()) {
                return None;
            }
            Some(simple(Kind::CnDun, num, s, len))
        }
        // 准备阶段(3月): a stage with its months heads a schedule
        _ if !c.is_ascii() => months::stage_heading(s).map(|h| schedule(Kind::Month, h)),
        _ => None,
    }
}

/// The value of a formal numeral 壹 … 拾 (traditional or simplified; 参 is
/// how the cleaned text spells 參).
fn formal(c: char) -> Option<u32> {
    "壹贰貳叁參参肆伍陆陸柒捌玖拾"
        .chars()
        .position(|d| d == c)
        .map(|i| [1, 2, 2, 3, 3, 3, 4, 5, 6, 6, 7, 8, 9, 10][i])
}

/// `9月15日` or `9月中旬`: a date opening an entry, not a second number of
/// an enumeration (`1、2年级`, `1、2月`).
fn starts_with_date(s: &str) -> bool {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let Some(rest) = s[digits..].strip_prefix('月') else {
        return false;
    };
    let day = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    (day > 0 && rest[day..].starts_with(['日', '号']))
        || ["初", "上旬", "中旬", "下旬", "底"]
            .iter()
            .any(|p| rest.starts_with(p))
}

/// `9月`, `12月`: a month of the calendar opening the text.
fn starts_with_month(s: &str) -> bool {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    s[digits..].starts_with('月')
        && s[..digits]
            .parse::<u32>()
            .is_ok_and(|m| (1..=12).contains(&m))
}

/// `2021年`, `2021学年`, `2021年度`: a year opening an entry. A list
/// marker holds at most two digits, so four digits after one start the
/// entry's text.
fn starts_with_year(s: &str) -> bool {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits == 4 && ["年", "学年"].iter().any(|w| s[digits..].starts_with(w))
}

fn schedule(kind: Kind, h: months::Heading) -> Marker {
    Marker {
        kind,
        num: 0,
        len: h.len,
        text_len: h.text_len,
        months: h.months,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<(Kind, u32)> {
        at(s).map(|m| (m.kind, m.num))
    }

    #[test]
    fn reads_markers() {
        assert_eq!(kind("一、指导思想"), Some((Kind::CnDun, 1)));
        assert_eq!(kind("十二、其他"), Some((Kind::CnDun, 12)));
        assert_eq!(kind("第二、工作目标"), Some((Kind::CnDun, 2)));
        assert_eq!(kind("(三)大力开展"), Some((Kind::CnParen, 3)));
        assert_eq!(kind("㈡安全的预防"), Some((Kind::CnParen, 2)));
        assert_eq!(kind("4、举行"), Some((Kind::Arabic, 4)));
        assert_eq!(kind("1. 做好申报"), Some((Kind::Arabic, 1)));
        assert_eq!(kind("⒊学校教研"), Some((Kind::Arabic, 3)));
        assert_eq!(kind("(12)做好"), Some((Kind::ArParen, 12)));
        assert_eq!(kind("第三、工作目标"), Some((Kind::CnDun, 3)));
        assert_eq!(kind("贰、工作目标"), Some((Kind::Formal, 2)));
        assert_eq!(kind("參、 工作重點"), Some((Kind::Formal, 3)));
        assert_eq!(kind("⑵团体突破"), Some((Kind::ArParen, 2)));
        assert_eq!(kind("③撰写"), Some((Kind::Circled, 3)));
        assert_eq!(kind("- 3、各课题"), Some((Kind::Bullet, 0)));
        assert_eq!(kind("九月份:"), Some((Kind::Month, 0)));
        assert_eq!(kind("第三周:"), Some((Kind::Week, 0)));
        assert_eq!(kind("第一阶段(3月—4月):"), Some((Kind::Month, 0)));
        assert_eq!(at("实施阶段(5月)").map(|m| m.months), Some(vec![5]));
        assert_eq!(kind("2、9月15日召开开题会"), Some((Kind::Arabic, 2)));
        assert_eq!(kind("3. 10月中旬完成"), Some((Kind::Arabic, 3)));
        assert_eq!(kind("3、2021年秋季开展读书节"), Some((Kind::Arabic, 3)));
        assert_eq!(kind("2.2022学年完成结题"), Some((Kind::Arabic, 2)));
        assert_eq!(kind("4.9月举行青年教师赛课"), Some((Kind::Arabic, 4)));
        assert_eq!(kind("5．12月完成结题"), Some((Kind::Arabic, 5)));
        let m = at("(1)、一个方案").unwrap();
        assert_eq!(m.len, "(1)、".len());
    }

    #[test]
    fn numbers_in_text_are_not_markers() {
        for s in [
            "1.5倍",
            "1、2年级",
            "1、2月份完成",
            "1.13月",
            "2021.9开学",
            "三、四年级",
            "2021-7-6",
            "1、2021",
            "1.20年",
            "--",
            "-2",
            "9月6日",
            "一年级",
            "第二集团",
            "第一次检查",
            "第三周活动",
            "参加比赛",
            "伍老师",
            "第一,要加强学习",
            "第一、二年级",
        ] {
            assert_eq!(kind(s), None, "{s}");
        }
    }
}

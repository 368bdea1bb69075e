//! Bytes → text. Recognises UTF-8 (with or without BOM), UTF-16 with a BOM,
//! GB18030/GBK and Big5 without BOM; reads Word .docx ([`docx`]) and the text
//! layer of PDF ([`pdf`]); refuses other files that are not text, saying what
//! they look like.

pub mod docx;
pub mod pdf;

use crate::error::{Error, Result};
use crate::model::Warning;
use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

/// A decoded file: its text (BOM removed, every line end kept as written),
/// what it was, and what went wrong on the way.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// "utf-8" | "gb18030" | "big5" | "utf-16le" | "utf-16be"
    pub encoding: &'static str,
    /// "txt" | "docx" | "pdf"
    pub format: &'static str,
    pub warnings: Vec<Warning>,
}

/// Decodes one file's bytes; `name` is used in messages.
pub fn decode(name: &str, bytes: &[u8]) -> Result<Decoded> {
    let extracted = |text: String, format| Decoded {
        text,
        encoding: "utf-8",
        format,
        warnings: Vec::new(),
    };
    if bytes.starts_with(ZIP) {
        return Ok(extracted(docx::read(name, bytes)?, "docx"));
    }
    if bytes.starts_with(PDF) {
        return Ok(extracted(pdf::read(name, bytes)?, "pdf"));
    }
    if let Some(what) = sniff_binary(bytes) {
        return Err(Error::NotText {
            path: name.to_string(),
            what: what.to_string(),
        });
    }
    // Valid UTF-8 without a BOM, the usual file, is taken as it is: one
    // validation pass instead of the sniffing pass and the decoder's.
    if !bytes.starts_with(b"\xEF\xBB\xBF") && !bytes.contains(&0) {
        // simdutf8 validates Chinese text several times faster than std.
        if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
            return Ok(Decoded {
                text: text.to_string(),
                encoding: label(UTF_8),
                format: "txt",
                warnings: Vec::new(),
            });
        }
    }
    let (enc, body): (&'static Encoding, &[u8]) =
        if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
            (UTF_8, rest)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
            (UTF_16LE, rest)
        } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
            (UTF_16BE, rest)
        } else if mostly_utf8(bytes) {
            (UTF_8, bytes)
        } else {
            (guess_legacy(bytes), bytes)
        };
    if enc != UTF_16LE && enc != UTF_16BE && body.contains(&0) {
        return Err(Error::NotText {
            path: name.to_string(),
            what: "binary data (NUL bytes)".to_string(),
        });
    }
    let (text, had_errors) = enc.decode_without_bom_handling(body);
    let mut warnings = Vec::new();
    if had_errors {
        let mut bad = text.chars().enumerate().filter(|&(_, c)| c == '\u{FFFD}');
        let first = bad.next().map(|(i, _)| i);
        warnings.push(Warning {
            code: "invalid-bytes".into(),
            message: format!(
                "{name}: {} invalid byte sequence(s) for {} replaced by U+FFFD",
                1 + bad.count(),
                label(enc)
            ),
            span: first.map(|i| [i, i + 1]),
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: label(enc),
        format: "txt",
        warnings,
    })
}

fn label(enc: &'static Encoding) -> &'static str {
    if enc == UTF_16LE {
        "utf-16le"
    } else if enc == UTF_16BE {
        "utf-16be"
    } else if enc == GB18030 {
        "gb18030"
    } else if enc == BIG5 {
        "big5"
    } else {
        "utf-8"
    }
}

/// True when the bytes are UTF-8, or UTF-8 with a few damaged sequences (a
/// file cut mid-character, a stray byte): valid multi-byte characters must
/// outnumber invalid sequences by far. GBK or Big5 text read as UTF-8 is
/// nearly all invalid sequences, so it never passes.
fn mostly_utf8(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok() {
        return true;
    }
    let (mut wide, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    wide >= 8 * invalid
}

const ZIP: &[u8] = b"PK\x03\x04";
const PDF: &[u8] = b"%PDF-";

/// What a file that planx cannot read looks like, from its magic bytes.
fn sniff_binary(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\xD0\xCF\x11\xE0", "an old binary Word/WPS document (.doc/.wps); convert it with `libreoffice --headless --convert-to docx FILE`"),
        (b"PK\x05\x06", "an empty zip archive"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"{\\rtf", "an RTF document"),
    ];
    MAGIC
        .iter()
        .find(|(m, _)| bytes.starts_with(m))
        .map(|(_, what)| *what)
}

/// Chooses between GB18030 and Big5 for bytes that are not UTF-8: the one
/// that decodes with fewer errors and more common Han characters wins; ties
/// go to GB18030, the usual encoding of Chinese Windows files.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let score = |enc: &'static Encoding| -> i64 {
        let (text, _, _) = enc.decode(bytes);
        let mut s = 0i64;
        for c in text.chars() {
            match c {
                '\u{FFFD}' => s -= 20,
                '\u{4E00}'..='\u{9FFF}' => s += if COMMON.contains(c) { 3 } else { 1 },
                '\u{E000}'..='\u{F8FF}' => s -= 10,
                _ => {}
            }
        }
        s
    };
    if score(BIG5) > score(GB18030) {
        BIG5
    } else {
        GB18030
    }
}

/// Frequent characters of school documents, in both scripts: a legacy
/// decoding that produces many of them is probably the right one.
const COMMON: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严課題學師動會計劃總結這說對時為個們國發過後經";

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "小學春學期教科室工作計劃\r\n一、指導思想\r二、工作目标";

    #[test]
    fn every_encoding_gives_the_same_text() {
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (TEXT.as_bytes().to_vec(), "utf-8"),
            (
                [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat(),
                "utf-8",
            ),
            (GB18030.encode(TEXT).0.into_owned(), "gb18030"),
            (
                [
                    vec![0xFF, 0xFE],
                    TEXT.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(),
                ]
                .concat(),
                "utf-16le",
            ),
            (
                [
                    vec![0xFE, 0xFF],
                    TEXT.encode_utf16().flat_map(|u| u.to_be_bytes()).collect(),
                ]
                .concat(),
                "utf-16be",
            ),
        ];
        for (bytes, enc) in cases {
            let d = decode("t.txt", &bytes).unwrap();
            assert_eq!(d.encoding, enc);
            assert_eq!(d.text, TEXT, "{enc}");
            assert!(d.warnings.is_empty());
        }
    }

    #[test]
    fn big5_is_told_from_gb() {
        let trad = "小學春學期教科室工作計劃:開展課題研究,組織教師論文比賽。";
        let bytes = BIG5.encode(trad).0.into_owned();
        let d = decode("t.txt", &bytes).unwrap();
        assert_eq!(d.encoding, "big5");
        assert_eq!(d.text, trad);
    }

    #[test]
    fn refuses_binary_and_names_the_file() {
        let err = decode("plan.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("plan.doc") && err.contains("libreoffice --headless"),
            "{err}"
        );
        let err = decode("x.txt", b"abc\0def").unwrap_err().to_string();
        assert!(err.contains("NUL"), "{err}");
    }

    #[test]
    fn invalid_bytes_warn() {
        let mut bytes = GB18030.encode("教科室工作计划").0.into_owned();
        bytes.push(0xFF);
        let d = decode("t.txt", &bytes).unwrap();
        assert_eq!(d.encoding, "gb18030");
        assert_eq!(d.warnings.len(), 1);
    }
}

//! Decoding: every encoding and line-end style of the same corpus text gives
//! the same documents, items and elements; files that are not text are
//! refused wherever their binary bytes sit; damaged bytes become U+FFFD and a
//! warning, not a failure.

use encoding_rs::{Encoding, BIG5, GB18030};
use planx::decode::decode;
use serde_json::Value;
use std::path::Path;

fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 5);
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The extract output as JSON, without the fields that name how the file
/// was stored.
fn extract(name: &str, bytes: &[u8]) -> (String, Value) {
    let parsed =
        planx::extract_bytes(name, bytes).unwrap_or_else(|e| panic!("{name} does not read: {e}"));
    let mut v = serde_json::to_value(parsed.extract).unwrap();
    let enc = v["encoding"].as_str().unwrap().to_string();
    v.as_object_mut().unwrap().remove("encoding");
    (enc, v)
}

fn encode_legacy(enc: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{} cannot hold the text", enc.name());
    bytes.into_owned()
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend(if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// Every corpus file's text in each encoding gives exactly the output of its
/// UTF-8 form (spans included: they count chars after decoding).
#[test]
fn every_encoding_gives_the_same_output() {
    for (name, text) in corpus() {
        let (_, want) = extract(&name, text.as_bytes());
        assert!(!want["documents"].as_array().unwrap().is_empty(), "{name}");
        let cases: Vec<(&str, Vec<u8>)> = vec![
            (
                "utf-8",
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            ),
            ("gb18030", encode_legacy(GB18030, &text)),
            ("utf-16le", utf16(&text, false)),
            ("utf-16be", utf16(&text, true)),
        ];
        for (enc, bytes) in cases {
            let (got_enc, got) = extract(&name, &bytes);
            assert_eq!(got_enc, enc, "{name}");
            assert!(got == want, "{name} in {enc} reads differently");
        }
    }
}

/// Big5 holds only traditional characters: each corpus text is cut down to
/// what Big5 can hold, and that text read from Big5 must match its UTF-8.
#[test]
fn big5_reads_like_utf8_and_is_not_taken_for_gb() {
    let mut traditional = 0;
    for (name, text) in corpus() {
        let kept: String = text
            .chars()
            .filter(|c| !BIG5.encode(c.encode_utf8(&mut [0; 4])).2)
            .collect();
        let (_, want) = extract(&name, kept.as_bytes());
        let (enc, got) = extract(&name, &encode_legacy(BIG5, &kept));
        if want["documents"][0]["script"] == "traditional" {
            traditional += 1;
            assert_eq!(enc, "big5", "{name}");
            assert!(got == want, "{name} in big5 reads differently");
        }
    }
    assert!(traditional > 0, "the corpus has a traditional seed");
}

/// Replaces every string's line ends by `\n` and drops spans, which count the
/// extra `\r` of CRLF files.
fn without_line_ends(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(s.replace("\r\n", "\n").replace('\r', "\n")),
        Value::Array(a) => Value::Array(a.iter().map(without_line_ends).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .filter(|(k, _)| k.as_str() != "span")
                .map(|(k, v)| (k.clone(), without_line_ends(v)))
                .collect(),
        ),
        v => v.clone(),
    }
}

#[test]
fn crlf_and_lone_cr_are_line_ends() {
    for (name, text) in corpus() {
        let (_, lf) = extract(&name, text.as_bytes());
        let want = without_line_ends(&lf);
        for (style, eol) in [("CRLF", "\r\n"), ("CR", "\r")] {
            let other = text.replace("\r\n", "\n").replace('\n', eol);
            let (_, got) = extract(&name, other.as_bytes());
            assert!(
                without_line_ends(&got) == want,
                "{name} with {style} line ends reads differently"
            );
            assert_eq!(
                got["documents"].as_array().unwrap().len(),
                lf["documents"].as_array().unwrap().len()
            );
        }
    }
}

/// A reader that looked only at a first buffer would miss these.
#[test]
fn a_nul_past_the_first_64_kib_is_still_refused() {
    let (_, text) = corpus().into_iter().max_by_key(|(_, t)| t.len()).unwrap();
    let mut bytes = text.repeat(1 + (1 << 16) / text.len()).into_bytes();
    assert!(bytes.len() > (1 << 16) + 16);
    let mut at = (1 << 16) + 1;
    while bytes[at] & 0xC0 == 0x80 {
        at += 1;
    }
    bytes.insert(at, 0);
    let err = decode("big.txt", &bytes).unwrap_err().to_string();
    assert!(err.contains("big.txt") && err.contains("NUL"), "{err}");
    bytes.remove(at);
    assert!(decode("big.txt", &bytes).is_ok());
    bytes.push(0);
    assert!(decode("big.txt", &bytes).is_err(), "a NUL as the last byte");
}

#[test]
fn invalid_utf8_becomes_a_replacement_char_and_a_warning() {
    let (name, text) = corpus().remove(4);
    let cut = text.char_indices().nth(500).unwrap().0;
    let mut bytes = text.as_bytes()[..cut].to_vec();
    bytes.push(0xFF);
    bytes.extend_from_slice(&text.as_bytes()[cut..]);
    // A file cut in the middle of its last character.
    bytes.extend_from_slice(&"。".as_bytes()[..2]);
    let d = decode(&name, &bytes).unwrap();
    assert_eq!(d.encoding, "utf-8", "a few bad bytes do not make it GBK");
    assert_eq!(d.text.chars().nth(500), Some('\u{FFFD}'));
    assert_eq!(d.text.chars().filter(|&c| c == '\u{FFFD}').count(), 2);
    assert_eq!(d.warnings.len(), 1);
    let w = &d.warnings[0];
    assert_eq!(w.code, "invalid-bytes");
    assert_eq!(w.span, Some([500, 501]));
    assert!(
        w.message.contains(&name) && w.message.contains('2'),
        "{}",
        w.message
    );
    // The rest of the file still reads, and the warning reaches the output.
    let parsed = planx::extract_bytes(&name, &bytes).unwrap();
    assert!(!parsed.extract.documents.is_empty());
    assert_eq!(parsed.extract.warnings[0].code, "invalid-bytes");
}

#[test]
fn invalid_gb18030_bytes_warn_without_losing_the_encoding() {
    let (name, text) = corpus().remove(2);
    let mut bytes = encode_legacy(GB18030, &text);
    let mid = bytes.len() / 2;
    // Step to a char boundary: GB18030 lead bytes are >= 0x81, ASCII < 0x80.
    let at = (mid..bytes.len()).find(|&i| bytes[i] == b'\n').unwrap() + 1;
    bytes.insert(at, 0xFF);
    let d = decode(&name, &bytes).unwrap();
    assert_eq!(d.encoding, "gb18030");
    assert_eq!(d.text.chars().filter(|&c| c == '\u{FFFD}').count(), 1);
    assert_eq!(d.warnings.len(), 1);
}

#[test]
fn gbk_text_is_never_read_as_damaged_utf8() {
    for (name, text) in corpus() {
        let d = decode(&name, &encode_legacy(GB18030, &text)).unwrap();
        assert_eq!(d.encoding, "gb18030", "{name}");
        assert!(d.warnings.is_empty(), "{name}");
        assert_eq!(d.text, text);
    }
}

mod arbitrary_input {
    use proptest::prelude::*;

    /// Pieces that school files are made of, and the bytes that break readers.
    fn piece() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            Just("一、".as_bytes().to_vec()),
            Just("（二）".as_bytes().to_vec()),
            Just("3、".as_bytes().to_vec()),
            Just("九月份：".as_bytes().to_vec()),
            Just("每人不少于8篇，".as_bytes().to_vec()),
            Just("每周三".as_bytes().to_vec()),
            Just("工作計劃".as_bytes().to_vec()),
            Just("篇1\n".as_bytes().to_vec()),
            Just("2/24".as_bytes().to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"\n\n".to_vec()),
            Just("\u{200B}\u{3000}□".as_bytes().to_vec()),
            "[\\u{4E00}-\\u{9FFF}，。、：；0-9a-z ]{0,12}".prop_map(String::into_bytes),
            proptest::collection::vec(any::<u8>(), 0..6),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// Any bytes: no panic, and whatever is read keeps the contract that
        /// every item and element text is the source slice at its span.
        #[test]
        fn any_bytes_read_without_panic_and_spans_hold(
            pieces in proptest::collection::vec(piece(), 0..40)
        ) {
            let bytes = pieces.concat();
            if let Ok(parsed) = planx::extract_bytes("any.txt", &bytes) {
                for doc in &parsed.extract.documents {
                    let spans = doc.items.iter().map(|i| (&i.text, i.span))
                        .chain(doc.quotas.iter().map(|q| (&q.text, q.span)))
                        .chain(doc.events.iter().map(|e| (&e.text, e.span)))
                        .chain(doc.figures.iter().map(|f| (&f.text, f.span)))
                        .chain(doc.goals.iter().map(|g| (&g.text, g.span)));
                    for (text, span) in spans {
                        prop_assert_eq!(parsed.source.slice(span), text.as_str());
                    }
                }
            }
        }
    }
}

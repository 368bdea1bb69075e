//! Builds small PDFs with a real text layer: each page's lines are shown in a
//! Type0 font whose codes are the characters' Unicode values, with a
//! ToUnicode map, which is how Chinese office PDFs carry their text.

/// A PDF with one page per entry, each page's lines top to bottom.
pub fn pdf(pages: &[Vec<&str>]) -> Vec<u8> {
    let mut chars: Vec<char> = pages.iter().flatten().flat_map(|l| l.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    let bfchar: String = chars
        .iter()
        .map(|&c| format!("<{:04X}> <{:04X}>\n", c as u32, c as u32))
        .collect();
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n\
         {} beginbfchar\n{bfchar}endbfchar\nendcmap\n\
         CMapName currentdict /CMap defineresource pop\nend\nend\n",
        chars.len()
    );
    // Objects 1 (catalog) and 2 (page tree) are filled in last.
    let mut objs: Vec<String> = vec![String::new(), String::new()];
    let add = |objs: &mut Vec<String>, o: String| {
        objs.push(o);
        objs.len()
    };
    let tounicode = add(&mut objs, stream(&cmap));
    let descriptor = add(
        &mut objs,
        "<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -200 1000 800] \
         /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>"
            .into(),
    );
    let cid = add(
        &mut objs,
        format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun \
             /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
             /FontDescriptor {descriptor} 0 R /DW 1000 /CIDToGIDMap /Identity >>"
        ),
    );
    let font = add(
        &mut objs,
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H \
             /DescendantFonts [{cid} 0 R] /ToUnicode {tounicode} 0 R >>"
        ),
    );
    let mut kids = Vec::new();
    for lines in pages {
        let mut ops = String::from("BT\n/F1 12 Tf\n");
        for (i, line) in lines.iter().enumerate() {
            let hex: String = line.chars().map(|c| format!("{:04X}", c as u32)).collect();
            ops.push_str(&format!("1 0 0 1 50 {} Tm\n<{hex}> Tj\n", 800 - 20 * i));
        }
        ops.push_str("ET");
        let content = add(&mut objs, stream(&ops));
        kids.push(add(
            &mut objs,
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
                 /Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"
            ),
        ));
    }
    objs[0] = "<< /Type /Catalog /Pages 2 0 R >>".into();
    objs[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {} >>",
        kids.iter()
            .map(|k| format!("{k} 0 R"))
            .collect::<Vec<_>>()
            .join(" "),
        kids.len()
    );
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(data: &str) -> String {
    format!("<< /Length {} >>\nstream\n{data}\nendstream", data.len())
}

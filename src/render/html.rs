//! The audit report: one self-contained HTML page (no network, no external
//! scripts, styles or fonts) that a teaching-research office opens in any
//! browser: batch totals, a sortable table of schools with completion bars,
//! per-document flags with their explanations, and for each pair the plan
//! items coloured by status with the evidence beside them. Every text from
//! the documents is escaped.

use crate::audit::flags;
use crate::audit::{DocRecord, PairRecord, Report};
use crate::model::{Kind, Status};
use std::fmt::Write as _;
use std::io::Write;

/// Pairs whose item tables start open; more than this start folded.
const OPEN_PAIRS: usize = 3;

/// Escapes text for HTML element content and quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root{--done:#1a7f37;--partial:#b35900;--not_done:#c62828;--mentioned:#1f5fbf;--unreported:#6b6b6b}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:24px;color:#1b1b1b;background:#fafafa;line-height:1.5}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:2px solid #ddd;padding-bottom:4px}
.sub{color:#555;margin:0 0 16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:26px}.card span{color:#555;font-size:13px}
table{border-collapse:collapse;background:#fff;margin:6px 0;font-size:14px}
th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f0f0f0;white-space:nowrap}
table.sortable th{cursor:pointer}table.sortable th:after{content:" ⇅";color:#aaa}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.bar{display:inline-block;width:120px;height:12px;background:#eee;border-radius:3px;vertical-align:middle;margin-right:6px}
.bar i{display:block;height:100%;border-radius:3px;background:var(--done)}
.bar i.low{background:var(--not_done)}
.flag{display:inline-block;border-radius:3px;padding:0 5px;margin:1px 2px;font-size:12px;background:#fff3e0;border:1px solid #e0a050;color:#7a4100}
.err{color:#c62828}
.st{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px;white-space:nowrap}
.st.done{background:var(--done)}.st.partial{background:var(--partial)}.st.not_done{background:var(--not_done)}.st.mentioned{background:var(--mentioned)}.st.unreported{background:var(--unreported)}
tr.done td.item{border-left:5px solid var(--done)}tr.partial td.item{border-left:5px solid var(--partial)}tr.not_done td.item{border-left:5px solid var(--not_done)}tr.mentioned td.item{border-left:5px solid var(--mentioned)}tr.unreported td.item{border-left:5px solid var(--unreported)}
td.ev{color:#333;max-width:520px}#documents td:last-child{min-width:340px}td.item{max-width:520px}
.why{color:#777;font-size:12px}
details{background:#fff;border:1px solid #ddd;border-radius:6px;margin:10px 0;padding:6px 12px}
summary{cursor:pointer;font-weight:bold}
.legend span{margin-right:10px}
"#;

/// Sorts a table by the clicked column: numbers by `data-v`, else text.
const SCRIPT: &str = r#"
document.querySelectorAll("table.sortable").forEach(function(t){
  t.querySelectorAll("th").forEach(function(th,i){
    th.addEventListener("click",function(){
      var body=t.tBodies[0],rows=Array.prototype.slice.call(body.rows);
      var dir=th.getAttribute("data-dir")==="asc"?-1:1;th.setAttribute("data-dir",dir===1?"asc":"desc");
      rows.sort(function(a,b){
        var x=a.cells[i],y=b.cells[i];
        var u=x.getAttribute("data-v"),v=y.getAttribute("data-v");
        if(u!==null&&v!==null){return (parseFloat(u)-parseFloat(v))*dir;}
        return x.textContent.localeCompare(y.textContent,"zh")*dir;
      });
      rows.forEach(function(r){body.appendChild(r);});
    });
  });
});
"#;

fn status_label(s: Status) -> (&'static str, &'static str) {
    match s {
        Status::Done => ("done", "已完成"),
        Status::Partial => ("partial", "部分完成"),
        Status::NotDone => ("not_done", "未完成"),
        Status::Mentioned => ("mentioned", "仅提及"),
        Status::Unreported => ("unreported", "未报告"),
    }
}

fn kind_label(k: Option<Kind>) -> &'static str {
    match k {
        Some(Kind::Plan) => "计划",
        Some(Kind::Summary) => "总结",
        Some(Kind::Unknown) => "未定",
        None => "",
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Writes the whole report page.
pub fn write<W: Write>(out: &mut W, report: &Report) -> std::io::Result<()> {
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
    h.push_str("<title>planx 审核报告</title><style>");
    h.push_str(STYLE);
    h.push_str("</style></head><body>\n");
    totals(&mut h, report);
    schools(&mut h, &report.pairs);
    unreadable(&mut h, &report.documents);
    documents(&mut h, &report.documents);
    duplicates(&mut h, report);
    pairs(&mut h, &report.pairs);
    h.push_str("<script>");
    h.push_str(SCRIPT);
    h.push_str("</script></body></html>\n");
    out.write_all(h.as_bytes())
}

fn card(h: &mut String, value: &str, label: &str) {
    let _ = write!(
        h,
        "<div class=\"card\"><b>{}</b><span>{}</span></div>",
        escape(value),
        escape(label)
    );
}

fn totals(h: &mut String, r: &Report) {
    let t = &r.totals;
    h.push_str("<h1>planx 审核报告</h1>");
    let _ = write!(
        h,
        "<p class=\"sub\">共 {} 个文件:读取 {} 个,无法读取 {} 个,跳过 {} 个。</p>",
        t.files, t.read, t.failed, t.skipped
    );
    h.push_str("<div class=\"cards\" id=\"totals\">");
    card(h, &t.documents.to_string(), "篇文档");
    card(h, &t.plans.to_string(), "篇计划");
    card(h, &t.summaries.to_string(), "篇总结");
    card(h, &t.pairs.to_string(), "对计划与总结");
    card(h, &t.mean_completion.map_or("—".into(), pct), "平均完成率");
    card(h, &t.summaries_without_plan.to_string(), "份总结缺计划");
    card(h, &t.plans_without_summary.to_string(), "份计划缺总结");
    card(h, &t.failed.to_string(), "个文件无法读取");
    h.push_str("</div>\n<h2>问题标记</h2><table id=\"flag-legend\"><thead><tr><th>标记</th><th>说明</th><th>文档数</th></tr></thead><tbody>");
    for (code, why) in flags::CODES {
        let n = t.flags.get(*code).copied().unwrap_or(0);
        let _ = write!(
            h,
            "<tr><td><span class=\"flag\">{}</span></td><td>{}</td><td class=\"n\">{n}</td></tr>",
            escape(code),
            escape(why)
        );
    }
    h.push_str("</tbody></table>\n");
}

fn schools(h: &mut String, pairs: &[PairRecord]) {
    h.push_str("<h2>各校完成情况</h2><p class=\"sub\">点击表头排序。完成率 = (完成 + 0.5 × 部分完成) / 计划条目。</p>");
    h.push_str("<table class=\"sortable\" id=\"schools\"><thead><tr><th>学校</th><th>计划</th><th>总结</th><th>条目</th><th>完成</th><th>部分</th><th>未完成</th><th>仅提及</th><th>未报告</th><th>计划外</th><th>完成率</th></tr></thead><tbody>");
    for (i, p) in pairs.iter().enumerate() {
        let num = |v: Option<usize>| match v {
            Some(v) => format!("<td class=\"n\" data-v=\"{v}\">{v}</td>"),
            None => "<td class=\"n\" data-v=\"-1\"></td>".into(),
        };
        let completion = match p.completion {
            Some(c) => format!(
                "<td data-v=\"{c:.4}\"><span class=\"bar\"><i class=\"{}\" style=\"width:{:.0}%\"></i></span>{}</td>",
                if c < 0.5 { "low" } else { "" },
                (c * 100.0).clamp(0.0, 100.0),
                pct(c)
            ),
            None => format!(
                "<td data-v=\"-1\" class=\"err\">{}</td>",
                escape(p.problem.as_deref().unwrap_or(""))
            ),
        };
        let link = |f: &Option<String>| match f {
            Some(f) if p.comparison.is_some() => format!(
                "<a href=\"#pair{i}\" title=\"{}\">{}</a>",
                escape(f),
                escape(file_name(f))
            ),
            Some(f) => format!(
                "<span title=\"{}\">{}</span>",
                escape(f),
                escape(file_name(f))
            ),
            None => "<span class=\"err\">(缺)</span>".into(),
        };
        let counts: String = p.counts().map(num).concat();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td>{counts}{completion}</tr>",
            escape(&p.school),
            link(&p.plan),
            link(&p.summary),
        );
    }
    h.push_str("</tbody></table>\n");
}

fn unreadable(h: &mut String, docs: &[DocRecord]) {
    let bad: Vec<&DocRecord> = docs.iter().filter(|d| d.error.is_some()).collect();
    if bad.is_empty() {
        return;
    }
    h.push_str("<h2>无法读取或跳过的文件</h2><table id=\"unreadable\"><thead><tr><th>文件</th><th>原因</th></tr></thead><tbody>");
    for d in bad {
        let _ = write!(
            h,
            "<tr><td>{}</td><td class=\"err\">{}</td></tr>",
            escape(&d.file),
            escape(d.error.as_deref().unwrap_or(""))
        );
    }
    h.push_str("</tbody></table>\n");
}

fn documents(h: &mut String, docs: &[DocRecord]) {
    h.push_str("<h2>各文档检查结果</h2><table class=\"sortable\" id=\"documents\"><thead><tr><th>文件</th><th>篇</th><th>标题</th><th>类型</th><th>学期</th><th>条目</th><th>目标</th><th>指标</th><th>事件</th><th>问题</th></tr></thead><tbody>");
    for d in docs.iter().filter(|d| d.error.is_none()) {
        let mut fl = String::new();
        for f in &d.flags {
            let _ = write!(
                fl,
                "<div><span class=\"flag\" title=\"{}\">{}</span> {}</div>",
                escape(flags::explain(&f.code)),
                escape(&f.code),
                escape(&f.message)
            );
        }
        let idx = d.index.unwrap_or(0);
        let _ = write!(
            h,
            "<tr><td title=\"{}\">{}</td><td class=\"n\" data-v=\"{idx}\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\" data-v=\"{}\">{}</td><td class=\"n\" data-v=\"{}\">{}</td><td class=\"n\" data-v=\"{}\">{}</td><td class=\"n\" data-v=\"{}\">{}</td><td data-v=\"{}\">{}</td></tr>",
            escape(&d.file),
            escape(file_name(&d.file)),
            idx + 1,
            escape(d.title.as_deref().unwrap_or("")),
            kind_label(d.kind),
            escape(d.period.as_deref().unwrap_or("")),
            d.items, d.items, d.goals, d.goals, d.quotas, d.quotas, d.events, d.events,
            d.flags.len(),
            fl
        );
    }
    h.push_str("</tbody></table>\n");
}

fn duplicates(h: &mut String, r: &Report) {
    if r.duplicates.is_empty() {
        return;
    }
    h.push_str("<h2>与其他学校相同的文字</h2><table class=\"sortable\" id=\"duplicates\"><thead><tr><th>文件</th><th>篇</th><th>相同比例</th><th>相同文字来自</th><th>篇</th></tr></thead><tbody>");
    for d in &r.duplicates {
        let _ = write!(
            h,
            "<tr><td title=\"{}\">{}</td><td class=\"n\">{}</td><td class=\"n\" data-v=\"{:.4}\">{}</td><td title=\"{}\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&d.file),
            escape(file_name(&d.file)),
            d.doc + 1,
            d.share,
            pct(d.share),
            escape(&d.partner_file),
            escape(file_name(&d.partner_file)),
            d.partner_doc + 1
        );
    }
    h.push_str("</tbody></table>\n");
}

fn pairs(h: &mut String, pairs: &[PairRecord]) {
    let compared: Vec<(usize, &PairRecord)> = pairs
        .iter()
        .enumerate()
        .filter(|(_, p)| p.comparison.is_some())
        .collect();
    if compared.is_empty() {
        return;
    }
    h.push_str("<h2>逐条对照:计划条目与总结中的证据</h2><p class=\"legend\">");
    for s in [
        Status::Done,
        Status::Partial,
        Status::NotDone,
        Status::Mentioned,
        Status::Unreported,
    ] {
        let (class, label) = status_label(s);
        let _ = write!(h, "<span class=\"st {class}\">{label}</span>");
    }
    h.push_str("</p>");
    let open = compared.len() <= OPEN_PAIRS;
    for (i, p) in compared {
        let Some(c) = &p.comparison else { continue };
        let t = &c.totals;
        let _ = write!(
            h,
            "<details id=\"pair{i}\"{}><summary>{}:{} ↔ {} · 完成率 {} · 完成 {} · 部分 {} · 未完成 {} · 仅提及 {} · 未报告 {} · 计划外 {}</summary>",
            if open { " open" } else { "" },
            escape(&p.school),
            escape(file_name(p.plan.as_deref().unwrap_or(""))),
            escape(file_name(p.summary.as_deref().unwrap_or(""))),
            p.completion.map_or("—".into(), pct),
            t.done,
            t.partial,
            t.not_done,
            t.mentioned,
            t.unreported,
            c.unplanned.len()
        );
        h.push_str("<table class=\"pair\"><thead><tr><th>计划条目</th><th>月份</th><th>状态</th><th>总结中的证据</th></tr></thead><tbody>");
        for item in &c.items {
            let (class, label) = status_label(item.status);
            let evidence = item
                .evidence
                .as_ref()
                .map_or(String::new(), |e| escape(&e.text));
            let quota = item.quota.as_ref().map_or(String::new(), |q| {
                let v = |x: Option<f64>| x.map_or("?".into(), |x| format!("{x}"));
                format!(
                    " · 指标 {} / 实际 {}{}",
                    v(q.target),
                    v(q.actual),
                    escape(q.unit.as_deref().unwrap_or(""))
                )
            });
            let _ = write!(
                h,
                "<tr class=\"{class}\"><td class=\"item\">{}</td><td class=\"n\">{}</td><td><span class=\"st {class}\">{label}</span></td><td class=\"ev\">{evidence}<div class=\"why\">{}{quota}</div></td></tr>",
                escape(&item.text),
                item.month.map_or(String::new(), |m| format!("{m}月")),
                escape(&item.reason)
            );
        }
        h.push_str("</tbody></table>");
        if !c.unplanned.is_empty() {
            h.push_str("<p><b>计划外的工作:</b></p><ul>");
            for u in &c.unplanned {
                let _ = write!(h, "<li>{}</li>", escape(&u.text));
            }
            h.push_str("</ul>");
        }
        h.push_str("</details>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
    }

    #[test]
    fn page_is_self_contained_and_escaped() {
        let mut r = Report::default();
        r.documents.push(DocRecord {
            file: "d/<甲校>.txt".into(),
            index: Some(0),
            title: Some("<b>计划</b>".into()),
            kind: Some(Kind::Plan),
            period: None,
            encoding: Some("utf-8".into()),
            items: 3,
            goals: 0,
            quotas: 0,
            events: 0,
            topics: 0,
            months: vec![],
            flags: vec![flags::Flag {
                code: "no-goals".into(),
                message: "<i>x</i>".into(),
            }],
            error: None,
        });
        let mut out = Vec::new();
        write(&mut out, &r).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(html.contains("&lt;b&gt;计划&lt;/b&gt;") && !html.contains("<b>计划"));
        assert!(!html.contains("<i>x</i>"));
        for external in ["http://", "https://", "src=", "@import", "url("] {
            assert!(!html.contains(external), "{external}");
        }
        assert!(html.contains("id=\"schools\"") && html.contains("id=\"documents\""));
    }
}

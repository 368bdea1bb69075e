//! The data that flows out of planx: the contract of `../shared/CONTRACT.md`.
//!
//! Fields marked `serde(skip)` are internal working state for later stages
//! (normalised char ranges, heading months); they never reach the output.

use crate::text::Span;
use serde::{Deserialize, Serialize};
use std::ops::Range;

pub const EXTRACT_SCHEMA: &str = "planx/extract/1";
pub const COMPARE_SCHEMA: &str = "planx/compare/1";

/// The extract of one file. `D` holds its documents: a list, or any
/// sequence that serializes as one (a writer that extracts and writes one
/// document at a time, see `crate::Split`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Extract<D = Vec<Document>> {
    pub schema: String,
    pub source: String,
    pub format: String,
    pub encoding: String,
    pub documents: D,
    pub warnings: Vec<Warning>,
}

impl<D> Extract<D> {
    /// The same extract with its documents replaced by `documents`.
    pub fn with_documents<E>(self, documents: E) -> Extract<E> {
        Extract {
            schema: self.schema,
            source: self.source,
            format: self.format,
            encoding: self.encoding,
            documents,
            warnings: self.warnings,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Warning {
    pub code: String,
    pub message: String,
    pub span: Option<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Plan,
    Summary,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Traditional,
    Simplified,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    pub index: usize,
    pub title: Option<String>,
    pub kind: Kind,
    pub script: Script,
    pub span: Span,
    pub period: Option<Period>,
    pub date: Option<String>,
    pub sections: Vec<Section>,
    pub items: Vec<Item>,
    pub goals: Vec<Goal>,
    pub quotas: Vec<Quota>,
    pub figures: Vec<Figure>,
    pub events: Vec<Event>,
    pub topics: Vec<Topic>,
    /// Normalised char range of the whole document.
    #[serde(skip)]
    pub norm: Range<usize>,
    /// Normalised char range of the title line, when there is a title.
    #[serde(skip)]
    pub title_norm: Option<Range<usize>>,
}

impl Document {
    /// A document found by the split stage: its place, title and script,
    /// with kind unknown and every element list still empty.
    pub fn new(
        index: usize,
        title: Option<String>,
        script: Script,
        span: Span,
        norm: Range<usize>,
        title_norm: Option<Range<usize>>,
    ) -> Self {
        Document {
            index,
            title,
            kind: Kind::Unknown,
            script,
            span,
            period: None,
            date: None,
            sections: Vec::new(),
            items: Vec::new(),
            goals: Vec::new(),
            quotas: Vec::new(),
            figures: Vec::new(),
            events: Vec::new(),
            topics: Vec::new(),
            norm,
            title_norm,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Period {
    pub year: Option<i32>,
    /// "spring" | "autumn" | "year" | null
    pub term: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub parent: Option<String>,
    pub level: u32,
    pub marker: String,
    pub heading: String,
    pub span: Span,
    /// Normalised char range of the heading text (marker excluded).
    #[serde(skip)]
    pub heading_norm: Range<usize>,
    /// Months named by a month heading (九月份 → [9]; 七月、八月 → [7, 8]).
    #[serde(skip)]
    pub months: Vec<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Goal,
    Measure,
    Schedule,
    Report,
    Other,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    pub section: Option<String>,
    pub text: String,
    pub span: Span,
    pub role: Role,
    /// Normalised char range of the item text (marker excluded).
    #[serde(skip)]
    pub norm: Range<usize>,
    /// The item's own list marker as written ("1、", "(2)", "①"), if any.
    #[serde(skip)]
    pub marker: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Goal {
    pub item: String,
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Quota {
    pub item: String,
    pub text: String,
    pub span: Span,
    pub value: Option<f64>,
    pub max: Option<f64>,
    pub unit: Option<String>,
    pub comparator: String,
    pub per: Vec<String>,
    pub scope: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Figure {
    pub item: String,
    pub text: String,
    pub span: Span,
    pub value: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    pub item: String,
    pub text: String,
    pub span: Span,
    pub when: When,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct When {
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    pub months: Vec<u32>,
    pub weekday: Option<u32>,
    pub recurrence: Option<String>,
    pub part: Option<String>,
    pub relation: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    pub name: String,
    pub span: Span,
    pub kind: String,
    pub level: Option<String>,
}

// ---- compare ----

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparison {
    pub schema: String,
    pub plan: String,
    pub summary: String,
    pub items: Vec<CompareItem>,
    pub unplanned: Vec<Unplanned>,
    pub totals: Totals,
    pub completion: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Done,
    Partial,
    NotDone,
    Mentioned,
    Unreported,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CompareItem {
    pub plan_item: String,
    pub text: String,
    pub span: Span,
    pub section: Option<String>,
    /// Heading text of the section, for the text table.
    #[serde(skip)]
    pub heading: Option<String>,
    pub month: Option<u32>,
    pub status: Status,
    pub evidence: Option<Evidence>,
    pub score: f64,
    pub reason: String,
    pub quota: Option<QuotaCheck>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuotaCheck {
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unplanned {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Totals {
    pub done: usize,
    pub partial: usize,
    pub not_done: usize,
    pub mentioned: usize,
    pub unreported: usize,
}

//! What one table cell shows, as data: short form, exact value and provenance on hover/focus,
//! estimates marked, unknowns as "—". `row_pool` writes it into the table's pooled cells
//! (screen readers read the exact value, confidence and note as visually hidden text after
//! the short form).

use crate::data::{Confidence, Dataset, Model, Quantity, Unit};
use crate::format;
use crate::query::Column;

/// The content of one cell of the models table.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    /// The model's name, linked to its page (`<a class="name">`).
    Link {
        /// The page's address.
        href: String,
        /// The model's name.
        name: String,
    },
    /// The model's name without a link (`<span class="name">`).
    Name(String),
    /// A known text value, with itself as title (the cell may cut it).
    Text(String),
    /// A missing text value or date ("—"), with an optional title.
    Missing(Option<&'static str>),
    /// A publication date (`<time>`).
    Date(String),
    /// A known quantity.
    Quantity {
        /// The short form shown.
        short: String,
        /// The exact value, its confidence and note (the tip, also read by screen readers).
        tip: String,
        /// Whether the value is an estimate (marked "≈", in italics).
        estimated: bool,
    },
    /// An undisclosed quantity; the tip says so, with its note.
    Undisclosed(String),
}

/// A quantity cell's content.
pub fn quantity(q: &Quantity, unit: Unit) -> Content {
    match q.value {
        None => Content::Undisclosed(if q.note.is_empty() {
            "Not disclosed".to_owned()
        } else {
            format!("Not disclosed. {}", q.note)
        }),
        Some(v) => {
            let exact = format::exact_in(unit, v);
            let mut tip = format!("{exact} ({})", q.confidence.as_str());
            if !q.note.is_empty() {
                tip.push_str(" — ");
                tip.push_str(&q.note);
            }
            Content::Quantity {
                short: format::short(unit, v),
                tip,
                estimated: q.confidence == Confidence::Estimated,
            }
        }
    }
}

/// The content of model `m`'s cell in column `c`; `href` is the link of the model's page
/// (names are plain text without it).
pub fn cell(ds: &Dataset, m: &Model, c: Column, href: Option<String>) -> Content {
    let text = |s: &str| {
        if s.is_empty() {
            Content::Missing(None)
        } else {
            Content::Text(s.to_owned())
        }
    };
    match c {
        Column::Name => match href {
            Some(href) => Content::Link {
                href,
                name: m.name.clone(),
            },
            None => Content::Name(m.name.clone()),
        },
        Column::Organizations => text(&ds.organization_names(m)),
        Column::OrgType => text(ds.org_type(m)),
        Column::Country => text(ds.country(m)),
        Column::Date => match m.date {
            Some(d) => Content::Date(d.to_string()),
            None => Content::Missing(Some("Publication date unknown")),
        },
        Column::Tasks => text(&m.tasks.join(", ")),
        Column::Num(n) => quantity(m.num(n), n.def().unit),
        Column::Text(t) => text(m.text(t)),
    }
}

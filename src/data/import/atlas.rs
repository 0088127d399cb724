//! The atlas's own column names (its `models.csv` and its exports), in one place.

use std::collections::HashSet;

use super::super::schema::atlas_columns;
use super::mapping::{Field, Mapping, Schema};

impl Field {
    /// The column name in the atlas's own schema (`None` for fields it does not have).
    pub fn atlas_column(self) -> Option<String> {
        Some(match self {
            Field::Name => "name".into(),
            Field::Date => "date".into(),
            Field::Organizations => "organization_names".into(),
            Field::Country => "country".into(),
            Field::OrgType => "org_type".into(),
            Field::Tasks => "tasks".into(),
            Field::Id => "id".into(),
            Field::OrganizationIds => "organizations".into(),
            Field::DatePrecision => "date_precision".into(),
            Field::Num(n) => n.def().column.into(),
            Field::NumConfidence(n) => n.def().confidence_column(),
            Field::NumNote(n) => n.def().note_column(),
            Field::Text(t) => t.def().column.into(),
            Field::Confidence | Field::TrainingHours => return None,
        })
    }
}

/// Whether every header is one of the atlas's columns ([`atlas_columns`]), with `id` and `name`
/// among them.
pub(super) fn is_atlas_schema(headers: &[String]) -> bool {
    let present: HashSet<&str> = headers
        .iter()
        .map(String::as_str)
        .filter(|h| !h.is_empty())
        .collect();
    let atlas = atlas_columns();
    !present.is_empty()
        && present.iter().all(|h| atlas.iter().any(|c| c == h))
        && present.contains("id")
        && present.contains("name")
}

/// The mapping of a file in the atlas's own schema: each field to its own column, where present.
pub(super) fn atlas_mapping(headers: &[String]) -> Mapping {
    let mut m = Mapping::new(Schema::Atlas);
    for f in Field::all() {
        if let Some(col) = f.atlas_column() {
            if headers.contains(&col) {
                m.set(f, Some(&col));
            }
        }
    }
    m
}

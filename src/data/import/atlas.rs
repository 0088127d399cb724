//! The atlas's own column names (its `models.csv` and its exports), in one place.

use std::collections::HashSet;

use super::mapping::{Field, Mapping, Schema};

impl Field {
    /// The column name in the atlas's own schema (`None` for fields it does not have).
    pub fn atlas_column(self) -> Option<&'static str> {
        Some(match self {
            Field::Name => "name",
            Field::Date => "date",
            Field::Organizations => "organization_names",
            Field::Country => "country",
            Field::OrgType => "org_type",
            Field::Domain => "domain",
            Field::Tasks => "tasks",
            Field::Architecture => "architecture",
            Field::Parameters => "parameters",
            Field::ParametersNote => "parameters_note",
            Field::ParametersConfidence => "parameters_confidence",
            Field::TrainingCompute => "training_compute_flop",
            Field::TrainingComputeNote => "training_compute_flop_note",
            Field::TrainingComputeConfidence => "training_compute_flop_confidence",
            Field::TrainingTokens => "training_tokens",
            Field::TrainingTokensNote => "training_tokens_note",
            Field::TrainingTokensConfidence => "training_tokens_confidence",
            Field::ActiveParameters => "active_parameters",
            Field::TrainingDataset => "training_dataset",
            Field::Hardware => "hardware",
            Field::HardwareCount => "hardware_count",
            Field::TrainingDays => "training_days",
            Field::Access => "access",
            Field::License => "license",
            Field::Description => "description",
            Field::SourceUrl => "source_url",
            Field::Id => "id",
            Field::OrganizationIds => "organizations",
            Field::DatePrecision => "date_precision",
            Field::DateNote => "date_note",
            Field::EpochName => "epoch_name",
            Field::Confidence | Field::TrainingHours => return None,
        })
    }
}

/// Every column of the atlas's own schema: `models.csv`'s columns plus the export's
/// `organization_names`, `country` and `org_type`.
pub const ATLAS_COLUMNS: &[&str] = &[
    "id",
    "name",
    "organizations",
    "organization_names",
    "country",
    "org_type",
    "date",
    "date_precision",
    "date_note",
    "domain",
    "tasks",
    "architecture",
    "parameters",
    "parameters_confidence",
    "parameters_note",
    "active_parameters",
    "training_tokens",
    "training_tokens_confidence",
    "training_tokens_note",
    "training_dataset",
    "training_compute_flop",
    "training_compute_flop_confidence",
    "training_compute_flop_note",
    "hardware",
    "hardware_count",
    "training_days",
    "access",
    "license",
    "description",
    "source_url",
    "epoch_name",
];

/// Whether every header is one of [`ATLAS_COLUMNS`], with `id` and `name` among them.
pub(super) fn is_atlas_schema(headers: &[String]) -> bool {
    let present: HashSet<&str> = headers
        .iter()
        .map(String::as_str)
        .filter(|h| !h.is_empty())
        .collect();
    !present.is_empty()
        && present.iter().all(|h| ATLAS_COLUMNS.contains(h))
        && present.contains("id")
        && present.contains("name")
}

/// The mapping of a file in the atlas's own schema: each field to its own column, where present.
pub(super) fn atlas_mapping(headers: &[String]) -> Mapping {
    let mut m = Mapping::new(Schema::Atlas);
    for f in Field::ALL {
        if let Some(col) = f.atlas_column() {
            if headers.iter().any(|h| h == col) {
                m.set(f, Some(col));
            }
        }
    }
    m
}

//! Epoch AI's vocabulary: its column names, and its values mapped to the atlas's vocabularies.

use crate::data::{Num, Text};
use std::collections::HashSet;

use super::super::{vocab, Confidence};
use super::mapping::{normalize_header, Field};

/// Epoch AI's column names, per field (2025 and 2026 exports).
pub(super) const EPOCH_COLUMNS: &[(Field, &[&str])] = &[
    (Field::Name, &["Model"]),
    (Field::Text(Text::EpochName), &["Model"]),
    (Field::Organizations, &["Organization"]),
    (Field::Date, &["Publication date"]),
    (Field::Text(Text::Domain), &["Domain"]),
    (Field::Tasks, &["Task"]),
    (Field::Num(Num::Parameters), &["Parameters"]),
    (Field::NumNote(Num::Parameters), &["Parameters notes"]),
    (
        Field::Num(Num::TrainingCompute),
        &["Training compute (FLOP)"],
    ),
    (
        Field::NumNote(Num::TrainingCompute),
        &["Training compute notes"],
    ),
    (
        Field::Num(Num::TrainingTokens),
        &[
            "Training dataset size (total)",
            "(DEPRECATED) Training dataset size (datapoints)",
            "Training dataset size (datapoints)",
        ],
    ),
    (Field::NumNote(Num::TrainingTokens), &["Dataset size notes"]),
    (Field::Text(Text::TrainingDataset), &["Training dataset"]),
    (Field::Confidence, &["Confidence"]),
    (Field::Text(Text::Access), &["Model accessibility"]),
    (Field::Country, &["Country (of organization)"]),
    (Field::OrgType, &["Organization categorization"]),
    (Field::Text(Text::SourceUrl), &["Link"]),
    (Field::Text(Text::Description), &["Reference"]),
    (Field::Text(Text::Hardware), &["Training hardware"]),
    (Field::Num(Num::HardwareCount), &["Hardware quantity"]),
    (Field::TrainingHours, &["Training time (hours)"]),
];

/// Column names only Epoch AI's exports use; two of them (with `Model` and
/// `Publication date`) identify one, so that another file that happens to have a `Model`
/// column is not credited to Epoch.
const EPOCH_MARKERS: &[&str] = &[
    "Training compute (FLOP)",
    "Training compute notes",
    "Parameters notes",
    "Model accessibility",
    "Country (of organization)",
    "Organization categorization",
    "Training dataset size (total)",
    "(DEPRECATED) Training dataset size (datapoints)",
    "Dataset size notes",
    "Notability criteria",
    "Training time (hours)",
    "Hardware quantity",
];

/// Whether the headers are those of an Epoch AI export (see [`EPOCH_MARKERS`]).
pub(super) fn is_epoch_schema(headers: &[String]) -> bool {
    let norm: HashSet<String> = headers.iter().map(|h| normalize_header(h)).collect();
    let markers = EPOCH_MARKERS
        .iter()
        .filter(|m| norm.contains(&normalize_header(m)))
        .count();
    norm.contains("model") && norm.contains("publicationdate") && markers >= 2
}

/// Maps a domain (or Epoch's comma-separated domains) to the atlas vocabulary where the
/// mapping is clear: `Multimodal` anywhere → `multimodal`; otherwise the first value, with
/// `Image generation` → `vision`; values without a clear counterpart are kept as written.
pub fn map_domain(values: &[String]) -> String {
    if values.iter().any(|v| v.eq_ignore_ascii_case("multimodal")) {
        return "multimodal".to_owned();
    }
    let Some(first) = values.first() else {
        return String::new();
    };
    let lower = first.to_lowercase();
    match lower.as_str() {
        "image generation" => "vision".to_owned(),
        l if vocab::DOMAINS.contains(&l) => l.to_owned(),
        _ => first.clone(),
    }
}

/// Maps a task name to the atlas vocabulary where the mapping is clear (Epoch's
/// `Language modeling/generation` → `text generation`, `Chat` → `dialogue`, …); others are
/// kept as written.
pub fn map_task(task: &str) -> String {
    let lower = task.trim().to_lowercase();
    let mapped = match lower.as_str() {
        "language modeling"
        | "language modeling/generation"
        | "language generation"
        | "text autocompletion"
        | "text generation" => "text generation",
        "chat" | "dialogue" | "dialog" => "dialogue",
        "question answering" => "question answering",
        "text summarization" | "summarization" => "summarization",
        "translation" => "translation",
        "code generation" | "code autocompletion" => "code generation",
        "mathematical reasoning" | "quantitative reasoning" | "reasoning" => "reasoning",
        "text classification" | "sentiment classification" => "text classification",
        "tool use" => "tool use",
        "image classification" => "image classification",
        "object detection" => "object detection",
        "image segmentation"
        | "semantic segmentation"
        | "instance segmentation"
        | "segmentation" => "segmentation",
        "image captioning" => "image captioning",
        "visual question answering" | "(visual) question answering" => "visual question answering",
        "text-to-image" => "text-to-image",
        "image generation" => "image generation",
        "text-to-video" => "text-to-video",
        "video understanding" | "video description" | "video classification" => {
            "video understanding"
        }
        "speech recognition (asr)" | "speech recognition" | "speech-to-text" => {
            "speech recognition"
        }
        "speech synthesis" | "text-to-speech (tts)" => "speech synthesis",
        "audio generation" => "audio generation",
        "recommender system" | "recommendation" => "recommendation",
        "atari" | "go" | "chess" | "shogi" | "poker" | "dota 2" | "starcraft" | "game playing" => {
            "game playing"
        }
        "robotic manipulation" | "robotics" => "robotics",
        "protein folding prediction" | "protein structure prediction" | "protein structure" => {
            "protein structure"
        }
        "protein design" | "protein generation" => "protein design",
        "weather forecasting" => "weather forecasting",
        "representation learning" | "semantic embedding" => "representation learning",
        _ => return task.trim().to_owned(),
    };
    mapped.to_owned()
}

/// Maps an access value to the atlas vocabulary: Epoch's `Open weights (…)` → `open weights`,
/// `API access` → `API`, `Hosted access (no API)` → `limited`, `Unreleased` → `closed`;
/// others are kept as written.
pub fn map_access(value: &str) -> String {
    let v = value.trim();
    let lower = v.to_lowercase();
    let mapped = if lower.starts_with("open weights") {
        "open weights"
    } else {
        match lower.as_str() {
            "api" | "api access" => "API",
            "hosted access (no api)" | "limited" => "limited",
            "unreleased" | "closed" => "closed",
            _ => return v.to_owned(),
        }
    };
    mapped.to_owned()
}

/// Maps a country name to the atlas vocabulary (`United States of America` →
/// `United States`, `Korea (Republic of)` → `South Korea`, …); others are kept as written.
pub fn map_country(value: &str) -> String {
    let v = value.trim();
    let lower = v.to_lowercase();
    let mapped = match lower.as_str() {
        "united states of america" | "usa" | "us" | "u.s." | "united states" => "United States",
        "united kingdom of great britain and northern ireland" | "uk" | "united kingdom" => {
            "United Kingdom"
        }
        "korea (republic of)" | "republic of korea" | "south korea" | "korea" => "South Korea",
        "russian federation" | "russia" => "Russia",
        "uae" => "United Arab Emirates",
        _ => {
            return vocab::COUNTRIES
                .iter()
                .find(|c| c.eq_ignore_ascii_case(v))
                .map_or_else(|| v.to_owned(), |c| (*c).to_owned())
        }
    };
    mapped.to_owned()
}

/// Maps an organization type to the atlas vocabulary: Epoch's `Academia` → `academia`,
/// `Research collective` → `open collective`, `Government` → `government/public lab`.
/// `Industry` has no single counterpart (big tech, AI lab or startup) and is kept.
pub fn map_org_type(value: &str) -> String {
    let v = value.trim();
    let lower = v.to_lowercase();
    let mapped = match lower.as_str() {
        "academia" => "academia",
        "research collective" => "open collective",
        "government" => "government/public lab",
        _ => {
            return vocab::ORG_TYPES
                .iter()
                .find(|c| c.eq_ignore_ascii_case(v))
                .map_or_else(|| v.to_owned(), |c| (*c).to_owned())
        }
    };
    mapped.to_owned()
}

/// Confidence words: the atlas's own, and Epoch's (which mean an estimate).
pub(super) fn parse_confidence_word(s: &str) -> Option<(Confidence, bool)> {
    match s.trim().to_lowercase().as_str() {
        "reported" => Some((Confidence::Reported, false)),
        "estimated" => Some((Confidence::Estimated, false)),
        "unknown" => Some((Confidence::Unknown, false)),
        "confident" | "likely" | "speculative" | "unverified" => {
            Some((Confidence::Estimated, true))
        }
        _ => None,
    }
}

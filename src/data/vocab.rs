//! The fixed vocabularies of the curated dataset (one place for every allowed value).

/// Model domains.
pub const DOMAINS: &[&str] = &[
    "language",
    "vision",
    "multimodal",
    "recommendation",
    "games",
    "speech",
    "biology",
    "video",
    "other",
];

/// Tasks a model performs.
pub const TASKS: &[&str] = &[
    "text generation",
    "dialogue",
    "question answering",
    "summarization",
    "translation",
    "code generation",
    "reasoning",
    "text classification",
    "tool use",
    "image classification",
    "object detection",
    "segmentation",
    "image captioning",
    "visual question answering",
    "text-to-image",
    "image generation",
    "text-to-video",
    "video understanding",
    "speech recognition",
    "speech synthesis",
    "audio generation",
    "recommendation",
    "game playing",
    "robotics",
    "protein structure",
    "protein design",
    "weather forecasting",
    "representation learning",
];

/// Model architectures.
pub const ARCHITECTURES: &[&str] = &[
    "dense transformer",
    "encoder-decoder transformer",
    "mixture-of-experts",
    "vision transformer",
    "CNN",
    "RNN",
    "diffusion",
    "autoregressive image transformer",
    "recommendation model",
    "state space model",
    "hybrid",
    "other",
];

/// How a model can be used.
pub const ACCESS: &[&str] = &["open weights", "API", "limited", "closed"];

/// Countries an organization can be based in.
pub const COUNTRIES: &[&str] = &[
    "United States",
    "China",
    "United Kingdom",
    "Canada",
    "France",
    "Germany",
    "South Korea",
    "Israel",
    "Russia",
    "Japan",
    "United Arab Emirates",
    "Saudi Arabia",
    "Hong Kong",
    "Singapore",
    "Switzerland",
    "India",
    "Netherlands",
    "Finland",
    "Taiwan",
    "Australia",
    "Sweden",
    "Italy",
    "Spain",
    "Multinational",
];

/// Kinds of organization.
pub const ORG_TYPES: &[&str] = &[
    "big tech",
    "AI lab",
    "academia",
    "open collective",
    "startup",
    "government/public lab",
];

/// Kinds of partnership between two organizations.
pub const PARTNERSHIP_KINDS: &[&str] = &["investment", "hardware", "co-development", "cloud"];

/// Evaluation settings of a benchmark result.
pub const SETTINGS: &[&str] = &[
    "zero-shot",
    "one-shot",
    "few-shot",
    "5-shot",
    "5-shot CoT",
    "zero-shot CoT",
    "fine-tuned",
    "linear probe",
];

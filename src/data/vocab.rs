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

/// Evaluation settings of a benchmark result: what was measured. ImageNet: `from scratch`
/// (ImageNet-1k labels only), `fine-tuned` (pre-trained on other data, then fine-tuned),
/// `semi-supervised` (labels plus pseudo-labelled images), `linear probe` (frozen features),
/// `zero-shot` (the model's own text tower), `LiT zero-shot` (a separately trained LiT text
/// tower on the frozen image model). Language: k-shot prompting; `… CoT` chain of thought;
/// `5-shot CoT self-consistency` (majority vote over sampled chains); `CoT@k` (k chains with
/// consensus); `zero-shot (bidirectional)` (LAMBADA scored with bidirectional context). COCO
/// FID: over 30,000 samples (`FID-30K`) or an unstated number of samples.
pub const SETTINGS: &[&str] = &[
    "zero-shot",
    "one-shot",
    "few-shot",
    "5-shot",
    "zero-shot CoT",
    "5-shot CoT",
    "5-shot CoT self-consistency",
    "CoT@8",
    "CoT@32",
    "zero-shot (bidirectional)",
    "from scratch",
    "fine-tuned",
    "semi-supervised",
    "linear probe",
    "LiT zero-shot",
    "zero-shot FID-30K",
    "fine-tuned FID-30K",
    "zero-shot FID (n unstated)",
    "fine-tuned FID (n unstated)",
];

/// Whether a model's weights can be had (now).
pub const WEIGHTS: &[&str] = &[
    "open",
    "open (non-commercial)",
    "on request",
    "closed",
    "not released",
];

/// Units of a training dataset's size.
pub const DATA_UNITS: &[&str] = &[
    "tokens",
    "words",
    "images",
    "image-text pairs",
    "video clips",
    "audio hours",
    "frames",
    "games",
    "board positions",
    "masks",
    "samples",
    "other",
];

/// What a training-emissions figure counts.
pub const CO2E_BASES: &[&str] = &[
    "location-based",
    "market-based",
    "net of offsets",
    "unknown",
];

/// How a training cost was reckoned.
pub const COST_BASES: &[&str] = &[
    "cloud rental",
    "amortized hardware",
    "reported total",
    "unknown",
];

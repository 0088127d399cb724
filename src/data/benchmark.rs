//! The one rule for a benchmark's direction: whether a higher score is better.

use super::Dataset;

impl Dataset {
    /// Whether a higher score is better on `benchmark`, as its description says; a benchmark
    /// without a description counts as higher-is-better (accuracy-like scores).
    pub fn higher_is_better(&self, benchmark: &str) -> bool {
        self.benchmark_info
            .iter()
            .find(|b| b.id == benchmark)
            .is_none_or(|b| b.higher_is_better)
    }
}

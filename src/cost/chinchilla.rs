//! Compute-optimal size (Hoffmann et al. 2022, "Training Compute-Optimal Large Language
//! Models", arXiv 2203.15556): parameters and tokens should grow together — "for every
//! doubling of model size the number of training tokens should also be doubled". Their
//! Chinchilla (70B parameters, 1.4T tokens) sets the usual rule of about 20 tokens per
//! parameter, which with C ≈ 6·N·D gives N_opt = √(C / (6·20)) and D_opt = 20·N_opt.

use super::{at_least_one, number, CostError, MAX_FLOP, MAX_PARAMETERS, MAX_TOKENS};

/// Tokens per parameter at the compute-optimal point (Chinchilla: 1.4T ÷ 70B).
pub const TOKENS_PER_PARAMETER: f64 = 20.0;

/// The compute-optimal model for a compute budget.
#[derive(Clone, Debug, PartialEq)]
pub struct ComputeOptimal {
    /// The budget, FLOP.
    pub compute: f64,
    /// N_opt, parameters.
    pub parameters: f64,
    /// D_opt, tokens.
    pub tokens: f64,
    /// The formula with the numbers put in.
    pub formula: String,
}

/// N_opt = √(C / (6 · 20)), D_opt = 20 · N_opt.
pub fn compute_optimal(compute_flop: f64) -> Result<ComputeOptimal, CostError> {
    let c = at_least_one("the compute budget", compute_flop, MAX_FLOP)?;
    let n = (c / (6.0 * TOKENS_PER_PARAMETER)).sqrt();
    let d = TOKENS_PER_PARAMETER * n;
    Ok(ComputeOptimal {
        compute: c,
        parameters: n,
        tokens: d,
        formula: format!(
            "N_opt = √(C ÷ (6 × 20)) = √({} ÷ 120) = {}; D_opt = 20 × N_opt = {}",
            number(c),
            number(n),
            number(d)
        ),
    })
}

/// How a trained model compares with the compute-optimal model for its own compute.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimalComparison {
    /// D ÷ N.
    pub tokens_per_parameter: f64,
    /// (D ÷ N) ÷ 20: below 1 the model saw fewer tokens than compute-optimal for its size
    /// ("undertrained"), above 1 more ("overtrained", often on purpose for cheaper serving).
    pub ratio_to_optimal: f64,
    /// The model's compute, 6·N·D.
    pub compute: f64,
    /// The compute-optimal model for that compute.
    pub optimal: ComputeOptimal,
    /// N ÷ N_opt.
    pub size_ratio: f64,
    /// One sentence for readers.
    pub summary: String,
}

/// Compares a model of `parameters` trained on `tokens` with the Chinchilla optimum.
pub fn compare_to_optimal(parameters: f64, tokens: f64) -> Result<OptimalComparison, CostError> {
    let n = at_least_one("the parameter count", parameters, MAX_PARAMETERS)?;
    let d = at_least_one("the number of training tokens", tokens, MAX_TOKENS)?;
    let tpp = d / n;
    let ratio = tpp / TOKENS_PER_PARAMETER;
    let optimal = compute_optimal(6.0 * n * d)?;
    let size_ratio = n / optimal.parameters;
    let summary = format!(
        "{} tokens per parameter, {}× the compute-optimal 20; for the same compute \
         the optimum is {} parameters on {} tokens",
        number(tpp),
        number(ratio),
        number(optimal.parameters),
        number(optimal.tokens)
    );
    Ok(OptimalComparison {
        tokens_per_parameter: tpp,
        ratio_to_optimal: ratio,
        compute: optimal.compute,
        optimal,
        size_ratio,
        summary,
    })
}

//! The rules of the comparison view: which cells are real differences, and tokens per parameter
//! against Chinchilla's compute-optimal ~20.

use crate::data::{Confidence, Model, Num};

/// Two numbers within this relative distance are the same figure told two ways (rounding,
/// 175B against 175.0B), not a difference.
pub const SAME_WITHIN: f64 = 0.05;

/// Cells that differ from the first model's (the reference of the ratios): one flag per value.
/// The first cell is never flagged, nor an unknown value, nor anything when the reference is
/// unknown; numbers differ when they are more than [`SAME_WITHIN`] apart relative to the larger.
pub fn differing_numbers(values: &[Option<f64>]) -> Vec<bool> {
    let base = values.first().copied().flatten();
    values
        .iter()
        .enumerate()
        .map(|(i, v)| match (i, base, *v) {
            (0, _, _) | (_, None, _) | (_, _, None) => false,
            (_, Some(b), Some(v)) => {
                let scale = b.abs().max(v.abs());
                scale > 0.0 && (v - b).abs() / scale > SAME_WITHIN
            }
        })
        .collect()
}

/// Text cells that differ from the first model's: both known (non-empty) and different,
/// ignoring case and surrounding spaces.
pub fn differing_texts(values: &[String]) -> Vec<bool> {
    let norm = |s: &str| s.trim().to_lowercase();
    let base = values.first().map(|s| norm(s)).filter(|s| !s.is_empty());
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let v = norm(v);
            i > 0 && !v.is_empty() && base.as_ref().is_some_and(|b| *b != v)
        })
        .collect()
}

/// A model's training tokens per parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct TokensPerParameter {
    /// D ÷ N (total parameters).
    pub value: f64,
    /// (D ÷ N) ÷ 20: Chinchilla's compute-optimal ratio is 1.
    pub ratio_to_optimal: f64,
    /// Estimated when either number is.
    pub estimated: bool,
}

impl TokensPerParameter {
    /// A few words on where the model stands against Chinchilla's ~20: within a factor of two
    /// either way is "near compute-optimal".
    pub fn verdict(&self) -> &'static str {
        if self.ratio_to_optimal < 0.5 {
            "fewer tokens than compute-optimal"
        } else if self.ratio_to_optimal > 2.0 {
            "more tokens than compute-optimal"
        } else {
            "near compute-optimal"
        }
    }
}

/// Training tokens per parameter, when both are known (`cost::compare_to_optimal`'s rule:
/// Hoffmann et al. 2022's ~20 tokens per parameter).
pub fn tokens_per_parameter(m: &Model) -> Option<TokensPerParameter> {
    let (n, d) = (m.num(Num::Parameters), m.num(Num::TrainingTokens));
    let cmp = crate::cost::compare_to_optimal(n.value?, d.value?).ok()?;
    Some(TokensPerParameter {
        value: cmp.tokens_per_parameter,
        ratio_to_optimal: cmp.ratio_to_optimal,
        estimated: n.confidence == Confidence::Estimated || d.confidence == Confidence::Estimated,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::data::fixture;

    #[test]
    fn only_real_number_differences_are_flagged() {
        assert_eq!(
            differing_numbers(&[Some(175e9), Some(175.5e9), Some(70e9), None]),
            [false, false, true, false]
        );
        assert_eq!(differing_numbers(&[None, Some(1.0), Some(2.0)]), [false; 3]);
        assert_eq!(differing_numbers(&[Some(0.0), Some(0.0)]), [false; 2]);
        assert_eq!(differing_numbers(&[Some(0.0), Some(1.0)]), [false, true]);
        assert!(differing_numbers(&[]).is_empty());
    }

    #[test]
    fn only_real_text_differences_are_flagged() {
        let v = |s: &[&str]| s.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(
            differing_texts(&v(&["Google", "google ", "DeepMind", ""])),
            [false, false, true, false]
        );
        assert_eq!(differing_texts(&v(&["", "a", "b"])), [false; 3]);
    }

    #[test]
    fn tokens_per_parameter_against_chinchilla() {
        let ds = fixture::dataset();
        let get = |id: &str| ds.models.iter().find(|m| m.id == id).unwrap();
        // Mid: 175B parameters on 300B tokens (GPT-3's figures), both reported.
        let mid = tokens_per_parameter(get("m-mid")).unwrap();
        assert!((mid.value - 300.0 / 175.0).abs() < 1e-9);
        assert!((mid.ratio_to_optimal - 300.0 / 175.0 / 20.0).abs() < 1e-9);
        assert!(!mid.estimated);
        assert_eq!(mid.verdict(), "fewer tokens than compute-optimal");
        // Small: 1.5B on an estimated 40B tokens: ~27, near 20, estimated.
        let small = tokens_per_parameter(get("m-small")).unwrap();
        assert!(small.estimated);
        assert_eq!(small.verdict(), "near compute-optimal");
        // Unknown tokens or parameters: nothing.
        assert!(tokens_per_parameter(get("m-unk")).is_none());
        assert!(tokens_per_parameter(get("m-vis")).is_none());
        let over = TokensPerParameter {
            value: 100.0,
            ratio_to_optimal: 5.0,
            estimated: false,
        };
        assert_eq!(over.verdict(), "more tokens than compute-optimal");
    }
}

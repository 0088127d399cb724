//! Which points are named by default, and where a name goes.
//!
//! * **Key models** ([`KEY_MODELS`]): the models people talk about when they talk about scale
//!   (GPT-3, Gopher, Chinchilla, PaLM, BLOOM, GPT-4, LLaMA, Switch, DLRM 12T …) are named on
//!   the parameters, compute and tokens charts with a short name (where they are plotted:
//!   GPT-4 has no published parameter count), whether labels are on or not, as are the
//!   extremes of the plotted values ([`label_key_models`]).
//! * **Highlighted models** (`highlight=`) are named first of all ([`priority`]).
//! * **Placement** ([`place`]): greedy, in priority order. Each name is a box; the first of
//!   the candidate spots around its point ([`candidates`]: right, left, above, below, the four
//!   diagonals, then the same farther out) that lies inside the plot and overlaps no box
//!   already taken (names, trend labels, the legend) is used; a name that finds none is not
//!   drawn. So no two names ever overlap, and none covers a trend label or the legend.

use super::draw::Rect;
use super::figure::{Figure, Label, Mark};
use crate::data::Dataset;

/// The models named by default on the model-point charts (id in `models.csv`,
/// short name), most talked-about first: the first ones win a crowded spot.
pub const KEY_MODELS: [(&str, &str); 14] = [
    ("gpt-3", "GPT-3"),
    ("gpt-4", "GPT-4"),
    ("chinchilla", "Chinchilla"),
    ("gopher", "Gopher"),
    ("palm", "PaLM"),
    ("bloom", "BLOOM"),
    ("llama-65b", "LLaMA"),
    ("llama-2-70b", "Llama 2"),
    ("llama-3-1-405b", "Llama 3.1"),
    ("switch-transformer", "Switch"),
    ("dlrm-12t", "DLRM 12T"),
    ("mt-nlg", "MT-NLG"),
    ("gpt-2", "GPT-2"),
    ("bert-large", "BERT"),
];

/// The short name of a key model, and its rank in [`KEY_MODELS`] (0 first).
pub fn key_model(id: &str) -> Option<(usize, &'static str)> {
    KEY_MODELS
        .iter()
        .position(|(k, _)| *k == id)
        .and_then(|i| KEY_MODELS.get(i).map(|(_, name)| (i, *name)))
}

/// The rows of `ds` that are key models ([`key_model`]), in order, each with its rank in
/// [`KEY_MODELS`].
pub fn key_rows(ds: &Dataset) -> Vec<(u32, usize)> {
    ds.models
        .iter()
        .enumerate()
        .filter_map(|(row, m)| Some((u32::try_from(row).ok()?, key_model(&m.id)?.0)))
        .collect()
}

/// Names the key models (with their short name; `keys` is [`key_rows`] of the marks' dataset)
/// and the extremes (the highest and the lowest value, and the latest point of a time chart
/// when `latest`) among `marks`, whether labels are on or not.
pub fn label_key_models(marks: &mut [Mark], keys: &[(u32, usize)], latest: bool) {
    if !keys.is_empty() {
        for m in marks.iter_mut() {
            let Some(rank) = m.model.and_then(|row| {
                let at = keys.binary_search_by_key(&row, |k| k.0).ok()?;
                keys.get(at).map(|k| k.1)
            }) else {
                continue;
            };
            if let Some((_, name)) = KEY_MODELS.get(rank) {
                m.label = Label::Text((*name).to_owned());
                m.always_label = true;
            }
        }
    }
    // The highest, the lowest and the latest, the first of equals, found in one pass.
    let better: [fn(&Mark, &Mark) -> bool; 3] =
        [|a, b| a.y > b.y, |a, b| a.y < b.y, |a, b| a.x > b.x];
    let mut extremes: [Option<usize>; 3] = [None; 3];
    for (i, m) in marks.iter().enumerate() {
        if !(m.x.is_finite() && m.y.is_finite()) {
            continue;
        }
        for (best, better) in extremes.iter_mut().zip(better) {
            if best.and_then(|b| marks.get(b)).is_none_or(|b| better(m, b)) {
                *best = Some(i);
            }
        }
    }
    let picked = if latest { 3 } else { 2 };
    for i in extremes.into_iter().take(picked).flatten() {
        if let Some(m) = marks.get_mut(i) {
            m.always_label = true;
        }
    }
}

/// The order names are placed in: the reader's highlighted models first, then key models by
/// their rank, then the other marks that are always named, then the rest (the caller places
/// equals from the top of the plot down). `m` is a mark of `fig`.
pub fn priority(fig: &Figure, m: &Mark) -> (u8, usize) {
    match fig.model_id(m).and_then(key_model) {
        _ if m.highlight => (0, 0),
        Some((rank, _)) if m.always_label => (1, rank),
        _ if m.always_label => (2, 0),
        _ => (3, 0),
    }
}

/// The width of a name at font size `size` (any unit), estimated by glyph class with
/// sans-serif widths rounded up (capitals and `m`/`w` are wide, `i`/`l`/`.` narrow), so that a
/// box holds its text: the collision test is only as good as this estimate.
pub fn label_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'M' | 'W' | 'm' | 'w' | '@' => 0.9,
            'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' => 0.4,
            c if c.is_uppercase() => 0.72,
            c if c.is_ascii_digit() => 0.58,
            _ => 0.58,
        })
        .sum();
    em * size + size * 0.3
}

/// The spots tried for a `w`×`h` name of the point at `at` (drawn radius + margin `gap`):
/// right, left, above, below, the four diagonals, then the same three times farther out.
pub fn candidates(at: (f64, f64), w: f64, h: f64, gap: f64) -> Vec<Rect> {
    let (cx, cy) = at;
    let mut out = Vec::with_capacity(16);
    for d in [gap, gap * 3.0] {
        for (x0, y0) in [
            (cx + d, cy - h / 2.0),
            (cx - d - w, cy - h / 2.0),
            (cx - w / 2.0, cy - d - h),
            (cx - w / 2.0, cy + d),
            (cx + d * 0.7, cy - d * 0.7 - h),
            (cx + d * 0.7, cy + d * 0.7),
            (cx - d * 0.7 - w, cy - d * 0.7 - h),
            (cx - d * 0.7 - w, cy + d * 0.7),
        ] {
            out.push(Rect {
                x0,
                y0,
                x1: x0 + w,
                y1: y0 + h,
            });
        }
    }
    out
}

/// The first of `spots` inside `bounds` that overlaps none of `taken` nor (when given)
/// `points` other than the named point itself (`own`). Quadratic in the worst case only over
/// the names drawn (at most a few hundred) and the points checked (the caller passes none
/// beyond a few thousand).
pub fn place(
    spots: &[Rect],
    bounds: &Rect,
    taken: &[Rect],
    points: &[(usize, Rect)],
    own: usize,
) -> Option<Rect> {
    spots
        .iter()
        .find(|r| {
            r.inside(bounds)
                && !taken.iter().any(|t| t.overlaps(r))
                && !points.iter().any(|(i, p)| *i != own && p.overlaps(r))
        })
        .copied()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn placed_names_never_overlap_each_other_or_what_is_taken() {
        let bounds = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 300.0,
            y1: 200.0,
        };
        let legend = Rect {
            x0: 0.0,
            y0: 0.0,
            x1: 120.0,
            y1: 20.0,
        };
        let mut taken = vec![legend];
        let mut drawn = 0;
        // 400 points on a tight grid: most names cannot be placed, none may overlap.
        for i in 0..400 {
            let at = (f64::from(i % 20) * 15.0, f64::from(i / 20) * 10.0);
            let spots = candidates(at, 40.0, 12.0, 5.0);
            if let Some(r) = place(&spots, &bounds, &taken, &[], i as usize) {
                assert!(taken.iter().all(|t| !t.overlaps(&r)));
                assert!(r.inside(&bounds));
                taken.push(r);
                drawn += 1;
            }
        }
        assert!(drawn > 10, "some names fit: {drawn}");
    }

    #[test]
    fn capitals_are_wider_than_lower_case() {
        assert!(label_width("BLOOM", 10.0) > label_width("bloom", 10.0));
        assert!(label_width("BLOOM", 10.0) >= 5.0 * 0.72 * 10.0);
        assert_eq!(label_width("", 10.0), 3.0);
    }

    #[test]
    fn key_models_have_short_names_and_come_first() {
        assert_eq!(key_model("gpt-3"), Some((0, "GPT-3")));
        assert_eq!(key_model("nope"), None);
        let ds = crate::data::Dataset::embedded().expect("embedded dataset");
        for (id, _) in KEY_MODELS {
            assert!(
                ds.models.iter().any(|m| m.id == id),
                "{id} is in models.csv"
            );
        }
    }
}

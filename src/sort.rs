//! Stable sorts that share one compiled copy of the standard library's sort.
//!
//! `slice::sort_by` is generic over the element type and the comparison closure, so every call
//! site compiles its own copy of the standard library's driftsort: about 3.5 KB of WebAssembly
//! each, and the app had 26 of them (≈ 95 KB before wasm-opt; BENCHMARKS.md, shipped size).
//! The functions here sort a list of positions with one non-generic instance, comparing through
//! a `&mut dyn FnMut`, then move each element once. The order is the one `sort_by` gives (both
//! are stable, so for a consistent comparison there is one answer); the price is an indirect call
//! per comparison: natively, 100 000 positions by an `f64` key take 14–21 ms instead of 11 ms
//! (strings: the same). The sorts of 100 000-row tables by a number instead sort
//! `(key, position)` pairs ([`positions_by_key`], with [`total_order_key`] for floats): one
//! more shared sort, and faster than either.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, in the order `v.sort_by(cmp)` gives.
pub(crate) fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items: &[T] = v;
        sort_positions(&mut order, &mut |a, b| match (items.get(a), items.get(b)) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        });
    }
    permute(v, &mut order);
}

/// Sorts `v` stably by the key `f` gives, in the order `v.sort_by_key(f)` gives.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], mut f: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| f(a).cmp(&f(b)));
}

/// An integer that orders `f64`s exactly as [`f64::total_cmp`] does (NaNs included).
pub(crate) fn total_order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    // Negatives: flip every bit; the rest: set the sign bit. Unsigned order = total order.
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

/// The positions of `(key, position)` pairs ordered by key, ties in the order given (callers
/// list the positions in ascending order, so this is the order a stable sort of the positions
/// by key gives). One shared compiled sort for every such order; sorting the pairs, which hold
/// their keys, is 2–3 times faster than sorting positions with a comparator that looks the keys
/// up (natively, 100 000 or 1 000 000 rows, few or all keys distinct).
pub(crate) fn positions_by_key(mut keyed: Vec<(u64, u32)>) -> Vec<u32> {
    keyed.sort_by_key(|&(k, _)| k);
    keyed.into_iter().map(|(_, p)| p).collect()
}

/// The one compiled copy of the standard library's stable sort: positions by `cmp`.
fn sort_positions(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_by(|&a, &b| cmp(a, b));
}

/// Rearranges `v` so that position `k` holds the element that was at `order[k]`, by following
/// each cycle of the permutation with swaps (each element moves once). `order` must be a
/// permutation of `0..v.len()`; it is left as the identity.
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        while let Some(slot) = order.get_mut(at) {
            let from = std::mem::replace(slot, at);
            if from == at || from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn same_order_as_std(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            // Sorting by the first field only: equal keys keep their order (stability).
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v.clone();
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(&ours, &std);
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| std::cmp::Reverse(x.0));
            let mut std = v;
            std.sort_by_key(|x| std::cmp::Reverse(x.0));
            prop_assert_eq!(ours, std);
        }
    }

    proptest! {
        #[test]
        fn total_order_key_orders_as_total_cmp(a in any::<f64>(), b in any::<f64>()) {
            prop_assert_eq!(total_order_key(a).cmp(&total_order_key(b)), a.total_cmp(&b));
        }

        #[test]
        fn positions_by_key_is_a_stable_sort(keys in proptest::collection::vec(0u64..8, 0..200)) {
            let keyed: Vec<(u64, u32)> = keys.iter().copied().zip(0u32..).collect();
            let mut std: Vec<u32> = (0..u32::try_from(keys.len()).unwrap_or(0)).collect();
            std.sort_by_key(|&i| keys[i as usize]);
            prop_assert_eq!(positions_by_key(keyed), std);
        }
    }

    #[test]
    fn total_order_key_places_signed_zeros_and_nans() {
        let xs = [
            f64::NAN,
            1.0,
            -0.0,
            f64::NEG_INFINITY,
            0.0,
            -f64::NAN,
            f64::INFINITY,
        ];
        let mut by_key = xs;
        by_key.sort_by_key(|x| total_order_key(*x));
        let mut by_cmp = xs;
        by_cmp.sort_by(f64::total_cmp);
        assert_eq!(by_key.map(f64::to_bits), by_cmp.map(f64::to_bits));
    }

    #[test]
    fn moves_owned_values() {
        let mut v: Vec<String> = ["c", "a", "b", "a"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        sort_by(&mut v, |a, b| b.cmp(a));
        assert_eq!(v, ["c", "b", "a", "a"]);
        let mut empty: Vec<String> = Vec::new();
        sort_by_key(&mut empty, |s| s.len());
        assert!(empty.is_empty());
    }
}

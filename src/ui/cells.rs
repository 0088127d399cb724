//! How one value is shown in a cell: short form, exact value and provenance on hover/focus,
//! estimates marked, unknowns as "—". Screen readers read the exact value, confidence and note
//! as visually hidden text after the short form.

use yew::prelude::*;

use crate::data::{Confidence, Quantity, Unit};
use crate::format;

/// A quantity cell's content.
pub fn quantity(q: &Quantity, unit: Unit) -> Html {
    match q.value {
        None => {
            let tip = if q.note.is_empty() {
                "Not disclosed".to_owned()
            } else {
                format!("Not disclosed. {}", q.note)
            };
            html! {
                <span class="unknown" tabindex="0" data-tip={tip.clone()}>
                    <span aria-hidden="true">{ "—" }</span>
                    <span class="visually-hidden">{ tip }</span>
                </span>
            }
        }
        Some(v) => {
            let short = format::short(unit, v);
            let exact = format::exact_in(unit, v);
            let estimated = q.confidence == Confidence::Estimated;
            let mut tip = format!("{exact} ({})", q.confidence.as_str());
            if !q.note.is_empty() {
                tip.push_str(" — ");
                tip.push_str(&q.note);
            }
            html! {
                <span class={classes!("num", estimated.then_some("estimated"))} tabindex="0"
                      data-tip={tip.clone()}>
                    if estimated { <span class="approx" aria-hidden="true">{ "≈" }</span> }
                    { short }
                    <span class="visually-hidden">{ format!(": {tip}") }</span>
                </span>
            }
        }
    }
}

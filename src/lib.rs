//! Model Atlas: an in-browser explorer of large AI models.
//!
//! A pure core (`data`, `query`, `chart`, `url`, `format`, `cost`; no web APIs) that is tested
//! natively, and a thin Yew `ui` layer compiled only for the browser. See ARCHITECTURE.md.

pub mod chart;
pub mod cite;
pub mod cost;
pub mod data;
pub mod export;
mod fast_hash;
pub mod format;
pub mod query;
mod sort;
pub mod url;

#[cfg(target_arch = "wasm32")]
pub mod ui;

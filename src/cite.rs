//! Citations: BibTeX for a model's primary source and for the atlas itself.

use crate::data::Text;
use crate::data::{Dataset, Model};

/// Escapes BibTeX's special characters in a field value.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '{' | '}' | '\\' => {}
            '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// A citation key: the id without dashes, plus the year when known (`gpt32020`).
fn key(m: &Model) -> String {
    let mut key: String = m.id.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    if let Some(year) = m.year() {
        key.push_str(&year.to_string());
    }
    key
}

/// A BibTeX `@misc` entry for the model's primary source.
pub fn model_bibtex(ds: &Dataset, m: &Model) -> String {
    let mut fields = vec![
        ("title", format!("{{{}}}", esc(&m.name))),
        ("author", format!("{{{}}}", esc(&ds.organization_names(m)))),
    ];
    if let Some(date) = m.date {
        fields.push(("year", date.year().to_string()));
        fields.push(("month", date.month().to_string()));
    }
    fields.push((
        "howpublished",
        format!("\\url{{{}}}", esc(m.text(Text::SourceUrl))),
    ));
    if let Some(arxiv) = m
        .text(Text::SourceUrl)
        .split("arxiv.org/abs/")
        .nth(1)
        .map(|s| s.trim_end_matches('/'))
        .filter(|s| !s.is_empty())
    {
        fields.push(("eprint", esc(arxiv)));
        fields.push(("archivePrefix", "arXiv".to_owned()));
    }
    fields.push((
        "note",
        "{Primary source as listed in Model Atlas}".to_owned(),
    ));
    let body = fields
        .iter()
        .map(|(k, v)| format!("  {k} = {v}"))
        .collect::<Vec<_>>()
        .join(",\n");
    format!("@misc{{{},\n{body}\n}}", key(m))
}

/// The BibTeX entry for the atlas (with the Epoch AI credit it relies on).
pub fn atlas_bibtex(year: i32) -> String {
    format!(
        "@misc{{modelatlas{year},\n  title = {{Model Atlas: an explorer of large AI models}},\n  author = {{{{Model Atlas contributors}}}},\n  year = {year},\n  note = {{Dataset compiled from developers' publications and Epoch AI, ``Data on AI Models'' (CC BY 4.0), https://epoch.ai/data/ai-models}}\n}}"
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::data::fixture;

    #[test]
    fn model_entry_has_key_fields_and_balanced_braces() {
        let ds = fixture::dataset();
        let mut m = ds.models[1].clone();
        *m.text_mut(Text::SourceUrl) = "https://arxiv.org/abs/2005.14165".into();
        m.name = "Big_Model & co {v2}".into();
        let b = model_bibtex(&ds, &m);
        assert!(b.starts_with("@misc{mbig2021,"), "{b}");
        assert!(b.contains("title = {Big\\_Model \\& co v2}"), "{b}");
        assert!(b.contains("author = {Beta Corp, Alpha Lab}"));
        assert!(b.contains("eprint = 2005.14165"));
        assert_eq!(b.matches('{').count(), b.matches('}').count());
        let a = atlas_bibtex(2026);
        assert!(a.contains("Epoch AI") && a.contains("year = 2026"));
        assert_eq!(a.matches('{').count(), a.matches('}').count());
    }
}

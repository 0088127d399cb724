//! `#/organizations` and `#/organizations/<id>`.

use crate::data::Num;
use crate::data::Text;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::table::ModelTable;
use super::{use_ctx, Action};
use crate::data::{Dataset, Model};
use crate::format;
use crate::query::Column;
use crate::url::Route;

/// Per-organization figures over a set of rows.
#[derive(Clone, Debug, Default)]
struct OrgStats<'a> {
    count: usize,
    largest: Option<&'a Model>,
    first: Option<&'a Model>,
    latest: Option<&'a Model>,
}

fn org_stats<'a>(ds: &'a Dataset, rows: &[usize]) -> HashMap<&'a str, OrgStats<'a>> {
    let mut stats: HashMap<&str, OrgStats> = HashMap::new();
    for m in rows.iter().filter_map(|&i| ds.models.get(i)) {
        for org in &m.organizations {
            let s = stats.entry(org.as_str()).or_default();
            s.count += 1;
            if m.num(Num::Parameters).value > s.largest.and_then(|l| l.num(Num::Parameters).value) {
                s.largest = Some(m);
            }
            if s.first.is_none_or(|f| m.date < f.date) {
                s.first = Some(m);
            }
            if s.latest.is_none_or(|l| m.date > l.date) {
                s.latest = Some(m);
            }
        }
    }
    stats
}

/// The organizations table.
#[function_component(OrganizationsView)]
pub fn organizations_view() -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let stats = org_stats(ds, &ctx.result.rows);
    let mut orgs: Vec<_> = ds
        .organizations
        .iter()
        .filter_map(|o| stats.get(o.id.as_str()).map(|s| (o, s)))
        .collect();
    orgs.sort_by(|a, b| {
        b.1.count
            .cmp(&a.1.count)
            .then_with(|| a.0.name.cmp(&b.0.name))
    });
    let link = |m: Option<&Model>, label: String| match m {
        Some(m) => html! { <a href={ctx.href(Route::Model(m.id.clone()))}>{ label }</a> },
        None => html! { <span class="unknown">{ "—" }</span> },
    };
    html! {
        <section class="view" aria-labelledby="view-title">
            <h1 id="view-title">{ "Organizations" }</h1>
            <p class="status" role="status">
                { format!("{} organizations with models among {}", crate::format::count(orgs.len()), crate::format::of_models(ctx.result.rows.len(), ds.models.len())) }
                if ctx.state.view.query.is_filtered() {
                    { " (filtered: " }<a href={ctx.href(Route::Models)}>{ "see the filters" }</a>{ ")" }
                }
            </p>
            <div class="table-wrap">
            <table class="models orgs">
                <thead><tr>
                    <th scope="col">{ "Organization" }</th><th scope="col">{ "Type" }</th><th scope="col">{ "Country" }</th>
                    <th scope="col" class="numeric">{ "Models" }</th><th scope="col">{ "Largest model" }</th>
                    <th scope="col">{ "First" }</th><th scope="col">{ "Latest" }</th><th scope="col">{ "Partners" }</th>
                </tr></thead>
                <tbody>
                { for orgs.iter().map(|(o, s)| {
                    let partners: Vec<&str> = ds.partnerships.iter().filter_map(|p| {
                        if p.org_a == o.id { Some(p.org_b.as_str()) } else if p.org_b == o.id { Some(p.org_a.as_str()) } else { None }
                    }).collect();
                    html! {
                        <tr data-id={o.id.clone()}>
                            <td class="wide"><a class="name" href={ctx.href(Route::Organization(o.id.clone()))}>{ &o.name }</a></td>
                            <td>{ &o.kind }</td>
                            <td>{ &o.country }</td>
                            <td class="numeric">{ s.count }</td>
                            <td>{ link(s.largest, s.largest.map_or(String::new(), |m| format!("{} ({})", m.name,
                                m.num(Num::Parameters).value.map_or("?".into(), format::short_count)))) }</td>
                            <td>{ link(s.first, s.first.map_or(String::new(), |m| format!("{} ({})", m.name, m.date.year()))) }</td>
                            <td>{ link(s.latest, s.latest.map_or(String::new(), |m| format!("{} ({})", m.name, m.date.year()))) }</td>
                            <td>{ for partners.iter().enumerate().map(|(i, p)| html! {
                                <>
                                    if i > 0 { { ", " } }
                                    <a href={ctx.href(Route::Organization((*p).to_owned()))}>
                                        { ds.organization(p).map_or((*p).to_owned(), |o| o.name.clone()) }
                                    </a>
                                </>
                            }) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            </div>
        </section>
    }
}

/// Properties of [`OrganizationPage`].
#[derive(Properties, PartialEq)]
pub struct OrganizationPageProps {
    /// The organization's id.
    pub id: String,
}

/// One organization: its models and partners.
#[function_component(OrganizationPage)]
pub fn organization_page(props: &OrganizationPageProps) -> Html {
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let back = ctx.href(Route::Organizations);
    let Some(org) = ds.organization(&props.id) else {
        return html! {
            <section class="view">
                <h1>{ "Organization not found" }</h1>
                <p>{ format!("There is no organization with the id “{}” in this dataset.", props.id) }</p>
                <p><a href={back}>{ "← All organizations" }</a></p>
            </section>
        };
    };
    let mut rows: Vec<usize> = ds
        .models
        .iter()
        .enumerate()
        .filter(|(_, m)| m.organizations.contains(&org.id))
        .map(|(i, _)| i)
        .collect();
    rows.sort_by_key(|&i| ds.models.get(i).map(|m| m.date));
    let partners: Vec<_> = ds
        .partnerships
        .iter()
        .filter(|p| p.org_a == org.id || p.org_b == org.id)
        .collect();
    let on_sort = Callback::from(|_| {});
    let href = {
        let view = ctx.state.view.clone();
        Callback::from(move |id: String| super::state::href(&view, Route::Model(id)))
    };
    let filter_link = {
        let ctx2 = ctx.clone();
        let id = org.id.clone();
        Callback::from(move |_| {
            ctx2.dispatch(Action::ClearFilters);
            ctx2.dispatch(Action::ToggleFacet(crate::query::Facet::Org, id.clone()));
            ctx2.dispatch(Action::Navigate(Route::Models));
        })
    };
    html! {
        <article class="view" aria-labelledby="view-title">
            <p class="crumbs"><a href={back}>{ "← All organizations" }</a></p>
            <h1 id="view-title">{ &org.name }</h1>
            <p class="lede">{ &org.description }</p>
            <p class="meta">{ format!("{} · {} · ", org.kind, org.country) }
                if let Some(url) = crate::format::safe_link(&org.url) {
                    <a href={url.to_owned()} rel="noopener" target="_blank">{ url }</a>
                } else { { &org.url } }</p>
            <h2>{ format!("Models ({})", rows.len()) }</h2>
            <p><button type="button" class="link" onclick={filter_link}>{ "Open these in the table with filters" }</button></p>
            <ModelTable data={ctx.data.clone()} rows={Rc::new(rows)}
                        columns={Rc::new(vec![Column::Name, Column::Date, Column::Text(Text::Domain), Column::Num(Num::Parameters), Column::Num(Num::TrainingCompute), Column::Text(Text::Access)])}
                        sort={None} on_sort={on_sort} href={Some(href)}/>
            <h2>{ "Partnerships" }</h2>
            if partners.is_empty() {
                <p class="unknown">{ "None recorded." }</p>
            } else {
                <ul class="partners">
                { for partners.iter().map(|p| {
                    let other = if p.org_a == org.id { &p.org_b } else { &p.org_a };
                    html! {
                        <li>
                            <a href={ctx.href(Route::Organization(other.clone()))}>
                                { ds.organization(other).map_or(other.clone(), |o| o.name.clone()) }
                            </a>
                            { format!(" — {}: {} ", p.kind, p.note) }
                            if let Some(url) = crate::format::safe_link(&p.source_url) {
                                <a href={url.to_owned()} rel="noopener" target="_blank">{ "source" }</a>
                            }
                        </li>
                    }
                }) }
                </ul>
            }
        </article>
    }
}

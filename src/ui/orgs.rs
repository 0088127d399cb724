//! `#/organizations` and `#/organizations/<id>`.

use crate::data::Num;
use crate::data::Text;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::table::ModelTable;
use super::{use_ctx, Action};
use crate::data::Model;
use crate::format;
use crate::query::orgs::{org_rows, partners, sort_orgs, OrgSort, OrgSortKey};
use crate::query::Column;
use crate::url::Route;

/// A column of the organizations list: its label and, if sortable, its key.
const COLUMNS: [(&str, Option<OrgSortKey>, bool); 8] = [
    ("Organization", Some(OrgSortKey::Name), false),
    ("Type", Some(OrgSortKey::Type), false),
    ("Country", Some(OrgSortKey::Country), false),
    ("Models", Some(OrgSortKey::Models), true),
    ("Largest model", Some(OrgSortKey::Largest), false),
    ("First", None, false),
    ("Latest", Some(OrgSortKey::Latest), false),
    ("Partners", None, false),
];

/// The organizations table, sortable by its headers.
#[function_component(OrganizationsView)]
pub fn organizations_view() -> Html {
    let sort = use_state(OrgSort::default);
    let Some(ctx) = use_ctx() else {
        return Html::default();
    };
    let ds = &ctx.data.0;
    let mut orgs = org_rows(ds, &ctx.result.rows);
    sort_orgs(ds, &mut orgs, *sort);
    let model = |i: Option<usize>| i.and_then(|i| ds.models.get(i));
    let link = |m: Option<&Model>, label: String| match m {
        Some(m) => html! { <a href={ctx.href(Route::Model(m.id.clone()))}>{ label }</a> },
        None => html! { <span class="unknown">{ "—" }</span> },
    };
    let header = |(label, key, numeric): (&str, Option<OrgSortKey>, bool)| {
        let class = classes!(numeric.then_some("numeric"));
        let Some(key) = key else {
            return html! { <th scope="col" class={class}>{ label }</th> };
        };
        let current = *sort;
        let (aria, arrow) = match (current.key == key, current.descending) {
            (true, true) => ("descending", "▼"),
            (true, false) => ("ascending", "▲"),
            _ => ("none", ""),
        };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_| sort.set(current.clicked(key)))
        };
        html! {
            <th scope="col" aria-sort={aria} class={class}>
                <button type="button" class="sort" data-col={format!("{key:?}").to_lowercase()} {onclick}>
                    { label }<span class="arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    // The same sort as a menu, for narrow screens where most headers are off to the side.
    let on_select = {
        let sort = sort.clone();
        Callback::from(move |e: Event| {
            let Some(value) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
            else {
                return;
            };
            if let Some(key) = OrgSortKey::ALL.iter().find(|k| format!("{k:?}") == value) {
                sort.set(OrgSort {
                    key: *key,
                    descending: key.descending_first(),
                });
            }
        })
    };
    html! {
        <section class="view" aria-labelledby="view-title">
            <h1 id="view-title">{ "Organizations" }</h1>
            <label class="sort-menu">{ "Sort by " }
                <select onchange={on_select}>
                { for COLUMNS.iter().filter_map(|(label, key, _)| key.map(|k| html! {
                    <option value={format!("{k:?}")} selected={sort.key == k}>{ *label }</option>
                })) }
                </select>
            </label>
            <p class="status" role="status">
                { format!("{} organizations with models among {}", crate::format::count(orgs.len()), crate::format::of_models(ctx.result.rows.len(), ds.models.len())) }
                if ctx.state.view.query.is_filtered() {
                    { " (filtered: " }<a href={ctx.href(Route::Models)}>{ "see the filters" }</a>{ ")" }
                }
            </p>
            <div class="table-wrap">
            <table class="models orgs">
                <thead><tr>{ for COLUMNS.iter().map(|c| header(*c)) }</tr></thead>
                <tbody>
                { for orgs.iter().map(|r| {
                    let (o, s) = (r.org, &r.stats);
                    let (largest, first, latest) = (model(s.largest), model(s.first), model(s.latest));
                    let partners = partners(ds, &o.id);
                    html! {
                        <tr data-id={o.id.clone()}>
                            <td class="wide"><a class="name" href={ctx.href(Route::Organization(o.id.clone()))}>{ &o.name }</a></td>
                            <td>{ &o.kind }</td>
                            <td>{ &o.country }</td>
                            <td class="numeric">{ format::count(s.count) }</td>
                            <td>{ link(largest, largest.map_or(String::new(), |m| format!("{} ({})", m.name,
                                m.num(Num::Parameters).value.map_or("?".into(), format::short_count)))) }</td>
                            <td>{ link(first, first.map_or(String::new(), |m| format!("{} ({})", m.name, format::date_year(m.date)))) }</td>
                            <td>{ link(latest, latest.map_or(String::new(), |m| format!("{} ({})", m.name, format::date_year(m.date)))) }</td>
                            <td>{ for partners.iter().enumerate().map(|(i, (p, _))| html! {
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
    // By date, the undated last.
    crate::sort::sort_by_key(&mut rows, |&i| {
        ds.models.get(i).map(|m| (m.date.is_none(), m.date))
    });
    let partners = partners(ds, &org.id);
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
                { for partners.iter().map(|(other, links)| html! {
                    <li>
                        <a href={ctx.href(Route::Organization((*other).to_owned()))}>
                            { ds.organization(other).map_or((*other).to_owned(), |o| o.name.clone()) }
                        </a>
                        { for links.iter().enumerate().map(|(i, p)| html! {
                            <>
                                { format!("{}{}: {} ", if i == 0 { " — " } else { "; " }, p.kind, p.note) }
                                if let Some(url) = crate::format::safe_link(&p.source_url) {
                                    <a href={url.to_owned()} rel="noopener" target="_blank">{ "source" }</a>
                                }
                            </>
                        }) }
                    </li>
                }) }
                </ul>
            }
        </article>
    }
}

//! Light or dark: the reader's choice, remembered on the device (`localStorage`), or else the
//! system's (`prefers-color-scheme`, followed live). The theme is a class on `<html>` (`dark`
//! or `light`) that the style sheets read, and a context the charts redraw with.

use gloo::events::EventListener;
use yew::prelude::*;

/// The page's colour theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on a light background.
    Light,
    /// Light text on a dark background.
    Dark,
}

/// Where the reader's choice is kept.
const KEY: &str = "model-atlas-theme";
const DARK_QUERY: &str = "(prefers-color-scheme: dark)";

impl Theme {
    /// Whether this is the dark theme.
    pub fn is_dark(self) -> bool {
        self == Theme::Dark
    }

    fn name(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    // Storage can be refused (privacy settings, sandboxed frames): then nothing is remembered.
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The reader's remembered choice, if any.
fn stored() -> Option<Theme> {
    match storage()?.get_item(KEY).ok().flatten()?.as_str() {
        "dark" => Some(Theme::Dark),
        "light" => Some(Theme::Light),
        _ => None,
    }
}

/// The system's preference.
fn system() -> Theme {
    let dark = web_sys::window()
        .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
        .is_some_and(|m| m.matches());
    if dark {
        Theme::Dark
    } else {
        Theme::Light
    }
}

/// The theme to show: the remembered choice, else the system's.
pub fn current() -> Theme {
    stored().unwrap_or_else(system)
}

/// Puts `theme` on `<html>` (the style sheets' switch).
pub fn apply(theme: Theme) {
    if let Some(root) = gloo::utils::document().document_element() {
        let list = root.class_list();
        let _ = list.remove_2("dark", "light");
        let _ = list.add_1(theme.name());
    }
}

/// The current theme and a callback that switches it (and remembers the choice). Follows the
/// system's preference while the reader has not chosen.
#[hook]
pub fn use_theme() -> (Theme, Callback<()>) {
    let theme = use_state_eq(current);
    {
        let theme = theme.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .and_then(|w| w.match_media(DARK_QUERY).ok().flatten())
                .map(|m| {
                    EventListener::new(&m, "change", move |_| {
                        if stored().is_none() {
                            theme.set(system());
                        }
                    })
                });
            move || drop(listener)
        });
    }
    use_effect_with(*theme, |t| apply(*t));
    let toggle = {
        let theme = theme.clone();
        Callback::from(move |()| {
            let next = if theme.is_dark() {
                Theme::Light
            } else {
                Theme::Dark
            };
            if let Some(s) = storage() {
                let _ = s.set_item(KEY, next.name());
            }
            theme.set(next);
        })
    };
    (*theme, toggle)
}

/// Properties of [`ThemeToggle`].
#[derive(Properties, PartialEq)]
pub struct ThemeToggleProps {
    /// The theme shown.
    pub theme: Theme,
    /// Switches it.
    pub on_toggle: Callback<()>,
}

/// The dark-mode switch in the header.
#[function_component(ThemeToggle)]
pub fn theme_toggle(props: &ThemeToggleProps) -> Html {
    let on_toggle = props.on_toggle.clone();
    html! {
        <button type="button" class="theme-toggle" aria-pressed={props.theme.is_dark().to_string()}
                title="Switch between light and dark (remembered on this device)"
                onclick={Callback::from(move |_: MouseEvent| on_toggle.emit(()))}>
            <span aria-hidden="true">{ if props.theme.is_dark() { "☾ " } else { "☀ " } }</span>{ "Dark mode" }
        </button>
    }
}

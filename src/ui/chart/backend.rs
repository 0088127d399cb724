//! One drawing backend for the chart's canvas and its SVG download. The drawing code
//! ([`chart::draw_with`]) is generic over plotters' backend, so two backend types compiled it
//! into the app twice (≈ 26 KB before wasm-opt; BENCHMARKS.md, shipped size); through this
//! enum it is compiled once. Every call goes to the variant's own method, so each draws as it
//! did on its own.

use plotters::prelude::{IntoDrawingArea, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::canvas::BatchedCanvas;
use crate::chart::{self, export, Figure, Style, Viewport};

/// The chart's canvas or an SVG document being written.
pub(super) enum Backend<'a> {
    /// The on-screen canvas.
    Canvas(BatchedCanvas),
    /// The SVG download, written into a string.
    Svg(SVGBackend<'a>),
}

/// A backend's error, kept as the text its `Debug` gave (all the drawing code does with an
/// error is print it).
pub(super) struct BackendError(String);

impl std::fmt::Debug for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BackendError {}

type Drawn<T> = Result<T, DrawingErrorKind<BackendError>>;

/// A variant's result as the enum's.
fn lift<T, E: std::error::Error + Send + Sync>(r: Result<T, DrawingErrorKind<E>>) -> Drawn<T> {
    r.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => {
            DrawingErrorKind::DrawingError(BackendError(format!("{e:?}")))
        }
        DrawingErrorKind::FontError(f) => DrawingErrorKind::FontError(f),
    })
}

/// Calls the same method on whichever backend this is.
macro_rules! each {
    ($self:ident, $b:ident => $call:expr) => {
        match $self {
            Backend::Canvas($b) => lift($call),
            Backend::Svg($b) => lift($call),
        }
    };
}

impl DrawingBackend for Backend<'_> {
    type ErrorType = BackendError;

    fn get_size(&self) -> (u32, u32) {
        match self {
            Backend::Canvas(b) => b.get_size(),
            Backend::Svg(b) => b.get_size(),
        }
    }

    fn ensure_prepared(&mut self) -> Drawn<()> {
        each!(self, b => b.ensure_prepared())
    }

    fn present(&mut self) -> Drawn<()> {
        each!(self, b => b.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Drawn<()> {
        each!(self, b => b.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Drawn<()> {
        each!(self, b => b.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn<()> {
        each!(self, b => b.draw_rect(upper_left, bottom_right, style, fill))
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Drawn<()> {
        each!(self, b => b.draw_path(path, style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Drawn<()> {
        each!(self, b => b.draw_circle(center, radius, style, fill))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Drawn<()> {
        each!(self, b => b.fill_polygon(vert, style))
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Drawn<()> {
        each!(self, b => b.draw_text(text, style, pos))
    }

    fn estimate_text_size<T: BackendTextStyle>(&self, text: &str, style: &T) -> Drawn<(u32, u32)> {
        each!(self, b => b.estimate_text_size(text, style))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Drawn<()> {
        each!(self, b => b.blit_bitmap(pos, size, src))
    }
}

/// The figure as a standalone SVG document of `size` CSS pixels drawn in `style`: what
/// [`export::svg_styled`] gives, drawn through [`Backend`].
pub(super) fn svg(
    fig: &Figure,
    view: Option<&Viewport>,
    size: (u32, u32),
    style: &Style,
) -> Result<String, String> {
    export::svg_document(size, |svg| {
        chart::draw_with(
            &Backend::Svg(svg).into_drawing_area(),
            fig,
            view,
            style,
            None,
        )
        .map(drop)
    })
}

//! The chart's canvas: sized to its box × devicePixelRatio and painted through plotters'
//! canvas backend, with runs of points batched into one path.

use plotters::prelude::IntoDrawingArea;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement};
use yew::prelude::*;

use super::window;
use crate::chart::{self, Figure, Geometry, Kind, Style, Viewport};

fn device_pixel_ratio() -> f64 {
    window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0)
}

/// The canvas's backing-store pixels per CSS pixel (as last drawn).
fn canvas_scale(canvas: &HtmlCanvasElement) -> f64 {
    let rect = canvas.get_bounding_client_rect();
    if rect.width() > 0.0 {
        f64::from(canvas.width()) / rect.width()
    } else {
        1.0
    }
}

/// The event's position on the canvas in backing-store pixels.
pub(super) fn event_px(canvas: &HtmlCanvasElement, e: &MouseEvent) -> (f64, f64) {
    let s = canvas_scale(canvas);
    (f64::from(e.offset_x()) * s, f64::from(e.offset_y()) * s)
}

/// Rows needed by a leaderboard's bars, as a box height in CSS pixels.
fn bars_height(fig: &Figure) -> Option<f64> {
    (fig.kind == Kind::Bars).then(|| (fig.marks.len() as f64 * 22.0 + 200.0).max(360.0))
}

/// Sizes the canvas backing store to its CSS box × devicePixelRatio and draws the figure.
pub(super) fn paint(
    canvas: &HtmlCanvasElement,
    container: &HtmlElement,
    fig: &Figure,
    view: Option<&Viewport>,
    compact: bool,
    dark: bool,
) -> Option<Geometry> {
    // Leaderboards grow with their number of bars (set through the CSSOM: the page's CSP
    // forbids style attributes).
    let style = container.style();
    match bars_height(fig).filter(|_| !compact) {
        Some(h) => {
            let _ = style.set_property("height", &format!("{h:.0}px"));
        }
        None => {
            let _ = style.remove_property("height");
        }
    }
    let dpr = device_pixel_ratio();
    let rect = canvas.get_bounding_client_rect();
    let (css_w, css_h) = (rect.width().max(1.0), rect.height().max(1.0));
    // Canvas sizes are small positive numbers; the casts cannot overflow.
    let (w, h) = ((css_w * dpr).round() as u32, (css_h * dpr).round() as u32);
    if canvas.width() != w {
        canvas.set_width(w);
    }
    if canvas.height() != h {
        canvas.set_height(h);
    }
    let Some(backend) = BatchedCanvas::new(canvas) else {
        gloo::console::error!("no 2D context for the chart canvas");
        return None;
    };
    let root = backend.into_drawing_area();
    match chart::draw(
        &root,
        fig,
        view,
        &Style::canvas(dpr).with_compact(compact).with_dark(dark),
    ) {
        Ok(g) => Some(g),
        Err(e) => {
            gloo::console::error!(e);
            None
        }
    }
}

/// plotters' canvas backend, with runs of circles in one style merged into a single path:
/// one fill (or stroke) per run instead of one per point, so 10 000 points redraw within a
/// frame. Everything else goes straight to [`CanvasBackend`].
struct BatchedCanvas {
    inner: CanvasBackend,
    ctx: web_sys::CanvasRenderingContext2d,
    /// The style of the open path.
    open: Option<RunStyle>,
}

impl BatchedCanvas {
    fn new(canvas: &HtmlCanvasElement) -> Option<BatchedCanvas> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<web_sys::CanvasRenderingContext2d>()
            .ok()?;
        Some(BatchedCanvas {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            ctx,
            open: None,
        })
    }

    /// Paints the open run of circles.
    fn flush(&mut self) {
        if let Some((_, _, fill, _)) = self.open.take() {
            if fill {
                self.ctx.fill();
            } else {
                self.ctx.stroke();
            }
        }
    }
}

/// A run's style: colour, alpha (bits), filled, stroke width.
type RunStyle = ((u8, u8, u8), u64, bool, u32);

type CanvasResult = Result<(), DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>;

impl DrawingBackend for BatchedCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> CanvasResult {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> CanvasResult {
        self.flush();
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> CanvasResult {
        self.flush();
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> CanvasResult {
        self.flush();
        self.inner.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> CanvasResult {
        self.flush();
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> CanvasResult {
        self.flush();
        self.inner.draw_path(path, style)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> CanvasResult {
        self.flush();
        self.inner.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> CanvasResult {
        self.flush();
        self.inner.draw_text(text, style, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        self.inner.estimate_text_size(text, style)
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> CanvasResult {
        self.flush();
        self.inner.blit_bitmap(pos, size, src)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> CanvasResult {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let key = (color.rgb, color.alpha.to_bits(), fill, style.stroke_width());
        if self.open != Some(key) {
            self.flush();
            let (r, g, b) = color.rgb;
            let css = format!("rgba({r},{g},{b},{})", color.alpha);
            if fill {
                self.ctx.set_fill_style_str(&css);
            } else {
                self.ctx.set_stroke_style_str(&css);
                self.ctx.set_line_width(f64::from(style.stroke_width()));
            }
            self.ctx.begin_path();
            self.open = Some(key);
        }
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        self.ctx.move_to(x + r, y);
        // `arc` fails only for a negative radius, which a u32 cannot be.
        let _ = self.ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        Ok(())
    }
}

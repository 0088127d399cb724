//! The chart's canvas: sized to its box × devicePixelRatio and painted through plotters'
//! canvas backend, with runs of points batched into one path and a density chart's grid
//! painted as one image.

use std::cell::Cell;
use std::rc::Rc;

use plotters::prelude::IntoDrawingArea;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, ImageData};
use yew::prelude::*;

use super::backend::Backend;
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
    let (ctx, open) = (backend.ctx.clone(), backend.open.clone());
    let mut painter = move |img: &chart::Image| {
        flush(&ctx, &open);
        paint_image(&ctx, img)
    };
    let root = Backend::Canvas(backend).into_drawing_area();
    match chart::draw_with(
        &root,
        fig,
        view,
        &Style::canvas(dpr).with_compact(compact).with_dark(dark),
        Some(&mut painter),
    ) {
        Ok(g) => Some(g),
        Err(e) => {
            gloo::console::error!(e);
            None
        }
    }
}

/// Paints a density grid's image (one pixel per cell) stretched over its area, cells kept
/// sharp: put on a canvas of its own, then drawn scaled — a few hundred thousand cells cost
/// about as much as one large image, where a rectangle per cell would cost a call each.
fn paint_image(ctx: &CanvasRenderingContext2d, img: &chart::Image) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("density image: {e:?}");
    let cells: HtmlCanvasElement = gloo::utils::document()
        .create_element("canvas")
        .map_err(err)?
        .dyn_into()
        .map_err(|_| "density image: not a canvas".to_owned())?;
    cells.set_width(img.width);
    cells.set_height(img.height);
    let cells_ctx = cells
        .get_context("2d")
        .map_err(err)?
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
        .ok_or("density image: no 2D context")?;
    let data =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&img.rgba), img.width, img.height)
            .map_err(err)?;
    cells_ctx.put_image_data(&data, 0.0, 0.0).map_err(err)?;
    ctx.set_image_smoothing_enabled(false);
    let drawn = ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
        &cells,
        img.area.x0,
        img.area.y0,
        img.area.width(),
        img.area.height(),
    );
    ctx.set_image_smoothing_enabled(true);
    drawn.map_err(err)
}

/// Paints the open run of circles (`open`: its style, taken).
fn flush(ctx: &CanvasRenderingContext2d, open: &Cell<Option<RunStyle>>) {
    if let Some((_, _, fill, _)) = open.take() {
        if fill {
            ctx.fill();
        } else {
            ctx.stroke();
        }
    }
}

/// plotters' canvas backend, with runs of circles in one style merged into a single path:
/// one fill (or stroke) per run instead of one per point, so 10 000 points redraw within a
/// frame. Everything else goes straight to [`CanvasBackend`].
pub(super) struct BatchedCanvas {
    inner: CanvasBackend,
    ctx: CanvasRenderingContext2d,
    /// The style of the open path (shared with the density painter, which paints it first).
    open: Rc<Cell<Option<RunStyle>>>,
}

impl BatchedCanvas {
    fn new(canvas: &HtmlCanvasElement) -> Option<BatchedCanvas> {
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        Some(BatchedCanvas {
            inner: CanvasBackend::with_canvas_object(canvas.clone())?,
            ctx,
            open: Rc::new(Cell::new(None)),
        })
    }

    /// Paints the open run of circles.
    fn flush(&mut self) {
        flush(&self.ctx, &self.open);
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
        if self.open.get() != Some(key) {
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
            self.open.set(Some(key));
        }
        let (x, y, r) = (f64::from(center.0), f64::from(center.1), f64::from(radius));
        self.ctx.move_to(x + r, y);
        // `arc` fails only for a negative radius, which a u32 cannot be.
        let _ = self.ctx.arc(x, y, r, 0.0, std::f64::consts::TAU);
        Ok(())
    }
}

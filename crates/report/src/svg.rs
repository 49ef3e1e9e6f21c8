//! Charts as inline SVG for HTML pages: drawn from the same numbers as the
//! Mermaid block of the Markdown page, with no JavaScript, so that a page
//! opened offline shows its charts. Implied points are drawn hatched and
//! named in the chart's legend.

use rust_decimal::Decimal;

use crate::view::Chart;

const WIDTH: i64 = 720;
const HEIGHT: i64 = 320;
const LEFT: i64 = 72;
const RIGHT: i64 = 16;
const TOP: i64 = 40;
const BOTTOM: i64 = 56;

/// A bar chart of `chart` as an `<svg>` element.
///
/// ```
/// let chart = qbrief_report::Chart {
///     title: "Revenue".into(),
///     y_label: "USD millions".into(),
///     x: vec!["\"2024-Q2\"".into(), "\"2024-Q3\"".into()],
///     y: vec!["72".into(), "73.6".into()],
///     implied: vec!["2024-Q2".into()],
/// };
/// let svg = qbrief_report::bar_chart(&chart);
/// assert!(svg.starts_with("<svg"));
/// assert_eq!(svg.matches("<rect class=\"bar").count(), 2);
/// assert!(svg.contains("implied"));
/// ```
pub fn bar_chart(chart: &Chart) -> String {
    let values: Vec<Decimal> = chart
        .y
        .iter()
        .map(|v| v.parse().unwrap_or(Decimal::ZERO))
        .collect();
    let labels: Vec<&str> = chart.x.iter().map(|x| x.trim_matches('"')).collect();
    let max = values.iter().copied().fold(Decimal::ZERO, Decimal::max);
    let min = values.iter().copied().fold(Decimal::ZERO, Decimal::min);
    let span = (max - min).max(Decimal::ONE);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let plot_w = WIDTH - LEFT - RIGHT;
    // Pixel height of a value above the plot's bottom.
    let y_of = |v: Decimal| -> i64 {
        let frac = (v - min) / span;
        let px = (frac * Decimal::from(plot_h)).round();
        TOP + plot_h - i64::try_from(px).unwrap_or(0)
    };
    let zero = y_of(Decimal::ZERO);
    let n = values.len().max(1) as i64;
    let slot = plot_w / n;
    let bar = (slot * 3 / 5).max(2);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{WIDTH}\" height=\"{HEIGHT}\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        xml(&chart.title)
    );
    out.push_str("<defs><pattern id=\"implied\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#c9dcf2\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#2f6db5\" stroke-width=\"2\"/></pattern></defs>");
    out.push_str(&format!(
        "<rect x=\"0\" y=\"0\" width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/><text x=\"{}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"600\">{}</text>",
        WIDTH / 2,
        xml(&chart.title)
    ));
    // Axis and ticks: zero, the maximum and the minimum.
    out.push_str(&format!(
        "<line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{}\" stroke=\"#57606a\"/><line x1=\"{LEFT}\" y1=\"{zero}\" x2=\"{}\" y2=\"{zero}\" stroke=\"#57606a\"/>",
        TOP + plot_h,
        WIDTH - RIGHT
    ));
    let mut ticks = vec![Decimal::ZERO, max];
    if min < Decimal::ZERO {
        ticks.push(min);
    }
    for t in ticks {
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"11\">{}</text>",
            LEFT - 6,
            y_of(t) + 4,
            t.normalize()
        ));
    }
    out.push_str(&format!(
        "<text x=\"14\" y=\"{}\" font-size=\"11\" transform=\"rotate(-90 14 {})\" text-anchor=\"middle\">{}</text>",
        TOP + plot_h / 2,
        TOP + plot_h / 2,
        xml(&chart.y_label)
    ));
    for (i, (v, label)) in values.iter().zip(&labels).enumerate() {
        let x = LEFT + slot * i as i64 + (slot - bar) / 2;
        let top = y_of(*v).min(zero);
        let height = (y_of(*v) - zero).abs().max(1);
        let implied = chart.implied.iter().any(|p| p == label);
        let (class, fill) = if implied {
            ("bar implied", "url(#implied)")
        } else {
            ("bar", "#2f6db5")
        };
        out.push_str(&format!(
            "<rect class=\"{class}\" x=\"{x}\" y=\"{top}\" width=\"{bar}\" height=\"{height}\" fill=\"{fill}\"><title>{}: {}{}</title></rect>",
            xml(label),
            v.normalize(),
            if implied { " (implied)" } else { "" }
        ));
        out.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" font-size=\"10\" transform=\"rotate(-40 {} {})\">{}</text>",
            x + bar / 2,
            TOP + plot_h + 14,
            x + bar / 2,
            TOP + plot_h + 14,
            xml(label)
        ));
    }
    if !chart.implied.is_empty() {
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"url(#implied)\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">implied from stated changes, not stated</text>",
            WIDTH - 270,
            HEIGHT - 14,
            WIDTH - 252,
            HEIGHT - 4
        ));
    }
    out.push_str("</svg>");
    out
}

/// Escapes text for XML content and attributes.
fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\\', "")
}

//! The HTML pages in a real browser: headless Chromium renders the company
//! page and one chart to PNG, and the test checks that they rendered (the
//! page has content, the chart area is not blank and shows its bars).
//!
//! Slow and needing Chromium, so it runs when `QBRIEF_BROWSER_TEST=1`
//! (`.ci/run` sets it and installs Chromium when missing).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{qbrief, root};

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .map(|name| PathBuf::from("/usr/bin").join(name))
        .find(|p| p.exists())
}

fn screenshot(browser: &Path, page: &Path, png: &Path, size: &str) {
    let status = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .arg(format!("--window-size={size}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        // Chromium logs D-Bus noise on machines without a session bus.
        .stderr(std::process::Stdio::null())
        .status()
        .expect("chromium runs");
    assert!(status.success(), "chromium failed on {}", page.display());
}

/// (pixels, pixels not white, pixels of the bar colour)
fn pixels(png: &Path) -> (usize, usize, usize) {
    let decoder = png::Decoder::new(std::fs::File::open(png).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let data = &buf[..info.buffer_size()];
    let (mut total, mut ink, mut bars) = (0, 0, 0);
    for px in data.chunks(channels) {
        let (r, g, b) = (px[0], px[1], px[2]);
        total += 1;
        if r < 235 || g < 235 || b < 235 {
            ink += 1;
        }
        // #2f6db5, the bars' blue, give or take anti-aliasing.
        if r < 90 && (80..150).contains(&g) && b > 150 {
            bars += 1;
        }
    }
    (total, ink, bars)
}

#[test]
fn html_pages_render_with_their_charts_in_a_browser() {
    if std::env::var_os("QBRIEF_BROWSER_TEST").is_none() {
        eprintln!(
            "skipped: set QBRIEF_BROWSER_TEST=1 to render the HTML pages in headless Chromium"
        );
        return;
    }
    let browser = chromium().expect("QBRIEF_BROWSER_TEST is set but no Chromium is installed");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("reports");
    let run = qbrief(
        &root(),
        &[
            "render",
            "--quiet",
            "--format",
            "html",
            "--company",
            "canaan",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = out.join("canaan/index.html");
    let html = std::fs::read_to_string(&index).unwrap();
    assert!(html.matches("<svg").count() >= 2, "charts are inline SVG");
    assert!(
        !html.contains("language-mermaid"),
        "no chart left as a code block"
    );
    assert!(!html.contains("<script"), "no JavaScript");
    // The whole page.
    let page_png = dir.path().join("page.png");
    screenshot(&browser, &index, &page_png, "1200,2400");
    let (total, ink, _) = pixels(&page_png);
    assert!(
        ink * 50 > total,
        "the page looks blank: {ink} of {total} pixels"
    );
    // One chart alone: its area must show the bars.
    let start = html.find("<svg").unwrap();
    let end = html[start..].find("</svg>").unwrap() + start + "</svg>".len();
    let chart_page = dir.path().join("chart.html");
    std::fs::write(
        &chart_page,
        format!(
            "<!DOCTYPE html><html><body style=\"margin:0\">{}</body></html>",
            &html[start..end]
        ),
    )
    .unwrap();
    let chart_png = dir.path().join("chart.png");
    screenshot(&browser, &chart_page, &chart_png, "720,320");
    let (total, ink, bars) = pixels(&chart_png);
    assert!(
        ink * 20 > total,
        "the chart area looks blank: {ink} of {total} pixels"
    );
    assert!(
        bars * 100 > total,
        "the chart shows no bars: {bars} of {total} pixels"
    );
}

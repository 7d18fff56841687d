//! A horizontal bar chart drawn as inline SVG (no JS): one bar per row, negative values to the
//! left of a zero line. Every bar carries its label and value as text, so colour is never the
//! only signal, and the chart has an `aria-label` plus a `<title>` for screen readers.

use super::format::clip;
use leptos::prelude::*;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as shown next to the bar.
    pub shown: String,
}

const ROW: f64 = 26.0;
const LABEL_W: f64 = 190.0;
const VALUE_W: f64 = 70.0;
const WIDTH: f64 = 640.0;

#[component]
pub fn BarChart(
    /// Accessible name of the chart (Indonesian / English).
    label: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    let max_pos = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let max_neg = bars.iter().map(|b| -b.value).fold(0.0_f64, f64::max);
    let span = (max_pos + max_neg).max(f64::MIN_POSITIVE);
    let plot = WIDTH - LABEL_W - VALUE_W;
    let zero = LABEL_W + plot * max_neg / span;
    let height = ROW * bars.len() as f64 + 8.0;
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y = 4.0 + ROW * i as f64;
            let w = plot * b.value.abs() / span;
            let x = if b.value < 0.0 { zero - w } else { zero };
            let class = if b.value < 0.0 {
                "bar bar-neg"
            } else {
                "bar bar-pos"
            };
            let tx = if b.value < 0.0 { x - 4.0 } else { x + w + 4.0 };
            let anchor = if b.value < 0.0 { "end" } else { "start" };
            // Keep the value inside the drawing.
            let (tx, anchor) = if tx < LABEL_W {
                (zero + 4.0, "start")
            } else {
                (tx, anchor)
            };
            view! {
                <g>
                    <text x=LABEL_W - 6.0 y=y + 17.0 text-anchor="end" class="bar-label">
                        {clip(&b.label, 26)}
                    </text>
                    <rect x=x y=y + 3.0 width=w.max(1.0) height=ROW - 8.0 class=class></rect>
                    <text x=tx y=y + 17.0 text-anchor=anchor class="bar-value">
                        {b.shown}
                    </text>
                </g>
            }
        })
        .collect_view();
    let title = label.clone();
    view! {
        <svg
            class="bar-chart"
            role="img"
            aria-label=label.clone()
            viewBox=format!("0 0 {WIDTH} {height}")
            preserveAspectRatio="xMinYMin meet"
        >
            <title>{title}</title>
            <line x1=zero x2=zero y1=0 y2=height class="bar-axis"></line>
            {rows}
        </svg>
    }
}

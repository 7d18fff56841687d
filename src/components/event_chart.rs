//! An event-study chart drawn as inline SVG (no JS): one column per period since the change,
//! the estimate as a dot and its confidence interval as a vertical line, a zero line, and the
//! base period (the year before the change, 0 by construction) as a hollow dot. Each column
//! carries its period and value as text, and the chart has an `aria-label` plus a `<title>`.

use leptos::prelude::*;

/// One column of the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPoint {
    /// Periods since the change (−1: the base period).
    pub event_time: i32,
    /// Estimate, lower and upper bound.
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
    /// The base period (drawn hollow, no interval).
    pub base: bool,
    /// The estimate as shown under the column.
    pub shown: String,
}

const COL: f64 = 64.0;
const HEIGHT: f64 = 200.0;
const TOP: f64 = 12.0;
const PLOT: f64 = 140.0;

#[component]
pub fn EventChart(
    /// Accessible name of the chart.
    label: String,
    points: Vec<EventPoint>,
) -> impl IntoView {
    let hi = points.iter().map(|p| p.high).fold(0.0_f64, f64::max);
    let lo = points.iter().map(|p| p.low).fold(0.0_f64, f64::min);
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    let y = move |v: f64| TOP + PLOT * (hi - v) / span;
    let width = COL * points.len().max(1) as f64 + 16.0;
    let columns = points
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let x = 8.0 + COL * (i as f64 + 0.5);
            let class = if p.base {
                "event-dot event-base"
            } else {
                "event-dot"
            };
            let whisker = (!p.base).then(|| {
                view! { <line x1=x x2=x y1=y(p.high) y2=y(p.low) class="event-ci"></line> }
            });
            view! {
                <g class="event" data-event=p.event_time>
                    {whisker}
                    <circle cx=x cy=y(p.estimate) r=4.5 class=class></circle>
                    <text x=x y=TOP + PLOT + 18.0 text-anchor="middle" class="event-time">
                        {p.event_time.to_string()}
                    </text>
                    <text x=x y=TOP + PLOT + 36.0 text-anchor="middle" class="event-value">
                        {p.shown}
                    </text>
                </g>
            }
        })
        .collect_view();
    let title = label.clone();
    let zero = y(0.0);
    view! {
        <svg
            class="event-chart"
            role="img"
            aria-label=label
            viewBox=format!("0 0 {width} {HEIGHT}")
            preserveAspectRatio="xMinYMin meet"
        >
            <title>{title}</title>
            <line x1=0 x2=width y1=zero y2=zero class="event-zero"></line>
            {columns}
        </svg>
    }
}

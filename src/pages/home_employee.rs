//! Beranda for an employee: their post, how long they have held it against the rotation rule,
//! and the way to their options and preferences (the city figures are the planners').

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use mutasi_core::model::Nip;
use mutasi_core::text::{add_months, Span, Text};
use mutasi_core::Dataset;

use crate::components::format::date_shown;
use crate::components::links::pegawai_href;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};

/// Where an employee stands with the rotation rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RotationStatus {
    /// Time in the current post.
    pub held: Span,
    /// The longest time allowed in one post.
    pub max: Span,
    /// When the rotation falls (or fell) due.
    pub due: NaiveDate,
}

impl RotationStatus {
    /// Whether the rotation is already due.
    pub fn overdue(self) -> bool {
        self.held.months >= self.max.months
    }
}

/// Where the employee with NIP `nip` stands with the rotation rule on `today` (None for a
/// teacher or principal: the rule does not apply to them, see
/// [`mutasi_core::eligibility::facts::rotation_applies`]).
pub fn rotation_status(ds: &Dataset, nip: &Nip, today: NaiveDate) -> Option<RotationStatus> {
    let e = ds.employee_idx(nip)?;
    if !mutasi_core::eligibility::facts::rotation_applies(ds, e) {
        return None;
    }
    let cur = ds.employees()[e as usize].current.as_ref()?;
    let max = Span::years(ds.rules().tenure_max_years as i32);
    Some(RotationStatus {
        held: Span::between(cur.since, today),
        max,
        due: add_months(cur.since, max.months),
    })
}

#[component]
pub fn EmployeeHome(ds: Arc<Dataset>, nip: Nip, today: NaiveDate) -> impl IntoView {
    let i18n = use_i18n();
    let Some(e) = ds.employee_idx(&nip) else {
        return view! { <p id="home-employee">{tr(|l| td_string!(l, beranda.employee.not_on_device))}</p> }
            .into_any();
    };
    let emp = &ds.employees()[e as usize];
    let post = ds
        .employee_slot(e)
        .map(|s| format!("{} — {}", ds.slot_position(s).name, ds.slot_unit(s).name))
        .unwrap_or_else(|| "—".into());
    let status = rotation_status(&ds, &nip, today);
    let href = format!("{}#pilihan", pegawai_href(nip.as_str()));
    let name = emp.name.clone();
    view! {
        <div id="home-employee">
            <h3>{move || td_string!(i18n.get_locale(), beranda.employee.welcome, name = &name).to_string()}</h3>
            <p id="home-post">{post}</p>
            {status.map(|st| view! { <p id="home-rotation">{move || rotation_text(i18n, st)}</p> })}
            <ul class="stats">
                <li class="stat">
                    <A href=href>
                        <span class="stat-label">{tr(|l| td_string!(l, beranda.employee.options))}</span>
                    </A>
                </li>
                <li class="stat">
                    <A href="/minat">
                        <span class="stat-label">{tr(|l| td_string!(l, beranda.employee.minat))}</span>
                    </A>
                </li>
                <li class="stat">
                    <A href="/usulan">
                        <span class="stat-label">{tr(|l| td_string!(l, beranda.employee.usulan))}</span>
                    </A>
                </li>
            </ul>
        </div>
    }
    .into_any()
}

/// The rotation rule as it applies, with the numbers, in the chosen language (tracked).
fn rotation_text(i18n: crate::lang::Lang, st: RotationStatus) -> String {
    let held = pick(&Text::new(st.held.id(), st.held.en()));
    let max = pick(&Text::new(st.max.id(), st.max.en()));
    let date = date_shown(st.due);
    if st.overdue() {
        td_string!(
            i18n.get_locale(),
            beranda.employee.rotation_due,
            held,
            max,
            date
        )
        .to_string()
    } else {
        td_string!(
            i18n.get_locale(),
            beranda.employee.rotation_ahead,
            held,
            max,
            date
        )
        .to_string()
    }
}

//! Beranda for an employee: their post, how long they have held it against the rotation rule,
//! and the way to their options and preferences (the city figures are the planners').

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use mutasi_core::model::Nip;
use mutasi_core::text::{add_months, Span};
use mutasi_core::Dataset;

use crate::components::format::date_id;
use crate::components::links::pegawai_href;

/// Where the employee stands with the rotation rule, in both languages.
pub fn rotation_status(ds: &Dataset, nip: &Nip, today: NaiveDate) -> Option<(String, String)> {
    let e = ds.employee_idx(nip)?;
    let cur = ds.employees()[e as usize].current.as_ref()?;
    let max = Span::years(ds.rules().tenure_max_years as i32);
    let held = Span::between(cur.since, today);
    let due = add_months(cur.since, max.months);
    Some(if held.months >= max.months {
        (
            format!(
                "Anda sudah {} di jabatan ini (maksimal {}): rotasi sudah jatuh tempo sejak {}. Lihat pilihan yang paling cocok untuk Anda.",
                held.id(),
                max.id(),
                date_id(due)
            ),
            format!(
                "You have held this post {} (maximum {}): rotation has been due since {}. See the options that fit you best.",
                held.en(),
                max.en(),
                date_id(due)
            ),
        )
    } else {
        (
            format!(
                "Anda {} di jabatan ini (maksimal {}); rotasi jatuh tempo pada {}.",
                held.id(),
                max.id(),
                date_id(due)
            ),
            format!(
                "You have held this post {} (maximum {}); rotation falls due on {}.",
                held.en(),
                max.en(),
                date_id(due)
            ),
        )
    })
}

#[component]
pub fn EmployeeHome(ds: Arc<Dataset>, nip: Nip, today: NaiveDate) -> impl IntoView {
    let Some(e) = ds.employee_idx(&nip) else {
        return view! {
            <p id="home-employee">"Data Anda belum ada di perangkat ini. / Your record is not on this device yet."</p>
        }
        .into_any();
    };
    let emp = &ds.employees()[e as usize];
    let post = ds
        .employee_slot(e)
        .map(|s| format!("{} — {}", ds.slot_position(s).name, ds.slot_unit(s).name))
        .unwrap_or_else(|| "—".into());
    let status = rotation_status(&ds, &nip, today);
    let href = format!("{}#pilihan", pegawai_href(nip.as_str()));
    view! {
        <div id="home-employee">
            <h3>{format!("Selamat datang, {}", emp.name)}</h3>
            <p id="home-post">{post}</p>
            {status
                .map(|(id, en)| {
                    view! {
                        <p id="home-rotation">
                            {id} " " <span class="en" lang="en">{en}</span>
                        </p>
                    }
                })}
            <ul class="stats">
                <li class="stat">
                    <A href=href>
                        <span class="stat-label">"Pilihan rotasi dan manfaatnya"</span>
                        <span class="stat-label en" lang="en">"Rotation options and what they do for you"</span>
                    </A>
                </li>
                <li class="stat">
                    <A href="/minat">
                        <span class="stat-label">"Nyatakan minat Anda"</span>
                        <span class="stat-label en" lang="en">"State your preferences"</span>
                    </A>
                </li>
                <li class="stat">
                    <A href="/usulan">
                        <span class="stat-label">"Usulan tentang Anda"</span>
                        <span class="stat-label en" lang="en">"Proposals about you"</span>
                    </A>
                </li>
            </ul>
        </div>
    }
    .into_any()
}

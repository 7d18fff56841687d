//! Beranda in headless Chromium: the figures are those of the core's list queries (computed in
//! steps after the data arrives, with a message meanwhile, never "no data"), the charts have
//! accessible names, and an empty device gets a clear message.
#![cfg(target_arch = "wasm32")]

mod pages_support;

use leptos::prelude::*;
use mutasi_core::model::Nip;
use mutasi_core::query::{plt_posts, retirements_within, rotations_due, workforce_need};
use mutasi_web::components::format::{month_in, num};
use mutasi_web::components::lang_switch::LangSwitch;
use mutasi_web::i18n::Locale;
use mutasi_web::pages::home::Home;
use mutasi_web::pages::home_employee::{rotation_status, EmployeeHome};
use pages_support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn stat(host: &web_sys::HtmlElement, id: &str) -> String {
    text(&one(host, &format!("#{id} .stat-value")).expect(id))
}

/// Waits until the city summary is on screen (it is computed in steps after the data arrives).
async fn summary_shown(host: &web_sys::HtmlElement) {
    let shown = eventually(std::time::Duration::from_secs(10), || one(host, ".stats")).await;
    assert!(shown.is_some(), "the summary appears: {}", text(host));
    assert!(one(host, ".computing").is_none(), "and the message goes");
}

#[wasm_bindgen_test]
async fn demo_figures_come_from_the_core() {
    let ds = demo();
    let rules = ds.rules();
    let host = mount(Some(ds.clone()), || view! { <Home /> });
    assert_eq!(text(&one(&host, "h2").unwrap()), "Beranda");
    // While the figures are computed the page says so: never "no data" on a device that has it.
    let computing = one(&host, ".computing").expect("a message while computing");
    assert_eq!(text(&computing), "Menghitung ringkasan kota…");
    assert_eq!(
        computing.get_attribute("aria-busy").as_deref(),
        Some("true")
    );
    assert!(!text(&host).contains("Belum ada data"));
    summary_shown(&host).await;
    assert_eq!(
        text(&one(&host, "#stat-rotations .stat-label").unwrap()),
        "Jatuh tempo rotasi"
    );
    // One language at a time: no English second line.
    assert!(one(&host, "[lang=en]").is_none());
    assert!(!text(&host).contains("Rotations due"));
    assert_eq!(
        stat(&host, "stat-rotations"),
        num(rotations_due(&ds, today(), rules).len() as f64, 0)
    );
    assert_eq!(
        stat(&host, "stat-retirements"),
        num(retirements_within(&ds, today(), 12, rules).len() as f64, 0)
    );
    assert_eq!(
        stat(&host, "stat-plt"),
        num(plt_posts(&ds, today()).len() as f64, 0)
    );
    let need = workforce_need(&ds, rules);
    let shortage: f64 = need.iter().map(|r| -r.gap.min(0.0)).sum();
    let excess: f64 = need.iter().map(|r| r.gap.max(0.0)).sum();
    // One decimal, as on Formasi and the plan: the same figure reads the same everywhere.
    assert_eq!(stat(&host, "stat-shortage"), num(shortage, 1));
    assert_eq!(stat(&host, "stat-excess"), num(excess, 1));
    // The demo city has Plt principals (130 SD + 19 SMP at least).
    assert!(plt_posts(&ds, today()).len() >= 149);
    // The longest-acting Plt post comes first and opens its candidates.
    let plt = plt_posts(&ds, today());
    let first = one(&host, "#plt-list li a").expect("a Plt list");
    let want = format!(
        "/formasi/slot/{}",
        String::from(js_sys::encode_uri_component(
            ds.slots()[plt[0].slot as usize].id.as_str()
        ))
    );
    assert_eq!(first.get_attribute("href").unwrap(), want);
    assert_eq!(all(&host, "#plt-list li").len(), plt.len().min(8));
    let retire = retirements_within(&ds, today(), 12, rules);
    let first = one(&host, "#retire-list li a").expect("a retirement list");
    assert_eq!(
        first.get_attribute("href").unwrap(),
        format!(
            "/pegawai/{}",
            ds.employees()[retire[0].employee as usize].nip
        )
    );
    let charts = all(&host, "svg.bar-chart");
    assert_eq!(charts.len(), 2);
    for c in &charts {
        assert!(!c.get_attribute("aria-label").unwrap().is_empty());
        assert!(!all(c, "rect").is_empty(), "a chart with bars");
    }
}

#[wasm_bindgen_test]
fn without_data_the_page_says_so() {
    let host = mount(None, || view! { <Home /> });
    assert_eq!(text(&one(&host, "h2").unwrap()), "Beranda");
    assert!(text(&host).contains("Belum ada data di perangkat ini"));
    assert!(one(&host, ".stats").is_none());
}

#[wasm_bindgen_test]
async fn in_english_the_figures_are_labelled_in_english() {
    let ds = demo();
    let host = mount_en(Some(ds.clone()), || view! { <Home /> });
    assert_eq!(
        one(&host, ".computing").map(|c| text(&c)).as_deref(),
        Some("Computing the city summary…")
    );
    summary_shown(&host).await;
    assert_eq!(text(&one(&host, "h2").unwrap()), "Home");
    assert!(!text(&host).contains("Beranda"));
    assert_eq!(
        text(&one(&host, "#stat-rotations .stat-label").unwrap()),
        "Rotations due"
    );
    assert_eq!(
        text(&one(&host, "#rotation-list h3").unwrap()),
        "Longest overdue rotations"
    );
    assert!(!text(&host).contains("Jatuh tempo rotasi"));
    // The figures themselves do not depend on the language.
    assert_eq!(
        stat(&host, "stat-rotations"),
        num(rotations_due(&ds, today(), ds.rules()).len() as f64, 0)
    );
    let charts = all(&host, "svg.bar-chart");
    assert_eq!(
        charts[0].get_attribute("aria-label").as_deref(),
        Some("OPD with the biggest shortage")
    );
    // Short-list details are worded in English too ("… in <post>", not "… di <post>").
    let detail = text(&one(&host, "#rotation-list li small").expect("an overdue rotation"));
    assert!(detail.contains(" in "), "{detail}");
}

#[wasm_bindgen_test]
async fn the_retirement_chart_months_follow_the_language_switch() {
    let ds = demo();
    let host = mount(Some(ds.clone()), || view! { <LangSwitch /> <Home /> });
    summary_shown(&host).await;
    let month_labels = || -> Vec<String> {
        let charts = all(&host, "svg.bar-chart");
        all(&charts[1], "text.bar-label").iter().map(text).collect()
    };
    // The months shown, read back from the Indonesian labels (month, year).
    let months: Vec<(u32, i32)> = month_labels()
        .iter()
        .map(|l| {
            let (name, year) = l.rsplit_once(' ').expect("\"<month> <year>\"");
            let m = (1..=12)
                .find(|m| month_in(*m, Locale::id) == name)
                .unwrap_or_else(|| panic!("an Indonesian month name: {l}"));
            (m, year.parse().expect("a year"))
        })
        .collect();
    assert!(months.len() >= 12, "a year of months: {months:?}");
    let expected = |locale| -> Vec<String> {
        months
            .iter()
            .map(|(m, y)| format!("{} {y}", month_in(*m, locale)))
            .collect()
    };
    host.query_selector("#lang-switch")
        .unwrap()
        .expect("the language switch")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    // Redrawn in English at once, without leaving the page.
    let english = eventually(std::time::Duration::from_secs(5), || {
        let now = month_labels();
        (now == expected(Locale::en)).then_some(now)
    })
    .await;
    assert!(
        english.is_some(),
        "English month names after the switch: {:?}",
        month_labels()
    );
    assert_ne!(expected(Locale::en), expected(Locale::id));
}

/// An employee of the demo city whose rotation is overdue, and one whose rotation is ahead.
fn employees_by_rotation(ds: &mutasi_core::Dataset) -> (Nip, Nip) {
    let mut overdue = None;
    let mut ahead = None;
    for e in ds.employees() {
        match rotation_status(ds, &e.nip, today()) {
            Some(s) if s.overdue() => overdue = overdue.or(Some(e.nip.clone())),
            Some(_) => ahead = ahead.or(Some(e.nip.clone())),
            None => {}
        }
        if overdue.is_some() && ahead.is_some() {
            break;
        }
    }
    (
        overdue.expect("an overdue rotation"),
        ahead.expect("a rotation ahead"),
    )
}

#[wasm_bindgen_test]
fn an_employees_home_quotes_the_rotation_rule() {
    let ds = demo();
    let max = ds.rules().tenure_max_years;
    let (overdue, ahead) = employees_by_rotation(&ds);
    let d = ds.clone();
    let host = mount(Some(ds.clone()), move || {
        view! { <EmployeeHome ds=d nip=overdue today=today() /> }
    });
    let rule = text(&one(&host, "#home-rotation").unwrap());
    assert!(rule.starts_with("Anda sudah "), "{rule}");
    assert!(rule.contains(&format!("(maksimal {max} tahun)")), "{rule}");
    assert!(rule.contains("jatuh tempo sejak"), "{rule}");
    assert!(text(&host).contains("Selamat datang, "));
    assert!(one(&host, "[lang=en]").is_none());

    let d = ds.clone();
    let host = mount_en(Some(ds.clone()), move || {
        view! { <EmployeeHome ds=d nip=ahead today=today() /> }
    });
    let rule = text(&one(&host, "#home-rotation").unwrap());
    assert!(rule.starts_with("You have held this post "), "{rule}");
    assert!(rule.contains(&format!("(maximum {max}y)")), "{rule}");
    assert!(rule.contains("rotation falls due on"), "{rule}");
    assert!(text(&host).contains("State your preferences"));
    assert!(!text(&host).contains("Selamat datang"));

    // A teacher is not rotated by tenure: no rotation line, however long in post.
    let teacher = ds
        .employees()
        .iter()
        .filter(|e| e.teacher.is_some() && e.current.is_some())
        .min_by_key(|e| e.current.as_ref().map(|c| c.since))
        .map(|e| e.nip.clone())
        .expect("a teacher");
    let d = ds.clone();
    let host = mount(Some(ds.clone()), move || {
        view! { <EmployeeHome ds=d nip=teacher today=today() /> }
    });
    assert!(one(&host, "#home-rotation").is_none());
    assert!(text(&host).contains("Selamat datang, "));
}

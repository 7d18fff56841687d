//! Pegawai in headless Chromium: the virtualised list renders only the rows in view, search by
//! NIP or name and the filters narrow it, and the profile shows the employee's data, career
//! path and rotation options (blocked ones with the blocking rule's reason).
#![cfg(target_arch = "wasm32")]

mod pages_support;

use std::time::Duration;

use leptos::prelude::*;
use mutasi_core::model::Nip;
use mutasi_core::query::{career_path, options_for_employee};
use mutasi_web::components::format::num;
use mutasi_web::pages::pegawai::{Pegawai, ROW_HEIGHT};
use mutasi_web::pages::profil::Profil;
use pages_support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn rows(host: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    all(host, "#pegawai-list [role=listitem]")
}

fn type_query(host: &web_sys::HtmlElement, q: &str) {
    let input: web_sys::HtmlInputElement = one(host, "#pegawai-q").unwrap().unchecked_into();
    input.set_value(q);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn choose(host: &web_sys::HtmlElement, select: &str, value: &str) {
    let sel: web_sys::HtmlSelectElement = one(host, select).unwrap().unchecked_into();
    sel.set_value(value);
    sel.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_list_is_virtualised_and_scrolls() {
    let ds = demo();
    let n = ds.employees().len();
    assert!(n > 19_000);
    let host = mount(Some(ds.clone()), || view! { <Pegawai /> });
    let first = rows(&host);
    assert!(
        !first.is_empty() && first.len() < 60,
        "{} rows in the DOM",
        first.len()
    );
    assert_eq!(
        first[0].get_attribute("data-nip").unwrap(),
        ds.employees()[0].nip.to_string()
    );
    assert_eq!(
        first[0].get_attribute("aria-setsize").unwrap(),
        n.to_string()
    );
    // Scrolling to row 5,000 renders the rows around it instead.
    let list = one(&host, "#pegawai-list").unwrap();
    list.set_scroll_top((5000.0 * ROW_HEIGHT) as i32);
    list.dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    let found = eventually(Duration::from_secs(5), || {
        rows(&host)
            .into_iter()
            .find(|r| r.get_attribute("aria-posinset").as_deref() == Some("5001"))
    })
    .await
    .expect("row 5001 rendered after scrolling");
    assert_eq!(
        found.get_attribute("data-nip").unwrap(),
        ds.employees()[5000].nip.to_string()
    );
    assert!(rows(&host).len() < 60);
}

#[wasm_bindgen_test]
async fn searching_a_nip_shows_that_employee() {
    let ds = demo();
    let target = &ds.employees()[12_345];
    let host = mount(Some(ds.clone()), || view! { <Pegawai /> });
    type_query(&host, target.nip.as_str());
    let only = eventually(Duration::from_secs(5), || {
        let r = rows(&host);
        (r.len() == 1).then(|| r[0].clone())
    })
    .await
    .expect("exactly one row");
    assert_eq!(
        only.get_attribute("data-nip").unwrap(),
        target.nip.to_string()
    );
    assert!(text(&only).contains(&target.name));
    let link = one(&only, "a").unwrap();
    assert_eq!(
        link.get_attribute("href").unwrap(),
        format!("/pegawai/{}", target.nip)
    );
}

#[wasm_bindgen_test]
async fn name_search_and_golongan_filter_narrow_the_list() {
    let ds = demo();
    let host = mount(Some(ds.clone()), || view! { <Pegawai /> });
    let want = ds
        .employees()
        .iter()
        .filter(|e| {
            e.name.to_lowercase().contains("siti") && e.pangkat.golongan.to_string() == "III/a"
        })
        .count();
    assert!(want > 0, "the demo has people to find");
    type_query(&host, "SITI");
    choose(&host, "#pegawai-gol", "III/a");
    let count = eventually(Duration::from_secs(5), || {
        let t = text(&one(&host, "#pegawai-count")?);
        (t == format!("{} pegawai ditemukan", num(want as f64, 0))).then_some(t)
    })
    .await;
    assert!(
        count.is_some(),
        "count shows {want}: {}",
        text(&one(&host, "#pegawai-count").unwrap())
    );
    assert!(rows(&host)
        .iter()
        .all(|r| text(r).contains("III/a") && text(r).to_lowercase().contains("siti")));
}

#[wasm_bindgen_test]
async fn the_profile_shows_data_career_and_options() {
    let ds = demo();
    // An employee with a post, and whose options include a blocked one.
    let e = (0..ds.employees().len() as u32)
        .step_by(97)
        .find(|&e| ds.employee_slot(e).is_some())
        .unwrap();
    let emp = ds.employees()[e as usize].clone();
    let nip = emp.nip.to_string();
    let host = mount(Some(ds.clone()), move || view! { <Profil nip=nip /> });
    assert_eq!(text(&one(&host, "#profil-name").unwrap()), emp.name);
    assert!(one(&host, "[lang=en]").is_none(), "one language at a time");
    assert!(text(&host).contains("Pendidikan"));
    assert!(!text(&host).contains("Education"));
    assert_eq!(
        ds.employee_idx(&Nip::parse(emp.nip.as_str()).unwrap()),
        Some(e)
    );
    assert!(text(&one(&host, "#profil-rank").unwrap()).starts_with(&emp.pangkat_label()));
    let tenure = text(&one(&host, "#profil-tenure").unwrap());
    assert!(
        tenure.contains("tahun") || tenure.contains("bulan"),
        "{tenure}"
    );
    assert_eq!(
        all(&host, "#profil-competencies tbody tr").len(),
        9 + emp.competencies.technical.len()
    );
    let steps = career_path(&ds, e, today(), ds.rules());
    assert_eq!(all(&host, "#profil-career > li").len(), steps.len());

    let want = options_for_employee(&ds, e, round(), ds.rules(), 5);
    one(&host, "#show-options").unwrap().click();
    let got = eventually(Duration::from_secs(10), || {
        one(&host, "#profil-options").map(|_| all(&host, "#profil-options > li"))
    })
    .await
    .expect("options appear");
    assert_eq!(got.len(), want.len());
    assert!(
        text(&one(&host, "#profil-options-date").unwrap())
            .contains(&mutasi_web::components::format::date_shown(round())),
        "options are judged on the next round's TMT"
    );
    for (card, o) in got.iter().zip(&want) {
        let t = text(card);
        assert!(t.contains(o.summary.standing.label().id.as_str()), "{t}");
        for n in &o.summary.needs {
            let need = n.text().id;
            assert!(t.contains(need.as_str()), "{t} lacks {need}");
        }
        // What the move does for the career only where the move is possible.
        assert_eq!(t.contains("Bagi karier Anda"), !o.blocked, "{t}");
    }
}

/// The next round's TMT (the date Karier Saya judges options on).
fn round() -> chrono::NaiveDate {
    mutasi_core::workflow::next_round(today(), &mutasi_core::RuleSet::default())
}

#[wasm_bindgen_test]
async fn a_teachers_career_shows_the_principals_path_and_the_allowance() {
    let ds = demo();
    // A certified PNS class teacher of an SD.
    let e = (0..ds.employees().len() as u32)
        .find(|&e| {
            let emp = &ds.employees()[e as usize];
            emp.status == mutasi_core::model::EmployeeStatus::Pns
                && emp
                    .teacher
                    .as_ref()
                    .is_some_and(|t| t.certificate.is_some() && t.nrg.is_some())
                && ds.employee_slot(e).is_some_and(|s| {
                    ds.slot_position(s)
                        .subject
                        .is_some_and(|x| x.mapel == mutasi_core::model::Mapel::GuruKelas)
                })
        })
        .expect("a certified class teacher");
    let nip = ds.employees()[e as usize].nip.to_string();
    let host = mount(Some(ds.clone()), move || view! { <Profil nip=nip /> });
    let career = text(&one(&host, "#profil-career").unwrap());
    assert!(
        career.contains("Kepala Sekolah (tugas tambahan guru)"),
        "{career}"
    );
    assert!(
        career.contains("Permendikdasmen 7/2025 Pasal 7 ayat (1)"),
        "{career}"
    );
    one(&host, "#show-options").unwrap().click();
    let rows = eventually(Duration::from_secs(10), || {
        one(&host, "#profil-options").map(|_| all(&host, "#profil-options > li"))
    })
    .await
    .expect("options appear");
    // What a move does to the professional allowance is spelled out, with the 24 JP.
    assert!(
        rows.iter()
            .any(|r| text(r).contains("TPG") && text(r).contains("24")),
        "{:?}",
        rows.iter().map(text).collect::<Vec<_>>()
    );
}

#[wasm_bindgen_test]
fn unknown_nip_and_no_data_are_explained() {
    let host = mount(
        Some(small()),
        || view! { <Profil nip="199001012015031999".to_string() /> },
    );
    assert!(text(&host).contains("Pegawai tidak ditemukan"));
    assert!(text(&host).contains("NIP: 199001012015031999"));
    let host = mount(None, || view! { <Pegawai /> });
    assert!(text(&host).contains("Belum ada data di perangkat ini"));
}

#[wasm_bindgen_test]
async fn the_list_in_english() {
    let ds = demo();
    let host = mount_en(Some(ds.clone()), || view! { <Pegawai /> });
    assert_eq!(text(&one(&host, "h2").unwrap()), "Employees");
    assert_eq!(
        one(&host, "#pegawai-list")
            .unwrap()
            .get_attribute("aria-label")
            .as_deref(),
        Some("Employee list")
    );
    let target = &ds.employees()[12_345];
    type_query(&host, target.nip.as_str());
    let count = eventually(Duration::from_secs(5), || {
        let t = text(&one(&host, "#pegawai-count")?);
        (t == "1 employees found").then_some(t)
    })
    .await;
    assert!(
        count.is_some(),
        "{}",
        text(&one(&host, "#pegawai-count").unwrap())
    );
    assert!(!text(&host).contains("ditemukan"));
}

#[wasm_bindgen_test]
async fn the_profile_in_english_uses_the_english_reasons() {
    let ds = demo();
    let e = (0..ds.employees().len() as u32)
        .step_by(97)
        .find(|&e| ds.employee_slot(e).is_some())
        .unwrap();
    let emp = ds.employees()[e as usize].clone();
    let nip = emp.nip.to_string();
    let host = mount_en(Some(ds.clone()), move || view! { <Profil nip=nip /> });
    assert_eq!(text(&one(&host, "#profil-name").unwrap()), emp.name);
    let page = text(&host);
    assert!(
        page.contains("Education") && page.contains("Career path"),
        "{page}"
    );
    assert!(!page.contains("Pendidikan") && !page.contains("Jalur karier"));
    assert_eq!(
        text(&one(&host, "#show-options").unwrap()),
        "Compute rotation options"
    );
    let want = options_for_employee(&ds, e, round(), ds.rules(), 5);
    one(&host, "#show-options").unwrap().click();
    let got = eventually(Duration::from_secs(10), || {
        one(&host, "#profil-options").map(|_| all(&host, "#profil-options > li"))
    })
    .await
    .expect("options appear");
    assert_eq!(got.len(), want.len());
    for (card, o) in got.iter().zip(&want) {
        let t = text(card);
        let label = o.summary.standing.label();
        assert!(
            t.contains(label.en.as_str()) && !t.contains(label.id.as_str()),
            "{t}"
        );
        if let Some(n) = o.summary.needs.first() {
            assert!(t.contains(n.reason.en.as_str()), "{t}");
            assert!(!t.contains(n.reason.id.as_str()), "{t}");
        }
    }
}

/// One verdict per (employee, post): the card on Karier Saya and the request form it links to
/// say the same word and list the same needs (before, Karier Saya said "Boleh" and the form then
/// asked for a written exception), and the form asks for the written reason.
#[wasm_bindgen_test]
async fn karier_saya_and_the_request_form_give_one_verdict() {
    use mutasi_core::eligibility::Standing;
    use mutasi_core::wire::auth::{Account, LoginResponse, Role};
    use mutasi_web::pages::usulan::request::RequestMove;
    use mutasi_web::state::session::Session;
    let ds = demo();
    // A teacher with an option that needs a written reason.
    let (e, option) = (0..ds.employees().len() as u32)
        .step_by(7)
        .filter(|&e| {
            ds.employee_slot(e)
                .is_some_and(|s| ds.slot_position(s).is_guru())
        })
        .take(40)
        .find_map(|e| {
            options_for_employee(&ds, e, round(), ds.rules(), 5)
                .into_iter()
                .find(|o| o.summary.standing == Standing::NeedsReason)
                .map(|o| (e, o))
        })
        .expect("a teacher with an option that needs a written reason");
    let emp = ds.employees()[e as usize].clone();
    let session = move || Session {
        login: RwSignal::new(Some(LoginResponse {
            token: "test-token".into(),
            expires_at: "2099-01-01T00:00:00Z".into(),
            account: Account {
                username: "guru".into(),
                role: Role::Employee,
                nip: Some(emp.nip.clone()),
                scope: None,
            },
        })),
        restored: RwSignal::new(true),
    };
    let nip = ds.employees()[e as usize].nip.to_string();
    let s1 = session.clone();
    let host = mount(Some(ds.clone()), move || {
        provide_context(s1());
        view! { <Profil nip=nip /> }
    });
    // The employee's own profile shows the options at once.
    let slot = ds.slots()[option.slot as usize].id.to_string();
    let href = mutasi_web::pages::usulan::request_href(&slot);
    let card = eventually(Duration::from_secs(10), || {
        all(&host, "#profil-options > li").into_iter().find(|c| {
            one(c, "a.request-link").and_then(|a| a.get_attribute("href")) == Some(href.clone())
        })
    })
    .await
    .expect("the option's card, with its request link");
    let on_card = text(&one(&card, ".verdict").unwrap());
    assert!(
        on_card.starts_with("Boleh dengan alasan tertulis"),
        "{on_card}"
    );
    for n in &option.summary.needs {
        assert!(on_card.contains(n.text().id.as_str()), "{on_card}");
    }

    let form = mount(Some(ds.clone()), move || {
        provide_context(session());
        view! { <RequestMove post=slot /> }
    });
    let on_form = eventually(Duration::from_secs(5), || {
        one(&form, "#request-verdict .verdict").map(|v| text(&v))
    })
    .await
    .expect("the form shows the verdict");
    assert_eq!(on_form, on_card, "the same verdict on both screens");
    assert!(
        one(&form, "#request-override").is_some(),
        "the form asks for the written reason"
    );
}

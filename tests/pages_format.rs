//! The pure helpers behind the pages: Indonesian number and date formats, gap wording, the
//! virtual list's window, the comparison's three-candidate limit.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use mutasi_web::components::format::{
    clip, date_id, date_in, gap_label, moment_in, moment_text, num, signed, zone_name,
};
use mutasi_web::i18n::Locale;
use mutasi_web::pages::kandidat::toggle_compare;
use mutasi_web::pages::pegawai::{window, ROW_HEIGHT};
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn numbers_and_dates_follow_indonesian_conventions() {
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(date_id(d(2026, 10, 3)), "3 Oktober 2026");
    assert_eq!(date_id(d(2027, 1, 31)), "31 Januari 2027");
    let cases = [
        (1234.5, 1, "1.234,5"),
        (19527.0, 0, "19.527"),
        (-1717.0073, 1, "−1.717"),
        (0.04, 1, "0"),
        (-0.04, 1, "0"),
        (999.96, 1, "1.000"),
        (12.25, 2, "12,25"),
    ];
    for (v, dec, want) in cases {
        assert_eq!(num(v, dec), want, "{v}");
    }
    assert_eq!(signed(2.0), "+2");
    assert_eq!(signed(-3.5), "−3,5");
    assert_eq!(signed(0.0), "0");
    assert_eq!(gap_label(-3.0).0, "Kekurangan");
    assert_eq!(gap_label(2.0).1, "Excess");
    assert_eq!(gap_label(0.2).0, "Seimbang");
    assert_eq!(clip("Dinas Pendidikan", 26), "Dinas Pendidikan");
    assert_eq!(clip("Dinas Pendidikan", 16), "Dinas Pendidikan");
    assert_eq!(clip("Dinas Pendidikan", 6), "Dinas…");
    assert_eq!(
        clip("Pindah ke Kecamatan Ilir Timur", 10).chars().count(),
        10
    );
}

#[wasm_bindgen_test]
fn moments_are_read_on_the_local_clock_with_indonesian_zones() {
    let d = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    assert_eq!(
        moment_text(d, 17, 6, 420, Locale::id),
        "29 November 2026 17.06 WIB"
    );
    assert_eq!(
        moment_text(d, 17, 6, 420, Locale::en),
        "29 November 2026, 17:06 WIB"
    );
    let zones = [
        (480, "WITA"),
        (540, "WIT"),
        (0, "UTC"),
        (330, "UTC+5.30"),
        (-180, "UTC−3"),
    ];
    for (offset, want) in zones {
        assert_eq!(zone_name(offset), want);
    }
    // A real instant on this browser's clock: the same wall time and zone as JavaScript's own.
    let iso = "2026-11-29T10:26:03.120Z";
    let js = js_sys::Date::new(&iso.into());
    let offset = -(js.get_timezone_offset() as i32);
    let want = format!(
        "{} {:02}.{:02} {}",
        date_in(
            NaiveDate::from_ymd_opt(js.get_full_year() as i32, js.get_month() + 1, js.get_date())
                .unwrap(),
            Locale::id
        ),
        js.get_hours(),
        js.get_minutes(),
        zone_name(offset)
    );
    assert_eq!(moment_in(iso, Locale::id), want);
    assert_eq!(moment_in("belum", Locale::id), "belum");
}

#[wasm_bindgen_test]
fn dates_follow_the_chosen_language_in_the_indonesian_order() {
    let d = NaiveDate::from_ymd_opt(2026, 10, 3).unwrap();
    assert_eq!(date_in(d, Locale::id), "3 Oktober 2026");
    assert_eq!(date_in(d, Locale::en), "3 October 2026");
    assert_eq!(
        date_in(NaiveDate::from_ymd_opt(2027, 8, 17).unwrap(), Locale::en),
        "17 August 2027"
    );
}

#[wasm_bindgen_test]
fn the_window_covers_the_viewport_and_stays_in_bounds() {
    let w = window(20_000, 0.0, 560.0);
    assert_eq!(w.start, 0);
    assert!(w.end as f64 * ROW_HEIGHT >= 560.0 && w.end < 40);
    let w = window(20_000, 5000.0 * ROW_HEIGHT, 560.0);
    assert!(w.contains(&5000) && w.contains(&5009));
    assert!(w.len() < 40);
    let w = window(10, 99_999.0, 560.0);
    assert!(w.is_empty() && w.end <= 10);
}

#[wasm_bindgen_test]
fn at_most_three_are_compared() {
    let mut v = Vec::new();
    for e in [1, 2, 3, 4] {
        toggle_compare(&mut v, e);
    }
    assert_eq!(v, [2, 3, 4]);
    toggle_compare(&mut v, 3);
    assert_eq!(v, [2, 4]);
}

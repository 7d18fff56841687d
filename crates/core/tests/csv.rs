//! Employee CSV: lossless round trips, and bad files rejected whole with every problem listed.
#![cfg(not(target_arch = "wasm32"))]

use mutasi_core::io::csv::{merge_into, read_employees, write_employees, ImportError, COLUMNS};
use mutasi_core::model::Employee;
use mutasi_core::{demo, fixture, Dataset};
use proptest::prelude::*;
use std::sync::OnceLock;

fn city() -> &'static Dataset {
    static CITY: OnceLock<Dataset> = OnceLock::new();
    CITY.get_or_init(|| demo::generate(11))
}

fn round_trip(emps: &[Employee]) {
    let text = write_employees(emps);
    let back = read_employees(&text).unwrap_or_else(|e| panic!("{:?}", &e[..e.len().min(3)]));
    assert_eq!(back, emps);
    assert_eq!(write_employees(&back), text);
}

#[test]
fn fixture_and_demo_round_trip() {
    round_trip(fixture::small().employees());
    round_trip(&city().employees()[..2000]);
}

#[test]
fn merge_rebuilds_the_same_dataset() {
    let ds = fixture::small();
    let emps = read_employees(&write_employees(ds.employees())).unwrap();
    let merged = merge_into(ds.parts().clone(), emps).unwrap();
    assert_eq!(
        serde_json::to_string(&merged).unwrap(),
        serde_json::to_string(&ds).unwrap()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn import_export_import_is_identity(pick in 0usize..19_000, weird in "[a-zA-Z0-9 ,;|\\\\\"'\\n.éü/-]{0,24}") {
        let all = city().employees();
        let mut e = all[pick % all.len()].clone();
        e.name = format!("{}{weird}", e.name);
        if let Some(ed) = e.education.first_mut() { ed.major = weird.clone(); }
        e.history.iter_mut().for_each(|p| p.title = weird.clone());
        e.sanctions.iter_mut().for_each(|s| s.description = weird.clone());
        let mut f = all[(pick * 7 + 1) % all.len()].clone();
        f.diklat.iter_mut().for_each(|d| d.name = format!("{weird}|;"));
        round_trip(&[e, f]);
    }
}

fn check(csv_body: &str, want: &[(usize, &str, &str, &str)]) {
    let text = format!("{}\n{csv_body}", COLUMNS.join(","));
    let errs: Vec<ImportError> = read_employees(&text).expect_err("a bad file must be rejected");
    for (row, col, value, reason_en) in want {
        assert!(
            errs.iter().any(|e| e.row == *row
                && e.column == *col
                && e.value.contains(value)
                && e.reason.en.contains(reason_en)
                && !e.reason.id.is_empty()),
            "missing ({row}, {col}, {value}, {reason_en}) in {errs:#?}"
        );
    }
}

const GOOD: &str = "198503122010011003,Budi Santoso,PNS,III/a,2020-04-01,D-IV/S1|Ilmu Hukum|Hukum|2008,,\"2,2,2,2,2,2,2,2\",2,Hukum|2,2025|Baik,,,,,Kemuning,,,,0,";

#[test]
fn a_good_row_imports() {
    let text = format!("{}\n{GOOD}\n", COLUMNS.join(","));
    let emps = read_employees(&text).unwrap();
    assert_eq!(emps.len(), 1);
    assert_eq!(emps[0].pangkat.golongan.to_string(), "III/a");
}

#[test]
fn bad_files_list_every_problem() {
    check(
        &[
            GOOD.replace("198503122010011003", "198502292010011003"),
            GOOD.replace("III/a", "III/x")
                .replace("2020-04-01", "2020-13-01"),
            GOOD.replace("\"2,2,2,2,2,2,2,2\"", "\"2,2,9\""),
            GOOD.replace("Kemuning", "Atlantis")
                .replace("2025|Baik", "2025|Hebat"),
            GOOD.replace(",0,", ",0,140"),
            GOOD.to_string(),
            GOOD.to_string(),
        ]
        .join("\n"),
        &[
            (2, "NIP", "198502292010011003", "impossible birth date"),
            (3, "GOL_RUANG", "III/x", "invalid rank"),
            (3, "TMT_GOLONGAN", "2020-13-01", "invalid date"),
            (
                4,
                "KOMPETENSI_MANAJERIAL",
                "9",
                "competency level must be 1-5",
            ),
            (5, "KECAMATAN_DOMISILI", "Atlantis", "invalid kecamatan"),
            (5, "SKP", "Hebat", "invalid predikat"),
            (6, "NILAI_POTENSI", "140", "potential must be 0-100"),
            (8, "NIP", "198503122010011003", "duplicate NIP"),
        ],
    );
}

#[test]
fn missing_columns_are_reported_on_the_header_row() {
    let errs = read_employees("NIP,NAMA\n198503122010011003,Budi\n").unwrap_err();
    assert!(errs.iter().all(|e| e.row == 1));
    assert!(errs
        .iter()
        .any(|e| e.column == "GOL_RUANG" && e.reason.en == "required column missing"));
}

/// The demo employees as Excel saves "CSV" on an Indonesian Windows: `;` between cells,
/// Windows-1252 text, ranks written `3c` and PPPK written `P3K`.
fn as_an_office_saves_it(emps: &[Employee]) -> Vec<u8> {
    let text = write_employees(emps);
    let mut rd = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut wr = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    for (i, rec) in rd.records().enumerate() {
        let mut cells: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        if i > 0 {
            cells[2] = cells[2].replace("PPPK", "P3K");
            // "III/c" -> "3c"
            let roman = ["I", "II", "III", "IV"];
            if let Some((major, minor)) = cells[3].clone().split_once('/') {
                let n = roman.iter().position(|r| *r == major).unwrap() + 1;
                cells[3] = format!("{n}{minor}");
            }
        }
        wr.write_record(&cells).unwrap();
    }
    let utf8 = String::from_utf8(wr.into_inner().unwrap()).unwrap();
    utf8.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("Latin-1 text"))
        .collect()
}

#[test]
fn an_office_export_reads_as_the_same_employees() {
    let emps = &city().employees()[..500];
    assert!(
        emps.iter()
            .any(|e| e.status == mutasi_core::model::EmployeeStatus::Pppk),
        "the sample has PPPK"
    );
    let mut bytes = as_an_office_saves_it(emps);
    // A name with an é, which Windows-1252 writes as one byte (0xE9).
    let at = bytes.windows(4).position(|w| w == b";PNS").unwrap();
    let name_end = at;
    bytes.insert(name_end, 0xE9);
    let decoded = mutasi_core::io::text::decode(&bytes);
    assert_eq!(decoded.describe().en, "Windows-1252, separator ';'");
    let back =
        read_employees(&decoded.text).unwrap_or_else(|e| panic!("{:?}", &e[..e.len().min(3)]));
    assert_eq!(back.len(), emps.len());
    let renamed = back
        .iter()
        .position(|e| e.name.ends_with('é'))
        .expect("the é survives");
    let mut want = emps.to_vec();
    want[renamed].name.push('é');
    assert_eq!(back, want);
}

#[test]
fn values_that_cannot_all_be_true_are_refused_with_their_numbers() {
    use mutasi_core::io::csv::read_employees_on;
    use mutasi_core::model::{EmployeeStatus, Period, Sanction, SanctionLevel};
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let rules = mutasi_core::rules::RuleSet::default();
    // The demo city is plausible: no finding on realistic data.
    let sample = &city().employees()[..2000];
    let ok = read_employees_on(&write_employees(sample), today, &rules);
    assert!(
        ok.is_ok(),
        "{:?}",
        ok.err().map(|e| e[..e.len().min(3)].to_vec())
    );

    let base = fixture::small().employees()[0].clone();
    let birth = base.nip.birth_date();
    let mut young = base.clone();
    young.current.as_mut().unwrap().since = birth + chrono::Days::new(17 * 365);
    let mut future = base.clone();
    future.pangkat.tmt = today + chrono::Days::new(1);
    let mut cpns = base.clone();
    cpns.status = EmployeeStatus::Cpns;
    let mut dismissed = base.clone();
    dismissed.sanctions.push(Sanction {
        level: SanctionLevel::Berat,
        description: "Pemberhentian dengan hormat tidak atas permintaan sendiri".into(),
        period: Period::new(
            chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
        )
        .unwrap(),
    });
    let cases = [
        (young, "TMT_JABATAN", "sebelum usia 18 tahun"),
        (
            future,
            "TMT_GOLONGAN",
            "di masa depan (hari ini 03-12-2026)",
        ),
        (cpns, "STATUS_KEPEGAWAIAN", "masa percobaan 12 bulan"),
        (
            dismissed,
            "HUKUMAN_DISIPLIN",
            "pemberhentian sejak 01-06-2025",
        ),
    ];
    for (bad, column, says) in cases {
        // The bad employee on row 3, after a plausible one with another NIP.
        let other = fixture::small().employees()[1].clone();
        let errs =
            read_employees_on(&write_employees(&[other, bad]), today, &rules).expect_err(column);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!((errs[0].row, errs[0].column.as_str()), (3, column));
        assert!(errs[0].reason.id.contains(says), "{}", errs[0].reason);
    }
}

#[test]
fn an_skp_rater_is_read_and_written_and_a_bad_one_named() {
    let with_rater = GOOD.replace("2025|Baik", "2024|Baik;2025|Baik|197001011995031001");
    let text = format!("{}\n{with_rater}\n", COLUMNS.join(","));
    let emps = read_employees(&text).unwrap();
    let skp = &emps[0].skp;
    assert_eq!(skp[0].rater, None, "an entry without a rater has none");
    assert_eq!(
        skp[1].rater.as_ref().map(|n| n.to_string()).as_deref(),
        Some("197001011995031001")
    );
    assert!(write_employees(&emps).contains("2024|Baik;2025|Baik|197001011995031001"));
    round_trip(&emps);
    check(
        &[
            GOOD.replace("2025|Baik", "2025|Baik|19700101"),
            GOOD.replace("2025|Baik", "2025|Baik|197001011995031001|x"),
        ]
        .join("\n"),
        &[
            (2, "SKP", "19700101", "invalid rater's NIP"),
            (3, "SKP", "|x", "each entry needs 2–3 '|'-separated parts"),
        ],
    );
}

//! The records the workflow writes or reads: the SK draft, the inauguration, the rule re-check
//! and the impact of the moves made.

use super::super::impact::{impact, moves_made, MoveMade, SkpTrend};
use super::super::sk::{sk_draft, sk_number};
use super::*;

#[test]
fn sk_numbers_fill_the_pattern() {
    let p = RuleSet::default().sk.number_pattern;
    assert_eq!(sk_number(&p, 12, 2027), "821.2/012/BKPSDM-III/2027");
    assert_eq!(sk_number(&p, 291, 2025), "821.2/291/BKPSDM-III/2025");
    assert_eq!(sk_number(&p, 1234, 2025), "821.2/1234/BKPSDM-III/2025");
    assert_eq!(sk_number("NNNNN-YYYY", 7, 2030), "00007-2030");
    // A lone N in the text is kept; only a run of three or more is the serial.
    assert_eq!(
        sk_number("800/N/NNN/KEPEGAWAIAN/YYYY", 5, 2026),
        "800/N/005/KEPEGAWAIAN/2026"
    );
}

pub(super) fn proposal(nip_s: &str, slot: &str, status: ProposalStatus) -> Proposal {
    Proposal {
        id: format!("p-{nip_s}"),
        nip: nip(nip_s),
        slot: sid(slot),
        tmt: d(2027, 4, 1),
        reason: "pemenuhan kebutuhan".into(),
        overrides: Vec::new(),
        status,
        source: ProposalSource::Planner,
        proposed_by: "disdik".into(),
        decided_by: Some("ppk".into()),
        sk: None,
        inaugurated_on: None,
        history: Vec::new(),
    }
}

#[test]
fn sk_draft_lists_approved_proposals_and_exports_csv() {
    let ds = small();
    let rules = &ds.rules().sk;
    let list = [proposal(nips::GURU_PLT, "SDN-001/GURU-2", Approved)];
    let sk = sk_draft(&ds, rules, &list, 3, d(2027, 5, 10)).unwrap();
    assert_eq!(sk.number, "821.2/003/BKPSDM-III/2027");
    assert_eq!(sk.considerations, rules.considerations);
    assert_eq!(sk.rows.len(), 1);
    let row = &sk.rows[0];
    assert_eq!(row.no, 1);
    assert_eq!(row.nip, nips::GURU_PLT);
    assert_eq!(
        row.jabatan_lama,
        "Guru Kelas Ahli Pertama, SD Negeri 1 Palembang"
    );
    assert_eq!(row.jabatan_baru, "Guru Kelas Ahli Pertama");
    assert_eq!(row.unit_baru, "SD Negeri 1 Palembang");
    let csv = sk.table_csv();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "No,Nama/NIP,Pangkat/Gol,Jabatan lama,Jabatan baru/Unit,TMT"
    );
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rec = reader.records().next().unwrap().unwrap();
    assert_eq!(&rec[0], "1");
    assert!(
        rec[1].ends_with(&format!("\nNIP {}", nips::GURU_PLT)),
        "{rec:?}"
    );
    assert_eq!(&rec[2], "Penata, III/c");
    assert_eq!(row.pangkat, "Penata, III/c");
    assert_eq!(&rec[3], "Guru Kelas Ahli Pertama, SD Negeri 1 Palembang");
    assert_eq!(&rec[4], "Guru Kelas Ahli Pertama\nSD Negeri 1 Palembang");
    assert_eq!(&rec[5], "2027-04-01");

    // Not approved, unknown employee: every problem is reported.
    let bad = [
        proposal(nips::KEPSEK, "SDN-001/GURU-2", Recommended),
        proposal("199901012020011001", "SDN-001/GURU-2", Approved),
    ];
    let errs = sk_draft(&ds, rules, &bad, 1, d(2027, 5, 10)).unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[0].text().en.contains("Recommended"), "{errs:?}");
    assert!(
        errs[0].text().id.contains("statusnya: Direkomendasikan"),
        "{errs:?}"
    );
    assert!(matches!(errs[1], sk::SkProblem::UnknownEmployee(_)));
    assert!(sk_draft(&ds, rules, &[], 1, d(2027, 5, 10)).is_err());
}

/// The dataset after moving GURU_PLT from SDN-001/GURU-1 to `to` on `on`.
fn moved(ds: &Dataset, to: &str, on: NaiveDate) -> (Dataset, MoveRecords) {
    let e = ds.employee(&nip(nips::GURU_PLT)).unwrap();
    let from = ds.slot(&sid("SDN-001/GURU-1"));
    let rec = inaugurate(ds, e, from, ds.slot(&sid(to)).unwrap(), on).unwrap();
    let mut parts: DatasetParts = ds.parts().clone();
    rec.apply(&mut parts);
    (Dataset::new(parts).expect("consistent after the move"), rec)
}

#[test]
fn inauguration_moves_the_post_and_keeps_the_history() {
    let ds = small();
    let on = d(2027, 4, 1);
    let (after, rec) = moved(&ds, "DISDIK-SD/KABID", on);
    let e = after.employee(&nip(nips::GURU_PLT)).unwrap();
    assert_eq!(e.current.as_ref().unwrap().slot.as_str(), "DISDIK-SD/KABID");
    assert_eq!(e.current.as_ref().unwrap().since, on);
    let past = e.history.last().unwrap();
    assert_eq!(past.title, "Guru Kelas Ahli Pertama");
    assert_eq!(past.unit.as_str(), "SDN-001");
    assert_eq!(
        (past.period.start(), past.period.end()),
        (d(2018, 7, 1), d(2027, 3, 31))
    );
    assert_eq!(rec.vacated.unwrap().holder, None);
    assert_eq!(rec.filled.holder.unwrap().since, on);

    // Into a slot held definitively by someone else: refused with the holder's NIP.
    let emp = ds.employee(&nip(nips::GURU_PLT)).unwrap();
    let from = ds.slot(&sid("SDN-001/GURU-1"));
    let held = ds.slot(&sid("SDN-002/KEPSEK")).unwrap();
    let err = inaugurate(&ds, emp, from, held, on).unwrap_err().text();
    assert!(err.en.contains(nips::KEPSEK), "{err}");
    // With a stale idea of the current post, or a date before the current TMT.
    let other = ds.slot(&sid("SDN-001/GURU-2"));
    assert!(inaugurate(
        &ds,
        emp,
        other,
        ds.slot(&sid("DISDIK-SD/KABID")).unwrap(),
        on
    )
    .is_err());
    let err = inaugurate(&ds, emp, from, other.unwrap(), d(2018, 7, 1))
        .unwrap_err()
        .text();
    assert!(err.en.contains("2018-07-01"), "{err}");
}

#[test]
fn recheck_reports_a_sanction_with_its_dates() {
    let ds = small();
    let (n, s) = (nip(nips::DISANKSI), sid("BKPSDM/ADM-1"));
    let failing = recheck(&ds, &n, &s, d(2027, 4, 1), &[])
        .err()
        .and_then(|e| e.verdicts().map(<[_]>::to_vec))
        .unwrap_or_default();
    let legal = recheck(
        &ds,
        &nip(nips::GURU_PLT),
        &sid("SDN-001/GURU-2"),
        d(2027, 4, 1),
        &[],
    );
    assert!(legal.is_ok() || !failing.is_empty());
    // Put a sanction over the TMT: the re-check fails on it and quotes its end date.
    let mut parts = ds.parts().clone();
    let e = parts
        .employees
        .iter_mut()
        .find(|e| e.nip.as_str() == nips::GURU_PLT)
        .unwrap();
    e.sanctions.push(crate::model::Sanction {
        level: crate::model::SanctionLevel::Sedang,
        description: "Pemotongan tunjangan kinerja 25% selama 9 bulan".into(),
        period: Period::new(d(2027, 1, 1), d(2027, 9, 30)).unwrap(),
    });
    let sanctioned = Dataset::new(parts).unwrap();
    let v = recheck(
        &sanctioned,
        &nip(nips::GURU_PLT),
        &sid("DISDIK-SD/KABID"),
        d(2027, 4, 1),
        &[],
    )
    .unwrap_err();
    let s = v
        .verdicts()
        .unwrap()
        .iter()
        .find(|v| v.rule == crate::eligibility::RuleId::ActiveSanction)
        .unwrap();
    assert!(s.reason.id.contains("30-09-2027"), "{}", s.reason);
    assert!(s.reason.en.contains("2027-09-30"), "{}", s.reason);
}

#[test]
fn impact_compares_skp_and_unit_indicators() {
    let ds = small();
    let on = d(2027, 4, 1);
    let (mut after, _) = moved(&ds, "SDN-001/GURU-2", on);
    let moves = [MoveMade {
        nip: nip(nips::GURU_PLT),
        from: Some(sid("SDN-001/GURU-1")),
        to: sid("SDN-001/GURU-2"),
        on,
    }];
    // No SKP after the move yet.
    let r = impact(&ds, &moves, &after, ds.rules());
    assert_eq!(r.people[0].trend, SkpTrend::NotYetKnown);
    assert_eq!(r.people[0].skp_before.as_ref().unwrap().year, 2025);
    assert_eq!(r.summary.skp_not_yet_known, 1);
    // Same unit, same position: the unit's numbers do not change.
    assert_eq!(r.units.len(), 1);
    assert_eq!(r.units[0].before, r.units[0].after);
    assert_eq!(r.units[0].shortage_filled, 0.0);

    // 2028 assessed as Baik (score 75) after Sangat Baik (100) in 2025: worse.
    let mut parts = after.parts().clone();
    let e = parts
        .employees
        .iter_mut()
        .find(|e| e.nip.as_str() == nips::GURU_PLT)
        .unwrap();
    e.skp.push(SkpRecord {
        year: 2027,
        predikat: Predikat::SangatKurang,
        rater: None,
    });
    e.skp.push(SkpRecord {
        year: 2028,
        predikat: Predikat::Baik,
        rater: None,
    });
    after = Dataset::new(parts).unwrap();
    let r = impact(&ds, &moves, &after, ds.rules());
    let p = &r.people[0];
    assert_eq!(
        p.skp_after.as_ref().unwrap().year,
        2028,
        "the move year itself is mixed"
    );
    assert_eq!(p.trend, SkpTrend::Worse);
    let (sb, sa) = (
        ds.rules().predikat_score.get(Predikat::SangatBaik),
        ds.rules().predikat_score.get(Predikat::Baik),
    );
    assert!(
        p.note
            .en
            .contains(&format!("(score {sb}) → 2028 Baik (score {sa})")),
        "{}",
        p.note
    );
    assert_eq!(r.summary.skp_worse, 1);
}

#[test]
fn impact_counts_shortage_filled_and_created() {
    let ds = small();
    let on = d(2027, 4, 1);
    // SDN-001 needs 3 guru (3 × 1250 h) and 1 kepala sekolah (one seat, held by a Plt only) and
    // has 1 definitive holder (GURU_PLT); moving her to the bidang leaves it with none: the
    // shortage grows from 3 to 4. The bidang's (1 seat, vacant) is filled.
    let (after, _) = moved(&ds, "DISDIK-SD/KABID", on);
    let moves = moves_made(
        &ds,
        &[Proposal {
            inaugurated_on: Some(on),
            ..proposal(nips::GURU_PLT, "DISDIK-SD/KABID", Inaugurated)
        }],
    );
    assert_eq!(moves[0].from.as_ref().unwrap().as_str(), "SDN-001/GURU-1");
    let r = impact(&ds, &moves, &after, ds.rules());
    let unit = |id: &str| r.units.iter().find(|u| u.unit.as_str() == id).unwrap();
    let school = unit("SDN-001");
    assert_eq!((school.before.bezetting, school.after.bezetting), (1, 0));
    assert_eq!(school.left, 1);
    assert!((school.before.kebutuhan - 4.0).abs() < 1e-9);
    assert!((school.before.shortage - 3.0).abs() < 1e-9);
    assert!((school.shortage_filled + 1.0).abs() < 1e-9, "{school:?}");
    assert_eq!(school.after.effectiveness, None);
    assert_eq!(school.after.class, AbkClass::A);
    let bidang = unit("DISDIK-SD");
    assert_eq!((bidang.before.bezetting, bidang.after.bezetting), (0, 1));
    assert!((bidang.shortage_filled - 1.0).abs() < 1e-9);
    assert_eq!(bidang.after.effectiveness, Some(1.0));
    assert_eq!(bidang.after.class, AbkClass::B);
    assert!(
        bidang.note.en.contains("shortage 1.00 → 0.00"),
        "{}",
        bidang.note
    );
    assert!((r.summary.shortage_filled - 1.0).abs() < 1e-9);
    assert!((r.summary.shortage_created - 1.0).abs() < 1e-9);
    // Proposals not inaugurated are not moves made.
    assert!(moves_made(
        &ds,
        &[proposal(nips::GURU_PLT, "DISDIK-SD/KABID", SkIssued)]
    )
    .is_empty());
}

#[test]
fn old_proposed_records_read_as_submitted() {
    let json = serde_json::json!({
        "id": "p", "nip": nips::GURU_PLT, "slot": "SDN-001/GURU-2", "tmt": "2027-04-01",
        "reason": "kebutuhan organisasi", "status": "proposed", "proposed_by": "disdik"
    });
    let p: Proposal = serde_json::from_value(json).unwrap();
    assert_eq!(p.status, Submitted);
    assert_eq!(p.source, ProposalSource::Planner);
    assert!(p.history.is_empty());
    assert_eq!(serde_json::to_value(p.status).unwrap(), "submitted");
}

//! The decree as a Bagian Hukum signs it: the pangkat names of the attachment, the signing
//! official and the tembusan from the rule set, and the principal-assignment decree.

use super::super::sk::{sk_draft, SkKind, SkProblem};
use super::records::proposal;
use super::*;
use crate::rules::SkSigner;

#[test]
fn the_attachment_writes_the_pangkat_name_and_the_pppk_golongan() {
    let ds = small();
    let list = [
        proposal(nips::GURU_PLT, "SDN-001/GURU-2", Approved),
        proposal(nips::PPPK, "SDN-001/GURU-2", Approved),
        proposal(nips::KADIS, "SDN-001/GURU-2", Approved),
    ];
    let sk = sk_draft(&ds, &ds.rules().sk, &list, 1, d(2027, 5, 10)).unwrap();
    let pangkat: Vec<&str> = sk.rows.iter().map(|r| r.pangkat.as_str()).collect();
    assert_eq!(
        pangkat,
        [
            "Penata, III/c",
            "PPPK golongan IX",
            "Pembina Utama Muda, IV/c"
        ]
    );
    assert!(sk.table_csv().contains("PPPK golongan IX"));
}

#[test]
fn the_signer_and_the_tembusan_come_from_the_rule_set() {
    let ds = small();
    let list = [proposal(nips::GURU_PLT, "SDN-001/GURU-2", Approved)];
    // The fixture is signed by the demo's fictional Wali Kota: no pangkat, no NIP.
    let sk = sk_draft(&ds, &ds.rules().sk, &list, 1, d(2027, 5, 10)).unwrap();
    assert_eq!(sk.signer, crate::demo::sk_signer());
    assert_eq!(sk.signer.jabatan, "WALI KOTA PALEMBANG");
    assert!(sk.signer.nip.is_none() && sk.signer_pangkat.is_none());
    assert_eq!(sk.tembusan, RuleSet::default().sk.tembusan);
    assert_eq!(sk.kind, SkKind::Mutasi);
    assert_eq!(sk.dictum, RuleSet::default().sk.dictum);

    // An instansi's own configuration: an ASN official signing, its own tembusan.
    let rules = RuleSet::from_toml(
        r#"
        [sk]
        tembusan = ["Kepala Kantor Regional VII BKN di Palembang", "Yang bersangkutan"]
        [sk.signer]
        jabatan = "SEKRETARIS DAERAH KOTA PALEMBANG"
        name = "Dr. Contoh Pratama, M.Si."
        golongan = "IV/d"
        nip = "197005102000031001"
        "#,
    )
    .unwrap();
    assert_eq!(
        rules.sk.number_pattern,
        RuleSet::default().sk.number_pattern
    );
    let sk = sk_draft(&ds, &rules.sk, &list, 1, d(2027, 5, 10)).unwrap();
    assert_eq!(sk.signer.name, "Dr. Contoh Pratama, M.Si.");
    assert_eq!(
        sk.signer.nip.map(|n| n.to_string()).as_deref(),
        Some("197005102000031001")
    );
    assert_eq!(
        sk.signer_pangkat.as_deref(),
        Some("Pembina Utama Madya, IV/d")
    );
    assert_eq!(
        sk.tembusan,
        [
            "Kepala Kantor Regional VII BKN di Palembang",
            "Yang bersangkutan"
        ]
    );
}

#[test]
fn the_defaults_name_no_signer_so_no_decree_is_drafted_until_the_instansi_does() {
    let d0 = RuleSet::default().sk;
    assert_eq!(
        d0.signer,
        SkSigner {
            jabatan: "WALI KOTA PALEMBANG".into(),
            ..SkSigner::default()
        }
    );
    for copy in [
        "Kepala Badan Kepegawaian Negara di Jakarta",
        "Kepala Kantor Regional VII Badan Kepegawaian Negara di Palembang",
        "Gubernur Sumatera Selatan di Palembang",
        "Inspektur Kota Palembang",
        "Kepala Badan Pengelola Keuangan dan Aset Daerah Kota Palembang",
        "Yang bersangkutan",
    ] {
        assert!(d0.tembusan.iter().any(|t| t == copy), "{copy}");
    }
    let ds = small();
    let list = [proposal(nips::GURU_PLT, "SDN-001/GURU-2", Approved)];
    let errs = sk_draft(&ds, &d0, &list, 1, d(2027, 5, 10)).unwrap_err();
    assert_eq!(errs, [SkProblem::NoSigner]);
    assert!(errs[0].text().id.contains("sk.signer.name"));
}

#[test]
fn a_principal_assignment_gets_the_decree_of_permendikdasmen_7_2025() {
    let ds = small();
    let rules = &ds.rules().sk;
    let list = [proposal(nips::GURU_PLT, "SDN-001/KEPSEK", Approved)];
    let sk = sk_draft(&ds, rules, &list, 1, d(2027, 5, 10)).unwrap();
    assert_eq!(sk.kind, SkKind::KepalaSekolah);
    assert!(
        sk.title.contains("Penugasan Guru sebagai Kepala Sekolah"),
        "{}",
        sk.title
    );
    assert!(sk.considerations.iter().any(|c| c
        == "Peraturan Menteri Pendidikan Dasar dan Menengah Nomor 7 Tahun 2025 tentang \
            Penugasan Guru sebagai Kepala Sekolah"));
    // The revoked regulation is not a legal basis.
    assert!(!sk
        .considerations
        .iter()
        .any(|c| c.contains("40 Tahun 2021")));
    assert!(sk.dictum.contains("tugas tambahan"), "{}", sk.dictum);
    let s = ds.slot_idx(&sid("SDN-001/KEPSEK")).unwrap();
    assert_eq!(sk.rows[0].jabatan_baru, ds.slot_position(s).name);
    // The generic decree stays for other moves.
    let other = [proposal(nips::PPPK, "SDN-001/GURU-2", Approved)];
    let generic = sk_draft(&ds, rules, &other, 2, d(2027, 5, 10)).unwrap();
    assert_eq!(generic.kind, SkKind::Mutasi);
    assert_eq!(generic.title, rules.title);
    assert_eq!(generic.considerations, rules.considerations);
}

#[test]
fn principals_and_other_moves_are_not_mixed_in_one_decree() {
    let ds = small();
    let list = [
        proposal(nips::GURU_PLT, "SDN-001/KEPSEK", Approved),
        proposal(nips::PPPK, "SDN-001/GURU-2", Approved),
    ];
    let errs = sk_draft(&ds, &ds.rules().sk, &list, 1, d(2027, 5, 10)).unwrap_err();
    assert_eq!(
        errs,
        [SkProblem::MixedKinds {
            principals: vec![format!("p-{}", nips::GURU_PLT)],
            others: 1
        }]
    );
    let t = errs[0].text();
    assert!(
        t.id.contains("SK tersendiri") && t.id.contains(nips::GURU_PLT),
        "{t}"
    );
}

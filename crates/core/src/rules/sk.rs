//! [`SkRules`]: how decree (SK) drafts are written — the number pattern, the title, the
//! considerations and the dictum of a mutation decree and of the principal-assignment decree
//! (Permendikdasmen 7/2025), who signs ([`SkSigner`]) and who receives a copy (tembusan).
//!
//! These are an instansi's own: the defaults carry Kota Palembang's titles and legal bases, the
//! signing official's jabatan ("WALI KOTA PALEMBANG") and a usual tembusan list, but no signer's
//! name — a decree is not drafted until the rule set names the official
//! ([`crate::workflow::sk::SkProblem::NoSigner`]). The demo city names a fictional one
//! ([`crate::demo::sk_signer`]).

use serde::{Deserialize, Serialize};

use crate::model::{Golongan, Nip};

/// How SK (decree) drafts are written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SkRules {
    /// Number pattern: the first run of three or more `N` becomes the serial (zero-padded to the
    /// run's length), `YYYY` the year. Default `821.2/NNN/BKPSDM-III/YYYY`.
    pub number_pattern: String,
    /// Title of a mutation decree.
    pub title: String,
    /// Considerations of a mutation decree (menimbang: those starting with "bahwa"; mengingat:
    /// the legal bases), in order.
    pub considerations: Vec<String>,
    /// What a mutation decree decides (its first dictum, KESATU).
    pub dictum: String,
    /// The decree of an assignment of teachers as principals (tugas tambahan).
    pub principal: SkVariant,
    /// The official who signs.
    pub signer: SkSigner,
    /// Who receives a copy (tembusan), in order.
    pub tembusan: Vec<String>,
}

/// The title, considerations and dictum of one kind of decree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SkVariant {
    /// Title.
    pub title: String,
    /// Considerations (menimbang, then mengingat), in order.
    pub considerations: Vec<String>,
    /// The first dictum (KESATU).
    pub dictum: String,
}

/// The official who signs a decree: the jabatan as the signature block writes it, the name, and
/// for an official who is an ASN the pangkat and NIP (a Wali Kota has neither).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SkSigner {
    /// Jabatan, e.g. "WALI KOTA PALEMBANG" (printed with a comma after it).
    pub jabatan: String,
    /// Name with titles. Empty in the defaults: the instansi sets its own.
    pub name: String,
    /// Golongan ruang of an ASN official (printed as its pangkat name).
    pub golongan: Option<Golongan>,
    /// NIP of an ASN official.
    pub nip: Option<Nip>,
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The legal bases of every decree about an ASN's post.
const UU_ASN: &str = "Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara";
const PP_MANAJEMEN: &str = "Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai \
                            Negeri Sipil sebagaimana telah diubah dengan Peraturan Pemerintah \
                            Nomor 17 Tahun 2020";

impl Default for SkRules {
    fn default() -> Self {
        Self {
            number_pattern: "821.2/NNN/BKPSDM-III/YYYY".into(),
            title: "Keputusan Wali Kota Palembang tentang Pemindahan dalam Jabatan di \
                    Lingkungan Pemerintah Kota Palembang"
                .into(),
            considerations: strings(&[
                "bahwa dalam rangka pembinaan karier dan pemenuhan kebutuhan organisasi \
                 berdasarkan analisis jabatan dan analisis beban kerja, perlu memindahkan Aparatur \
                 Sipil Negara yang namanya tercantum dalam lampiran keputusan ini",
                "bahwa usulan telah diverifikasi BKPSDM, dipertimbangkan Baperjakat, dan disetujui \
                 Pejabat Pembina Kepegawaian",
                UU_ASN,
                PP_MANAJEMEN,
            ]),
            dictum: "Memindahkan Aparatur Sipil Negara yang namanya tercantum dalam lampiran \
                     keputusan ini dari jabatan lama ke jabatan baru sebagaimana tercantum dalam \
                     lampiran, terhitung mulai tanggal (TMT) masing-masing."
                .into(),
            principal: SkVariant::default(),
            signer: SkSigner {
                jabatan: "WALI KOTA PALEMBANG".into(),
                ..SkSigner::default()
            },
            tembusan: strings(&[
                "Kepala Badan Kepegawaian Negara di Jakarta",
                "Kepala Kantor Regional VII Badan Kepegawaian Negara di Palembang",
                "Gubernur Sumatera Selatan di Palembang",
                "Inspektur Kota Palembang",
                "Kepala Badan Pengelola Keuangan dan Aset Daerah Kota Palembang",
                "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kota Palembang",
                "Yang bersangkutan",
            ]),
        }
    }
}

impl Default for SkVariant {
    /// The principal-assignment decree: a principal is a teacher given an additional
    /// assignment under Permendikdasmen 7/2025 (which revoked Permendikbudristek 40/2021).
    fn default() -> Self {
        Self {
            title: "Keputusan Wali Kota Palembang tentang Penugasan Guru sebagai Kepala Sekolah \
                    di Lingkungan Pemerintah Kota Palembang"
                .into(),
            considerations: strings(&[
                "bahwa dalam rangka meningkatkan mutu layanan pendidikan dan memenuhi kebutuhan \
                 kepala sekolah pada satuan pendidikan yang diselenggarakan Pemerintah Kota \
                 Palembang, perlu menugaskan guru yang namanya tercantum dalam lampiran keputusan \
                 ini sebagai kepala sekolah",
                "bahwa guru yang bersangkutan telah memenuhi persyaratan dan direkomendasikan \
                 sesuai Peraturan Menteri Pendidikan Dasar dan Menengah Nomor 7 Tahun 2025, dan \
                 penugasannya disetujui Pejabat Pembina Kepegawaian",
                "Undang-Undang Nomor 14 Tahun 2005 tentang Guru dan Dosen",
                UU_ASN,
                "Peraturan Pemerintah Nomor 74 Tahun 2008 tentang Guru sebagaimana telah diubah \
                 dengan Peraturan Pemerintah Nomor 19 Tahun 2017",
                PP_MANAJEMEN,
                "Peraturan Menteri Pendidikan Dasar dan Menengah Nomor 7 Tahun 2025 tentang \
                 Penugasan Guru sebagai Kepala Sekolah",
            ]),
            dictum: "Menugaskan guru yang namanya tercantum dalam lampiran keputusan ini sebagai \
                     kepala sekolah pada satuan pendidikan sebagaimana tercantum dalam lampiran, \
                     sebagai tugas tambahan, terhitung mulai tanggal (TMT) masing-masing."
                .into(),
        }
    }
}

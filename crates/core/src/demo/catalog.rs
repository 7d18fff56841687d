//! The catalogue of the demo city: OPD, JF families, majors and degrees.

use crate::model::{Field, Kecamatan};

/// One OPD of the catalogue: short name, full name, field, office kecamatan, relative size
/// (PNS pelaksana + JF seats), JF families.
pub struct OpdSpec {
    /// Short name (used by rules such as the selective OPD list).
    pub short: &'static str,
    /// Full name.
    pub name: &'static str,
    /// Main field.
    pub field: Field,
    /// Office location.
    pub kecamatan: Kecamatan,
    /// Seats for pelaksana and JF.
    pub size: u32,
    /// JF families (ids in [`FAMILIES`]).
    pub families: &'static [&'static str],
}

macro_rules! opd {
    ($s:literal, $n:literal, $f:ident, $k:ident, $z:literal, [$($fam:literal),*]) => {
        OpdSpec { short: $s, name: $n, field: Field::$f, kecamatan: Kecamatan::$k, size: $z, families: &[$($fam),*] }
    };
}

/// The OPD of the demo city (41), names as seen in sources plus plausible others.
#[rustfmt::skip]
pub const OPD: &[OpdSpec] = &[
    opd!("Setda", "Sekretariat Daerah", Pemerintahan, BukitKecil, 150, ["ANALIS-KEBIJAKAN", "PBJ", "HUKUM", "HUMAS"]),
    opd!("Setwan", "Sekretariat DPRD", Pemerintahan, IlirBaratI, 60, ["ANALIS-KEBIJAKAN", "HUMAS"]),
    opd!("Inspektorat", "Inspektorat Daerah", Ekonomi, IlirBaratI, 70, ["AUDITOR"]),
    opd!("Bappeda Litbang", "Badan Perencanaan Pembangunan Daerah, Penelitian dan Pengembangan", Pemerintahan, IlirBaratI, 60, ["PERENCANA", "PENELITI"]),
    opd!("Bapenda", "Badan Pendapatan Daerah", Ekonomi, IlirBaratI, 110, ["ANALIS-KEU"]),
    opd!("BPKAD", "Badan Pengelola Keuangan dan Aset Daerah", Ekonomi, IlirBaratI, 80, ["ANALIS-KEU"]),
    opd!("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", Pemerintahan, IlirBaratI, 60, ["ANALIS-SDM"]),
    opd!("Kesbangpol", "Badan Kesatuan Bangsa dan Politik", Pemerintahan, IlirTimurI, 35, ["ANALIS-KEBIJAKAN"]),
    opd!("BPBD", "Badan Penanggulangan Bencana Daerah", Lingkungan, IlirTimurII, 45, ["PLH"]),
    opd!("Satpol PP", "Satuan Polisi Pamong Praja", Hukum, IlirTimurI, 140, ["POLPP"]),
    opd!("Damkar", "Dinas Pemadam Kebakaran dan Penyelamatan", Umum, IlirTimurI, 110, ["DAMKAR"]),
    opd!("Disdik", "Dinas Pendidikan", Pendidikan, IlirBaratI, 90, ["PENGAWAS-SEKOLAH"]),
    opd!("Dinkes", "Dinas Kesehatan", KesehatanMasyarakat, IlirTimurI, 80, ["ADMINKES", "EPIDEMIOLOG"]),
    opd!("Dinsos", "Dinas Sosial", Sosial, IlirTimurII, 50, ["PEKSOS"]),
    opd!("Dispar", "Dinas Pariwisata", Ekonomi, IlirTimurI, 40, ["PAMONG-BUDAYA"]),
    opd!("DPPPA", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", Sosial, IlirBaratI, 35, ["PEKSOS"]),
    opd!("Disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", Informatika, IlirTimurI, 90, ["ADMINDUK", "PRAKOM"]),
    opd!("DKPP", "Dinas Ketahanan Pangan dan Pertanian", Pertanian, Sukarami, 55, ["PENYULUH-PERTANIAN"]),
    opd!("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", TeknikSipil, IlirBaratII, 110, ["TEKNIK-JALAN"]),
    opd!("Dispora", "Dinas Pemuda dan Olahraga", Sosial, IlirBaratI, 35, ["PAMONG-BUDAYA"]),
    opd!("DLH", "Dinas Lingkungan Hidup dan Kebersihan", Lingkungan, IlirTimurII, 120, ["PLH"]),
    opd!("DAP", "Dinas Arsip dan Perpustakaan", Sosial, IlirBaratI, 45, ["ARSIPARIS", "PUSTAKAWAN"]),
    opd!("DPMK", "Dinas Pemberdayaan Masyarakat dan Kelurahan", Pemerintahan, IlirBaratI, 35, ["ANALIS-KEBIJAKAN"]),
    opd!("Dinas KB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", KesehatanMasyarakat, IlirBaratI, 70, ["PENYULUH-KB"]),
    opd!("RSUD Gandus", "RSUD Gandus", Kedokteran, Gandus, 40, ["ADMINKES"]),
    opd!("RSUD Palembang BARI", "RSUD Palembang BARI", Kedokteran, SeberangUluI, 60, ["ADMINKES", "PRAKOM"]),
    opd!("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", Pemerintahan, IlirBaratI, 50, ["ANALIS-KEBIJAKAN"]),
    opd!("Dishub", "Dinas Perhubungan", TeknikSipil, IlirTimurII, 110, ["TEKNIK-JALAN"]),
    opd!("Diskominfo", "Dinas Komunikasi dan Informatika", Informatika, IlirBaratI, 50, ["PRAKOM", "HUMAS"]),
    opd!("Disdag", "Dinas Perdagangan", Ekonomi, IlirTimurI, 60, ["ANALIS-PERDAGANGAN"]),
    opd!("Diskop UKM", "Dinas Koperasi dan Usaha Kecil Menengah", Ekonomi, IlirTimurI, 35, ["ANALIS-PERDAGANGAN"]),
    opd!("Disnaker", "Dinas Tenaga Kerja", Sosial, IlirTimurII, 35, ["PENGANTAR-KERJA"]),
    opd!("Disperin", "Dinas Perindustrian", Ekonomi, IlirTimurII, 30, ["ANALIS-PERDAGANGAN"]),
    opd!("Perkim", "Dinas Perumahan Rakyat dan Kawasan Permukiman", TeknikSipil, IlirBaratII, 55, ["TEKNIK-JALAN"]),
    opd!("Disbud", "Dinas Kebudayaan", Sosial, BukitKecil, 30, ["PAMONG-BUDAYA"]),
    opd!("Diskan", "Dinas Perikanan", Pertanian, Kertapati, 30, ["PENYULUH-PERTANIAN"]),
    opd!("Disperta", "Dinas Pertanahan", Hukum, IlirBaratI, 30, ["HUKUM"]),
    opd!("PSDA", "Dinas Pengelolaan Sumber Daya Air", TeknikSipil, IlirBaratII, 45, ["TEKNIK-JALAN"]),
    opd!("Distaman", "Dinas Pertamanan dan Pemakaman", Lingkungan, Kemuning, 60, ["PLH"]),
    opd!("BRIDA", "Badan Riset dan Inovasi Daerah", Pemerintahan, IlirBaratI, 25, ["PENELITI"]),
    opd!("Distaru", "Dinas Penataan Ruang", TeknikSipil, IlirBaratII, 35, ["TEKNIK-JALAN"]),
];

/// A JF family: id, name, field, accepted fields, keahlian (true) or keterampilan.
pub struct Family {
    /// Id.
    pub id: &'static str,
    /// Name.
    pub name: &'static str,
    /// Field.
    pub field: Field,
    /// Accepted majors (empty: any).
    pub accepted: &'static [Field],
    /// Keahlian (S1) or keterampilan (SMA/D-III).
    pub keahlian: bool,
}

macro_rules! fam {
    ($id:literal, $n:literal, $f:ident, [$($a:ident),*], $k:literal) => {
        Family { id: $id, name: $n, field: Field::$f, accepted: &[$(Field::$a),*], keahlian: $k }
    };
}

/// JF families used by the OPD.
#[rustfmt::skip]
pub const FAMILIES: &[Family] = &[
    fam!("ANALIS-KEBIJAKAN", "Analis Kebijakan", Pemerintahan, [Pemerintahan, Hukum, Ekonomi, Sosial], true),
    fam!("PBJ", "Pengelola Pengadaan Barang/Jasa", Ekonomi, [Ekonomi, Hukum, TeknikSipil, Pemerintahan], true),
    fam!("HUKUM", "Analis Hukum", Hukum, [Hukum], true),
    fam!("HUMAS", "Pranata Hubungan Masyarakat", Sosial, [Sosial, Pemerintahan], true),
    fam!("AUDITOR", "Auditor", Ekonomi, [Ekonomi, Hukum], true),
    fam!("PERENCANA", "Perencana", Pemerintahan, [Pemerintahan, Ekonomi, TeknikSipil], true),
    fam!("PENELITI", "Peneliti", Pemerintahan, [], true),
    fam!("ANALIS-KEU", "Analis Keuangan Pusat dan Daerah", Ekonomi, [Ekonomi], true),
    fam!("ANALIS-SDM", "Analis SDM Aparatur", Pemerintahan, [Pemerintahan, Hukum, Sosial, Ekonomi], true),
    fam!("PLH", "Pengendali Dampak Lingkungan", Lingkungan, [Lingkungan, TeknikSipil, KesehatanMasyarakat], true),
    fam!("POLPP", "Polisi Pamong Praja", Hukum, [], false),
    fam!("DAMKAR", "Analis Kebakaran", Umum, [], false),
    fam!("PENGAWAS-SEKOLAH", "Pengawas Sekolah", Pendidikan, [Pendidikan], true),
    fam!("ADMINKES", "Administrator Kesehatan", KesehatanMasyarakat, [KesehatanMasyarakat, Kedokteran, Keperawatan], true),
    fam!("EPIDEMIOLOG", "Epidemiolog Kesehatan", KesehatanMasyarakat, [KesehatanMasyarakat, Kedokteran], true),
    fam!("PEKSOS", "Pekerja Sosial", Sosial, [Sosial], true),
    fam!("PAMONG-BUDAYA", "Pamong Budaya", Sosial, [Sosial, Pendidikan], true),
    fam!("ADMINDUK", "Administrator Database Kependudukan", Informatika, [Informatika, Pemerintahan], true),
    fam!("PRAKOM", "Pranata Komputer", Informatika, [Informatika], true),
    fam!("PENYULUH-PERTANIAN", "Penyuluh Pertanian", Pertanian, [Pertanian], true),
    fam!("TEKNIK-JALAN", "Teknik Jalan dan Jembatan", TeknikSipil, [TeknikSipil], true),
    fam!("ARSIPARIS", "Arsiparis", Sosial, [], false),
    fam!("PUSTAKAWAN", "Pustakawan", Sosial, [Sosial, Pendidikan], true),
    fam!("PENYULUH-KB", "Penyuluh Keluarga Berencana", KesehatanMasyarakat, [KesehatanMasyarakat, Sosial], true),
    fam!("ANALIS-PERDAGANGAN", "Analis Perdagangan", Ekonomi, [Ekonomi], true),
    fam!("PENGANTAR-KERJA", "Pengantar Kerja", Sosial, [Sosial, Hukum, Pemerintahan], true),
];

/// Majors per field.
pub fn majors(f: Field) -> &'static [&'static str] {
    use Field::*;
    match f {
        Pendidikan => &[
            "Pendidikan Guru Sekolah Dasar",
            "Pendidikan Matematika",
            "Pendidikan Bahasa Indonesia",
            "Pendidikan Bahasa Inggris",
            "Pendidikan IPA",
            "Pendidikan Jasmani",
            "Pendidikan Agama Islam",
            "Bimbingan dan Konseling",
        ],
        Kedokteran => &["Pendidikan Dokter"],
        Keperawatan => &["Keperawatan", "Ilmu Keperawatan"],
        Kebidanan => &["Kebidanan"],
        KesehatanMasyarakat => &["Kesehatan Masyarakat", "Gizi", "Kesehatan Lingkungan"],
        Farmasi => &["Farmasi"],
        Ekonomi => &["Akuntansi", "Manajemen", "Ekonomi Pembangunan"],
        Hukum => &["Ilmu Hukum"],
        Pemerintahan => &[
            "Ilmu Pemerintahan",
            "Administrasi Negara",
            "Administrasi Publik",
            "Ilmu Politik",
        ],
        TeknikSipil => &["Teknik Sipil", "Arsitektur", "Perencanaan Wilayah dan Kota"],
        Informatika => &["Teknik Informatika", "Sistem Informasi"],
        Pertanian => &["Agribisnis", "Agroteknologi", "Peternakan"],
        Lingkungan => &["Teknik Lingkungan"],
        Sosial => &[
            "Kesejahteraan Sosial",
            "Psikologi",
            "Ilmu Komunikasi",
            "Sosiologi",
        ],
        Umum => &["IPA", "IPS", "Umum"],
    }
}

/// Academic title after the name for an S1 in a field.
pub fn degree(f: Field) -> &'static str {
    use Field::*;
    match f {
        Pendidikan => "S.Pd.",
        Kedokteran => "",
        Keperawatan => "S.Kep., Ns.",
        Kebidanan => "S.Tr.Keb.",
        KesehatanMasyarakat => "S.K.M.",
        Farmasi => "S.Farm., Apt.",
        Ekonomi => "S.E.",
        Hukum => "S.H.",
        Pemerintahan => "S.IP.",
        TeknikSipil | Lingkungan => "S.T.",
        Informatika => "S.Kom.",
        Pertanian => "S.P.",
        Sosial => "S.Sos.",
        Umum => "S.Sos.",
    }
}

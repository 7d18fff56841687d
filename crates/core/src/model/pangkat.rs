//! The pangkat as a decree writes it: a PNS's pangkat name with the golongan ruang
//! ("Penata Tingkat I, III/d"), a PPPK's golongan I–XVII ("PPPK golongan IX").
//! [`pangkat_label`] is the one label of every screen and document that shows a pangkat.

use super::{Employee, EmployeeStatus, Golongan};

/// The pangkat names of the PNS golongan ruang, I/a … IV/e in order: Lampiran I of Peraturan
/// Pemerintah Nomor 99 Tahun 2000 tentang Kenaikan Pangkat Pegawai Negeri Sipil (as amended by
/// PP 12/2002), the table BKN's SK templates print.
pub const PNS_PANGKAT: [&str; 17] = [
    "Juru Muda",
    "Juru Muda Tingkat I",
    "Juru",
    "Juru Tingkat I",
    "Pengatur Muda",
    "Pengatur Muda Tingkat I",
    "Pengatur",
    "Pengatur Tingkat I",
    "Penata Muda",
    "Penata Muda Tingkat I",
    "Penata",
    "Penata Tingkat I",
    "Pembina",
    "Pembina Tingkat I",
    "Pembina Utama Muda",
    "Pembina Utama Madya",
    "Pembina Utama",
];

/// PPPK golongan I … XVII (Peraturan Presiden Nomor 98 Tahun 2020 tentang Gaji dan Tunjangan
/// PPPK). A PPPK has no pangkat name; the model stores the PNS-equivalent grade, whose rank
/// (I/a = 1 … IV/e = 17) is the PPPK golongan (IX ≈ III/a, XIII ≈ IV/a).
const PPPK_GOLONGAN: [&str; 17] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII",
];

impl Golongan {
    /// The PNS pangkat name of this golongan ruang (PP 99/2000), e.g. "Penata Tingkat I" for III/d.
    pub fn pangkat_name(self) -> &'static str {
        PNS_PANGKAT[self.index() as usize]
    }

    /// The PPPK golongan (I … XVII) of this PNS-equivalent grade, e.g. "IX" for III/a.
    pub fn pppk_golongan(self) -> &'static str {
        PPPK_GOLONGAN[self.index() as usize]
    }
}

/// The pangkat of an ASN of `status` at `golongan` as a decree writes it: "Penata Tingkat I,
/// III/d" for a PNS or CPNS, "PPPK golongan IX" for a PPPK (no pangkat name).
pub fn pangkat_label(status: EmployeeStatus, golongan: Golongan) -> String {
    match status {
        EmployeeStatus::Pppk => format!("PPPK golongan {}", golongan.pppk_golongan()),
        EmployeeStatus::Pns | EmployeeStatus::Cpns => {
            format!("{}, {golongan}", golongan.pangkat_name())
        }
    }
}

impl Employee {
    /// The employee's pangkat as a decree writes it ([`pangkat_label`]).
    pub fn pangkat_label(&self) -> String {
        pangkat_label(self.status, self.pangkat.golongan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lampiran I of PP 99/2000, golongan ruang by golongan ruang.
    #[test]
    fn every_pns_golongan_has_the_pangkat_name_of_the_regulation() {
        let table = [
            ("I/a", "Juru Muda"),
            ("I/b", "Juru Muda Tingkat I"),
            ("I/c", "Juru"),
            ("I/d", "Juru Tingkat I"),
            ("II/a", "Pengatur Muda"),
            ("II/b", "Pengatur Muda Tingkat I"),
            ("II/c", "Pengatur"),
            ("II/d", "Pengatur Tingkat I"),
            ("III/a", "Penata Muda"),
            ("III/b", "Penata Muda Tingkat I"),
            ("III/c", "Penata"),
            ("III/d", "Penata Tingkat I"),
            ("IV/a", "Pembina"),
            ("IV/b", "Pembina Tingkat I"),
            ("IV/c", "Pembina Utama Muda"),
            ("IV/d", "Pembina Utama Madya"),
            ("IV/e", "Pembina Utama"),
        ];
        assert_eq!(table.len(), Golongan::all().count());
        for (g, name) in table {
            let g = Golongan::parse(g).unwrap();
            assert_eq!(g.pangkat_name(), name, "{g}");
            assert_eq!(
                pangkat_label(EmployeeStatus::Pns, g),
                format!("{name}, {g}")
            );
        }
        let g = Golongan::parse("III/d").unwrap();
        assert_eq!(
            pangkat_label(EmployeeStatus::Cpns, g),
            "Penata Tingkat I, III/d"
        );
    }

    #[test]
    fn a_pppk_shows_the_pppk_golongan_without_a_pangkat_name() {
        let cases = [
            ("I/a", "PPPK golongan I"),
            ("II/a", "PPPK golongan V"),
            ("II/c", "PPPK golongan VII"),
            ("III/a", "PPPK golongan IX"),
            ("III/d", "PPPK golongan XII"),
            ("IV/a", "PPPK golongan XIII"),
            ("IV/e", "PPPK golongan XVII"),
        ];
        for (g, want) in cases {
            let g = Golongan::parse(g).unwrap();
            assert_eq!(pangkat_label(EmployeeStatus::Pppk, g), want);
        }
        let all: Vec<&str> = Golongan::all().map(Golongan::pppk_golongan).collect();
        assert_eq!(all.len(), 17);
        assert_eq!((all[0], all[16]), ("I", "XVII"));
    }
}

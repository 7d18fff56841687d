//! The 18 kecamatan of Kota Palembang ([`Kecamatan`]) and the distance between them.
//!
//! Distances come from approximate centroid coordinates (data below, rounded to about 1 km),
//! measured as straight lines on an equirectangular projection; the Musi crossing adds a fixed
//! detour because only a few bridges join Seberang Ulu and Seberang Ilir.

use super::grade::{vocab, ParseVocabError};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

vocab!(
    /// A kecamatan of Kota Palembang.
    Kecamatan, "kecamatan", {
    /// Alang-Alang Lebar.
    AlangAlangLebar => "Alang-Alang Lebar",
    /// Bukit Kecil.
    BukitKecil => "Bukit Kecil",
    /// Gandus.
    Gandus => "Gandus",
    /// Ilir Barat I.
    IlirBaratI => "Ilir Barat I",
    /// Ilir Barat II.
    IlirBaratII => "Ilir Barat II",
    /// Ilir Timur I.
    IlirTimurI => "Ilir Timur I",
    /// Ilir Timur II.
    IlirTimurII => "Ilir Timur II",
    /// Ilir Timur III.
    IlirTimurIII => "Ilir Timur III",
    /// Jakabaring.
    Jakabaring => "Jakabaring",
    /// Kalidoni.
    Kalidoni => "Kalidoni",
    /// Kemuning.
    Kemuning => "Kemuning",
    /// Kertapati.
    Kertapati => "Kertapati",
    /// Plaju.
    Plaju => "Plaju",
    /// Sako.
    Sako => "Sako",
    /// Seberang Ulu I.
    SeberangUluI => "Seberang Ulu I",
    /// Seberang Ulu II.
    SeberangUluII => "Seberang Ulu II",
    /// Sematang Borang.
    SematangBorang => "Sematang Borang",
    /// Sukarami.
    Sukarami => "Sukarami",
});

/// Approximate centroid (latitude, longitude) per kecamatan, and whether it lies south of the
/// Musi (Seberang Ulu side). Order follows [`Kecamatan::ALL`].
const CENTROIDS: [(f32, f32, bool); 18] = [
    (-2.930, 104.690, false), // Alang-Alang Lebar
    (-2.988, 104.750, false), // Bukit Kecil
    (-3.000, 104.690, false), // Gandus
    (-2.970, 104.730, false), // Ilir Barat I
    (-2.992, 104.738, false), // Ilir Barat II
    (-2.975, 104.752, false), // Ilir Timur I
    (-2.966, 104.785, false), // Ilir Timur II
    (-2.955, 104.770, false), // Ilir Timur III
    (-3.020, 104.790, true),  // Jakabaring
    (-2.950, 104.805, false), // Kalidoni
    (-2.958, 104.752, false), // Kemuning
    (-3.030, 104.735, true),  // Kertapati
    (-3.005, 104.815, true),  // Plaju
    (-2.930, 104.790, false), // Sako
    (-3.010, 104.770, true),  // Seberang Ulu I
    (-3.002, 104.795, true),  // Seberang Ulu II
    (-2.915, 104.825, false), // Sematang Borang
    (-2.915, 104.725, false), // Sukarami
];

/// Extra kilometres for crossing the Musi.
const RIVER_DETOUR_KM: f32 = 3.0;

impl Kecamatan {
    /// Index 0..18 in [`Kecamatan::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// Approximate road distance in km between two kecamatan (0 within one kecamatan).
    pub fn distance_km(self, other: Kecamatan) -> f32 {
        if self == other {
            return 0.0;
        }
        let (a, b) = (CENTROIDS[self.index()], CENTROIDS[other.index()]);
        let dy = (a.0 - b.0) * 111.0;
        let dx = (a.1 - b.1) * 111.0 * 0.9986; // cos(3°)
        let straight = (dx * dx + dy * dy).sqrt();
        // Roads are about 1.3× the straight line; crossing the river costs a detour.
        let river = if a.2 != b.2 { RIVER_DETOUR_KM } else { 0.0 };
        straight * 1.3 + river
    }

    /// Kecamatan sharing a border-ish neighbourhood (within 6 km).
    pub fn neighbours(self) -> impl Iterator<Item = Kecamatan> {
        Kecamatan::ALL
            .iter()
            .copied()
            .filter(move |k| *k != self && self.distance_km(*k) <= 6.0)
    }
}

/// The full 18 × 18 distance table, computed once by callers that score many pairs.
pub fn distance_table() -> [[f32; 18]; 18] {
    let mut t = [[0.0; 18]; 18];
    for a in Kecamatan::ALL {
        for b in Kecamatan::ALL {
            t[a.index()][b.index()] = a.distance_km(*b);
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eighteen_kecamatan_with_symmetric_distances() {
        assert_eq!(Kecamatan::ALL.len(), 18);
        let t = distance_table();
        for (a, row) in t.iter().enumerate() {
            assert_eq!(row[a], 0.0);
            for (b, d) in row.iter().enumerate() {
                assert_eq!(*d, t[b][a]);
                assert!(*d < 40.0);
            }
        }
        assert!(
            Kecamatan::IlirTimurI.distance_km(Kecamatan::Kemuning)
                < Kecamatan::IlirTimurI.distance_km(Kecamatan::Plaju)
        );
        assert!(Kecamatan::Kemuning.neighbours().count() > 0);
    }
}

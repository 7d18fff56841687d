//! Loading and validating a [`RuleSet`] from JSON or TOML text.

use super::RuleSet;

/// A configuration that could not be read or is inconsistent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleSetError {
    /// The text is not valid JSON/TOML for a rule set (unknown key, wrong type…).
    #[error("konfigurasi aturan tidak dapat dibaca / cannot read rule configuration: {0}")]
    Parse(String),
    /// A value is out of range or inconsistent with another.
    #[error("konfigurasi aturan tidak valid: {field}: {reason} / invalid rule configuration")]
    Invalid {
        /// The offending field.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

fn invalid(field: &'static str, reason: impl Into<String>) -> RuleSetError {
    RuleSetError::Invalid {
        field,
        reason: reason.into(),
    }
}

impl RuleSet {
    /// Parses a (possibly partial) JSON configuration and validates it.
    pub fn from_json(text: &str) -> Result<Self, RuleSetError> {
        let r: RuleSet =
            serde_json::from_str(text).map_err(|e| RuleSetError::Parse(e.to_string()))?;
        r.validate()?;
        Ok(r)
    }

    /// Parses a (possibly partial) TOML configuration and validates it.
    pub fn from_toml(text: &str) -> Result<Self, RuleSetError> {
        let r: RuleSet = toml::from_str(text).map_err(|e| RuleSetError::Parse(e.to_string()))?;
        r.validate()?;
        Ok(r)
    }

    /// The rule set as TOML text.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    /// Checks ranges and consistency.
    pub fn validate(&self) -> Result<(), RuleSetError> {
        if self.tenure_min_years > self.tenure_max_years {
            return Err(invalid(
                "tenure_min_years",
                "lebih besar dari tenure_max_years / greater than tenure_max_years",
            ));
        }
        for (k, age) in self.bup.iter() {
            if !(40..=70).contains(&age) {
                return Err(invalid(
                    "bup",
                    format!("{k}: {age} di luar 40-70 / outside 40-70"),
                ));
            }
        }
        for b in &self.bup_profession {
            if !(40..=70).contains(&b.age) {
                return Err(invalid(
                    "bup_profession",
                    format!("{}: {} di luar 40-70 / outside 40-70", b.profession, b.age),
                ));
            }
        }
        self.validate_schools()?;
        let pct = |v: f64| (0.0..=100.0).contains(&v);
        if !pct(self.jpm_memenuhi)
            || !pct(self.jpm_masih_memenuhi)
            || self.jpm_masih_memenuhi > self.jpm_memenuhi
        {
            return Err(invalid(
                "jpm_masih_memenuhi",
                "harus 0 ≤ masih ≤ memenuhi ≤ 100 / must be 0 ≤ masih ≤ memenuhi ≤ 100",
            ));
        }
        for (k, v) in self.jpm_technical_pct.iter() {
            if !pct(v) {
                return Err(invalid(
                    "jpm_technical_pct",
                    format!("{k}: {v} di luar 0-100 / outside 0-100"),
                ));
            }
        }
        for (k, v) in self.competency_level.iter() {
            if !(1..=5).contains(&v) {
                return Err(invalid(
                    "competency_level",
                    format!("{k}: {v} di luar 1-5 / outside 1-5"),
                ));
            }
        }
        for r in &self.eselon_golongan {
            if r.min > r.max {
                return Err(invalid(
                    "eselon_golongan",
                    format!("{}: {} > {}", r.eselon, r.min, r.max),
                ));
            }
        }
        for (k, r) in self.kind_golongan.iter() {
            if r.min > r.max {
                return Err(invalid(
                    "kind_golongan",
                    format!("{k}: {} > {}", r.min, r.max),
                ));
            }
        }
        let f = &self.fit;
        let weights = f.components();
        if weights.iter().any(|w| !w.is_finite() || *w < 0.0) || weights.iter().sum::<f64>() <= 0.0
        {
            return Err(invalid(
                "fit",
                "bobot harus ≥ 0 dan tidak semuanya 0 / weights must be ≥ 0 and not all 0",
            ));
        }
        if f.experience_full_years <= 0.0
            || f.distance_zero_km <= 0.0
            || !pct(f.related_major_score)
        {
            return Err(invalid(
                "fit",
                "skala harus positif / scales must be positive",
            ));
        }
        let p = &self.predikat_score;
        if ![
            p.sangat_baik,
            p.baik,
            p.butuh_perbaikan,
            p.kurang,
            p.sangat_kurang,
        ]
        .into_iter()
        .all(pct)
        {
            return Err(invalid(
                "predikat_score",
                "nilai harus 0-100 / scores must be 0-100",
            ));
        }
        self.validate_nine_box()?;
        if self.submission_months.iter().any(|m| !(1..=12).contains(m)) {
            return Err(invalid(
                "submission_months",
                "bulan harus 1-12 / months must be 1-12",
            ));
        }
        let pattern = &self.sk.number_pattern;
        if !pattern.contains("NNN") || !pattern.contains("YYYY") || pattern.chars().count() > 100 {
            return Err(invalid(
                "sk.number_pattern",
                "pola nomor SK harus memuat NNN dan YYYY / the SK number pattern needs NNN and YYYY",
            ));
        }
        let sk = &self.sk;
        if sk.signer.jabatan.trim().is_empty() {
            return Err(invalid(
                "sk.signer.jabatan",
                "jabatan pejabat penanda tangan SK wajib diisi / the SK signer's jabatan is required",
            ));
        }
        if sk.title.trim().is_empty() || sk.principal.title.trim().is_empty() {
            return Err(invalid(
                "sk.title",
                "judul SK wajib diisi / an SK title is required",
            ));
        }
        if sk.tembusan.iter().any(|t| t.trim().is_empty()) {
            return Err(invalid(
                "sk.tembusan",
                "baris tembusan tidak boleh kosong / a tembusan line may not be empty",
            ));
        }
        let b = self.abk_class_bounds;
        if !(b[0] >= b[1] && b[1] >= b[2] && b[2] >= b[3] && b[3] >= 0.0) {
            return Err(invalid(
                "abk_class_bounds",
                "harus menurun A ≥ B ≥ C ≥ D ≥ 0 / must decrease",
            ));
        }
        if self.abk_effective_hours <= 0.0 {
            return Err(invalid(
                "abk_effective_hours",
                "harus positif / must be positive",
            ));
        }
        if !(1..=crate::workflow::MAX_NOTES_CHARS).contains(&self.reason_min_chars) {
            return Err(invalid(
                "reason_min_chars",
                format!(
                    "harus 1-{0} / must be 1-{0}",
                    crate::workflow::MAX_NOTES_CHARS
                ),
            ));
        }
        if self.candidates_top_k == 0 {
            return Err(invalid("candidates_top_k", "minimal 1 / at least 1"));
        }
        if let Some(reason) = self.evaluation.problem() {
            return Err(invalid("evaluation", reason));
        }
        Ok(())
    }

    /// The 9-box tables (docs/TALENT.md): scores 0–100, weights ≥ 0 and not all 0, and kinerja
    /// cut-offs that keep each SKP predikat in its row of PermenPANRB 6/2022.
    fn validate_nine_box(&self) -> Result<(), RuleSetError> {
        let n = &self.nine_box;
        let pct = |v: f64| (0.0..=100.0).contains(&v);
        let weights = |field: &'static str, w: &[f64]| {
            if w.iter().all(|w| w.is_finite() && *w >= 0.0) && w.iter().sum::<f64>() > 0.0 {
                Ok(())
            } else {
                Err(invalid(
                    field,
                    "bobot harus ≥ 0 dan tidak semuanya 0 / weights must be ≥ 0 and not all 0",
                ))
            }
        };
        weights(
            "nine_box.potensi_competence",
            &[
                n.potensi_competence,
                n.potensi_potential,
                n.potensi_qualification,
                n.potensi_integrity,
            ],
        )?;
        weights(
            "nine_box.final_kinerja",
            &[n.final_kinerja, n.final_potensi],
        )?;
        if n.skp_years == 0 || n.skp_within_years < n.skp_years {
            return Err(invalid(
                "nine_box.skp_years",
                "minimal 1 dan tidak melebihi skp_within_years / at least 1 and at most \
                 skp_within_years",
            ));
        }
        let bad_table = |field: &'static str, v: &[f64]| {
            if v.iter().all(|v| pct(*v)) {
                Ok(())
            } else {
                Err(invalid(field, "nilai harus 0-100 / scores must be 0-100"))
            }
        };
        bad_table("nine_box.education_score", &n.education_score.all())?;
        let i = &n.integrity_score;
        bad_table(
            "nine_box.integrity_score",
            &[i.none, i.ringan, i.sedang, i.berat],
        )?;
        bad_table(
            "nine_box.award_points",
            &[
                n.award_points,
                n.award_max,
                n.diklat_bonus,
                n.default_potential,
            ],
        )?;
        let [low, high] = n.potensi_cuts;
        if !(pct(low) && pct(high) && low <= high) {
            return Err(invalid(
                "nine_box.potensi_cuts",
                "batas harus 0-100 dan naik / cut-offs must be 0-100 and increase",
            ));
        }
        let [low, high] = n.kinerja_cuts;
        let p = &self.predikat_score;
        let below = [
            ("Butuh Perbaikan", p.butuh_perbaikan),
            ("Kurang", p.kurang),
            ("Sangat Kurang", p.sangat_kurang),
        ];
        let misplaced = if p.sangat_baik < high {
            Some((
                "Sangat Baik",
                p.sangat_baik,
                "di atas ekspektasi / above expectation",
            ))
        } else if !(low <= p.baik && p.baik < high) {
            Some(("Baik", p.baik, "sesuai ekspektasi / as expected"))
        } else {
            below
                .into_iter()
                .find(|(_, v)| *v >= low)
                .map(|(name, v)| (name, v, "di bawah ekspektasi / below expectation"))
        };
        if let Some((name, v, row)) = misplaced {
            return Err(invalid(
                "nine_box.kinerja_cuts",
                format!(
                    "batas {low}/{high} menaruh predikat {name} (nilai {v}) di luar baris \
                     {row} menurut PermenPANRB 6/2022 / the cut-offs put {name} outside its row"
                ),
            ));
        }
        Ok(())
    }

    fn validate_schools(&self) -> Result<(), RuleSetError> {
        let s = &self.schools;
        if s.period_years == 0 || self.kepala_sekolah_max_periods == 0 {
            return Err(invalid(
                "schools.period_years",
                "periode dan jumlah periode minimal 1 / a period and the number of periods must be at least 1",
            ));
        }
        if s.periods_without_training > self.kepala_sekolah_max_periods
            || s.periods_same_school == 0
        {
            return Err(invalid(
                "schools.periods_without_training",
                "tidak boleh melebihi kepala_sekolah_max_periods; periods_same_school minimal 1 / \
                 may not exceed kepala_sekolah_max_periods; periods_same_school at least 1",
            ));
        }
        if !(40..=70).contains(&s.candidate_max_age) {
            return Err(invalid(
                "schools.candidate_max_age",
                "di luar 40-70 / outside 40-70",
            ));
        }
        if s.tpg_min_hours == 0 || s.tpg_min_hours > s.max_hours {
            return Err(invalid(
                "schools.tpg_min_hours",
                "harus 1 ≤ tpg_min_hours ≤ max_hours / must be 1 ≤ tpg_min_hours ≤ max_hours",
            ));
        }
        let bad_hours = s
            .curriculum
            .iter()
            .any(|c| !c.hours.is_finite() || c.hours < 0.0 || c.hours > s.max_hours as f64);
        if bad_hours
            || !s.class_teachers_per_rombel.is_finite()
            || s.class_teachers_per_rombel < 0.0
            || s.pupils_per_counsellor == 0
            || s.rombel_size.iter().any(|r| r.pupils == 0)
        {
            return Err(invalid(
                "schools.curriculum",
                "jam pelajaran 0-max_hours, ukuran rombel dan rasio BK positif / hours 0-max_hours, \
                 positive rombel size and counsellor ratio",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_toml_file_equals_default() {
        let shipped = RuleSet::from_toml(include_str!("../../rules/default.toml")).unwrap();
        assert_eq!(shipped, RuleSet::default());
    }

    #[test]
    fn json_and_toml_round_trip() {
        let d = RuleSet::default();
        assert_eq!(RuleSet::from_toml(&d.to_toml()).unwrap(), d);
        assert_eq!(
            RuleSet::from_json(&serde_json::to_string(&d).unwrap()).unwrap(),
            d
        );
    }

    #[test]
    fn partial_config_keeps_defaults() {
        let r = RuleSet::from_toml("tenure_min_years = 3\n[fit]\njpm = 50.0\n").unwrap();
        assert_eq!(r.tenure_min_years, 3);
        assert_eq!(r.fit.jpm, 50.0);
        assert_eq!(r.fit.major, 15.0);
        assert_eq!(r.tenure_max_years, 5);
    }

    #[test]
    fn a_rule_set_stored_before_the_skp_scale_reads_as_the_default_nine_box() {
        // As a server or a device stored it: 60% SKP + 40% awards, cut-offs 70/85.
        let stored = r#"{"tenure_min_years": 3, "nine_box": {"kinerja_skp": 60.0,
            "kinerja_awards": 40.0, "award_points": 25.0, "potensi_competence": 40.0,
            "kinerja_cuts": [70.0, 85.0], "potensi_cuts": [60.0, 80.0]}}"#;
        let r: RuleSet = serde_json::from_str(stored).unwrap();
        assert_eq!((r.tenure_min_years, r.nine_box), (3, Default::default()));
        assert!(!serde_json::to_string(&r).unwrap().contains("kinerja_skp"));
        // A current one keeps its values.
        let r = RuleSet::from_json(r#"{"nine_box": {"kinerja_cuts": [70.0, 85.0]}}"#).unwrap();
        assert_eq!(r.nine_box.kinerja_cuts, [70.0, 85.0]);
    }

    fn check_bad(text: &str, needle: &str) {
        let err = RuleSet::from_json(text).unwrap_err().to_string();
        assert!(err.contains(needle), "{err}");
    }

    #[test]
    fn bad_configs_are_refused_with_a_clear_error() {
        check_bad(r#"{"tenure_min_years": 6}"#, "tenure_min_years");
        check_bad(r#"{"tenure_minimum": 2}"#, "tenure_minimum");
        check_bad(r#"{"jpm_memenuhi": 60}"#, "jpm_masih_memenuhi");
        check_bad(r#"{"submission_months": [13]}"#, "submission_months");
        check_bad(r#"{"fit": {"jpm": -1}}"#, "fit");
        check_bad(
            r#"{"election_freeze": [{"start": "2024-05-01", "end": "2024-01-01"}]}"#,
            "period",
        );
        check_bad(
            r#"{"eselon_golongan": [{"eselon": "II.a", "min": "IV/x", "max": "IV/d"}]}"#,
            "golongan",
        );
        check_bad(r#"{"candidates_top_k": 0}"#, "candidates_top_k");
        check_bad(
            r#"{"nine_box": {"education_score": {"s2": 120}}}"#,
            "nine_box.education_score",
        );
        check_bad(
            r#"{"nine_box": {"integrity_score": {"ringan": -5}}}"#,
            "nine_box.integrity_score",
        );
        check_bad(r#"{"nine_box": {"education_score": {"s4": 1}}}"#, "s4");
        check_bad(
            r#"{"nine_box": {"kinerja_cuts": [85, 95]}}"#,
            "nine_box.kinerja_cuts",
        );
        check_bad(r#"{"nine_box": {"kinerja_cuts": [85, 95]}}"#, "Baik");
        check_bad(
            r#"{"predikat_score": {"butuh_perbaikan": 70}}"#,
            "Butuh Perbaikan",
        );
        check_bad(
            r#"{"nine_box": {"final_kinerja": 0, "final_potensi": 0}}"#,
            "nine_box.final_kinerja",
        );
        check_bad(r#"{"nine_box": {"skp_years": 0}}"#, "nine_box.skp_years");
        check_bad(
            r#"{"nine_box": {"potensi_cuts": [80, 60]}}"#,
            "nine_box.potensi_cuts",
        );
        check_bad(r#"{"evaluation": {"confidence": 1.5}}"#, "evaluation");
        check_bad(r#"{"evaluation": {"bootstrap_draws": 5}}"#, "evaluation");
        check_bad(r#"{"evaluation": {"min_treated_units": 1}}"#, "evaluation");
        check_bad(
            r#"{"evaluation": {"new_staff_share": 0}}"#,
            "new_staff_share",
        );
        check_bad(
            r#"{"evaluation": {"new_staff_share": 1.5}}"#,
            "new_staff_share",
        );
        check_bad(r#"{"evaluation": {"comparison": "everyone"}}"#, "everyone");
        check_bad(r#"{"reason_min_chars": 0}"#, "reason_min_chars");
        check_bad(
            r#"{"sk": {"number_pattern": "821.2/BKPSDM/2027"}}"#,
            "sk.number_pattern",
        );
        check_bad(r#"{"sk": {"nomor": "x"}}"#, "nomor");
        check_bad(
            r#"{"sk": {"signer": {"jabatan": " "}}}"#,
            "sk.signer.jabatan",
        );
        check_bad(r#"{"sk": {"signer": {"nip": "123"}}}"#, "NIP");
        check_bad(r#"{"sk": {"tembusan": ["Inspektur", ""]}}"#, "sk.tembusan");
        check_bad(r#"{"sk": {"principal": {"title": ""}}}"#, "sk.title");
        check_bad(
            r#"{"schools": {"period_years": 0}}"#,
            "schools.period_years",
        );
        check_bad(
            r#"{"schools": {"tpg_min_hours": 41}}"#,
            "schools.tpg_min_hours",
        );
        check_bad(
            r#"{"schools": {"periods_without_training": 3}}"#,
            "schools.periods_without_training",
        );
        check_bad(
            r#"{"bup_profession": [{"profession": "Guru", "age": 90, "source": "x"}]}"#,
            "bup_profession",
        );
        check_bad(
            r#"{"schools": {"curriculum": [{"subject": {"level": "SMP", "mapel": "IPA"}, "hours": 50}]}}"#,
            "schools.curriculum",
        );
    }
}

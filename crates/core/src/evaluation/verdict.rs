//! The plain answer to "did it help?" ([`verdict`]): better or worse only when the interval
//! leaves 0 out **and** the pre-trend check passes; otherwise no clear change, trends that
//! already differed, or not enough data.

use super::estimate::{Outcome, PreTrend, Shortfall, Subject};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// Which way an outcome improves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Higher is better (literacy, satisfaction index).
    HigherIsBetter,
    /// Lower is better (complaints, service time).
    LowerIsBetter,
}

/// The answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// No number: a minimum sample size is not met.
    NotEnoughData(Shortfall),
    /// Treated and comparison units already moved apart before the change.
    TrendsDiffer,
    /// Better than the comparison group, beyond chance.
    Better,
    /// Worse than the comparison group, beyond chance.
    Worse,
    /// The difference is within chance.
    NoClearChange,
}

/// The verdict of an evaluation for an outcome that improves in `direction`.
pub fn verdict(outcome: &Outcome, direction: Direction) -> Verdict {
    let e = match outcome {
        Outcome::NotEnoughData { reason } => return Verdict::NotEnoughData(*reason),
        Outcome::Estimated(e) => e,
    };
    if matches!(e.pre_trend, PreTrend::Diverging { .. }) {
        return Verdict::TrendsDiffer;
    }
    if !e.overall.excludes_zero() {
        return Verdict::NoClearChange;
    }
    let up = e.overall.estimate > 0.0;
    if up == (direction == Direction::HigherIsBetter) {
        Verdict::Better
    } else {
        Verdict::Worse
    }
}

impl Verdict {
    /// A stable name for the answer (the screens' `data-verdict`).
    pub fn code(&self) -> &'static str {
        match self {
            Self::NotEnoughData(_) => "not_enough_data",
            Self::TrendsDiffer => "trends_differ",
            Self::Better => "better",
            Self::Worse => "worse",
            Self::NoClearChange => "no_clear_change",
        }
    }

    /// The answer in plain words.
    pub fn text(&self) -> Text {
        self.text_about(Subject::Units)
    }

    /// The answer in plain words, naming what the compared units are when there is not enough
    /// of them.
    pub fn text_about(&self, subject: Subject) -> Text {
        match self {
            Self::NotEnoughData(s) => s.text_about(subject),
            Self::TrendsDiffer => Text::new(
                "Tidak dapat disimpulkan: sebelum perubahan, kedua kelompok sudah bergerak berbeda",
                "Cannot tell: the two groups already moved apart before the change",
            ),
            Self::Better => Text::new(
                "Ya: hasilnya membaik dibanding kelompok pembanding",
                "Yes: results improved compared with the comparison group",
            ),
            Self::Worse => Text::new(
                "Tidak: hasilnya memburuk dibanding kelompok pembanding",
                "No: results worsened compared with the comparison group",
            ),
            Self::NoClearChange => Text::new(
                "Belum terlihat: selisih dengan kelompok pembanding masih dalam batas kebetulan",
                "Not shown: the difference from the comparison group is within chance",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_has_its_own_code() {
        let all = [
            Verdict::NotEnoughData(Shortfall::TreatedUnits { have: 1, need: 10 }),
            Verdict::TrendsDiffer,
            Verdict::Better,
            Verdict::Worse,
            Verdict::NoClearChange,
        ];
        let codes: std::collections::BTreeSet<&str> = all.iter().map(Verdict::code).collect();
        assert_eq!(codes.len(), all.len());
        assert_eq!(Verdict::Better.code(), "better");
    }

    #[test]
    fn not_enough_data_names_what_is_compared() {
        let few = Verdict::NotEnoughData(Shortfall::ComparisonUnits { have: 0, need: 10 });
        assert_eq!(
            few.text().id,
            "belum cukup data: 0 unit pembanding, minimal 10"
        );
        let people = few.text_about(Subject::People);
        assert_eq!(
            people.id,
            "belum cukup data: 0 pegawai pembanding, minimal 10"
        );
        assert_eq!(
            people.en,
            "not enough data: 0 comparison employees, at least 10 needed"
        );
        let moved = Verdict::NotEnoughData(Shortfall::TreatedUnits { have: 3, need: 10 });
        assert_eq!(
            moved.text_about(Subject::People).id,
            "belum cukup data: 3 pegawai yang dimutasi, minimal 10"
        );
    }
}

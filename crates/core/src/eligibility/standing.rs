//! One verdict per (employee, post): [`Standing`] and [`Summary`], read from [`Verdicts`] by
//! [`Verdicts::summary`]. Every screen that says whether a move is possible (Karier Saya, the
//! employee's request form, Kandidat, the plan's moves) shows this summary, so the employee sees
//! the same answer everywhere, and what they still need, and by when.

use super::verdict::{Outcome, RuleId, Severity, Verdicts};
use crate::text::{fmt_date, Text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether a move can go ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Standing {
    /// No rule fails.
    Open,
    /// No hard rule fails, but a soft one does: the move needs a written reason (an override).
    NeedsReason,
    /// A hard rule fails: the move cannot be made.
    Blocked,
}

impl Standing {
    /// The word shown for it.
    pub fn label(self) -> Text {
        match self {
            Standing::Open => Text::new("Boleh", "Allowed"),
            Standing::NeedsReason => Text::new(
                "Boleh dengan alasan tertulis",
                "Allowed with a written reason",
            ),
            Standing::Blocked => Text::new("Belum boleh", "Not allowed yet"),
        }
    }
    /// A short token for styling and tests (`open`, `needs-reason`, `blocked`).
    pub fn token(self) -> &'static str {
        match self {
            Standing::Open => "open",
            Standing::NeedsReason => "needs-reason",
            Standing::Blocked => "blocked",
        }
    }
}

/// One thing still missing for the move.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Need {
    /// The rule that fails.
    pub rule: RuleId,
    /// A hard rule (no written reason can lift it).
    pub hard: bool,
    /// Why, with the numbers.
    pub reason: Text,
    /// The earliest date it is met by itself (time passing), or None when it depends on an
    /// action (training, a certificate, a written reason).
    pub by: Option<NaiveDate>,
}

impl Need {
    /// The reason with when it is met: "… — terpenuhi paling cepat 01-06-2027".
    pub fn text(&self) -> Text {
        match self.by {
            Some(d) => Text::new(
                format!(
                    "{} — terpenuhi paling cepat {}",
                    self.reason.id,
                    fmt_date(d)
                ),
                format!("{} — met on {} at the earliest", self.reason.en, d),
            ),
            None => self.reason.clone(),
        }
    }
}

/// The one verdict of a move, as every screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Whether it can go ahead.
    pub standing: Standing,
    /// What is still missing: failing hard rules first, then failing soft rules.
    pub needs: Vec<Need>,
    /// Rules that pass with something to know (e.g. retirement within a year).
    pub warnings: Vec<Text>,
    /// The earliest date from which the move is at least [`Standing::NeedsReason`] (every hard
    /// failure has a date), when it is blocked now.
    pub allowed_from: Option<NaiveDate>,
}

impl Summary {
    /// Every line a reviewer should read: the needs (with their dates), then the warnings.
    pub fn concerns(&self) -> Vec<Text> {
        self.needs
            .iter()
            .map(Need::text)
            .chain(self.warnings.iter().cloned())
            .collect()
    }
}

impl Verdicts {
    /// The one verdict of the move: [`Standing`], what is missing and by when, the warnings.
    pub fn summary(&self) -> Summary {
        let failing = |sev: Severity| {
            self.items
                .iter()
                .filter(move |v| v.severity == sev && v.outcome == Outcome::Fail)
                .map(|v| Need {
                    rule: v.rule,
                    hard: v.severity == Severity::Hard,
                    reason: v.reason.clone(),
                    by: v.unblocked_on,
                })
        };
        let needs: Vec<Need> = failing(Severity::Hard)
            .chain(failing(Severity::Soft))
            .collect();
        let standing = if needs.iter().any(|n| n.hard) {
            Standing::Blocked
        } else if needs.is_empty() {
            Standing::Open
        } else {
            Standing::NeedsReason
        };
        let warnings = self
            .items
            .iter()
            .filter(|v| v.outcome == Outcome::Warning)
            .map(|v| v.reason.clone())
            .collect();
        Summary {
            standing,
            allowed_from: if standing == Standing::Blocked {
                self.unblocked_on()
            } else {
                None
            },
            needs,
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eligibility::Verdict;

    fn v(rule: RuleId, outcome: Outcome, by: Option<NaiveDate>) -> Verdict {
        Verdict {
            rule,
            severity: rule.severity(),
            outcome,
            regulation: String::new(),
            reason: Text::same(format!("{rule:?}")),
            unblocked_on: by,
        }
    }
    fn d(y: i32, m: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, 1).unwrap()
    }
    fn soft_rule() -> RuleId {
        *RuleId::ALL
            .iter()
            .find(|r| !r.is_hard())
            .expect("a soft rule")
    }

    #[test]
    fn the_standing_follows_the_worst_failure_and_lists_what_is_missing() {
        let soft = soft_rule();
        let none = Verdicts {
            stay: false,
            items: vec![v(RuleId::MinTenure, Outcome::Pass, None)],
        };
        assert_eq!(none.summary().standing, Standing::Open);
        assert!(none.summary().needs.is_empty());

        let reason = Verdicts {
            stay: false,
            items: vec![
                v(RuleId::MinTenure, Outcome::Pass, None),
                v(soft, Outcome::Fail, None),
                v(RuleId::Retirement, Outcome::Warning, None),
            ],
        };
        let s = reason.summary();
        assert_eq!(s.standing, Standing::NeedsReason);
        assert_eq!(s.needs.len(), 1);
        assert!(!s.needs[0].hard);
        assert_eq!(s.warnings.len(), 1);
        assert_eq!(s.concerns().len(), 2);
        assert_eq!(s.allowed_from, None);

        let blocked = Verdicts {
            stay: false,
            items: vec![
                v(soft, Outcome::Fail, None),
                v(RuleId::MinTenure, Outcome::Fail, Some(d(2027, 6))),
            ],
        };
        let s = blocked.summary();
        assert_eq!(s.standing, Standing::Blocked);
        // Hard needs first, with their dates in the text.
        assert_eq!(s.needs[0].rule, RuleId::MinTenure);
        assert!(s.needs[0]
            .text()
            .id
            .ends_with("terpenuhi paling cepat 01-06-2027"));
        assert_eq!(s.allowed_from, Some(d(2027, 6)));
        assert_eq!(Standing::Blocked.label().id, "Belum boleh");
    }
}

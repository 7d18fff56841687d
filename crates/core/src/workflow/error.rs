//! [`StepError`]: why an op is refused, as a value until the edge. The server turns it into an
//! HTTP answer by its [`Refusal`] class (403, 404, 422 `invalid_op`, 422 `rule_violation`), the
//! app shows its [`StepError::text`] in the reader's language.

use chrono::NaiveDate;

use super::{Desk, Step};
use crate::eligibility::Verdict;
use crate::model::{Nip, SlotId, UnitId};
use crate::text::{fmt_count, fmt_date, Text};
use crate::wire::sync::ProposalStatus;

/// How a refusal is answered: who may not, what is not there, what is not possible, what the
/// rules forbid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Refusal {
    /// The actor's role, scope or account does not allow it (HTTP 403 `forbidden`).
    Forbidden,
    /// It names something that does not exist or that the actor may not see (404 `not_found`).
    Unknown,
    /// Not possible as it is: the status, the notes, the date, the inputs (422 `invalid_op`).
    Invalid,
    /// The move breaks a hard rule, or a soft rule without an override (422 `rule_violation`).
    Rules,
}

/// Why an op cannot be taken.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.text())]
pub enum StepError {
    /// Preferences are the employee's own.
    NotOwnPreferences,
    /// The actor does not sit at the step's desk.
    DeskOnly(Desk),
    /// A planner filed an own request, which only the employee's account may file.
    OwnRequestFromEmployeeOnly,
    /// An employee acts on someone else's move, or on a proposal that is not their own request.
    OwnMoveOnly,
    /// The employee or the target post is outside the planner's scope.
    OutOfScope,
    /// The PPK decision by the account that recorded the Baperjakat review.
    FourEyes,
    /// No such proposal (or one the actor may not see).
    UnknownProposal(String),
    /// No such employee.
    UnknownEmployee(Nip),
    /// No such slot.
    UnknownSlot(SlotId),
    /// No such unit (in preferences).
    UnknownUnit(UnitId),
    /// A new proposal under an id that exists already.
    ProposalExists,
    /// A new proposal whose id is not a UUID.
    ProposalIdNotUuid,
    /// More preferences than an employee may state.
    TooManyPreferences,
    /// A reason or notes longer than [`super::MAX_NOTES_CHARS`].
    NotesTooLong {
        /// Characters given.
        chars: usize,
    },
    /// The step does not apply to the proposal's status (None: it does not exist yet).
    WrongStatus {
        /// The step.
        step: Step,
        /// The status now.
        from: Option<ProposalStatus>,
    },
    /// A draft or revision without a reason of the configured length.
    ReasonTooShort {
        /// The shortest reason accepted ([`crate::RuleSet::reason_min_chars`]).
        min: usize,
    },
    /// A step that must state why (review, decision, stop, return) without notes of the
    /// configured length.
    NotesTooShort {
        /// The shortest notes accepted ([`crate::RuleSet::reason_min_chars`]).
        min: usize,
    },
    /// A submission outside the submission months.
    OutsideWindow {
        /// The day of the submission.
        today: NaiveDate,
        /// The months open ([`crate::RuleSet::submission_months`]).
        months: Vec<u8>,
        /// The first day of the next open month.
        next: NaiveDate,
    },
    /// The rules refuse the move (the failing verdicts).
    Rules(Vec<Verdict>),
    /// An SK number that is empty or longer than [`super::MAX_SK_NUMBER_CHARS`].
    SkNumber,
    /// An inauguration dated before its SK.
    BeforeSk {
        /// The inauguration date.
        on: NaiveDate,
        /// The SK's date.
        sk: NaiveDate,
    },
    /// The target post is still held definitively by someone else.
    HeldByOther {
        /// The post.
        slot: SlotId,
        /// Its holder, when the actor's copy of the data shows them.
        nip: Option<Nip>,
    },
    /// The employee holds the target post already.
    AlreadyHolds,
    /// An inauguration not after the current post's start.
    NotAfterTmt {
        /// The inauguration date.
        on: NaiveDate,
        /// The current post's TMT.
        since: NaiveDate,
    },
    /// The current post's position is not in the data.
    UnknownPosition(String),
    /// The employee's current post is not the one the records say (they changed meanwhile).
    PostChanged,
    /// A record the inauguration rewrites is missing from what was read.
    NotRead(String),
}

impl StepError {
    /// How the refusal is answered.
    pub fn refusal(&self) -> Refusal {
        use StepError::*;
        match self {
            NotOwnPreferences
            | DeskOnly(_)
            | OwnRequestFromEmployeeOnly
            | OwnMoveOnly
            | OutOfScope
            | FourEyes => Refusal::Forbidden,
            UnknownProposal(_) | UnknownEmployee(_) | UnknownSlot(_) | UnknownUnit(_)
            | TooManyPreferences => Refusal::Unknown,
            Rules(_) => Refusal::Rules,
            ProposalExists
            | ProposalIdNotUuid
            | NotesTooLong { .. }
            | WrongStatus { .. }
            | ReasonTooShort { .. }
            | NotesTooShort { .. }
            | OutsideWindow { .. }
            | SkNumber
            | BeforeSk { .. }
            | HeldByOther { .. }
            | AlreadyHolds
            | NotAfterTmt { .. }
            | UnknownPosition(_)
            | PostChanged
            | NotRead(_) => Refusal::Invalid,
        }
    }

    /// The failing verdicts of a rule refusal.
    pub fn verdicts(&self) -> Option<&[Verdict]> {
        match self {
            StepError::Rules(v) => Some(v),
            _ => None,
        }
    }

    /// Why, in both languages (a rule refusal: each failing rule's reason, joined).
    pub fn text(&self) -> Text {
        use StepError::*;
        match self {
            NotOwnPreferences => Text::new(
                "hanya pegawai yang bersangkutan yang dapat mengubah preferensinya",
                "only the employee may change their own preferences",
            ),
            DeskOnly(desk) => {
                let who = desk.label();
                Text::new(
                    format!("langkah ini hanya untuk {}", who.id),
                    format!("this step is for the {} only", who.en),
                )
            }
            OwnRequestFromEmployeeOnly => Text::new(
                "usulan atas permintaan sendiri hanya dapat diajukan dari akun pegawai yang \
                 bersangkutan",
                "an own request can only be filed from the employee's own account",
            ),
            OwnMoveOnly => Text::new(
                "pegawai hanya dapat mengusulkan mutasi dirinya sendiri",
                "an employee may only propose their own move",
            ),
            OutOfScope => Text::new(
                "pegawai atau slot tujuan di luar lingkup perencana",
                "employee or target slot outside the planner's scope",
            ),
            FourEyes => Text::new(
                "keputusan PPK harus oleh akun lain dari pemberi pertimbangan Baperjakat",
                "the PPK decision must come from another account than the Baperjakat review",
            ),
            UnknownProposal(id) => Text::new(format!("usulan {id}"), format!("proposal {id}")),
            UnknownEmployee(nip) => Text::new(format!("pegawai {nip}"), format!("employee {nip}")),
            UnknownSlot(id) => Text::same(format!("slot {id}")),
            UnknownUnit(id) => Text::same(format!("unit {id}")),
            ProposalExists => Text::new("usulan sudah ada", "proposal already exists"),
            ProposalIdNotUuid => Text::new("id usulan harus UUID", "proposal id must be a UUID"),
            TooManyPreferences => Text::new("terlalu banyak preferensi", "too many preferences"),
            NotesTooLong { chars } => Text::new(
                format!(
                    "alasan atau catatan terlalu panjang: {} karakter, maksimal {} karakter",
                    fmt_count(*chars),
                    fmt_count(super::MAX_NOTES_CHARS)
                ),
                format!(
                    "the reason or notes are too long: {chars} characters, at most {}",
                    super::MAX_NOTES_CHARS
                ),
            ),
            WrongStatus { step, from } => {
                let step = step.label();
                match from {
                    Some(now) => {
                        let now = now.label();
                        Text::new(
                            format!(
                                "langkah \"{}\" tidak berlaku untuk usulan berstatus \"{}\"",
                                step.id, now.id
                            ),
                            format!(
                                "the step \"{}\" does not apply to a proposal that is \"{}\"",
                                step.en, now.en
                            ),
                        )
                    }
                    None => Text::new(
                        format!("langkah \"{}\" memerlukan usulan yang sudah ada", step.id),
                        format!("the step \"{}\" needs an existing proposal", step.en),
                    ),
                }
            }
            ReasonTooShort { min } => Text::new(
                format!("setiap mutasi wajib menyatakan alasannya (minimal {min} karakter)"),
                format!("every move must state its reason (at least {min} characters)"),
            ),
            NotesTooShort { min } => Text::new(
                format!("langkah ini wajib bercatatan, minimal {min} karakter"),
                format!("this step needs notes of at least {min} characters"),
            ),
            OutsideWindow {
                today,
                months,
                next,
            } => {
                let list = months
                    .iter()
                    .map(u8::to_string)
                    .collect::<Vec<_>>()
                    .join(", ");
                let m = chrono::Datelike::month(today);
                Text::new(
                    format!(
                        "usulan hanya diterima pada bulan {list}; hari ini {} (bulan {m}), jadwal \
                         berikutnya dibuka {}",
                        fmt_date(*today),
                        fmt_date(*next)
                    ),
                    format!(
                        "proposals are accepted in months {list} only; today is {today} (month \
                         {m}), the next window opens {next}"
                    ),
                )
            }
            Rules(verdicts) => {
                let (id, en): (Vec<String>, Vec<String>) = verdicts
                    .iter()
                    .map(|v| {
                        let title = v.rule.title();
                        (
                            format!("{} — {}", title.id, v.reason.id),
                            format!("{} — {}", title.en, v.reason.en),
                        )
                    })
                    .unzip();
                Text::new(
                    format!("Mutasi melanggar aturan: {}", id.join("; ")),
                    format!("The move breaks a rule: {}", en.join("; ")),
                )
            }
            SkNumber => Text::new(
                format!(
                    "nomor SK wajib diisi (maksimal {} karakter)",
                    super::MAX_SK_NUMBER_CHARS
                ),
                format!(
                    "the SK number is required (at most {} characters)",
                    super::MAX_SK_NUMBER_CHARS
                ),
            ),
            BeforeSk { on, sk } => Text::new(
                format!(
                    "tanggal pelantikan {} sebelum tanggal SK {}; pelantikan paling cepat pada \
                     tanggal SK",
                    fmt_date(*on),
                    fmt_date(*sk)
                ),
                format!("inauguration {on} before the SK date {sk}; the earliest is the SK date"),
            ),
            HeldByOther { slot, nip } => {
                let nip = nip.as_ref().map_or("-", |n| n.as_str());
                Text::new(
                    format!(
                        "slot {slot} masih dijabat definitif oleh NIP {nip}; lantik dulu \
                         perpindahan pejabatnya"
                    ),
                    format!(
                        "slot {slot} is still held definitively by NIP {nip}; inaugurate their \
                         move first"
                    ),
                )
            }
            AlreadyHolds => Text::new(
                "pegawai sudah menduduki slot ini",
                "the employee already holds this slot",
            ),
            NotAfterTmt { on, since } => Text::new(
                format!(
                    "tanggal pelantikan {} tidak setelah TMT jabatan sekarang {}",
                    fmt_date(*on),
                    fmt_date(*since)
                ),
                format!("inauguration date {on} is not after the current post's TMT {since}"),
            ),
            UnknownPosition(id) => Text::new(
                format!("jabatan {id} tidak dikenal"),
                format!("unknown position {id}"),
            ),
            PostChanged => Text::new(
                "jabatan sekarang pegawai berubah sejak usulan dibuat; muat ulang data",
                "the employee's current post changed since the proposal; reload the data",
            ),
            NotRead(what) => Text::new(
                format!("data {what} tidak terbaca; kirim ulang"),
                format!("the record {what} could not be read; push again"),
            ),
        }
    }
}

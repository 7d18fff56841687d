//! The SK (surat keputusan, decree) draft: from approved proposals, the decree's number in the
//! configured pattern ([`crate::rules::SkRules`], default `821.2/NNN/BKPSDM-III/YYYY`), date,
//! title, considerations and the attachment table
//! `No · Nama/NIP · Pangkat/Gol · Jabatan lama · Jabatan baru/Unit · TMT` ([`SkDraft::table_csv`]).
//! The print page lives in the browser; this is the data.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::io::formula::CsvOut;
use crate::model::{Nip, SlotId};
use crate::rules::SkRules;
use crate::text::Text;
use crate::wire::sync::{Proposal, ProposalStatus};
use crate::Dataset;

/// The kind of mutation the decree is about.
pub const SK_KIND: &str = "Mutasi / Pemindahan dalam Jabatan";

/// One row of the attachment table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkRow {
    /// 1-based row number.
    pub no: u32,
    /// Name with titles.
    pub name: String,
    /// NIP.
    pub nip: String,
    /// Golongan, e.g. `III/c`.
    pub golongan: String,
    /// Old post: position and unit (`-` when the employee held none).
    pub jabatan_lama: String,
    /// New post: position.
    pub jabatan_baru: String,
    /// New unit.
    pub unit_baru: String,
    /// Effective date.
    pub tmt: NaiveDate,
    /// The proposal behind the row.
    pub proposal: String,
}

/// A decree draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkDraft {
    /// Number, from the pattern.
    pub number: String,
    /// Date.
    pub date: NaiveDate,
    /// Title.
    pub title: String,
    /// Kind of mutation.
    pub kind: String,
    /// Considerations, in order.
    pub considerations: Vec<String>,
    /// The attachment table.
    pub rows: Vec<SkRow>,
}

/// The number for `serial` in `year`: the first run of three or more `N` in `pattern` becomes
/// the serial zero-padded to the run's length (a longer serial is written in full), every `YYYY`
/// the year.
pub fn sk_number(pattern: &str, serial: u32, year: i32) -> String {
    let with_year = pattern.replace("YYYY", &format!("{year:04}"));
    let chars: Vec<char> = with_year.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == 'N' {
            let run = chars[i..].iter().take_while(|c| **c == 'N').count();
            if run >= 3 {
                let head: String = chars[..i].iter().collect();
                let tail: String = chars[i + run..].iter().collect();
                return format!("{head}{serial:0run$}{tail}");
            }
            i += run;
        } else {
            i += 1;
        }
    }
    with_year
}

/// Why a proposal cannot be in a decree draft.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.text())]
pub enum SkProblem {
    /// No proposal was chosen.
    NoProposal,
    /// The proposal is not approved.
    NotApproved {
        /// The proposal.
        id: String,
        /// Its status.
        status: ProposalStatus,
    },
    /// Its employee is not in the data.
    UnknownEmployee(Nip),
    /// Its target slot is not in the data.
    UnknownSlot(SlotId),
}

impl SkProblem {
    /// The problem in both languages.
    pub fn text(&self) -> Text {
        match self {
            SkProblem::NoProposal => Text::new(
                "SK memerlukan minimal satu usulan yang disetujui",
                "an SK needs at least one approved proposal",
            ),
            SkProblem::NotApproved { id, status } => Text::new(
                format!("usulan {id} berstatus {status}, bukan approved"),
                format!("proposal {id} is {status}, not approved"),
            ),
            SkProblem::UnknownEmployee(nip) => Text::new(
                format!("pegawai {nip} tidak ada"),
                format!("unknown employee {nip}"),
            ),
            SkProblem::UnknownSlot(slot) => Text::new(
                format!("slot {slot} tidak ada"),
                format!("unknown slot {slot}"),
            ),
        }
    }
}

/// The decree draft for `proposals` (each must be `approved`), numbered `serial` and dated
/// `date`, with the rows in the order given. Every problem is reported, not only the first.
pub fn sk_draft(
    ds: &Dataset,
    rules: &SkRules,
    proposals: &[Proposal],
    serial: u32,
    date: NaiveDate,
) -> Result<SkDraft, Vec<SkProblem>> {
    let mut errs = Vec::new();
    let mut rows = Vec::new();
    if proposals.is_empty() {
        errs.push(SkProblem::NoProposal);
    }
    for p in proposals {
        if p.status != ProposalStatus::Approved {
            errs.push(SkProblem::NotApproved {
                id: p.id.clone(),
                status: p.status,
            });
            continue;
        }
        let Some(e) = ds.employee(&p.nip) else {
            errs.push(SkProblem::UnknownEmployee(p.nip.clone()));
            continue;
        };
        let Some(s) = ds.slot_idx(&p.slot) else {
            errs.push(SkProblem::UnknownSlot(p.slot.clone()));
            continue;
        };
        let post = |slot: u32| {
            format!(
                "{}, {}",
                ds.slot_position(slot).name,
                ds.slot_unit(slot).name
            )
        };
        let jabatan_lama = ds
            .employee_idx(&p.nip)
            .and_then(|i| ds.employee_slot(i))
            .map_or_else(|| "-".to_string(), post);
        rows.push(SkRow {
            no: rows.len() as u32 + 1,
            name: e.name.clone(),
            nip: e.nip.to_string(),
            golongan: e.pangkat.golongan.to_string(),
            jabatan_lama,
            jabatan_baru: ds.slot_position(s).name.clone(),
            unit_baru: ds.slot_unit(s).name.clone(),
            tmt: p.tmt,
            proposal: p.id.clone(),
        });
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(SkDraft {
        number: sk_number(&rules.number_pattern, serial, date.year()),
        date,
        title: rules.title.clone(),
        kind: SK_KIND.to_string(),
        considerations: rules.considerations.clone(),
        rows,
    })
}

impl SkDraft {
    /// The attachment table as CSV (RFC 4180, comma-separated, a header row):
    /// `No,Nama/NIP,Pangkat/Gol,Jabatan lama,Jabatan baru/Unit,TMT`. Name and NIP share a cell
    /// on two lines, as do the new position and its unit; TMT is `YYYY-MM-DD`.
    pub fn table_csv(&self) -> String {
        let mut w = CsvOut::default();
        let header = [
            "No",
            "Nama/NIP",
            "Pangkat/Gol",
            "Jabatan lama",
            "Jabatan baru/Unit",
            "TMT",
        ];
        w.row(header);
        for r in &self.rows {
            w.row([
                r.no.to_string(),
                format!("{}\nNIP {}", r.name, r.nip),
                r.golongan.clone(),
                r.jabatan_lama.clone(),
                format!("{}\n{}", r.jabatan_baru, r.unit_baru),
                r.tmt.to_string(),
            ]);
        }
        w.finish()
    }
}

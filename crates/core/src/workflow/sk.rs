//! The SK (surat keputusan, decree) draft: from approved proposals, the decree's number in the
//! configured pattern ([`crate::rules::SkRules`], default `821.2/NNN/BKPSDM-III/YYYY`), date,
//! kind, title, considerations, dictum, the signing official, the tembusan and the attachment
//! table `No · Nama/NIP · Pangkat/Gol · Jabatan lama · Jabatan baru/Unit · TMT`
//! ([`SkDraft::table_csv`]), the pangkat written by [`crate::model::pangkat_label`].
//!
//! A decree is of one kind ([`SkKind`]): assigning teachers as principals (the target post is a
//! principal's, [`crate::model::Position::is_principal`]) is a tugas tambahan under
//! Permendikdasmen 7/2025 with its own title and legal bases, so such proposals are not drafted
//! in one decree with other moves ([`SkProblem::MixedKinds`]).
//! The print page lives in the browser; this is the data.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::io::formula::CsvOut;
use crate::model::{pangkat_label, EmployeeStatus, Nip, SlotId};
use crate::rules::{SkRules, SkSigner};
use crate::text::Text;
use crate::wire::sync::{Proposal, ProposalStatus};
use crate::Dataset;

/// The kind of decree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SkKind {
    /// Moves between posts (mutasi / pemindahan dalam jabatan).
    Mutasi,
    /// Teachers assigned as principals (tugas tambahan, Permendikdasmen 7/2025).
    KepalaSekolah,
}

impl SkKind {
    /// As the decree names it.
    pub fn label(self) -> &'static str {
        match self {
            SkKind::Mutasi => "Mutasi / Pemindahan dalam Jabatan",
            SkKind::KepalaSekolah => "Penugasan Guru sebagai Kepala Sekolah (tugas tambahan)",
        }
    }
}

/// One row of the attachment table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkRow {
    /// 1-based row number.
    pub no: u32,
    /// Name with titles.
    pub name: String,
    /// NIP.
    pub nip: String,
    /// Pangkat as the decree writes it ([`crate::model::pangkat_label`]), e.g.
    /// `Penata, III/c` or `PPPK golongan IX`.
    pub pangkat: String,
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
    /// Kind of decree.
    pub kind: SkKind,
    /// Title.
    pub title: String,
    /// Considerations, in order.
    pub considerations: Vec<String>,
    /// The first dictum (KESATU): what the decree decides.
    pub dictum: String,
    /// The official who signs.
    pub signer: SkSigner,
    /// The signer's pangkat as the decree writes it, for an ASN official.
    pub signer_pangkat: Option<String>,
    /// Who receives a copy, in order.
    pub tembusan: Vec<String>,
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
    /// Principal assignments and other moves in one decree.
    MixedKinds {
        /// The proposals that assign a principal.
        principals: Vec<String>,
        /// How many other moves are chosen.
        others: usize,
    },
    /// The rule set names no signing official.
    NoSigner,
}

impl SkProblem {
    /// The problem in both languages.
    pub fn text(&self) -> Text {
        match self {
            SkProblem::NoProposal => Text::new(
                "SK memerlukan minimal satu usulan yang disetujui",
                "an SK needs at least one approved proposal",
            ),
            SkProblem::NotApproved { id, status } => {
                let status = status.label();
                Text::new(
                    format!("usulan {id} belum disetujui PPK (statusnya: {})", status.id),
                    format!("proposal {id} is not approved (its status: {})", status.en),
                )
            }
            SkProblem::UnknownEmployee(nip) => Text::new(
                format!("pegawai {nip} tidak ada"),
                format!("unknown employee {nip}"),
            ),
            SkProblem::UnknownSlot(slot) => Text::new(
                format!("formasi {slot} tidak ada"),
                format!("unknown slot {slot}"),
            ),
            SkProblem::MixedKinds { principals, others } => Text::new(
                format!(
                    "penugasan kepala sekolah ({}) ditetapkan dengan SK tersendiri: jangan \
                     digabung dengan {others} mutasi lain dalam satu SK",
                    principals.join(", ")
                ),
                format!(
                    "principal assignments ({}) need a decree of their own: do not combine them \
                     with {others} other moves in one decree",
                    principals.join(", ")
                ),
            ),
            SkProblem::NoSigner => Text::new(
                "nama pejabat penanda tangan SK belum diatur (aturan sk.signer.name)",
                "the SK's signing official is not named in the rules (sk.signer.name)",
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
    let mut principals = Vec::new();
    if proposals.is_empty() {
        errs.push(SkProblem::NoProposal);
    }
    if rules.signer.name.trim().is_empty() {
        errs.push(SkProblem::NoSigner);
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
        if ds.slot_position(s).is_principal() {
            principals.push(p.id.clone());
        }
        let jabatan_lama = ds
            .employee_idx(&p.nip)
            .and_then(|i| ds.employee_slot(i))
            .map_or_else(|| "-".to_string(), post);
        rows.push(SkRow {
            no: rows.len() as u32 + 1,
            name: e.name.clone(),
            nip: e.nip.to_string(),
            pangkat: e.pangkat_label(),
            jabatan_lama,
            jabatan_baru: ds.slot_position(s).name.clone(),
            unit_baru: ds.slot_unit(s).name.clone(),
            tmt: p.tmt,
            proposal: p.id.clone(),
        });
    }
    let kind = if principals.is_empty() {
        SkKind::Mutasi
    } else {
        SkKind::KepalaSekolah
    };
    if !principals.is_empty() && principals.len() < rows.len() {
        errs.push(SkProblem::MixedKinds {
            others: rows.len() - principals.len(),
            principals,
        });
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let (title, considerations, dictum) = match kind {
        SkKind::Mutasi => (&rules.title, &rules.considerations, &rules.dictum),
        SkKind::KepalaSekolah => (
            &rules.principal.title,
            &rules.principal.considerations,
            &rules.principal.dictum,
        ),
    };
    Ok(SkDraft {
        number: sk_number(&rules.number_pattern, serial, date.year()),
        date,
        kind,
        title: title.clone(),
        considerations: considerations.clone(),
        dictum: dictum.clone(),
        signer: rules.signer.clone(),
        signer_pangkat: rules
            .signer
            .golongan
            .map(|g| pangkat_label(EmployeeStatus::Pns, g)),
        tembusan: rules.tembusan.clone(),
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
                r.pangkat.clone(),
                r.jabatan_lama.clone(),
                format!("{}\n{}", r.jabatan_baru, r.unit_baru),
                r.tmt.to_string(),
            ]);
        }
        w.finish()
    }
}

//! Pure helpers of the Usulan pages: labels, the list's filter and counts. No signals, no
//! IndexedDB, so the page suite tests them as functions.

use mutasi_core::wire::auth::Role;
use mutasi_core::wire::sync::{ProposalSource, ProposalStatus};
use mutasi_core::Dataset;

use crate::state::proposals::Item;

/// A status in Bahasa Indonesia and English.
pub fn status_label(s: ProposalStatus) -> (&'static str, &'static str) {
    use ProposalStatus::*;
    match s {
        Draft => ("Konsep", "Draft"),
        Submitted => ("Diajukan", "Submitted"),
        Revise => ("Perlu perbaikan", "To revise"),
        Incomplete => ("Berkas tidak lengkap", "Incomplete"),
        Verified => ("Berkas lengkap", "Verified"),
        Recommended => ("Direkomendasikan", "Recommended"),
        NotRecommended => ("Tidak direkomendasikan", "Not recommended"),
        Approved => ("Disetujui PPK", "Approved"),
        Rejected => ("Ditolak PPK", "Rejected"),
        SkIssued => ("SK terbit", "SK issued"),
        Inaugurated => ("Dilantik", "Inaugurated"),
    }
}

/// "Indonesian / English" of a status.
pub fn status_text(s: ProposalStatus) -> String {
    let (id, en) = status_label(s);
    format!("{id} / {en}")
}

/// A step of the history (its [`mutasi_core::wire::sync::Change::action`] name).
pub fn action_label(action: &str) -> (&'static str, &'static str) {
    match action {
        "propose_move" => ("Usulan dibuat", "Drafted"),
        "revise_proposal" => ("Usulan diperbaiki", "Revised"),
        "submit_proposal" => ("Diajukan", "Submitted"),
        "check_file" => ("Cek berkas BKPSDM", "BKPSDM file check"),
        "review_proposal" => ("Pertimbangan Baperjakat", "Baperjakat review"),
        "decide_proposal" => ("Keputusan PPK", "PPK decision"),
        "issue_sk" => ("SK diterbitkan", "SK issued"),
        "inaugurate" => ("Pelantikan", "Inauguration"),
        "set_preferences" => ("Minat diubah", "Preferences changed"),
        _ => ("Langkah", "Step"),
    }
}

/// A role.
pub fn role_label(r: Role) -> &'static str {
    match r {
        Role::Employee => "Pegawai / Employee",
        Role::Planner => "Perencana / Planner",
        Role::Approver => "Penyetuju / Approver",
        Role::Admin => "Admin",
    }
}

/// Where a proposal comes from.
pub fn source_label(s: ProposalSource) -> &'static str {
    match s {
        ProposalSource::Planner => "Perencana / Planner",
        ProposalSource::Plan => "Rencana mutasi / Transfer plan",
        ProposalSource::OwnRequest => "Permohonan sendiri / Own request",
    }
}

/// The person's name, if the device knows them.
pub fn person_name(ds: Option<&Dataset>, item: &Item) -> Option<String> {
    ds?.employee(&item.proposal.nip).map(|e| e.name.clone())
}

/// "Position — unit" of the target post, or the slot id.
pub fn target_text(ds: Option<&Dataset>, item: &Item) -> String {
    let slot = &item.proposal.slot;
    match ds.and_then(|ds| ds.slot_idx(slot).map(|s| (ds, s))) {
        Some((ds, s)) => format!("{} — {}", ds.slot_position(s).name, ds.slot_unit(s).name),
        None => slot.to_string(),
    }
}

/// "Position — unit" of the person's current post, if the device knows it.
pub fn current_text(ds: Option<&Dataset>, item: &Item) -> Option<String> {
    let ds = ds?;
    let s = ds.employee_slot(ds.employee_idx(&item.proposal.nip)?)?;
    Some(format!(
        "{} — {}",
        ds.slot_position(s).name,
        ds.slot_unit(s).name
    ))
}

/// The list's filter: a status and a search text (name, NIP or unit).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    pub status: Option<ProposalStatus>,
    pub query: String,
}

impl Filter {
    /// Whether `item` passes the filter.
    pub fn matches(&self, ds: Option<&Dataset>, item: &Item) -> bool {
        if self.status.is_some_and(|s| s != item.proposal.status) {
            return false;
        }
        let q = self.query.trim().to_lowercase();
        if q.is_empty() {
            return true;
        }
        let mut haystack = vec![item.proposal.nip.to_string(), target_text(ds, item)];
        haystack.extend(person_name(ds, item));
        haystack.extend(current_text(ds, item));
        haystack.iter().any(|h| h.to_lowercase().contains(&q))
    }
}

/// How many proposals are in each status (every status, in workflow order, zeros included).
pub fn counts(items: &[Item]) -> Vec<(ProposalStatus, usize)> {
    ProposalStatus::ALL
        .iter()
        .map(|&s| (s, items.iter().filter(|i| i.proposal.status == s).count()))
        .collect()
}

//! Pure helpers of the Usulan pages: labels (from `locales/*/usulan.json`, in the language
//! asked for), the list's filter and counts. No signals, no IndexedDB, so the page suite tests
//! them as functions.

use mutasi_core::wire::auth::Role;
use mutasi_core::wire::sync::{ChangeKind, ProposalSource, ProposalStatus};
use mutasi_core::Dataset;

use crate::i18n::*;
use crate::state::proposals::Item;

/// The name of a status in `locale`.
pub fn status_name(s: ProposalStatus, locale: Locale) -> &'static str {
    use ProposalStatus::*;
    match s {
        Draft => td_string!(locale, usulan.status.draft),
        Submitted => td_string!(locale, usulan.status.submitted),
        Revise => td_string!(locale, usulan.status.revise),
        Incomplete => td_string!(locale, usulan.status.incomplete),
        Verified => td_string!(locale, usulan.status.verified),
        Recommended => td_string!(locale, usulan.status.recommended),
        NotRecommended => td_string!(locale, usulan.status.not_recommended),
        Approved => td_string!(locale, usulan.status.approved),
        Rejected => td_string!(locale, usulan.status.rejected),
        SkIssued => td_string!(locale, usulan.status.sk_issued),
        Inaugurated => td_string!(locale, usulan.status.inaugurated),
    }
}

/// The name in `locale` of a step of the history (its
/// [`mutasi_core::wire::sync::Change::action`] name; one this version does not know: "other").
pub fn action_name(action: &str, locale: Locale) -> &'static str {
    let Some(kind) = ChangeKind::parse(action) else {
        return td_string!(locale, usulan.event.other);
    };
    match kind {
        ChangeKind::ProposeMove => td_string!(locale, usulan.event.propose_move),
        ChangeKind::ReviseProposal => td_string!(locale, usulan.event.revise_proposal),
        ChangeKind::SubmitProposal => td_string!(locale, usulan.event.submit_proposal),
        ChangeKind::CheckFile => td_string!(locale, usulan.event.check_file),
        ChangeKind::ReviewProposal => td_string!(locale, usulan.event.review_proposal),
        ChangeKind::DecideProposal => td_string!(locale, usulan.event.decide_proposal),
        ChangeKind::IssueSk => td_string!(locale, usulan.event.issue_sk),
        ChangeKind::Inaugurate => td_string!(locale, usulan.event.inaugurate),
        ChangeKind::SetPreferences => td_string!(locale, usulan.event.set_preferences),
    }
}

/// A role in `locale`.
pub fn role_label(r: Role, locale: Locale) -> &'static str {
    match r {
        Role::Employee => td_string!(locale, usulan.role.employee),
        Role::Planner => td_string!(locale, usulan.role.planner),
        Role::Approver => td_string!(locale, usulan.role.approver),
        Role::Admin => td_string!(locale, usulan.role.admin),
    }
}

/// Where a proposal comes from, in `locale`.
pub fn source_label(s: ProposalSource, locale: Locale) -> &'static str {
    match s {
        ProposalSource::Planner => td_string!(locale, usulan.source.planner),
        ProposalSource::Plan => td_string!(locale, usulan.source.plan),
        ProposalSource::OwnRequest => td_string!(locale, usulan.source.own_request),
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

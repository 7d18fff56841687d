//! The decision pack of a proposal, for Baperjakat and the PPK: what the planner saw when the
//! move was proposed, recomputed on this device from core for the proposal's TMT — every rule
//! that fails or warns (retirement, tenure, qualifications) with its regulation, the rules
//! overridden and their written reasons, the fit and its parts, the retirement date, and the
//! chain the move belongs to (who fills the post left, where the target's holder goes).

use leptos::prelude::*;
use mutasi_core::eligibility::facts::employee_retirement;
use mutasi_core::eligibility::{eligibility, Outcome, Severity};
use mutasi_core::fit::fit;
use mutasi_core::model::{EmployeeIdx, SlotIdx};
use mutasi_core::text::{Span, Text};
use mutasi_core::wire::proposal::Proposal;
use mutasi_core::Dataset;

use crate::components::format::{date_shown, num, score};
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::pages::kandidat::component_name;
use crate::state::proposals::Item;

use super::usulan_href;

/// One line of the rules part: a failed or warning rule.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleLine {
    pub title: Text,
    pub reason: Text,
    pub regulation: String,
    /// Hard fail, soft fail or warning.
    pub kind: &'static str,
    /// The written reason when the proposal overrides this rule.
    pub overridden: Option<String>,
}

/// Another proposal of the same chain.
#[derive(Debug, Clone, PartialEq)]
pub struct ChainLink {
    pub id: String,
    pub name: String,
    /// "fills" (takes the post this person leaves) or "vacates" (holds the target and moves).
    pub role: &'static str,
}

/// The facts of the pack, computed once.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    /// The move's one verdict on the TMT ([`mutasi_core::eligibility::Verdicts::summary`]).
    pub standing: mutasi_core::eligibility::Standing,
    pub rules: Vec<RuleLine>,
    pub fit: mutasi_core::fit::Fit,
    pub retires: chrono::NaiveDate,
    /// Time left between the TMT and retirement.
    pub left: Span,
    pub chain: Vec<ChainLink>,
    /// The target's current holder, when they have no proposal to move out.
    pub blocked_by: Option<String>,
    /// The target post has no definitive holder.
    pub vacant: bool,
}

/// The pack of `p` on `ds`, with the other proposals on the device for the chain; `None` when
/// this device does not hold the person or the post.
pub fn pack(ds: &Dataset, p: &Proposal, others: &[Item]) -> Option<Pack> {
    let (e, s): (EmployeeIdx, SlotIdx) = (ds.employee_idx(&p.nip)?, ds.slot_idx(&p.slot)?);
    let rules = ds.rules();
    let verdicts = eligibility(ds, e, s, p.tmt, rules);
    let lines = verdicts
        .items
        .iter()
        .filter(|v| v.outcome != Outcome::Pass)
        .map(|v| RuleLine {
            title: v.rule.title(),
            reason: v.reason.clone(),
            regulation: v.regulation.clone(),
            kind: match (v.outcome, v.severity) {
                (Outcome::Warning, _) => "warning",
                (_, Severity::Hard) => "hard",
                _ => "soft",
            },
            overridden: p
                .overrides
                .iter()
                .find(|o| o.rule() == v.rule)
                .map(|o| o.reason().to_string()),
        })
        .collect();
    let retires = employee_retirement(ds, e, rules);
    let open = |i: &&Item| i.proposal.id != p.id && !i.proposal.status.is_final();
    let name = |i: &Item| {
        ds.employee(&i.proposal.nip)
            .map_or_else(|| i.proposal.nip.to_string(), |x| x.name.clone())
    };
    let own_slot = ds
        .employee_slot(e)
        .map(|x| ds.slots()[x as usize].id.clone());
    let vacant = ds.slot_holder(s).is_none();
    let holder = ds
        .slot_holder(s)
        .map(|h| ds.employees()[h as usize].nip.clone());
    let mut chain = Vec::new();
    for i in others.iter().filter(open) {
        if own_slot.as_ref() == Some(&i.proposal.slot) {
            chain.push(ChainLink {
                id: i.proposal.id.clone(),
                name: name(i),
                role: "fills",
            });
        }
        if holder.as_ref() == Some(&i.proposal.nip) {
            chain.push(ChainLink {
                id: i.proposal.id.clone(),
                name: name(i),
                role: "vacates",
            });
        }
    }
    let blocked_by = holder
        .filter(|h| !chain.iter().any(|c| c.role == "vacates") && h != &p.nip)
        .and_then(|h| ds.employee(&h).map(|x| x.name.clone()));
    Some(Pack {
        standing: verdicts.summary().standing,
        rules: lines,
        fit: fit(ds, e, s, p.tmt, rules),
        retires,
        left: Span::between(p.tmt, retires),
        chain,
        blocked_by,
        vacant,
    })
}

/// The pack on screen.
#[component]
pub fn DecisionPack(pack: Pack) -> impl IntoView {
    let i18n = use_i18n();
    let Pack {
        standing: _,
        rules,
        fit,
        retires,
        left,
        chain,
        blocked_by,
        vacant,
    } = pack;
    let no_rules = rules.is_empty();
    let rule_items = rules
        .into_iter()
        .map(|r| {
            let (title, reason) = (r.title, r.reason);
            let kind = r.kind;
            let label = move || match kind {
                "hard" => td_string!(i18n.get_locale(), usulan.pack.hard),
                "soft" => td_string!(i18n.get_locale(), usulan.pack.soft),
                _ => td_string!(i18n.get_locale(), usulan.pack.warning),
            };
            view! {
                <li class=format!("rule rule-{kind}") data-kind=kind>
                    <b>{label} ": " {move || pick(&title)}</b> " — " {move || pick(&reason)}
                    <small class="regulation">" (" {r.regulation} ")"</small>
                    {r.overridden.map(|why| view! {
                        <p class="override">{tr(|l| td_string!(l, usulan.pack.overridden))} " " {why}</p>
                    })}
                </li>
            }
        })
        .collect_view();
    // Each part's weight as its share of the weights' sum (the rule set gives them in points).
    let total: f64 = fit
        .components
        .iter()
        .map(|c| c.weight)
        .sum::<f64>()
        .max(f64::EPSILON);
    let parts = fit
        .components
        .iter()
        .map(|c| {
            let (comp, explanation) = (c.component, c.explanation.clone());
            view! {
                <tr>
                    <th scope="row">{move || component_name(comp, i18n.get_locale())}</th>
                    <td class="num">{score(c.value)}</td>
                    <td class="num">{num(c.weight / total * 100.0, 0)} "%"</td>
                    <td>{move || pick(&explanation)}</td>
                </tr>
            }
        })
        .collect_view();
    let links = chain
        .into_iter()
        .map(|c| {
            let role = c.role;
            let what = move || match role {
                "fills" => td_string!(i18n.get_locale(), usulan.pack.fills),
                _ => td_string!(i18n.get_locale(), usulan.pack.vacates),
            };
            view! { <li data-role=role>{what} " " <a href=usulan_href(&c.id)>{c.name}</a></li> }
        })
        .collect_view();
    let fit_score = score(fit.score);
    view! {
        <section id="usulan-pack" class="pack" aria-labelledby="usulan-pack-h">
            <h3 id="usulan-pack-h">{tr(|l| td_string!(l, usulan.pack.heading))}</h3>
            <p id="usulan-retires">
                {move || td_string!(i18n.get_locale(), usulan.pack.retires,
                    date = date_shown(retires),
                    left = if crate::lang::is_en() { left.en() } else { left.id() }).to_string()}
            </p>
            <h4>{tr(|l| td_string!(l, usulan.pack.rules))}</h4>
            {if no_rules {
                view! { <p id="usulan-rules-ok">{tr(|l| td_string!(l, usulan.pack.rules_ok))}</p> }.into_any()
            } else {
                view! { <ul id="usulan-rules">{rule_items}</ul> }.into_any()
            }}
            <h4>{move || td_string!(i18n.get_locale(), usulan.pack.fit, score = &fit_score).to_string()}</h4>
            <div class="table-wrap">
                <table id="usulan-fit">
                    <thead>
                        <tr>
                            <th scope="col">{tr(|l| td_string!(l, usulan.pack.part))}</th>
                            <th scope="col" class="num">{tr(|l| td_string!(l, usulan.pack.value))}</th>
                            <th scope="col" class="num">{tr(|l| td_string!(l, usulan.pack.weight))}</th>
                            <th scope="col">{tr(|l| td_string!(l, usulan.pack.why))}</th>
                        </tr>
                    </thead>
                    <tbody>{parts}</tbody>
                </table>
            </div>
            <h4>{tr(|l| td_string!(l, usulan.pack.chain))}</h4>
            <ul id="usulan-chain">
                {links}
                {vacant.then(|| view! {
                    <li data-role="vacant">{tr(|l| td_string!(l, usulan.pack.vacant))}</li>
                })}
                {blocked_by.map(|n| view! {
                    <li class="warn" data-role="held">
                        {move || td_string!(i18n.get_locale(), usulan.pack.held, name = &n).to_string()}
                    </li>
                })}
            </ul>
        </section>
    }
}

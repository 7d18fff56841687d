//! The action panel: only the steps the signed-in account may take on the proposal now, the
//! notes (when a step needs them), the SK number and the date (SK, inauguration). A step records
//! one op with the proposal's current version and an optimistic local copy, through
//! [`SyncState::record_change`]; it works offline and is pushed by the sync engine. A step that
//! closes the proposal for good (incomplete, not recommended, rejected, inaugurated) asks once
//! more before it is recorded.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;

use mutasi_core::text::Text;

use super::actions::{available, build, held_by_four_eyes, Action, Inputs};
use crate::components::focus::announce;
use crate::components::form::{InputField, NotesField};
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::state::data::CityData;
use crate::state::proposals::{use_proposals, Item, Proposals};
use crate::state::session::Session;
use crate::state::sync::SyncState;
use mutasi_core::wire::auth::Account;

/// What the user types into the panel and what became of their last step. Owned by the detail
/// page, not the panel, so that a redraw (a new version pulled, the pending mark changing, or the
/// step just taken leaving this account nothing more to do) never loses either.
#[derive(Debug, Clone, Copy)]
pub struct PanelInputs {
    pub reason: RwSignal<String>,
    pub number: RwSignal<String>,
    pub date: RwSignal<String>,
    /// The last step was saved on this device.
    pub saved: RwSignal<bool>,
    /// Why the last step was not taken.
    pub error: RwSignal<Option<Text>>,
    /// The "saved" message, where focus goes after a step.
    pub status: NodeRef<leptos::html::P>,
}

impl PanelInputs {
    pub fn new() -> Self {
        Self {
            reason: RwSignal::new(String::new()),
            number: RwSignal::new(String::new()),
            date: RwSignal::new(String::new()),
            saved: RwSignal::new(false),
            error: RwSignal::new(None),
            status: NodeRef::new(),
        }
    }
}

/// The outcome of the last step: "saved" or why not. Shown whether or not steps remain, by the
/// detail page outside the panel: the panel is drawn again when the proposal changes (the step
/// just taken, its push, the server's version), the outcome stays the same element, so focus
/// on it is not lost.
#[component]
pub fn Outcome(
    saved: RwSignal<bool>,
    error: RwSignal<Option<Text>>,
    status: NodeRef<leptos::html::P>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p id="action-status" role="status" tabindex="-1" node_ref=status>
            {move || saved.get().then(|| td_string!(i18n.get_locale(), usulan.panel.saved))}
        </p>
        <p id="action-error" class="error" role="alert">{move || error.get().map(|e| pick(&e))}</p>
    }
}

impl Default for PanelInputs {
    fn default() -> Self {
        Self::new()
    }
}

/// The second question before a step that closes the proposal: only its own button confirms
/// (`confirmed` takes the step), "Batal" records nothing.
#[component]
fn Confirm(
    confirming: RwSignal<Option<Action>>,
    busy: RwSignal<bool>,
    confirmed: Callback<Action>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        confirming.get().map(|a| {
            view! {
                <div id="action-confirm" class="confirm" role="alertdialog" aria-labelledby="action-confirm-text">
                    <p id="action-confirm-text">
                        {move || {
                            let l = i18n.get_locale();
                            td_string!(l, usulan.panel.confirm_final, step = a.label(l)).to_string()
                        }}
                    </p>
                    <button
                        type="button"
                        id="action-confirm-yes"
                        class="primary"
                        disabled=move || busy.get()
                        on:click=move |_| confirmed.run(a)
                    >
                        {tr(|l| td_string!(l, usulan.panel.confirm_yes))}
                    </button>
                    <button
                        type="button"
                        id="action-confirm-no"
                        class="secondary"
                        on:click=move |_| confirming.set(None)
                    >
                        {tr(|l| td_string!(l, usulan.panel.confirm_no))}
                    </button>
                </div>
            }
        })
    }
}

/// A workflow step's button `#<prefix>-<key>` (primary, or secondary for a step that stops or
/// returns the proposal), disabled while `busy`; the action panel's and the decision queue's.
#[component]
pub fn StepButton(
    action: Action,
    prefix: &'static str,
    busy: RwSignal<bool>,
    press: Callback<Action>,
) -> impl IntoView {
    let i18n = use_i18n();
    let class = if action.is_negative() {
        "secondary"
    } else {
        "primary"
    };
    view! {
        <button
            type="button"
            id=format!("{prefix}-{}", action.key())
            class=class
            data-needs-reason=action.needs_reason().to_string()
            disabled=move || busy.get()
            on:click=move |_| press.run(action)
        >
            {move || action.label(i18n.get_locale())}
        </button>
    }
}

#[component]
pub fn ActionPanel(item: Item, #[prop(optional)] inputs: Option<PanelInputs>) -> impl IntoView {
    let account = use_context::<Session>().and_then(|s| s.account());
    let data = use_context::<CityData>();
    let i18n = use_i18n();
    let Some(account) = account else {
        return view! {
            <p id="action-none" class="note">{tr(|l| td_string!(l, usulan.panel.login))}</p>
        }
        .into_any();
    };
    let PanelInputs {
        reason,
        number,
        date,
        saved,
        error,
        status,
    } = inputs.unwrap_or_default();
    let ds = data.and_then(|d| d.dataset.get_untracked());
    let actions = available(&account, ds.as_deref(), &item.proposal);
    let four_eyes = actions.is_empty()
        && ds
            .as_deref()
            .is_some_and(|ds| held_by_four_eyes(&account, ds, &item.proposal));
    let (Some(ds), false) = (ds, actions.is_empty()) else {
        let closed = item.proposal.status.is_final();
        let why = move || {
            if closed {
                td_string!(i18n.get_locale(), usulan.panel.closed)
            } else if four_eyes {
                td_string!(i18n.get_locale(), usulan.panel.four_eyes)
            } else {
                td_string!(i18n.get_locale(), usulan.panel.no_step)
            }
        };
        return view! {
            <p id="action-none" class="note" data-four-eyes=four_eyes.to_string()>{why}</p>
        }
        .into_any();
    };
    let min_notes = ds.rules().reason_min_chars;
    // Shared by the step buttons and the confirmation (a `Copy` handle).
    let ds = StoredValue::new(ds);
    let busy = RwSignal::new(false);
    // The step waiting for a second click, when it closes the proposal.
    let confirming = RwSignal::new(None::<Action>);
    let needs_reason = actions.iter().any(|a| a.needs_reason());
    let needs_number = actions.iter().any(|a| a.needs_number());
    let needs_date = actions.iter().any(|a| a.needs_date());
    let typed = move || Inputs {
        reason: reason.get_untracked(),
        number: number.get_untracked(),
        date: NaiveDate::parse_from_str(&date.get_untracked(), "%Y-%m-%d").ok(),
    };
    let take = move |action: Action, item: Item, account: Account| {
        let inputs = typed();
        let built = ds.with_value(|ds| {
            build(
                &item,
                action,
                &inputs,
                &account,
                ds,
                crate::ids::uuid_v7(),
                crate::clock::now(),
            )
        });
        let (op, local) = match built {
            Ok(x) => x,
            Err(why) => {
                error.set(Some(why));
                return;
            }
        };
        let Some(sync) = use_context::<SyncState>() else {
            error.set(Some(both!(usulan.no_sync)));
            return;
        };
        let proposals = use_proposals();
        error.set(None);
        saved.set(false);
        busy.set(true);
        spawn_local(async move {
            let result = Proposals::record_mine(proposals, sync, op, local).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    // The notes belong to the step just taken.
                    reason.set(String::new());
                    saved.set(true);
                    announce(status);
                }
                // The local store's own message, in no particular language.
                Err(e) => error.set(Some(Text::same(e))),
            }
        });
    };
    // A step that closes the proposal asks once more (after its inputs are checked): a
    // mis-click there cannot be undone once it is sent. Only the question's own button
    // confirms, so a double tap on the step's button still just asks.
    let click = move |action: Action, item: Item, account: Account, confirmed: bool| {
        if action.closes(item.proposal.status) && !confirmed {
            let at = crate::clock::now();
            let built =
                ds.with_value(|ds| build(&item, action, &typed(), &account, ds, String::new(), at));
            match built {
                Err(why) => error.set(Some(why)),
                Ok(_) => {
                    error.set(None);
                    confirming.set(Some(action));
                }
            }
            return;
        }
        confirming.set(None);
        take(action, item, account);
    };
    let (confirm_item, confirm_account) = (item.clone(), account.clone());
    let confirmed = Callback::new(move |a: Action| {
        click(a, confirm_item.clone(), confirm_account.clone(), true)
    });
    let buttons = actions
        .into_iter()
        .map(|a| {
            let item = item.clone();
            let account = account.clone();
            let press = Callback::new(move |a| click(a, item.clone(), account.clone(), false));
            view! { <StepButton action=a prefix="action" busy press /> }
        })
        .collect_view();
    view! {
        <section id="action-panel" class="action-panel" aria-labelledby="action-h">
            <h3 id="action-h">{tr(|l| td_string!(l, usulan.panel.heading))}</h3>
            {needs_reason.then(|| view! {
                <NotesField id="action-reason" value=reason>
                    {move || td_string!(i18n.get_locale(), usulan.panel.reason, n = min_notes).to_string()}
                </NotesField>
            })}
            {needs_number.then(|| view! {
                <InputField id="action-sk-number" value=number placeholder="821.2/012/BKPSDM-III/2027">
                    {tr(|l| td_string!(l, usulan.panel.sk_number))}
                </InputField>
            })}
            {needs_date.then(|| view! {
                <InputField id="action-date" value=date kind="date">
                    {tr(|l| td_string!(l, usulan.panel.date))}
                </InputField>
            })}
            <div class="action-buttons">{buttons}</div>
            <Confirm confirming busy confirmed />
        </section>
    }
    .into_any()
}

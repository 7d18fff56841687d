//! Minat: an employee states where they would like to work (kecamatan, fields of work). Saving
//! works offline: the change and its outbox entry are stored together and pushed when online.

use leptos::prelude::*;
use leptos::task::spawn_local;
use mutasi_core::model::{Field, Kecamatan, Preferences};
use mutasi_core::wire::sync::{Change, Record, RecordKind};
use mutasi_core::workflow::{self, Actor};

use crate::components::choices::CheckGroup;
use crate::components::focus::announce;
use crate::i18n::*;
use crate::lang::{pick, tr, use_i18n};
use crate::state::data::CityData;
use crate::state::session::use_session;
use crate::state::sync::use_sync;
use crate::store::{self, records};

async fn load_own(nip: String) -> Result<Option<Record>, String> {
    let db = store::open(store::DB_NAME)
        .await
        .map_err(|e| e.to_string())?;
    let record = records::get(&db, RecordKind::Employee, &nip).await;
    db.close();
    record.map_err(|e| e.to_string())
}

fn preferences_of(record: &Record) -> Preferences {
    serde_json::from_value(record.data["preferences"].clone()).unwrap_or_default()
}

#[component]
pub fn Minat() -> impl IntoView {
    let session = use_session();
    let sync = use_sync();
    let data = use_context::<CityData>();
    let record = RwSignal::new(None::<Record>);
    let kecamatan = RwSignal::new(Vec::<Kecamatan>::new());
    let fields = RwSignal::new(Vec::<Field>::new());
    // The outcome of the last save: shown in the chosen language, even after a switch.
    let status = RwSignal::new(None::<Result<(), String>>);
    // Saves confirmed (written to IndexedDB) since this page opened.
    let saved = RwSignal::new(0u32);
    let saving = RwSignal::new(false);
    let status_el = NodeRef::<leptos::html::P>::new();
    let i18n = use_i18n();
    let hint = Signal::derive(move || td_string!(i18n.get_locale(), minat.keys).to_string());
    let nip = move || session.account().and_then(|a| a.nip).map(|n| n.to_string());
    // Whether the city is read, which a save needs (see the Save button).
    let ready = move || data.is_some_and(|d| d.dataset.with(Option::is_some));

    // Load the employee's own record whenever the login or the local data changes.
    Effect::new(move |_| {
        let (Some(nip), _) = (nip(), sync.pending.get()) else {
            return;
        };
        spawn_local(async move {
            if let Ok(Some(r)) = load_own(nip).await {
                let prefs = preferences_of(&r);
                kecamatan.set(prefs.kecamatan.clone());
                fields.set(prefs.fields.clone());
                record.set(Some(r));
            }
        });
    });

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(current), Some(account), Some(ds)) = (
            record.get_untracked(),
            session.account(),
            data.and_then(|d| d.dataset.get_untracked()),
        ) else {
            return;
        };
        let Some(nip) = account.nip.clone() else {
            return;
        };
        let mut preferences = preferences_of(&current);
        preferences.kecamatan = kecamatan.get_untracked();
        preferences.fields = fields.get_untracked();
        let change = Change::SetPreferences { nip, preferences };
        // The local copy gets the version the server will give it, so a second offline edit is
        // based on the first rather than conflicting with it.
        let recorded = workflow::record(
            &Actor::of(&account),
            &ds,
            Some(&current),
            crate::ids::uuid_v7(),
            change,
            Some("preferensi pegawai / employee preference"),
            crate::clock::now(),
        );
        let (op, local) = match recorded {
            Ok(r) => (r.op, r.local),
            Err(why) => {
                status.set(Some(Err(pick(&why.text()))));
                return;
            }
        };
        saving.set(true);
        spawn_local(async move {
            let result = sync.record_change(op, Some(local)).await;
            saving.set(false);
            match result {
                Ok(()) => {
                    saved.update(|n| *n += 1);
                    status.set(Some(Ok(())))
                }
                Err(e) => status.set(Some(Err(e))),
            }
            // Read out, and where the keyboard goes on from.
            announce(status_el);
        });
    };

    view! {
        <section class="page minat">
            <h2>{tr(|l| td_string!(l, minat.title))}</h2>
            <p>{tr(|l| td_string!(l, minat.intro))}</p>
            <Show
                when=move || record.with(Option::is_some)
                fallback=move || view! { <p id="minat-empty">{tr(|l| td_string!(l, minat.empty))}</p> }
            >
                <form on:submit=save id="minat-form">
                    <CheckGroup
                        id="minat-kecamatan"
                        legend=Signal::derive(move || td_string!(i18n.get_locale(), minat.kecamatan).to_string())
                        hint=hint
                        options=Kecamatan::ALL.iter().map(|&k| (k, k.label())).collect()
                        chosen=kecamatan
                    />
                    <CheckGroup
                        id="minat-fields"
                        legend=Signal::derive(move || td_string!(i18n.get_locale(), minat.fields).to_string())
                        hint=hint
                        options=Field::ALL.iter().map(|&f| (f, f.label())).collect()
                        chosen=fields
                    />
                    // Saving checks the change against the city's rules: until the city is
                    // read from this device (a moment after the page opens), Save waits, and
                    // says why, instead of taking a click it cannot record.
                    <button type="submit" id="minat-save" disabled=move || saving.get() || !ready()>
                        {tr(|l| td_string!(l, minat.save))}
                    </button>
                    <Show when=move || !ready()>
                        <p id="minat-preparing" class="hint" role="status">
                            {tr(|l| td_string!(l, minat.preparing))}
                        </p>
                    </Show>
                </form>
            </Show>
            {move || status.get().map(|s| view! {
                    <p id="minat-status" role="status" tabindex="-1" node_ref=status_el data-saved=move || saved.get()>
                        {match s {
                            Ok(()) => tr(|l| td_string!(l, minat.saved)).into_any(),
                            Err(e) => e.into_any(),
                        }}
                    </p>
                })}
        </section>
    }
}

//! The column mapping on the Data page: when a sheet lacks required columns
//! (`mutasi_core::io::workbook::unmapped_in`), a select per missing column offers the file's
//! unrecognised columns; "Simpan pemetaan" keeps the mapping on this device (`localStorage`,
//! `mutasi.pemetaan`, as `pemetaan.csv` text) and checks the files again. The kept mapping is
//! added to every later upload as `pemetaan.csv` (one among the files wins where both name a
//! column), can be downloaded and cleared.

use std::sync::Arc;

use leptos::prelude::*;
use mutasi_core::io::workbook::{ColumnMap, Unmapped, MAPPING_FILE};

use super::Ready;
use crate::i18n::*;
use crate::lang::{current, tr};

/// `localStorage` key of the kept mapping (the text of `pemetaan.csv`).
const STORAGE_KEY: &str = "mutasi.pemetaan";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The mapping kept on this device (empty when none, or when what is kept cannot be read).
pub fn kept() -> ColumnMap {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|text| ColumnMap::read(&text).ok())
        .unwrap_or_default()
}

fn keep(map: &ColumnMap) {
    if let Some(s) = storage() {
        let _ = if map.is_empty() {
            s.remove_item(STORAGE_KEY)
        } else {
            s.set_item(STORAGE_KEY, &map.to_csv())
        };
    }
}

/// `files` with the kept mapping first (a `pemetaan.csv` among them is read after it, so it
/// wins where both name a column).
pub fn with_kept(mut files: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    let map = kept();
    if !map.is_empty() {
        files.insert(0, (MAPPING_FILE.into(), map.to_csv().into_bytes()));
    }
    files
}

/// The form: a select per missing column; saving keeps the choices and calls `saved`.
#[component]
pub fn MappingForm(asks: Arc<Vec<Unmapped>>, saved: Callback<()>) -> impl IntoView {
    // (sheet, Mutasi column, chosen file column)
    let choices: Vec<(String, String, RwSignal<String>)> = asks
        .iter()
        .flat_map(|u| {
            u.missing
                .iter()
                .map(|m| (u.sheet.clone(), m.clone(), RwSignal::new(String::new())))
        })
        .collect();
    let rows = choices
        .iter()
        .map(|(sheet, column, chosen)| {
            let chosen = *chosen;
            let options = asks
                .iter()
                .find(|u| &u.sheet == sheet)
                .map(|u| u.unknown.clone())
                .unwrap_or_default()
                .into_iter()
                .map(|h| view! { <option value=h.clone()>{h.clone()}</option> })
                .collect_view();
            let id = format!("data-map-{sheet}-{column}");
            view! {
                <tr>
                    <td>{sheet.clone()}</td>
                    <td><label for=id.clone()><code>{column.clone()}</code></label></td>
                    <td>
                        <select id=id on:change=move |ev| chosen.set(event_target_value(&ev))>
                            <option value="">{tr(|l| td_string!(l, data.mapping.none))}</option>
                            {options}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let save = move |_| {
        let mut map = kept();
        for (sheet, column, chosen) in &choices {
            let file = chosen.get_untracked();
            if !file.is_empty() {
                // The sheet and column come from the core's own lists.
                let _ = map.insert(sheet, &file, column);
            }
        }
        keep(&map);
        saved.run(());
    };
    view! {
        <div id="data-mapping" class="data-mapping">
            <p>{tr(|l| td_string!(l, data.mapping.hint))}</p>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{tr(|l| td_string!(l, data.problems.sheet))}</th>
                            <th scope="col">{tr(|l| td_string!(l, data.mapping.ours))}</th>
                            <th scope="col">{tr(|l| td_string!(l, data.mapping.theirs))}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="actions">
                <button type="button" id="data-map-save" on:click=save>
                    {tr(|l| td_string!(l, data.mapping.save))}
                </button>
            </p>
        </div>
    }
}

/// The mapping kept on this device: how many columns, a download of it, and clearing it.
#[component]
pub fn KeptMapping(version: RwSignal<u32>) -> impl IntoView {
    let link = RwSignal::new(Vec::<Ready>::new());
    view! {
        {move || {
            version.track();
            let map = kept();
            if map.is_empty() {
                return ().into_any();
            }
            let n = map.entries().len();
            let _ = super::prepare(link, &[(MAPPING_FILE.into(), map.to_csv())]);
            let clear = move |_| {
                keep(&ColumnMap::default());
                version.update(|v| *v += 1);
            };
            view! {
                <p id="data-mapping-kept">
                    {td_string!(current(), data.mapping.kept, n).to_string()}
                    " "
                    {move || {
                        link.get()
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <a id="data-mapping-download" href=r.url download=r.name>
                                        {tr(|l| td_string!(l, data.mapping.download))}
                                    </a>
                                }
                            })
                            .collect_view()
                    }}
                    " "
                    <button type="button" id="data-mapping-clear" on:click=clear>
                        {tr(|l| td_string!(l, data.mapping.clear))}
                    </button>
                </p>
            }
                .into_any()
        }}
    }
}

//! The seats' sheets: `formasi` (one row per slot, with an acting holder (Plt) where there is
//! one; the definitive holder comes from `pegawai`'s `JABATAN_SLOT`) and `kebutuhan` (the ABK
//! workload per unit and position).

use super::super::formula::CsvOut;
use super::table::{Reader, Table, WorkbookError};
use crate::model::*;
use crate::text::Text;
use chrono::NaiveDate;

/// Columns of the `formasi` sheet.
pub const SLOT_COLUMNS: [&str; 5] = ["ID", "UNIT", "JABATAN", "PLT_NIP", "PLT_SEJAK"];

/// Columns of the `kebutuhan` sheet.
pub const NEED_COLUMNS: [&str; 3] = ["UNIT", "JABATAN", "BEBAN_KERJA_JAM"];

/// One row of `formasi`: the slot without its definitive holder.
pub(super) struct SlotRow {
    pub(super) row: usize,
    pub(super) slot: Slot,
}

/// The `formasi` sheet (definitive holders are left to `pegawai`).
pub fn write_slots(slots: &[Slot]) -> String {
    let mut w = CsvOut::default();
    w.row(SLOT_COLUMNS);
    for x in slots {
        let plt = x.holder.as_ref().filter(|h| h.kind == HoldKind::Plt);
        w.row([
            x.id.to_string(),
            x.unit.to_string(),
            x.position.to_string(),
            plt.and_then(|h| h.nip.as_ref())
                .map_or(String::new(), |n| n.to_string()),
            plt.map_or(String::new(), |h| h.since.to_string()),
        ]);
    }
    w.finish()
}

/// The `kebutuhan` sheet.
pub fn write_needs(needs: &[AbkNeed]) -> String {
    let mut w = CsvOut::default();
    w.row(NEED_COLUMNS);
    for n in needs {
        w.row([
            n.unit.to_string(),
            n.position.to_string(),
            n.workload_hours.to_string(),
        ]);
    }
    w.finish()
}

/// Reads the `formasi` sheet.
pub(super) fn read_slots(text: &str, errs: &mut Vec<WorkbookError>) -> Vec<SlotRow> {
    let table = Table::read("formasi", &SLOT_COLUMNS, &[], text, errs);
    let mut rd = table.reader(errs);
    let mut out = Vec::new();
    for r in &table.rows {
        let id = rd.parse::<SlotId>(r, "ID");
        let unit = rd.parse::<UnitId>(r, "UNIT");
        let position = rd.parse::<PositionId>(r, "JABATAN");
        let nip = rd.optional::<Nip>(r, "PLT_NIP");
        let since = rd.optional::<NaiveDate>(r, "PLT_SEJAK");
        let holder = match (nip, since) {
            (Some(Some(nip)), Some(Some(since))) => Some(Holder {
                nip: Some(nip),
                kind: HoldKind::Plt,
                since,
            }),
            (Some(None), Some(None)) => None,
            (Some(n), Some(_)) => {
                let col = if n.is_some() { "PLT_SEJAK" } else { "PLT_NIP" };
                both(&mut rd, r, col);
                continue;
            }
            _ => continue,
        };
        if let (Some(id), Some(unit), Some(position)) = (id, unit, position) {
            out.push(SlotRow {
                row: r.row,
                slot: Slot {
                    id,
                    unit,
                    position,
                    holder,
                },
            });
        }
    }
    out
}

fn both(rd: &mut Reader<'_>, r: &super::table::Cells, column: &str) {
    rd.fail(
        r,
        column,
        "",
        Text::new(
            "PLT_NIP dan PLT_SEJAK diisi keduanya atau tidak sama sekali",
            "fill both PLT_NIP and PLT_SEJAK, or neither",
        ),
    );
}

/// Reads the `kebutuhan` sheet.
pub(super) fn read_needs(text: &str, errs: &mut Vec<WorkbookError>) -> Vec<(usize, AbkNeed)> {
    let table = Table::read("kebutuhan", &NEED_COLUMNS, &[], text, errs);
    let mut rd = table.reader(errs);
    let mut out = Vec::new();
    for r in &table.rows {
        let unit = rd.parse::<UnitId>(r, "UNIT");
        let position = rd.parse::<PositionId>(r, "JABATAN");
        // A decimal comma, as an Indonesian spreadsheet writes it, is read as a point.
        let cell = rd.get(r, "BEBAN_KERJA_JAM").replace(',', ".");
        let hours = match cell.parse::<f64>() {
            Ok(h) if h.is_finite() && h >= 0.0 => Some(h),
            _ => {
                rd.fail(
                    r,
                    "BEBAN_KERJA_JAM",
                    &cell,
                    Text::new(
                        "beban kerja harus angka jam per tahun, 0 atau lebih",
                        "workload must be a number of hours per year, 0 or more",
                    ),
                );
                None
            }
        };
        if let (Some(unit), Some(position), Some(workload_hours)) = (unit, position, hours) {
            out.push((
                r.row,
                AbkNeed {
                    unit,
                    position,
                    workload_hours,
                },
            ));
        }
    }
    out
}

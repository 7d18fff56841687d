//! The `capaian` sheet: outcomes of units by year (`UNIT, TAHUN, INDIKATOR, NILAI`), the
//! evidence the impact evaluation compares (`crate::evaluation`, `docs/EVALUATION.md`). One row
//! per unit, year and indicator; the indicators are [`Indicator`]'s codes.

use std::collections::{HashMap, HashSet};

use super::super::formula::CsvOut;
use super::table::{Table, WorkbookError};
use crate::model::{Indicator, OutcomeRecord, UnitId};
use crate::text::Text;

/// The sheet's name (`capaian.csv`, or a sheet `capaian` of an `.xlsx` workbook).
pub const OUTCOME_SHEET: &str = "capaian";

/// Columns of the `capaian` sheet.
pub const OUTCOME_COLUMNS: [&str; 4] = ["UNIT", "TAHUN", "INDIKATOR", "NILAI"];

/// Years accepted in `TAHUN`.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The `capaian` sheet of `outcomes`.
pub fn write_outcomes(outcomes: &[OutcomeRecord]) -> String {
    let mut w = CsvOut::default();
    w.row(OUTCOME_COLUMNS);
    for o in outcomes {
        w.row([
            o.unit.to_string(),
            o.year.to_string(),
            o.indicator.code().to_string(),
            o.value.to_string(),
        ]);
    }
    w.finish()
}

/// Reads the `capaian` sheet, checking each unit against `units` (the units of the workbook
/// or of the data stored). Every problem goes to `errs` with its row and column.
pub(super) fn read_outcomes(
    text: &str,
    units: &HashSet<&str>,
    errs: &mut Vec<WorkbookError>,
) -> Vec<OutcomeRecord> {
    let table = Table::read(OUTCOME_SHEET, &OUTCOME_COLUMNS, &[], text, errs);
    let mut rd = table.reader(errs);
    let mut first: HashMap<(String, i32, Indicator), usize> = HashMap::new();
    let mut out = Vec::new();
    for r in &table.rows {
        let unit = rd.parse::<UnitId>(r, "UNIT");
        if let Some(u) = &unit {
            if !units.contains(u.as_str()) {
                rd.fail(
                    r,
                    "UNIT",
                    u.as_str(),
                    Text::new("tidak ada di lembar unit", "not in the unit sheet"),
                );
            }
        }
        let year = rd.parse::<i32>(r, "TAHUN").filter(|y| {
            let ok = YEARS.contains(y);
            if !ok {
                rd.fail(
                    r,
                    "TAHUN",
                    &y.to_string(),
                    Text::new(
                        format!("tahun di luar {}-{}", YEARS.start(), YEARS.end()),
                        format!("year outside {}-{}", YEARS.start(), YEARS.end()),
                    ),
                );
            }
            ok
        });
        let indicator = rd.parse::<Indicator>(r, "INDIKATOR");
        // A decimal comma, as an Indonesian spreadsheet writes it, is read as a point.
        let cell = rd.get(r, "NILAI").replace(',', ".");
        let bound = indicator.and_then(Indicator::max);
        let value = match cell.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= 0.0 && bound.is_none_or(|m| v <= m) => Some(v),
            _ => {
                let (id, en) = match bound {
                    Some(m) => (
                        format!("nilai harus angka 0-{m}"),
                        format!("value must be a number 0-{m}"),
                    ),
                    None => (
                        "nilai harus angka 0 atau lebih".to_string(),
                        "value must be a number, 0 or more".to_string(),
                    ),
                };
                rd.fail(r, "NILAI", &cell, Text::new(id, en));
                None
            }
        };
        let (Some(unit), Some(year), Some(indicator), Some(value)) = (unit, year, indicator, value)
        else {
            continue;
        };
        let key = (unit.to_string(), year, indicator);
        if let Some(row) = first.get(&key) {
            rd.fail(
                r,
                "INDIKATOR",
                indicator.code(),
                Text::new(
                    format!("unit, tahun dan indikator ini sudah ada di baris {row}"),
                    format!("this unit, year and indicator are already on row {row}"),
                ),
            );
            continue;
        }
        first.insert(key, r.row);
        out.push(OutcomeRecord {
            unit,
            year,
            indicator,
            value,
        });
    }
    out
}

//! `mutasi plan`: the best legal set of moves for a scope (one OPD, all schools, the whole
//! city), written as a plan JSON, with a short summary on standard output.
//!
//! ```text
//! mutasi plan --data demo.json --out plan.json
//! mutasi plan --data demo.json --scope kind:SdNegeri --max-moves 100 --out plan.json
//! mutasi plan --data demo.json --scope opd:DISDIK --request controls.json --out plan.json
//! ```
//!
//! `--scope` is `city`, `opd:ID` / `unit:ID` (the unit and everything under it), `kind:KIND`
//! (e.g. `SdNegeri`, `SmpNegeri`, `Puskesmas`) or `principals` / `principals:KIND` (a
//! principals' rotation: their posts and the teaching posts of teachers who may become one). `--request` reads a full `PlanRequest` JSON
//! (locks, exclusions, forced moves, unit limits, weights); `--scope`, `--max-moves` and
//! `--date` given on the command line override it. Without `--date` the moves take effect at the
//! start of the next submission window (April or October by default), so a plan made in
//! December does not fail the window rule on every move. A request that cannot be met fails
//! with the constraint at fault.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use mutasi_core::plan::{plan, GroupKind, PlanRequest, Scope};
use mutasi_core::workflow::next_window;
use mutasi_core::Dataset;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset JSON (e.g. from `mutasi demo`).
    #[arg(long)]
    pub data: PathBuf,
    /// What to plan: city, opd:ID, unit:ID, kind:KIND, principals or principals:KIND.
    #[arg(long)]
    pub scope: Option<String>,
    /// At most this many moves.
    #[arg(long)]
    pub max_moves: Option<u32>,
    /// Effective date (TMT) of the moves (YYYY-MM-DD); when omitted, the start of the next
    /// submission window of the dataset's rules (today inside a window month).
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// A full plan request JSON (locks, exclusions, forced moves, unit limits, weights).
    #[arg(long)]
    pub request: Option<PathBuf>,
    /// Where to write the plan JSON.
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.data)
        .with_context(|| format!("reading {}", args.data.display()))?;
    let ds: Dataset =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", args.data.display()))?;
    let mut req = match &args.request {
        Some(p) => {
            let t =
                std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            serde_json::from_str::<PlanRequest>(&t)
                .with_context(|| format!("parsing {}", p.display()))?
        }
        None => PlanRequest::new(
            args.date
                .unwrap_or_else(|| next_window(super::today_utc(), ds.rules())),
        ),
    };
    if let Some(date) = args.date {
        req.date = date;
    }
    if let Some(scope) = &args.scope {
        req.scope = Scope::parse(scope).map_err(anyhow::Error::msg)?;
    }
    if args.max_moves.is_some() {
        req.max_moves = args.max_moves;
    }
    let start = std::time::Instant::now();
    let p = plan(&ds, &req)?;
    let elapsed = start.elapsed();
    let json = serde_json::to_string_pretty(&p)?;
    std::fs::write(&args.out, json).with_context(|| format!("writing {}", args.out.display()))?;

    let count = |k: GroupKind| p.groups.iter().filter(|g| g.kind == k).count();
    let (chains, swaps, rings) = (
        count(GroupKind::Chain),
        count(GroupKind::Swap),
        count(GroupKind::Cycle),
    );
    println!(
        "Rencana / Plan     : {} ({} ms), TMT {}",
        args.out.display(),
        elapsed.as_millis(),
        p.date
    );
    println!(
        "Pegawai / Employees: {} in scope, {} slots, {} candidate pairs",
        p.solver.rows, p.solver.cols, p.solver.edges
    );
    println!(
        "Mutasi / Moves     : {} in {chains} chains, {swaps} swaps and {rings} rings; {} units touched",
        p.moves.len(),
        p.after.units_touched
    );
    println!(
        "Kekurangan / Short : {:.1} → {:.1} people",
        p.before.shortage, p.after.shortage
    );
    println!(
        "Rotasi / Due       : {} → {}",
        p.before.rotations_due, p.after.rotations_due
    );
    println!(
        "JPM rata-rata/mean : {:.1} → {:.1}",
        p.before.mean_jpm, p.after.mean_jpm
    );
    let principal =
        |id: &mutasi_core::model::PositionId| ds.position(id).is_some_and(|x| x.is_principal());
    let principal_moves = p
        .moves
        .iter()
        .filter(|m| principal(&m.from.position) || principal(&m.to.position))
        .count();
    println!(
        "Kepala sekolah     : {principal_moves} moves into or out of principal posts; {} Plt named; {} kept in place for want of a Plt",
        p.acting.len(),
        p.solver.head_locks.len()
    );
    println!(
        "Tanpa kepala / None: {} → {} principal posts without a head; Plt past the limit {} → {}",
        p.before.heads_missing,
        p.after.heads_missing,
        p.before.plt_over_limit,
        p.after.plt_over_limit
    );
    if p.solver.lambda > 0.0 {
        println!(
            "Batas / Limit      : move penalty {:.2}, at most {:.2} fit points below the optimum",
            p.solver.lambda, p.solver.gap_bound
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mutasi_core::plan::{Plan, PlanError};

    fn args(dir: &std::path::Path, scope: Option<&str>, max_moves: Option<u32>) -> Args {
        Args {
            data: dir.join("data.json"),
            scope: scope.map(str::to_string),
            max_moves,
            date: Some(mutasi_core::fixture::today()),
            request: None,
            out: dir.join("plan.json"),
        }
    }

    #[test]
    fn writes_a_plan_and_names_unsatisfiable_requests() {
        let dir = tempfile::tempdir().unwrap();
        let ds = mutasi_core::fixture::small();
        std::fs::write(
            dir.path().join("data.json"),
            serde_json::to_string(&ds).unwrap(),
        )
        .unwrap();

        run(args(dir.path(), Some("opd:DISDIK"), Some(5))).unwrap();
        let text = std::fs::read_to_string(dir.path().join("plan.json")).unwrap();
        let p: Plan = serde_json::from_str(&text).unwrap();
        assert_eq!(p.date, mutasi_core::fixture::today());
        assert!(p.moves.len() <= 5);
        assert!(p.solver.certified);

        // A request file with a forced move that breaks a hard rule fails with its constraint.
        let req = serde_json::json!({
            "date": "2026-11-28",
            "forced": [{ "nip": mutasi_core::fixture::nips::CPNS, "slot": "SDN-001/GURU-2" }]
        });
        std::fs::write(dir.path().join("req.json"), req.to_string()).unwrap();
        let mut a = args(dir.path(), None, None);
        a.request = Some(dir.path().join("req.json"));
        let err = run(a).unwrap_err();
        assert!(
            matches!(
                err.downcast_ref::<PlanError>(),
                Some(PlanError::Unsatisfiable { .. })
            ),
            "{err:#}"
        );
        assert!(run(args(dir.path(), Some("planet"), None)).is_err());

        // Without --date the moves take effect in a submission window, whatever the day.
        let mut a = args(dir.path(), Some("opd:DISDIK"), Some(5));
        a.date = None;
        run(a).unwrap();
        let p: Plan =
            serde_json::from_str(&std::fs::read_to_string(dir.path().join("plan.json")).unwrap())
                .unwrap();
        let months = &ds.rules().submission_months;
        assert!(
            months.contains(&(chrono::Datelike::month(&p.date) as u8)),
            "{}",
            p.date
        );
        assert!(p.date >= crate::cli::today_utc());
    }
}

//! Tests of the city plan: small hand-built districts where the right answer is known (swaps,
//! chains, locks, limits, unsatisfiable requests), the shared fixture, and the invariants every
//! plan must keep (each checked by `check`).
//!
//! Longer than 500 lines on purpose: the hand-built districts are small literal cities, one per
//! case, all checked by the same `check` of the invariants.

use chrono::NaiveDate;
use mutasi_core::eligibility::eligibility;
use mutasi_core::fixture;
use mutasi_core::model::*;
use mutasi_core::plan::{
    plan, plan_observed, Breakdown, Constraint, Exclusion, ForcedMove, GroupKind, Plan, PlanError,
    PlanRequest, Scope, Stage, UnitLimit,
};
use mutasi_core::{Dataset, DatasetParts};
use std::collections::HashSet;

// ---------------------------------------------------------------------------------------------
// Helpers.
// ---------------------------------------------------------------------------------------------

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn today() -> NaiveDate {
    fixture::today()
}

/// A teacher in a district: slot id, in post since, home kecamatan.
struct Teacher {
    slot: &'static str,
    since: NaiveDate,
    home: Kecamatan,
}

/// A district under DISDIK: one unit per school (kecamatan given), two teacher seats each
/// (`<school>/GURU-1`, `<school>/GURU-2`), the given teachers, and an ABK need per school in
/// teachers. Teachers are cloned from the fixture's teacher (PNS III/c, S1 Pendidikan).
fn district(schools: &[(&str, Kecamatan, f64)], teachers: &[Teacher]) -> Dataset {
    let base = fixture::small().into_parts();
    let template = base
        .employees
        .iter()
        .find(|e| e.nip.as_str() == fixture::nips::GURU_PLT)
        .unwrap()
        .clone();
    // The district's posts are generic JF posts (no profession): these tests are about the
    // solver and the generic rotation rule; teachers' own rules are in tests/schools_plan.rs.
    let mut guru = base
        .positions
        .iter()
        .find(|p| p.id.as_str() == "GURU-SD")
        .unwrap()
        .clone();
    guru.profession = None;
    guru.subject = None;
    let disdik = base
        .units
        .iter()
        .find(|u| u.id.as_str() == "DISDIK")
        .unwrap()
        .clone();
    let mut units = vec![disdik];
    let mut slots = Vec::new();
    let mut needs = Vec::new();
    for &(id, kec, need) in schools {
        units.push(Unit {
            id: UnitId::new(id).unwrap(),
            name: format!("SD Negeri {id}"),
            short: id.into(),
            kind: UnitKind::SdNegeri,
            parent: Some(UnitId::new("DISDIK").unwrap()),
            kecamatan: kec,
            field: Field::Pendidikan,
            school: None,
        });
        for k in 1..=2 {
            slots.push(Slot {
                id: SlotId::new(format!("{id}/GURU-{k}")).unwrap(),
                unit: UnitId::new(id).unwrap(),
                position: guru.id.clone(),
                holder: None,
            });
        }
        needs.push(AbkNeed {
            unit: UnitId::new(id).unwrap(),
            position: guru.id.clone(),
            workload_hours: need * 1250.0,
        });
    }
    let mut employees = Vec::new();
    for (k, t) in teachers.iter().enumerate() {
        let mut e = template.clone();
        e.nip = Nip::from_parts(
            d(1985, 1, 1 + k as u32),
            d(2010, 3, 1),
            Sex::Female,
            100 + k as u16,
        )
        .unwrap();
        e.name = format!("Guru {}", k + 1);
        e.diklat.clear();
        e.home = t.home;
        e.current = Some(CurrentPost {
            slot: SlotId::new(t.slot).unwrap(),
            since: t.since,
        });
        let slot = slots.iter_mut().find(|s| s.id.as_str() == t.slot).unwrap();
        slot.holder = Some(Holder {
            nip: Some(e.nip.clone()),
            kind: HoldKind::Definitive,
            since: t.since,
        });
        employees.push(e);
    }
    Dataset::new(DatasetParts {
        employees,
        units,
        positions: vec![guru],
        slots,
        needs,
        rules: base.rules,
    })
    .unwrap()
}

fn nip_of(ds: &Dataset, k: usize) -> Nip {
    ds.employees()[k].nip.clone()
}

/// Plan and check every invariant; return the plan.
fn check(ds: &Dataset, req: &PlanRequest) -> Plan {
    let p = plan(ds, req).unwrap_or_else(|e| panic!("no plan: {e}"));
    let mut movers = HashSet::new();
    let mut taken = HashSet::new();
    for m in &p.moves {
        let e = ds.employee_idx(&m.nip).unwrap();
        let s = ds.slot_idx(&m.to.slot).unwrap();
        assert!(movers.insert(m.nip.clone()), "{} moves twice", m.nip);
        assert!(
            taken.insert(m.to.slot.clone()),
            "{} is filled twice",
            m.to.slot
        );
        assert_eq!(
            ds.employee_slot(e),
            ds.slot_idx(&m.from.slot),
            "{} does not come from their post",
            m.nip
        );
        assert_ne!(m.from.slot, m.to.slot);
        let v = eligibility(ds, e, s, req.date, ds.rules());
        assert!(
            !v.is_blocked(),
            "{} → {} breaks a hard rule: {:?}",
            m.nip,
            m.to.slot,
            v.hard_failures().collect::<Vec<_>>()
        );
        assert!(!m.reasons.is_empty(), "a move without reasons");
        assert_eq!(m.fit.score, m.fit_after, "breakdown and score disagree");
        assert!(!req.locks.contains(&m.nip), "{} is locked but moves", m.nip);
    }
    // Every filled slot was open or its holder left.
    for m in &p.moves {
        if let Some(h) = &ds.slot(&m.to.slot).unwrap().holder {
            if h.kind == HoldKind::Definitive {
                assert!(
                    h.nip.as_ref().is_some_and(|n| movers.contains(n)),
                    "{} fills {} but its holder stays",
                    m.nip,
                    m.to.slot
                );
            }
        }
    }
    for f in &req.forced {
        assert!(
            p.moves
                .iter()
                .any(|m| m.nip == f.nip && m.to.slot == f.slot),
            "forced move missing"
        );
    }
    if let Some(limit) = req.max_moves {
        assert!(p.moves.len() as u32 <= limit);
    }
    // Groups partition the moves, in order.
    let mut listed: Vec<usize> = p.groups.iter().flat_map(|g| g.moves.clone()).collect();
    listed.sort_unstable();
    assert_eq!(listed, (0..p.moves.len()).collect::<Vec<_>>());
    for (gi, g) in p.groups.iter().enumerate() {
        for &k in &g.moves {
            assert_eq!(p.moves[k].group, gi);
        }
        match g.kind {
            GroupKind::Swap => assert_eq!(g.moves.len(), 2),
            GroupKind::Cycle => assert!(g.moves.len() >= 3),
            GroupKind::Chain => assert!(g.fills.is_some() && g.leaves_open.is_some()),
        }
        // Within a group, each next mover takes the post the previous one left.
        for w in g.moves.windows(2) {
            assert_eq!(p.moves[w[1]].to.slot, p.moves[w[0]].from.slot);
        }
    }
    assert_eq!(p.after.moves as usize, p.moves.len());
    assert_eq!(p.before.moves, 0);
    assert!(p.solver.certified);
    assert!(
        p.solver.objective + 1e-6 >= p.solver.objective_before
            || !req.forced.is_empty()
            || req.max_moves.is_some()
    );
    p
}

fn unsat(res: Result<Plan, PlanError>) -> (Constraint, String) {
    match res {
        Err(PlanError::Unsatisfiable { constraint, reason }) => (constraint, reason),
        other => panic!("expected an unsatisfiable request, got {other:?}"),
    }
}

use Kecamatan::*;

// ---------------------------------------------------------------------------------------------
// Known answers.
// ---------------------------------------------------------------------------------------------

#[test]
fn two_teachers_due_for_rotation_swap() {
    // Each school needs exactly its one teacher; both are due (in post since 2015): the only
    // moves that keep the shortage at zero are a swap.
    let ds = district(
        &[("SD-A", Plaju, 1.0), ("SD-B", Sukarami, 1.0)],
        &[
            Teacher {
                slot: "SD-A/GURU-1",
                since: d(2015, 1, 5),
                home: Sukarami,
            },
            Teacher {
                slot: "SD-B/GURU-1",
                since: d(2015, 1, 5),
                home: Plaju,
            },
        ],
    );
    let p = check(&ds, &PlanRequest::new(today()));
    assert_eq!(p.moves.len(), 2, "{:#?}", p.moves);
    assert_eq!(p.groups.len(), 1);
    assert_eq!(p.groups[0].kind, GroupKind::Swap);
    assert_eq!(p.before.rotations_due, 2);
    assert_eq!(p.after.rotations_due, 0);
    assert_eq!(p.rotations_resolved(), 2);
    assert_eq!(p.after.units_touched, 2);
    assert!(p
        .moves
        .iter()
        .all(|m| m.reasons.iter().any(|r| r.en.starts_with("Rotation due"))));
}

#[test]
fn progress_reports_each_stage_once_in_order() {
    let ds = district(
        &[("SD-A", Plaju, 1.0), ("SD-B", Sukarami, 1.0)],
        &[
            Teacher {
                slot: "SD-A/GURU-1",
                since: d(2015, 1, 5),
                home: Sukarami,
            },
            Teacher {
                slot: "SD-B/GURU-1",
                since: d(2015, 1, 5),
                home: Plaju,
            },
        ],
    );
    let req = PlanRequest::new(today());
    let mut seen = Vec::new();
    let observed = plan_observed(&ds, &req, Breakdown::Explained, &mut |s| seen.push(s)).unwrap();
    assert_eq!(seen, [Stage::Candidates, Stage::Solving, Stage::Report]);
    let whole = plan(&ds, &req).unwrap();
    assert_eq!(observed, whole);
    // The score only: the same plan without the breakdown, which `plan` does carry.
    let scored = plan_observed(&ds, &req, Breakdown::ScoreOnly, &mut |_| {}).unwrap();
    assert!(!whole.moves.is_empty());
    assert!(whole.moves.iter().all(|m| !m.fit.components.is_empty()));
    assert!(scored.moves.iter().all(|m| m.fit.components.is_empty()));
    assert_eq!(scored, whole.without_breakdown());
    // An impossible request stops before the report.
    let mut bad = req.clone();
    bad.locks.push(nip_of(&ds, 0));
    bad.forced.push(ForcedMove {
        nip: nip_of(&ds, 0),
        slot: SlotId::new("SD-B/GURU-1").unwrap(),
    });
    seen.clear();
    assert!(plan_observed(&ds, &bad, Breakdown::Explained, &mut |s| seen.push(s)).is_err());
    assert!(!seen.contains(&Stage::Report), "{seen:?}");
}

#[test]
fn vacancy_chain_fills_the_short_school() {
    // SD-C needs a teacher and has none; the teacher due at SD-A moves there, the shortage at
    // SD-A then pulls nobody (SD-A needs nobody more), so the chain is one move long; with SD-A
    // also needing its teacher, the teacher at SD-B (due too) follows into SD-A.
    let ds = district(
        &[
            ("SD-A", Plaju, 1.0),
            ("SD-B", Sukarami, 0.0),
            ("SD-C", Kemuning, 1.0),
        ],
        &[
            Teacher {
                slot: "SD-A/GURU-1",
                since: d(2015, 1, 5),
                home: Kemuning,
            },
            Teacher {
                slot: "SD-B/GURU-1",
                since: d(2015, 1, 5),
                home: Plaju,
            },
        ],
    );
    let p = check(&ds, &PlanRequest::new(today()));
    assert_eq!(p.moves.len(), 2, "{:#?}", p.moves);
    assert_eq!(p.groups.len(), 1);
    let g = &p.groups[0];
    assert_eq!(g.kind, GroupKind::Chain);
    assert_eq!(
        g.fills.as_ref().unwrap().as_str().split('/').next(),
        Some("SD-C")
    );
    assert_eq!(g.leaves_open.as_ref().unwrap().as_str(), "SD-B/GURU-1");
    assert_eq!(p.moves[g.moves[0]].nip, nip_of(&ds, 0));
    assert!(p.moves[g.moves[1]]
        .reasons
        .iter()
        .any(|r| r.en.starts_with("Takes over from Guru 1")));
    // Shortage: SD-C short by 1 before, nobody short after (SD-B needs no teacher).
    assert_eq!(p.before.shortage, 1.0);
    assert_eq!(p.after.shortage, 0.0);
    assert_eq!(p.shortage_closed(), 1.0);
}

#[test]
fn nobody_moves_without_a_reason() {
    // Not due, no shortage anywhere, no better fit: staying is best (moves cost something).
    let ds = district(
        &[("SD-A", Plaju, 1.0), ("SD-B", Plaju, 1.0)],
        &[
            Teacher {
                slot: "SD-A/GURU-1",
                since: d(2023, 1, 5),
                home: Plaju,
            },
            Teacher {
                slot: "SD-B/GURU-1",
                since: d(2023, 1, 5),
                home: Plaju,
            },
        ],
    );
    let p = check(&ds, &PlanRequest::new(today()));
    assert!(p.moves.is_empty(), "{:#?}", p.moves);
    assert_eq!(p.before, p.after);
}

fn three_due() -> Dataset {
    district(
        &[
            ("SD-A", Plaju, 1.0),
            ("SD-B", Sukarami, 1.0),
            ("SD-C", Kemuning, 1.0),
        ],
        &[
            Teacher {
                slot: "SD-A/GURU-1",
                since: d(2015, 1, 5),
                home: Sukarami,
            },
            Teacher {
                slot: "SD-B/GURU-1",
                since: d(2015, 1, 5),
                home: Kemuning,
            },
            Teacher {
                slot: "SD-C/GURU-1",
                since: d(2015, 1, 5),
                home: Plaju,
            },
        ],
    )
}

#[test]
fn three_due_teachers_rotate_in_a_ring() {
    let ds = three_due();
    let p = check(&ds, &PlanRequest::new(today()));
    assert_eq!(p.moves.len(), 3);
    assert_eq!(p.groups.len(), 1);
    assert_eq!(p.groups[0].kind, GroupKind::Cycle);
}

#[test]
fn locked_people_stay_and_the_rest_adapt() {
    let ds = three_due();
    let req = PlanRequest {
        locks: vec![nip_of(&ds, 2)],
        ..PlanRequest::new(today())
    };
    let p = check(&ds, &req);
    // With SD-C's teacher locked, the other two swap.
    assert_eq!(p.moves.len(), 2);
    assert_eq!(p.groups[0].kind, GroupKind::Swap);
    assert_eq!(p.after.rotations_due, 1);
}

#[test]
fn move_limit_is_met_with_a_reported_bound() {
    let ds = three_due();
    for limit in [0, 1, 2, 3] {
        let req = PlanRequest {
            max_moves: Some(limit),
            ..PlanRequest::new(today())
        };
        let p = check(&ds, &req);
        assert!(p.moves.len() as u32 <= limit);
        assert!(p.solver.gap_bound >= 0.0);
        if limit >= 3 {
            assert_eq!(p.solver.lambda, 0.0);
            assert_eq!(p.moves.len(), 3);
        }
    }
    // As the move penalty rises the optimum jumps from the 3-ring straight to no move (a swap
    // is never optimal for any penalty); the repair then locks the lowest-gain member of the
    // ring and finds a swap. The reported bound holds against every swap (the best plans with
    // at most 2 moves), each computed by forcing it.
    let p = check(
        &ds,
        &PlanRequest {
            max_moves: Some(2),
            ..PlanRequest::new(today())
        },
    );
    assert_eq!(p.moves.len(), 2);
    assert_eq!(p.groups[0].kind, GroupKind::Swap);
    assert!(p.solver.lambda > 0.0);
    assert!(p.solver.gap_bound >= 0.0);
    for (a, slot) in [(0, "SD-B/GURU-1"), (1, "SD-C/GURU-1"), (2, "SD-A/GURU-1")] {
        let swap = PlanRequest {
            forced: vec![ForcedMove {
                nip: nip_of(&ds, a),
                slot: SlotId::new(slot).unwrap(),
            }],
            max_moves: Some(2),
            ..PlanRequest::new(today())
        };
        let s = check(&ds, &swap);
        assert_eq!(s.moves.len(), 2);
        assert!(s.solver.objective <= p.solver.objective + p.solver.gap_bound + 1e-6);
    }
}

#[test]
fn outflow_limit_and_minimum_staffing_hold() {
    let ds = three_due();
    let req = PlanRequest {
        max_outflow: vec![UnitLimit {
            unit: UnitId::new("SD-A").unwrap(),
            limit: 0,
        }],
        ..PlanRequest::new(today())
    };
    let p = check(&ds, &req);
    assert!(p.moves.iter().all(|m| m.from.unit.as_str() != "SD-A"));
    // SD-A's teacher is held back by the repair; the other two swap.
    assert_eq!(p.solver.repair_locks, vec![nip_of(&ds, 0)]);
    assert_eq!(p.moves.len(), 2);

    let req = PlanRequest {
        min_staff: vec![UnitLimit {
            unit: UnitId::new("SD-B").unwrap(),
            limit: 1,
        }],
        exclusions: vec![Exclusion::Unit {
            unit: UnitId::new("SD-B").unwrap(),
        }],
        ..PlanRequest::new(today())
    };
    let p = check(&ds, &req);
    // Nobody may arrive at SD-B, so its teacher may not leave.
    assert!(p
        .moves
        .iter()
        .all(|m| m.from.unit.as_str() != "SD-B" && m.to.unit.as_str() != "SD-B"));
}

#[test]
fn exclusions_are_respected() {
    let ds = three_due();
    let req = PlanRequest {
        exclusions: vec![
            Exclusion::Pair {
                nip: nip_of(&ds, 0),
                slot: SlotId::new("SD-B/GURU-1").unwrap(),
            },
            Exclusion::Slot {
                slot: SlotId::new("SD-C/GURU-2").unwrap(),
            },
        ],
        ..PlanRequest::new(today())
    };
    let p = check(&ds, &req);
    for m in &p.moves {
        assert!(!(m.nip == nip_of(&ds, 0) && m.to.slot.as_str() == "SD-B/GURU-1"));
        assert_ne!(m.to.slot.as_str(), "SD-C/GURU-2");
    }
}

#[test]
fn forced_moves_happen_and_pull_their_chain() {
    let ds = three_due();
    // Not due anyone: only the forced move and what it forces.
    let req = PlanRequest {
        forced: vec![ForcedMove {
            nip: nip_of(&ds, 0),
            slot: SlotId::new("SD-B/GURU-1").unwrap(),
        }],
        ..PlanRequest::new(today())
    };
    let p = check(&ds, &req);
    let forced: Vec<_> = p.moves.iter().filter(|m| m.forced).collect();
    assert_eq!(forced.len(), 1);
    assert!(forced[0]
        .reasons
        .iter()
        .any(|r| r.en == "Set by the planner"));
}

#[test]
fn scope_limits_who_moves() {
    let ds = three_due();
    let req = PlanRequest {
        scope: Scope::Unit {
            unit: UnitId::new("SD-A").unwrap(),
        },
        ..PlanRequest::new(today())
    };
    let p = check(&ds, &req);
    assert_eq!(p.solver.rows, 1);
    assert_eq!(p.solver.cols, 2);
    assert!(
        p.moves.is_empty(),
        "the only other seat is in the same formation"
    );
    let req = PlanRequest {
        scope: Scope::UnitKind {
            unit_kind: UnitKind::SdNegeri,
        },
        ..PlanRequest::new(today())
    };
    assert_eq!(check(&ds, &req).moves.len(), 3);
    assert_eq!(
        Scope::parse("kind:SdNegeri").unwrap(),
        Scope::UnitKind {
            unit_kind: UnitKind::SdNegeri
        }
    );
    assert_eq!(
        Scope::parse("opd:DISDIK").unwrap(),
        Scope::Unit {
            unit: UnitId::new("DISDIK").unwrap()
        }
    );
    assert_eq!(Scope::parse("city").unwrap(), Scope::City);
    assert!(Scope::parse("kind:Nope").is_err());
    assert!(Scope::parse("planet").is_err());
}

#[test]
fn plans_are_deterministic_and_serialize() {
    let ds = three_due();
    let req = PlanRequest::new(today());
    let a = check(&ds, &req);
    let b = check(&ds, &req);
    assert_eq!(a, b);
    let json = serde_json::to_string(&a).unwrap();
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, a);
    let req_json = serde_json::to_string(&req).unwrap();
    assert_eq!(serde_json::from_str::<PlanRequest>(&req_json).unwrap(), req);
}

// ---------------------------------------------------------------------------------------------
// Unsatisfiable requests name their constraint.
// ---------------------------------------------------------------------------------------------

#[test]
fn forced_move_breaking_a_hard_rule_names_the_rule() {
    let ds = fixture::small();
    let cpns = Nip::parse(fixture::nips::CPNS).unwrap();
    let req = PlanRequest {
        forced: vec![ForcedMove {
            nip: cpns.clone(),
            slot: SlotId::new("SDN-001/GURU-2").unwrap(),
        }],
        ..PlanRequest::new(today())
    };
    let (c, reason) = unsat(plan(&ds, &req));
    assert_eq!(
        c,
        Constraint::Forced {
            nip: cpns.to_string(),
            slot: "SDN-001/GURU-2".into()
        }
    );
    assert!(reason.contains("CPNS"), "{reason}");
}

#[test]
fn conflicting_controls_are_named() {
    let ds = three_due();
    let (a, b) = (nip_of(&ds, 0), nip_of(&ds, 1));
    let slot_b = SlotId::new("SD-B/GURU-1").unwrap();
    // Forced into the post of someone locked.
    let req = PlanRequest {
        forced: vec![ForcedMove {
            nip: a.clone(),
            slot: slot_b.clone(),
        }],
        locks: vec![b.clone()],
        ..PlanRequest::new(today())
    };
    let (c, reason) = unsat(plan(&ds, &req));
    assert!(matches!(c, Constraint::Forced { .. }), "{c:?}");
    assert!(reason.contains("locked"), "{reason}");
    // Locked and forced.
    let req = PlanRequest {
        forced: vec![ForcedMove {
            nip: a.clone(),
            slot: slot_b.clone(),
        }],
        locks: vec![a.clone()],
        ..PlanRequest::new(today())
    };
    assert_eq!(
        unsat(plan(&ds, &req)).0,
        Constraint::Lock { nip: a.to_string() }
    );
    // Two people forced into one slot.
    let req = PlanRequest {
        forced: vec![
            ForcedMove {
                nip: a.clone(),
                slot: SlotId::new("SD-C/GURU-2").unwrap(),
            },
            ForcedMove {
                nip: b.clone(),
                slot: SlotId::new("SD-C/GURU-2").unwrap(),
            },
        ],
        ..PlanRequest::new(today())
    };
    assert!(matches!(
        unsat(plan(&ds, &req)).0,
        Constraint::Forced { .. }
    ));
    // More forced moves than allowed.
    let req = PlanRequest {
        forced: vec![ForcedMove {
            nip: a.clone(),
            slot: SlotId::new("SD-C/GURU-2").unwrap(),
        }],
        max_moves: Some(0),
        ..PlanRequest::new(today())
    };
    assert_eq!(unsat(plan(&ds, &req)).0, Constraint::MaxMoves { limit: 0 });
    // A forced move out of a unit that may lose nobody.
    let req = PlanRequest {
        forced: vec![ForcedMove {
            nip: a.clone(),
            slot: SlotId::new("SD-C/GURU-2").unwrap(),
        }],
        max_outflow: vec![UnitLimit {
            unit: UnitId::new("SD-A").unwrap(),
            limit: 0,
        }],
        ..PlanRequest::new(today())
    };
    assert_eq!(
        unsat(plan(&ds, &req)).0,
        Constraint::MaxOutflow {
            unit: "SD-A".into(),
            limit: 0
        }
    );
    // A forced move to an excluded slot.
    let req = PlanRequest {
        forced: vec![ForcedMove {
            nip: a.clone(),
            slot: SlotId::new("SD-C/GURU-2").unwrap(),
        }],
        exclusions: vec![Exclusion::Slot {
            slot: SlotId::new("SD-C/GURU-2").unwrap(),
        }],
        ..PlanRequest::new(today())
    };
    assert!(matches!(
        unsat(plan(&ds, &req)).0,
        Constraint::Exclusion { .. }
    ));
    // A forced move out of scope.
    let req = PlanRequest {
        forced: vec![ForcedMove {
            nip: a.clone(),
            slot: SlotId::new("SD-C/GURU-2").unwrap(),
        }],
        scope: Scope::Unit {
            unit: UnitId::new("SD-A").unwrap(),
        },
        ..PlanRequest::new(today())
    };
    assert!(unsat(plan(&ds, &req)).1.contains("outside the scope"));
    // Unknown names.
    let req = PlanRequest {
        locks: vec![Nip::parse(fixture::nips::KADIS).unwrap()],
        ..PlanRequest::new(today())
    };
    assert!(matches!(
        plan(&ds, &req),
        Err(PlanError::UnknownEmployee { .. })
    ));
    let req = PlanRequest {
        scope: Scope::Unit {
            unit: UnitId::new("NOWHERE").unwrap(),
        },
        ..PlanRequest::new(today())
    };
    assert!(matches!(
        plan(&ds, &req),
        Err(PlanError::UnknownUnit { .. })
    ));
}

#[test]
fn forced_move_whose_displaced_holder_has_nowhere_to_go_is_explained() {
    // Two schools, one seat each in use, the other seats excluded: forcing A into B's post
    // leaves B nowhere (A's post is the only one, and B may not take it).
    let ds = district(
        &[("SD-A", Plaju, 1.0), ("SD-B", Sukarami, 1.0)],
        &[
            Teacher {
                slot: "SD-A/GURU-1",
                since: d(2015, 1, 5),
                home: Sukarami,
            },
            Teacher {
                slot: "SD-B/GURU-1",
                since: d(2015, 1, 5),
                home: Plaju,
            },
        ],
    );
    let (a, b) = (nip_of(&ds, 0), nip_of(&ds, 1));
    let req = PlanRequest {
        forced: vec![ForcedMove {
            nip: a.clone(),
            slot: SlotId::new("SD-B/GURU-1").unwrap(),
        }],
        exclusions: vec![
            Exclusion::Slot {
                slot: SlotId::new("SD-A/GURU-2").unwrap(),
            },
            Exclusion::Slot {
                slot: SlotId::new("SD-B/GURU-2").unwrap(),
            },
            Exclusion::Pair {
                nip: b.clone(),
                slot: SlotId::new("SD-A/GURU-1").unwrap(),
            },
        ],
        ..PlanRequest::new(today())
    };
    let (c, reason) = unsat(plan(&ds, &req));
    assert_eq!(
        c,
        Constraint::Forced {
            nip: a.to_string(),
            slot: "SD-B/GURU-1".into()
        }
    );
    assert!(
        reason.contains("2 employees can only go to 1 slots"),
        "{reason}"
    );
}

// ---------------------------------------------------------------------------------------------
// The shared fixture: hard rules keep people in place.
// ---------------------------------------------------------------------------------------------

#[test]
fn fixture_city_plan_respects_every_hard_rule() {
    let ds = fixture::small();
    let p = check(&ds, &PlanRequest::new(today()));
    // The sanctioned clerk, the CPNS, the clerk under minimum tenure and the protected Kadis
    // never move.
    for nip in [
        fixture::nips::DISANKSI,
        fixture::nips::CPNS,
        fixture::nips::PELAKSANA_BARU,
        fixture::nips::KADIS,
    ] {
        assert!(p.moves.iter().all(|m| m.nip.as_str() != nip), "{nip} moved");
    }
    assert!(p.solver.fixed >= 4);
}

// ---------------------------------------------------------------------------------------------
// The demo city: every move passes the full eligibility check, every due rotation counted.
// ---------------------------------------------------------------------------------------------

#[test]
fn demo_city_plans_keep_every_invariant() {
    let ds = mutasi_core::demo::generate(3);
    let date = mutasi_core::demo::reference_date();
    for scope in [
        Scope::UnitKind {
            unit_kind: UnitKind::SmpNegeri,
        },
        Scope::UnitKind {
            unit_kind: UnitKind::Puskesmas,
        },
    ] {
        let req = PlanRequest {
            scope: scope.clone(),
            ..PlanRequest::new(date)
        };
        let p = check(&ds, &req);
        assert!(
            !p.moves.is_empty(),
            "{scope:?}: a real city always has rotations due"
        );
        assert!(p.after.rotations_due < p.before.rotations_due);
        assert!(
            p.after.shortage <= p.before.shortage,
            "{scope:?}: shortage grew"
        );
        assert!(p.solver.edges < p.solver.rows as u64 * 52);
        // With a move limit, fewer moves, still every invariant.
        let limited = PlanRequest {
            max_moves: Some(p.moves.len() as u32 / 3),
            ..req
        };
        check(&ds, &limited);
    }
}

// ---------------------------------------------------------------------------------------------
// Random districts and requests: every invariant of `check` holds.
// ---------------------------------------------------------------------------------------------

#[cfg(not(target_arch = "wasm32"))] // proptest is a native-only dev-dependency
mod random {
    use super::*;
    use proptest::prelude::*;

    const KEC: [Kecamatan; 4] = [Plaju, Sukarami, Kemuning, Kalidoni];
    const SCHOOLS: [&str; 4] = ["SD-A", "SD-B", "SD-C", "SD-D"];
    const SEATS: [&str; 8] = [
        "SD-A/GURU-1",
        "SD-A/GURU-2",
        "SD-B/GURU-1",
        "SD-B/GURU-2",
        "SD-C/GURU-1",
        "SD-C/GURU-2",
        "SD-D/GURU-1",
        "SD-D/GURU-2",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        #[test]
        fn plans_of_random_districts_keep_every_invariant(
            schools in 2..=4usize,
            needs in proptest::collection::vec(0u8..=4, 4),
            teachers in proptest::collection::vec((0..8usize, 2010..2026i32, 0..4usize), 1..=6),
            max_moves in proptest::option::of(0u32..4),
            lock_first in any::<bool>(),
            outflow_a in proptest::option::of(0u32..2),
        ) {
            let school_list: Vec<(&str, Kecamatan, f64)> =
                (0..schools).map(|k| (SCHOOLS[k], KEC[k], needs[k] as f64 / 2.0)).collect();
            let mut used = HashSet::new();
            let list: Vec<Teacher> = teachers
                .iter()
                .filter(|(seat, _, _)| *seat < 2 * schools && used.insert(*seat))
                .map(|&(seat, year, home)| Teacher { slot: SEATS[seat], since: d(year, 1, 5), home: KEC[home] })
                .collect();
            prop_assume!(!list.is_empty());
            let ds = district(&school_list, &list);
            let req = PlanRequest {
                max_moves,
                locks: if lock_first { vec![nip_of(&ds, 0)] } else { Vec::new() },
                max_outflow: outflow_a
                    .map(|limit| vec![UnitLimit { unit: UnitId::new("SD-A").unwrap(), limit }])
                    .unwrap_or_default(),
                ..PlanRequest::new(today())
            };
            let p = check(&ds, &req);
            if let Some(limit) = outflow_a {
                let out = p.moves.iter().filter(|m| m.from.unit.as_str() == "SD-A" && m.to.unit.as_str() != "SD-A").count();
                prop_assert!(out as u32 <= limit);
            }
            // Without limits, the plan is at least as good as keeping everyone in place.
            if max_moves.is_none() && outflow_a.is_none() {
                prop_assert!(p.solver.objective + 1e-9 >= p.solver.objective_before);
            }
        }
    }
}

//! An independent check of city plans against the regulation for teachers and principals
//! (DOMAIN.md §3a; docs/SCHOOLS.md), written from the regulation's numbers and the raw records,
//! not from the rule code: every move of a whole-city plan, of the `kind:SdNegeri` scope and of
//! a plan limited to 200 moves is re-checked, and the plan must also name an acting principal
//! for every school it leaves without a head. The numbers are written here on purpose, so that
//! a rule set or rule code that drifts from the regulation makes this test fail.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{Datelike, Months, NaiveDate};
use mutasi_core::model::*;
use mutasi_core::plan::{plan, Plan, PlanRequest, Scope};
use mutasi_core::Dataset;
use std::sync::OnceLock;

// The regulation's numbers (Permendikdasmen 7/2025; UU 14/2005 Pasal 30 ayat (4); PP 11/2017).
const PERIOD_YEARS: u32 = 4;
const MAX_PERIODS: u32 = 2;
const PERIODS_WITHOUT_TRAINING: u32 = 1;
const PERIODS_SAME_SCHOOL: u32 = 2;
const YEARS_AT_SCHOOL: u32 = 2;
const MAX_AGE_AT_ASSIGNMENT: u32 = 56;
const PNS_MIN_GOLONGAN: &str = "III/c";
const PPPK_TEACHING_YEARS: u32 = 8;
const SKP_YEARS: usize = 2;
const MANAGERIAL_YEARS: u32 = 2;
const REACTIVATION_YEARS: u32 = 4;
const TEACHER_RETIREMENT_AGE: u32 = 60;
const MIN_YEARS_IN_POST: u32 = 2;
const SELECTIVE: [&str; 8] = [
    "Setda",
    "BKPSDM",
    "Bapenda",
    "Satpol PP",
    "DPMPTSP",
    "Damkar",
    "RSUD Gandus",
    "RSUD Palembang BARI",
];

fn city() -> &'static Dataset {
    static CITY: OnceLock<Dataset> = OnceLock::new();
    CITY.get_or_init(|| mutasi_core::demo::generate(1))
}

/// The next submission window after the demo's reference date (the CLI's default TMT).
fn tmt() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 4, 1).unwrap()
}

fn years_after(d: NaiveDate, years: u32) -> NaiveDate {
    d.checked_add_months(Months::new(12 * years)).unwrap()
}

/// Days from `from` to `to` inclusive, none after `before`.
fn days(from: NaiveDate, to: NaiveDate, before: NaiveDate) -> i64 {
    let last = to.min(before.pred_opt().unwrap());
    ((last - from).num_days() + 1).max(0)
}

/// Whether `served` days before `on` reach `years` of calendar time counted back from `on`.
fn reach(served: i64, on: NaiveDate, years: u32) -> bool {
    let back = on.checked_sub_months(Months::new(12 * years)).unwrap();
    served >= (on - back).num_days()
}

fn is_principal(p: &Position) -> bool {
    p.special == Some(SpecialRole::KepalaSekolah)
}

fn is_guru(p: &Position) -> bool {
    p.profession == Some(Profession::Guru)
}

fn good(p: Predikat) -> bool {
    matches!(p, Predikat::SangatBaik | Predikat::Baik)
}

struct Who<'a> {
    ds: &'a Dataset,
    e: EmployeeIdx,
    emp: &'a Employee,
    own: SlotIdx,
    on: NaiveDate,
}

impl Who<'_> {
    fn own_pos(&self) -> &Position {
        self.ds.slot_position(self.own)
    }
    fn since(&self) -> NaiveDate {
        self.emp.current.as_ref().unwrap().since
    }
    fn serving(&self) -> bool {
        is_principal(self.own_pos())
    }
    /// Days as principal before the date, all assignments, or those at one unit.
    fn principal_days(&self, unit: Option<&UnitId>) -> i64 {
        let past: i64 = self
            .emp
            .history
            .iter()
            .filter(|p| p.special == Some(SpecialRole::KepalaSekolah))
            .filter(|p| unit.is_none_or(|u| &p.unit == u))
            .map(|p| days(p.period.start(), p.period.end(), self.on))
            .sum();
        let here = &self.ds.slot_unit(self.own).id;
        let now = if self.serving() && unit.is_none_or(|u| u == here) {
            (self.on - self.since()).num_days()
        } else {
            0
        };
        past + now
    }
    fn trained(&self) -> bool {
        self.emp
            .diklat
            .iter()
            .any(|d| d.kind == DiklatKind::CalonKepalaSekolah)
    }
    fn allowed_periods(&self) -> u32 {
        if self.trained() {
            MAX_PERIODS
        } else {
            PERIODS_WITHOUT_TRAINING
        }
    }
    /// A lawful ground to end a serving principal's assignment.
    fn ground(&self) -> bool {
        let since = self.since();
        reach(
            self.principal_days(None),
            self.on,
            PERIOD_YEARS * self.allowed_periods(),
        ) || self
            .emp
            .skp
            .iter()
            .any(|r| r.year as i32 >= since.year() && !good(r.predikat))
            || self.emp.sanctions.iter().any(|x| {
                x.level != SanctionLevel::Ringan
                    && x.period.start() >= since
                    && x.period.start() <= self.on
            })
    }
    fn managerial_days(&self) -> i64 {
        let tasks: i64 = self
            .emp
            .teacher
            .iter()
            .flat_map(|t| &t.tasks)
            .map(|t| days(t.period.start(), t.period.end(), self.on))
            .sum();
        let acting: i64 = self
            .ds
            .employee_plt(self.e)
            .iter()
            .filter(|&&s| is_principal(self.ds.slot_position(s)))
            .map(|&s| {
                (self.on - self.ds.slots()[s as usize].holder.as_ref().unwrap().since).num_days()
            })
            .sum();
        tasks + acting + self.principal_days(None)
    }
    /// Unbroken time back in the JF Guru, when the person held another jabatan before.
    fn back_in_teaching_too_short(&self) -> bool {
        let guru_row = |p: &PastPost| p.profession == Some(Profession::Guru) || p.special.is_some();
        let mut rows: Vec<&PastPost> = self.emp.history.iter().collect();
        rows.sort_by_key(|p| std::cmp::Reverse(p.period.end()));
        let mut start = self.since();
        let mut other = false;
        let mut broken = false;
        for p in rows {
            if p.period.start() >= start {
                continue;
            }
            if !guru_row(p) {
                other = true;
                broken = true;
            } else if !broken && (start - p.period.end()).num_days() <= 31 {
                start = p.period.start();
            } else {
                broken = true;
            }
        }
        other && years_after(start, REACTIVATION_YEARS) > self.on
    }
}

/// Every way a move breaks the regulation, as text.
fn violations(ds: &Dataset, p: &Plan) -> Vec<String> {
    let on = p.date;
    let mut out = Vec::new();
    let min_gol = Golongan::parse(PNS_MIN_GOLONGAN).unwrap();
    for m in &p.moves {
        let e = ds.employee_idx(&m.nip).unwrap();
        let who = Who {
            ds,
            e,
            emp: &ds.employees()[e as usize],
            own: ds.slot_idx(&m.from.slot).unwrap(),
            on,
        };
        let emp = who.emp;
        let to = ds.slot_idx(&m.to.slot).unwrap();
        let target = ds.slot_position(to);
        let unit = ds.slot_unit(to);
        let mut bad =
            |why: String| out.push(format!("{} {} → {}: {why}", m.nip, m.from.slot, m.to.slot));

        // Rules for any move (DOMAIN.md §3).
        if emp.status == EmployeeStatus::Cpns {
            bad("CPNS moved".into());
        }
        if emp.sanctions.iter().any(|x| x.period.contains(on)) {
            bad("active sanction".into());
        }
        if years_after(who.since(), MIN_YEARS_IN_POST) > on {
            bad(format!("under {MIN_YEARS_IN_POST} years in post"));
        }
        let opd = ds.slot_opd(to);
        if SELECTIVE.contains(&opd.short.as_str()) && ds.slot_opd(who.own).id != opd.id {
            bad(format!("into selective OPD {}", opd.short));
        }
        if emp.status == EmployeeStatus::Pppk && emp.contract_end.is_some_and(|c| c < on) {
            bad("PPPK agreement over".into());
        }
        if is_guru(who.own_pos()) {
            let retires = years_after(emp.nip.birth_date(), TEACHER_RETIREMENT_AGE);
            if retires < on {
                bad("teacher past 60".into());
            }
            if !is_guru(target) {
                bad("a teacher moved out of teaching by the plan".into());
            }
        }
        // Ending a principal's assignment needs a ground.
        if who.serving() && !is_principal(target) && !who.ground() {
            bad("principal removed mid-period without a ground".into());
        }
        // A teaching post needs the qualification, and the plan costs nobody the allowance.
        if let Some(subject) = target.subject {
            let t = emp.teacher.as_ref();
            let cert = t.and_then(|t| t.certificate.as_ref()).map(|c| c.subject);
            let qualified =
                t.is_some_and(|t| t.qualified.contains(&subject)) || cert == Some(subject);
            if !qualified {
                bad(format!("not qualified to teach {subject}"));
            }
            if cert.is_some_and(|c| c != subject) {
                bad(format!(
                    "certificate {cert:?} for another subject than {subject}"
                ));
            }
        }
        if !is_principal(target) {
            continue;
        }
        // Principal posts.
        if !is_guru(who.own_pos()) {
            bad("a principal who is not a teacher".into());
            continue;
        }
        let periods = who.allowed_periods();
        if reach(who.principal_days(None), on, PERIOD_YEARS * periods) {
            bad(format!(
                "{periods} period(s) of {PERIOD_YEARS} years used up"
            ));
        }
        if reach(
            who.principal_days(Some(&unit.id)),
            on,
            PERIOD_YEARS * PERIODS_SAME_SCHOOL,
        ) {
            bad("two periods at this school".into());
        }
        let level = match unit.kind {
            UnitKind::SdNegeri => Some(SchoolLevel::Sd),
            UnitKind::SmpNegeri => Some(SchoolLevel::Smp),
            _ => None,
        };
        let cert_level = emp
            .teacher
            .as_ref()
            .and_then(|t| t.certificate.as_ref())
            .map(|c| c.subject.level);
        if level.is_some() && cert_level != level {
            bad(format!(
                "heads a {level:?} school with a certificate for {cert_level:?}"
            ));
        }
        if who.serving() {
            if years_after(who.since(), YEARS_AT_SCHOOL) > on {
                bad(format!("under {YEARS_AT_SCHOOL} years at the school"));
            }
            continue;
        }
        // A new principal: the candidate requirements.
        if emp.education_level() < EducationLevel::S1 {
            bad("education below S1/D-IV".into());
        }
        if emp
            .teacher
            .as_ref()
            .and_then(|t| t.certificate.as_ref())
            .is_none()
        {
            bad("no teaching certificate".into());
        }
        match emp.status {
            EmployeeStatus::Pns if emp.pangkat.golongan < min_gol => bad(format!(
                "PNS {} below {PNS_MIN_GOLONGAN}",
                emp.pangkat.golongan
            )),
            EmployeeStatus::Pppk => {
                let since = emp
                    .teacher
                    .as_ref()
                    .and_then(|t| t.teaching_since)
                    .unwrap_or_else(|| emp.nip.cpns_month());
                if years_after(since, PPPK_TEACHING_YEARS) > on {
                    bad("PPPK under 8 years of teaching".into());
                }
            }
            EmployeeStatus::Cpns => bad("CPNS as principal".into()),
            EmployeeStatus::Pns => {}
        }
        let mut skp = emp.skp.clone();
        skp.sort_by_key(|r| std::cmp::Reverse(r.year));
        if skp.len() < SKP_YEARS || !skp.iter().take(SKP_YEARS).all(|r| good(r.predikat)) {
            bad(format!(
                "SKP below Baik in the latest {SKP_YEARS} years: {skp:?}"
            ));
        }
        if !reach(who.managerial_days(), on, MANAGERIAL_YEARS) {
            bad("under 2 years of managerial experience".into());
        }
        if emp
            .sanctions
            .iter()
            .any(|x| x.level != SanctionLevel::Ringan && x.period.start() <= on)
        {
            bad("a moderate or heavy sanction on record".into());
        }
        if on > years_after(emp.nip.birth_date(), MAX_AGE_AT_ASSIGNMENT) {
            bad(format!("older than {MAX_AGE_AT_ASSIGNMENT} on the TMT"));
        }
        if who.back_in_teaching_too_short() {
            bad("back in teaching under 4 years after another jabatan".into());
        }
    }
    out.extend(headless_schools(ds, p));
    out
}

/// Principal posts the plan empties (its principal or Plt moves away, or its principal
/// retires) and fills with nobody must have an acting principal who teaches there afterwards.
fn headless_schools(ds: &Dataset, p: &Plan) -> Vec<String> {
    let mut out = Vec::new();
    let moved_from: std::collections::HashMap<&SlotId, &Nip> =
        p.moves.iter().map(|m| (&m.from.slot, &m.nip)).collect();
    let filled: std::collections::HashSet<&SlotId> = p.moves.iter().map(|m| &m.to.slot).collect();
    let movers: std::collections::HashSet<&Nip> = p.moves.iter().map(|m| &m.nip).collect();
    let after_unit = |nip: &Nip| -> Option<UnitId> {
        match p.moves.iter().find(|m| &m.nip == nip) {
            Some(m) => Some(m.to.unit.clone()),
            None => ds
                .employee_idx(nip)
                .and_then(|e| ds.employee_slot(e))
                .map(|s| ds.slot_unit(s).id.clone()),
        }
    };
    for (i, slot) in ds.slots().iter().enumerate() {
        let s = i as SlotIdx;
        if !is_principal(ds.slot_position(s)) || filled.contains(&slot.id) {
            continue;
        }
        let emptied = match &slot.holder {
            Some(h) if h.kind == HoldKind::Definitive => {
                moved_from.contains_key(&slot.id)
                    || h.nip.as_ref().is_some_and(|n| p.retiring.contains(n))
            }
            Some(h) => h.nip.as_ref().is_some_and(|n| movers.contains(n)),
            None => false,
        };
        if !emptied {
            continue;
        }
        match p.acting.iter().find(|a| a.slot == slot.id) {
            None => out.push(format!("{} left without a head and no Plt named", slot.id)),
            Some(a) if after_unit(&a.nip).as_ref() != Some(&slot.unit) => out.push(format!(
                "{}: the Plt {} does not teach there",
                slot.id, a.nip
            )),
            Some(_) => {}
        }
    }
    out
}

fn checked(req: PlanRequest) -> Plan {
    let ds = city();
    let p = plan(ds, &req).unwrap();
    let v = violations(ds, &p);
    assert!(
        v.is_empty(),
        "{} violation(s) in {:?}, e.g.:\n{}",
        v.len(),
        req.scope,
        v.iter().take(12).cloned().collect::<Vec<_>>().join("\n")
    );
    p
}

fn count(ds: &Dataset, p: &Plan, from: bool, to: bool) -> usize {
    p.moves
        .iter()
        .filter(|m| {
            is_principal(ds.position(&m.from.position).unwrap()) == from
                && is_principal(ds.position(&m.to.position).unwrap()) == to
        })
        .count()
}

#[test]
fn a_whole_city_plan_keeps_the_regulation_for_teachers_and_principals() {
    let ds = city();
    let p = checked(PlanRequest::new(tmt()));
    // Not vacuous: the plan assigns teachers as principals, rotates principals, returns those
    // whose periods are over to teaching, and names acting principals.
    assert!(count(ds, &p, false, true) > 20, "teacher → principal");
    assert!(count(ds, &p, true, true) > 0, "principal → principal");
    assert!(count(ds, &p, true, false) > 10, "principal → teacher");
    assert!(!p.acting.is_empty());
    assert_eq!(p.after.heads_missing, 0);
    assert!(p.after.plt_over_limit < p.before.plt_over_limit);
    // Teachers are not moved for tenure: no guru move gives the 5-year rule as its reason.
    for m in &p.moves {
        if is_guru(ds.position(&m.from.position).unwrap()) {
            assert!(
                m.reasons
                    .iter()
                    .all(|r| !r.id.starts_with("Rotasi jatuh tempo")),
                "{}: {:?}",
                m.nip,
                m.reasons
            );
        }
    }
}

#[test]
fn the_primary_school_scope_and_a_limited_plan_keep_it_too() {
    let sd = checked(PlanRequest {
        scope: Scope::parse("kind:SdNegeri").unwrap(),
        ..PlanRequest::new(tmt())
    });
    assert!(count(city(), &sd, false, true) > 10);
    let limited = checked(PlanRequest {
        max_moves: Some(200),
        ..PlanRequest::new(tmt())
    });
    assert!(limited.moves.len() <= 200);
    assert!(count(city(), &limited, true, false) > 0);
}

#[test]
fn a_principals_scope_moves_only_principals_and_the_teachers_who_may_become_one() {
    let ds = city();
    let p = checked(PlanRequest {
        scope: Scope::parse("principals:SdNegeri").unwrap(),
        ..PlanRequest::new(tmt())
    });
    assert_eq!(
        p.scope,
        Scope::Principals {
            unit_kind: Some(mutasi_core::model::UnitKind::SdNegeri)
        }
    );
    // Every move starts or ends in a principal's post, at an SD Negeri.
    assert!(!p.moves.is_empty());
    for m in &p.moves {
        let (from, to) = (
            ds.position(&m.from.position).unwrap(),
            ds.position(&m.to.position).unwrap(),
        );
        assert!(
            is_principal(from) || is_principal(to),
            "{}: {} → {}",
            m.nip,
            from.name,
            to.name
        );
        for u in [&m.from.unit, &m.to.unit] {
            assert_eq!(
                ds.unit(u).unwrap().kind,
                mutasi_core::model::UnitKind::SdNegeri,
                "{}",
                m.nip
            );
        }
    }
    // Not vacuous: principals rotate, teachers become principals, and a principal whose
    // periods are over takes a teaching post a new principal left.
    assert!(count(ds, &p, true, true) > 0, "principal → principal");
    assert!(count(ds, &p, false, true) > 0, "teacher → principal");
    assert!(count(ds, &p, true, false) > 0, "principal → teacher");
    assert_eq!(p.after.heads_missing, 0);
    // Far fewer moves than the whole SD plan.
    let sd = plan(
        ds,
        &PlanRequest {
            scope: Scope::parse("kind:SdNegeri").unwrap(),
            ..PlanRequest::new(tmt())
        },
    )
    .unwrap();
    assert!(
        p.moves.len() * 2 < sd.moves.len(),
        "{} vs {}",
        p.moves.len(),
        sd.moves.len()
    );
    // The CLI form reads back; a wrong kind is named.
    assert_eq!(
        Scope::parse("principals").unwrap(),
        Scope::Principals { unit_kind: None }
    );
    assert!(Scope::parse("principals:Sekolah")
        .unwrap_err()
        .contains("Sekolah"));
}

#[test]
fn a_post_the_rules_close_to_someone_everywhere_admits_them_at_no_school() {
    // Issue 21: the plan skips a position's slots at once when `admits_somewhere` says no slot
    // of it admits the row (the unit-free part of the education rules), instead of asking
    // `admits` slot by slot. Both must agree on every slot of the city: a rule added to `admits`
    // but not to `admits_somewhere` would make the plan drop candidates it used to find.
    use mutasi_core::school::gate::{admits, admits_somewhere, EduFacts, EduPost};
    let ds = city();
    let date = mutasi_core::demo::reference_date();
    let posts: Vec<EduPost> = ds.positions().iter().map(EduPost::new).collect();
    let mut slots_of: Vec<Vec<u32>> = vec![Vec::new(); ds.positions().len()];
    for s in 0..ds.slots().len() as u32 {
        slots_of[ds.slot_position_idx(s) as usize].push(ds.slot_unit_idx(s));
    }
    let (mut closed, mut open) = (0, 0);
    // Every teacher and every 25th other employee, against every position.
    for e in 0..ds.employees().len() as u32 {
        let teaches = ds
            .employee_slot(e)
            .is_some_and(|s| is_guru(ds.slot_position(s)));
        if !teaches && e % 25 != 0 {
            continue;
        }
        let facts = EduFacts::new(ds, e, date, ds.rules());
        for (p, post) in posts.iter().enumerate() {
            let somewhere = admits_somewhere(&facts, post);
            let level = |u: u32| SchoolLevel::of_unit(ds.units()[u as usize].kind);
            let any = slots_of[p]
                .iter()
                .any(|&u| admits(&facts, post, u, level(u)));
            assert!(
                somewhere || !any,
                "{} is admitted to a slot of {} that admits_somewhere closes",
                ds.employees()[e as usize].nip,
                ds.positions()[p].id
            );
            if somewhere {
                open += 1;
            } else {
                closed += 1;
            }
        }
    }
    assert!(
        closed > 1_000 && open > 1_000,
        "{closed} closed, {open} open"
    );
}

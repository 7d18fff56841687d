//! Queries a planner and an employee need: matching ([`candidates_for_slot`],
//! [`options_for_employee`]), workforce need ([`workforce_need`]), lists ([`rotations_due`],
//! [`retirements_within`], [`plt_posts`]), talent ([`nine_box`], [`distribution`],
//! [`talent_pool`], [`succession`]), career paths ([`career_path`]), what a move does for a career
//! ([`move_benefit`]), finding people and posts by name ([`find_people`], [`find_posts`]), and a unit's head post
//! ([`head_slots`]).

mod benefit;
mod benefit_school;
mod career;
mod find;
mod head;
mod lists;
mod matching;
mod need;
mod talent;

pub use crate::fit::features::NeedSource;
pub use benefit::{move_benefit, Benefit};
pub use career::{career_path, CareerStep, GapKind, Requirement};
pub use find::{
    find_people, find_posts, person_label, post_label, resolve_person, resolve_post,
    worth_searching,
};
pub use head::head_slots;
pub use lists::{plt_posts, retirements_within, rotations_due, PltPost, Retirement, RotationDue};
pub use matching::{
    candidates_for_slot, options_for_employee, EmployeeOption, OptionWhy, SlotCandidate,
};
pub use need::{
    abk_class, effectiveness, need_by, shortage_excess, total_need, unit_need, workforce_need,
    AbkClass, NeedRow, NeedTotals,
};
pub use talent::{
    box_action, distribution, grid_row, in_box, kinerja, nine_box, no_skp_action, place,
    succession, talent_pool, Distribution, Kinerja, Placement, Readiness, Successor, GRID,
};

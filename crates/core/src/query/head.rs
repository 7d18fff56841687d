//! The head post of a unit: the post with a special role of its own (kepala sekolah, kepala
//! puskesmas), or else the structural post of the lowest eselon (an RSUD's director, a dinas's
//! kepala). One rule for the service units' evaluation (`evaluation::services`) and the raters
//! of the demo's SKP (`demo::raters`).

use crate::model::{Eselon, Position, Slot};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// How strongly a post heads its unit: a special role first, then the lowest eselon.
type Rank = (bool, Reverse<Option<Eselon>>);

/// The [`Rank`] of a post, `None` for a post that cannot head a unit.
fn rank(p: &Position) -> Option<Rank> {
    (p.special.is_some() || p.eselon.is_some()).then_some((p.special.is_some(), Reverse(p.eselon)))
}

/// The index in `slots` of each unit's head post, by unit id; `position` gives a slot's
/// position. Of posts that rank alike, the first slot is taken.
pub fn head_slots<'a>(
    slots: &'a [Slot],
    position: impl Fn(usize) -> &'a Position,
) -> BTreeMap<&'a str, usize> {
    let mut head: BTreeMap<&str, (usize, Rank)> = BTreeMap::new();
    for (k, slot) in slots.iter().enumerate() {
        let Some(r) = rank(position(k)) else {
            continue;
        };
        match head.get(slot.unit.as_str()) {
            Some((_, old)) if *old >= r => {}
            _ => {
                head.insert(slot.unit.as_str(), (k, r));
            }
        }
    }
    head.into_iter().map(|(u, (k, _))| (u, k)).collect()
}

//! Finding a person or a post by what a planner types: a name ("Siti Rahma"), part of a NIP, a
//! post as people say it ("Kepala SD Negeri 37"), or the raw ids. [`find_people`] and
//! [`find_posts`] rank the matches; [`resolve_person`] and [`resolve_post`] turn a typed text
//! (or a picked suggestion "Name (KEY)") into exactly one, or say why not.

use crate::model::{EmployeeIdx, Nip, SlotId, SlotIdx};
use crate::text::Text;
use crate::Dataset;

/// A picker suggests from this many typed characters on (fewer match too much to help).
pub const MIN_QUERY_LEN: usize = 2;

/// Whether `query` is long enough to search for suggestions.
pub fn worth_searching(query: &str) -> bool {
    query.trim().chars().nth(MIN_QUERY_LEN - 1).is_some()
}

/// Lower-case words of a text.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// How well `hay` matches the query words: None unless every word is part of a word of `hay`;
/// else the number of words matched whole (higher is better).
fn score(query: &[String], hay: &[String]) -> Option<usize> {
    let mut whole = 0;
    for q in query {
        if hay.iter().any(|h| h == q) {
            whole += 1;
        } else if !hay.iter().any(|h| h.contains(q.as_str())) {
            return None;
        }
    }
    Some(whole)
}

fn ranked(mut hits: Vec<(usize, u32)>, limit: usize) -> Vec<u32> {
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.into_iter().take(limit).map(|h| h.1).collect()
}

/// The text inside the last parentheses of a picked suggestion ("Siti (1990…)" → "1990…").
fn key_of(text: &str) -> Option<&str> {
    let t = text.trim().strip_suffix(')')?;
    Some(t[t.rfind('(')? + 1..].trim())
}

/// People whose name has every typed word (any case), or whose NIP contains the typed digits;
/// whole-word matches first, at most `limit`.
pub fn find_people(ds: &Dataset, query: &str, limit: usize) -> Vec<EmployeeIdx> {
    let q = query.trim();
    if q.is_empty() {
        return Vec::new();
    }
    if q.chars().all(|c| c.is_ascii_digit()) {
        let mut hits: Vec<(usize, u32)> = ds
            .employees()
            .iter()
            .enumerate()
            .filter(|(_, e)| e.nip.as_str().contains(q))
            .map(|(i, e)| (usize::from(e.nip.as_str().starts_with(q)), i as u32))
            .collect();
        hits.truncate(limit.max(1) * 50);
        return ranked(hits, limit);
    }
    let qw = words(q);
    let hits = ds
        .employees()
        .iter()
        .enumerate()
        .filter_map(|(i, e)| score(&qw, &words(&e.name)).map(|s| (s, i as u32)))
        .collect();
    ranked(hits, limit)
}

/// The words a post is known by: its jabatan, its unit, and its id.
fn post_words(ds: &Dataset, s: SlotIdx) -> Vec<String> {
    let mut w = words(&ds.slot_position(s).name);
    w.extend(words(&ds.slot_unit(s).name));
    w.extend(words(ds.slots()[s as usize].id.as_str()));
    w
}

/// Posts whose jabatan, unit name or id have every typed word; whole-word matches first
/// ("Kepala SD Negeri 37" before "… 137"), at most `limit`.
pub fn find_posts(ds: &Dataset, query: &str, limit: usize) -> Vec<SlotIdx> {
    let qw = words(query);
    if qw.is_empty() {
        return Vec::new();
    }
    let hits = (0..ds.slots().len() as SlotIdx)
        .filter_map(|s| score(&qw, &post_words(ds, s)).map(|sc| (sc, s)))
        .collect();
    ranked(hits, limit)
}

/// A person as a picker lists them: "Name (NIP)".
pub fn person_label(ds: &Dataset, e: EmployeeIdx) -> String {
    let emp = &ds.employees()[e as usize];
    format!("{} ({})", emp.name, emp.nip)
}

/// A post as a picker lists it: "Jabatan — Unit (ID)".
pub fn post_label(ds: &Dataset, s: SlotIdx) -> String {
    format!(
        "{} — {} ({})",
        ds.slot_position(s).name,
        ds.slot_unit(s).name,
        ds.slots()[s as usize].id
    )
}

/// Why a typed text did not give exactly one match.
fn not_one(what: (&str, &str), text: &str, found: usize) -> Text {
    let (id, en) = what;
    if found == 0 {
        Text::new(
            format!("Tidak ada {id} yang cocok dengan «{text}»"),
            format!("No {en} matches «{text}»"),
        )
    } else {
        Text::new(
            format!("{found} {id} cocok dengan «{text}»: pilih satu dari daftar"),
            format!("{found} {en}s match «{text}»: pick one from the list"),
        )
    }
}

/// The one person meant by `text`: a NIP, a picked "Name (NIP)", or a name only one person has.
pub fn resolve_person(ds: &Dataset, text: &str) -> Result<EmployeeIdx, Text> {
    let t = text.trim();
    for key in [key_of(t), Some(t)].into_iter().flatten() {
        if let Some(e) = Nip::parse(key).ok().and_then(|n| ds.employee_idx(&n)) {
            return Ok(e);
        }
    }
    match find_people(ds, t, 2).as_slice() {
        [one] => Ok(*one),
        hits => Err(not_one(("pegawai", "employee"), t, hits.len())),
    }
}

/// The one post meant by `text`: an id, a picked "Jabatan — Unit (ID)", or words only one post
/// has.
pub fn resolve_post(ds: &Dataset, text: &str) -> Result<SlotIdx, Text> {
    let t = text.trim();
    for key in [key_of(t), Some(t)].into_iter().flatten() {
        if let Some(s) = SlotId::new(key).ok().and_then(|id| ds.slot_idx(&id)) {
            return Ok(s);
        }
    }
    // A whole-word match of every word is meant over partial ones ("… 37", not "… 137").
    let qw = words(t);
    let best: Vec<SlotIdx> = find_posts(ds, t, usize::MAX)
        .into_iter()
        .filter(|&s| score(&qw, &post_words(ds, s)) == Some(qw.len()))
        .take(2)
        .collect();
    match best.as_slice() {
        [one] => Ok(*one),
        _ => {
            let n = find_posts(ds, t, 2).len();
            Err(not_one(
                ("jabatan", "post"),
                t,
                if best.len() > 1 { 2 } else { n },
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_scores() {
        assert_eq!(
            words("Kepala SD Negeri 37"),
            ["kepala", "sd", "negeri", "37"]
        );
        let hay = words("SD Negeri 137 Palembang");
        assert_eq!(score(&words("negeri 37"), &hay), Some(1));
        assert_eq!(score(&words("negeri 137"), &hay), Some(2));
        assert_eq!(score(&words("smp"), &hay), None);
        assert_eq!(
            key_of("Siti Rahma (199001012015032001)"),
            Some("199001012015032001")
        );
        assert_eq!(key_of("Siti Rahma"), None);
        assert!(!worth_searching(" s "));
        assert!(worth_searching("si"));
    }
}

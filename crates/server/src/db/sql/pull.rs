//! `pull`: one page of the records a caller may see, with other people's holder NIPs removed.

use super::*;

/// Removes from the slots of a pulled page the holder NIPs whose employee record the caller
/// may not see ([`Visibility::redact`]).
async fn redact_holders(
    conn: &mut AnyConnection,
    visibility: &Visibility,
    records: &mut [Record],
) -> Result<(), StoreError> {
    let holder = |r: &Record| {
        r.data
            .get("holder")
            .and_then(|h| h.get("nip"))
            .and_then(|n| n.as_str())
            .map(String::from)
    };
    match visibility {
        Visibility::All => {}
        Visibility::Employee(own) => {
            for r in records.iter_mut() {
                visibility.redact(r, |n| n == own);
            }
        }
        Visibility::Opd(list) => {
            // Where each holder works now: the `opd` column of their employee record.
            let mut nips: Vec<String> = records.iter().filter_map(holder).collect();
            nips.sort();
            nips.dedup();
            let mut seen = std::collections::HashSet::new();
            for chunk in nips.chunks(500) {
                let marks: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 1)).collect();
                let sql = format!(
                    "SELECT id, opd FROM records WHERE kind = 'employee' AND id IN ({})",
                    marks.join(", ")
                );
                let mut q = sqlx::query(&sql);
                for n in chunk {
                    q = q.bind(n);
                }
                for row in q.fetch_all(&mut *conn).await? {
                    let opd: Option<String> = row.try_get("opd")?;
                    if opd.is_some_and(|o| list.contains(&o)) {
                        seen.insert(row.try_get::<String, _>("id")?);
                    }
                }
            }
            for r in records.iter_mut() {
                visibility.redact(r, |n| seen.contains(n));
            }
        }
    }
    Ok(())
}

/// The rows `visibility` may pull, as a condition whose bound parameters are numbered from
/// `$first` on, and the values to bind to them in order.
fn scope_filter(visibility: &Visibility, first: usize) -> (String, Vec<&str>) {
    let reference = "reference = 1";
    match visibility {
        Visibility::All => ("1 = 1".into(), vec![]),
        Visibility::Employee(nip) => (
            // Every post (slot) is visible: the inputs of the employee's rotation options
            // and of the fit's shortage; other employees' records are not.
            format!(
                "({reference} OR kind = 'slot' OR (nip = ${first} AND kind IN ('employee', 'proposal')))"
            ),
            vec![nip.as_str()],
        ),
        Visibility::Opd(list) => {
            let marks: Vec<String> = (0..list.len()).map(|i| format!("${}", i + first)).collect();
            let opd = if marks.is_empty() {
                "1 = 0".to_string()
            } else {
                format!("opd IN ({})", marks.join(", "))
            };
            (
                format!("({reference} OR {opd})"),
                list.iter().map(String::as_str).collect(),
            )
        }
    }
}

pub(super) async fn pull(
    store: &Store,
    visibility: &Visibility,
    since: u64,
    limit: u32,
    count: bool,
) -> Result<PullResponse, StoreError> {
    // Read the counter first: everything numbered up to it is committed, so bounding the
    // page by it never skips a change that commits later.
    let mut conn = store.pool.acquire().await?;
    let upto: i64 = sqlx::query_scalar("SELECT seq FROM sync_state WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    let since = to_i64(since).min(upto);
    let base = format!("SELECT {RECORD_COLUMNS} FROM records WHERE seq > $1 AND seq <= $2 AND ");
    let (filter, binds) = scope_filter(visibility, 4);
    let sql = format!("{base}{filter} ORDER BY seq LIMIT $3");
    let mut q = sqlx::query(&sql)
        .bind(since)
        .bind(upto)
        .bind(i64::from(limit));
    for b in &binds {
        q = q.bind(*b);
    }
    let rows = q.fetch_all(&mut *conn).await?;
    let mut records = rows
        .iter()
        .map(record_from_row)
        .collect::<Result<Vec<_>, _>>()?;
    redact_holders(&mut conn, visibility, &mut records).await?;
    let more = records.len() as u64 >= u64::from(limit) && limit > 0;
    let cursor = if more {
        records.last().map_or(to_u64(since), |r| r.seq)
    } else {
        to_u64(upto)
    };
    // What is left for this caller up to the same bound: the same filter, counted. Only when
    // asked (once per sync, on its first page): a count scans the caller's whole scope, about
    // 45 ms on the demo city, as much as pulling a page.
    let remaining = if !count {
        None
    } else if more {
        let (count_filter, _) = scope_filter(visibility, 3);
        let sql =
            format!("SELECT COUNT(*) FROM records WHERE seq > $1 AND seq <= $2 AND {count_filter}");
        let mut q = sqlx::query_scalar::<_, i64>(&sql)
            .bind(to_i64(cursor))
            .bind(upto);
        for b in &binds {
            q = q.bind(*b);
        }
        Some(to_u64(q.fetch_one(&mut *conn).await?))
    } else {
        Some(0)
    };
    Ok(PullResponse {
        wire_version: WIRE_VERSION,
        records,
        cursor,
        more,
        remaining,
    })
}

use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;

fn record(kind: RecordKind, id: &str, seq: u64, data: Value) -> Record {
    Record {
        kind,
        id: id.into(),
        version: seq % 3 + 1,
        seq,
        data,
    }
}

/// Decodes every line of a snapshot: the head, the records in the blocks' order, the tail.
fn decode(lines: &[String]) -> (SnapshotHead, Vec<Record>, SnapshotTail) {
    let (mut head, mut tail) = (None, None);
    let mut records = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        assert!(tail.is_none(), "nothing after the tail");
        match read_line(i, line).unwrap() {
            Line::Head(h) => head = Some(h),
            Line::Block(b) => records.extend(b.records().unwrap()),
            Line::Tail(t) => tail = Some(t),
        }
    }
    (head.unwrap(), records, tail.expect("a tail line"))
}

/// The records in the order a snapshot holds them: by kind, then as they came.
fn by_kind(records: &[Record]) -> Vec<Record> {
    let mut sorted = records.to_vec();
    sorted.sort_by_key(|r| RecordKind::ALL.iter().position(|k| *k == r.kind));
    sorted
}

#[test]
fn records_come_back_field_for_field_with_absent_fields_nulls_and_tombstones() {
    let records = vec![
        record(
            RecordKind::Slot,
            "A/K-1",
            4,
            json!({"id": "A/K-1", "unit": "A",
            "holder": {"kind": "Definitive", "nip": "1", "since": "2020-01-01"}}),
        ),
        record(
            RecordKind::Employee,
            "1",
            5,
            json!({"nip": "1", "name": "Ani", "potential": null,
            "skp": [{"year": 2025, "predikat": "Baik"}], "pangkat": {"golongan": "III/a"}}),
        ),
        // No holder at all (absent, not null), and a holder without a NIP.
        record(
            RecordKind::Slot,
            "A/K-2",
            7,
            json!({"id": "A/K-2", "unit": "A"}),
        ),
        record(
            RecordKind::Slot,
            "A/K-3",
            9,
            json!({"id": "A/K-3", "unit": "A", "holder": null}),
        ),
        record(
            RecordKind::Slot,
            "A/K-4",
            12,
            json!({"id": "A/K-4", "unit": "A",
            "holder": {"kind": "Acting", "since": "2021-02-03"}}),
        ),
        // A removed record (a tombstone).
        record(RecordKind::Slot, "A/K-5", 13, Value::Null),
        record(
            RecordKind::Rules,
            "default",
            2,
            json!({"nine_box": {"cut": [65, 90]}}),
        ),
    ];
    let lines = encode(&records, 13, 1);
    let (head, back, tail) = decode(&lines);
    assert_eq!(
        head,
        SnapshotHead {
            wire_version: 1,
            total: 7
        }
    );
    assert_eq!(tail, SnapshotTail { cursor: 13 });
    assert_eq!(back, by_kind(&records));
}

#[test]
fn field_names_and_the_id_are_written_once_per_block() {
    let records: Vec<Record> = (0..50)
        .map(|i| {
            let id = format!("U/P-{i}");
            record(
                RecordKind::Slot,
                &id,
                i + 1,
                json!({"id": id, "position": "P", "unit": "U"}),
            )
        })
        .collect();
    let lines = encode(&records, 50, 1);
    assert_eq!(lines.len(), 3, "one head, one block, one tail");
    let block = &lines[1];
    assert_eq!(block.matches("\"position\"").count(), 1, "{block}");
    // Each id once (in `ids`), not again inside the data.
    assert_eq!(block.matches("\"U/P-7\"").count(), 1, "{block}");
    assert!(block.contains("\"id_fields\":[\"id\"]"), "{block}");
}

#[test]
fn blocks_hold_at_most_the_block_size_and_every_record_is_counted() {
    let records: Vec<Record> = (0..(SNAPSHOT_BLOCK as u64 * 2 + 1))
        .map(|i| {
            record(
                RecordKind::Need,
                &format!("n{i}"),
                i + 1,
                json!({"need": i}),
            )
        })
        .collect();
    let lines = encode(&records, 9, 1);
    assert_eq!(lines.len(), 5, "head + 3 blocks + tail");
    let (head, back, _) = decode(&lines);
    assert_eq!(head.total as usize, records.len());
    assert_eq!(back, records);
}

#[test]
fn a_damaged_block_is_an_error_naming_the_kind_not_a_wrong_record() {
    let records = vec![
        record(
            RecordKind::Unit,
            "A",
            1,
            json!({"id": "A", "name": "Dinas A"}),
        ),
        record(
            RecordKind::Unit,
            "B",
            2,
            json!({"id": "B", "name": "Dinas B"}),
        ),
    ];
    let lines = encode(&records, 2, 1);
    let mut block: Value = serde_json::from_str(&lines[1]).unwrap();
    block["versions"] = json!([1]);
    let Line::Block(b) = read_line(1, &block.to_string()).unwrap() else {
        panic!("a block")
    };
    let err = b.records().unwrap_err();
    assert!(err.to_string().contains("unit"), "{err}");
    let mut block: Value = serde_json::from_str(&lines[1]).unwrap();
    block["data"]["c"][0]["v"] = json!(["Dinas A"]);
    let Line::Block(b) = read_line(1, &block.to_string()).unwrap() else {
        panic!("a block")
    };
    assert!(b.records().is_err());
    let err = read_line(1, "{\"kind\":\"unit\"").unwrap_err();
    assert!(err.to_string().contains("baris 2"), "{err}");
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i32>().prop_map(|n| json!(n)),
        "[a-c]{0,3}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::btree_map("[a-d]", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_records_come_back_unchanged(
        rows in prop::collection::vec((0usize..7, "[a-c]{1,2}", any::<bool>(), json_value()), 0..40)
    ) {
        let mut seq = 0;
        let records: Vec<Record> = rows
            .into_iter()
            .map(|(kind, id, id_inside, data)| {
                seq += 1;
                let data = match data {
                    Value::Object(mut map) if id_inside => {
                        map.insert("id".into(), Value::String(id.clone()));
                        Value::Object(map)
                    }
                    other => other,
                };
                record(RecordKind::ALL[kind], &id, seq, data)
            })
            .collect();
        let (head, back, tail) = decode(&encode(&records, seq, 1));
        prop_assert_eq!(tail.cursor, seq);
        prop_assert_eq!(head.total as usize, records.len());
        prop_assert_eq!(back, by_kind(&records));
    }
}

#[test]
fn lines_come_out_whole_however_the_body_is_cut() {
    let lines = encode(
        &[
            record(
                RecordKind::Unit,
                "A",
                1,
                json!({"id": "A", "name": "Dinas Ä"}),
            ),
            record(
                RecordKind::Unit,
                "B",
                2,
                json!({"id": "B", "name": "Dinas B"}),
            ),
        ],
        2,
        1,
    );
    let body: Vec<u8> = lines
        .iter()
        .flat_map(|l| format!("{l}\n").into_bytes())
        .collect();
    for cut in [1, 2, 3, 7, 64, body.len()] {
        let mut buffer = LineBuffer::default();
        let mut out = Vec::new();
        for chunk in body.chunks(cut) {
            out.extend(buffer.push(chunk).unwrap());
        }
        assert_eq!(out, lines, "chunks of {cut} bytes");
        assert!(!buffer.has_rest());
    }
    let mut buffer = LineBuffer::default();
    buffer.push(&body[..body.len() - 3]).unwrap();
    assert!(buffer.has_rest(), "a body cut short leaves a partial line");
}

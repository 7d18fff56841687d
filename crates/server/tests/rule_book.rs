//! The workflow is decided in one place: `mutasi_core::workflow`. This test reads the sources of
//! the two edges that run it, the server (`crates/server/src`) and the browser app (`src/`),
//! and fails where one of them decides a step on its own: a step's name written out (match on
//! `ChangeKind` instead), a proposal's status, history, decision, SK or inauguration date set
//! by hand (the core's `apply` does that), a length limit of notes or reasons defined or
//! compared with a number (the core's rules and constants say them).
//!
//! Where a step's name is an element id or a CSS class, not a decision, the line is listed in
//! [`ALLOWED`] with its reason.

use std::path::{Path, PathBuf};

use mutasi_core::wire::sync::ChangeKind;

/// (file, text on the line): a step's name that is not a decision.
const ALLOWED: [(&str, &str, &str); 2] = [
    (
        "src/pages/usulan/actions.rs",
        "Action::Inaugurate => \"inaugurate\"",
        "the panel button's element id (`action-inaugurate`)",
    ),
    (
        "src/pages/sk/issued.rs",
        "class=\"inaugurate\"",
        "the CSS class of the SK screen's button",
    ),
];

/// What only the core may write, as text found on a line of an edge.
const DECISIONS: [(&str, &str); 7] = [
    ("ProposalEvent {", "a history entry"),
    (".status = ProposalStatus::", "a proposal's status"),
    (".decided_by =", "the PPK decision"),
    (".sk = Some(", "the SK of a proposal"),
    (".inaugurated_on =", "an inauguration date"),
    ("history.push(", "a history entry"),
    ("workflow::reviewer(", "the four-eyes check"),
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every finding on the edges: (file, line number, what).
fn findings() -> Vec<(String, usize, String)> {
    let root = root();
    let mut files = Vec::new();
    for edge in ["crates/server/src", "src"] {
        sources(&root.join(edge), &mut files);
    }
    assert!(files.len() > 50, "the sources were found: {}", files.len());
    let names: Vec<String> = ChangeKind::ALL
        .iter()
        .map(|k| format!("\"{}\"", k.as_str()))
        .collect();
    let mut out = Vec::new();
    for file in files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            let mut found = |what: String| out.push((rel.clone(), n + 1, what));
            for name in &names {
                let allowed = ALLOWED
                    .iter()
                    .any(|(f, l, _)| rel == *f && code.contains(l));
                if code.contains(name.as_str()) && !allowed {
                    found(format!("the step name {name}"));
                }
            }
            for (pattern, what) in DECISIONS {
                if code.contains(pattern) {
                    found(format!("{what} ({pattern})"));
                }
            }
            if limit_compared(code) {
                found("a length compared with a number".into());
            }
            if limit_defined(code) {
                found("a limit of reasons, notes or SK numbers defined".into());
            }
        }
    }
    out
}

/// `….chars().count() < 10` and the like.
fn limit_compared(code: &str) -> bool {
    let Some(i) = code.find(".chars().count()") else {
        return false;
    };
    let rest = code[i + ".chars().count()".len()..].trim_start();
    let rest = rest.trim_start_matches(['<', '>', '=', '!']).trim_start();
    rest.starts_with(|c: char| c.is_ascii_digit())
}

/// `const MIN_REASON_CHARS …`, `const MAX_SK_NUMBER_CHARS …`.
fn limit_defined(code: &str) -> bool {
    let Some(i) = code.find("const ") else {
        return false;
    };
    let name: String = code[i + 6..]
        .chars()
        .take_while(|c| c.is_ascii_uppercase() || *c == '_')
        .collect();
    name.ends_with("_CHARS")
        && ["REASON", "NOTES", "SK_NUMBER"]
            .iter()
            .any(|k| name.contains(k))
}

#[test]
fn no_workflow_decision_is_made_outside_the_core() {
    let found = findings();
    let report: Vec<String> = found
        .iter()
        .map(|(f, n, what)| format!("{f}:{n}: {what}"))
        .collect();
    assert!(
        report.is_empty(),
        "workflow decisions belong to mutasi_core::workflow:\n{}",
        report.join("\n")
    );
}

#[test]
fn the_check_finds_what_it_looks_for() {
    assert!(limit_compared("if reason.chars().count() < 10 {"));
    assert!(limit_compared("n.chars().count() >= 100"));
    assert!(!limit_compared("if s.chars().count() <= max {"));
    assert!(limit_defined("const MAX_SK_NUMBER_CHARS: usize = 100;"));
    assert!(limit_defined("pub const MIN_REASON_CHARS: usize = 10;"));
    assert!(!limit_defined("pub const MIN_PASSWORD_CHARS: usize = 10;"));
    assert!(!limit_defined("const NOTES_SHOWN: usize = 160;"));
    // Every allowance still names a line that exists (a stale one would hide nothing).
    for (file, line, why) in ALLOWED {
        let text = std::fs::read_to_string(root().join(file)).unwrap();
        assert!(text.contains(line), "{file}: {line} ({why})");
    }
}

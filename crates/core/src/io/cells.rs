//! Encoding of list cells in the employee CSV: entries separated by `;`, fields inside an entry
//! by `|`, with `\` escaping either character (and itself) inside values.

/// Escapes `\`, `|` and `;` in a value.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '|' | ';') {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

/// Splits on an unescaped `sep` and unescapes each part.
pub fn split(s: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                cur.push('\\');
                cur.push(n);
            }
        } else if c == sep {
            parts.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    parts.push(cur);
    parts
}

/// Removes escapes from a fully split value.
pub fn unesc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                o.push(n);
            }
        } else {
            o.push(c);
        }
    }
    o
}

/// Entries of a list cell (empty cell: no entries), each split into its `|` fields, unescaped.
pub fn entries(cell: &str) -> Vec<Vec<String>> {
    if cell.is_empty() {
        return Vec::new();
    }
    split(cell, ';')
        .iter()
        .map(|e| split(e, '|').iter().map(|f| unesc(f)).collect())
        .collect()
}

/// Joins entries of escaped fields into a list cell.
pub fn join(entries: impl IntoIterator<Item = Vec<String>>) -> String {
    entries
        .into_iter()
        .map(|f| f.iter().map(|x| esc(x)).collect::<Vec<_>>().join("|"))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        let data = vec![
            vec!["a|b".to_string(), "c;d".into(), "e\\f".into()],
            vec!["".into()],
            vec!["x".into(), "".into()],
        ];
        assert_eq!(entries(&join(data.clone())), data);
        assert!(entries("").is_empty());
    }
}

//! Text files as offices save them: UTF-8 with or without a byte-order mark, or Windows-1252
//! (what Excel writes for "CSV" on an Indonesian Windows), with `;`, `,` or a tab between
//! cells (Excel in the Indonesian locale uses `;`). [`decode`] turns the bytes into text and
//! says what it found, so an import can tell the user.

use crate::text::Text;

/// How a file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8.
    Utf8,
    /// UTF-8 after a byte-order mark (dropped).
    Utf8Bom,
    /// Not UTF-8: read as Windows-1252.
    Windows1252,
}

impl Encoding {
    /// Its name, for a message.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// A file's text, how it was read and the cell separator of its first line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    pub delimiter: u8,
}

impl Decoded {
    /// "UTF-8, separator ';'" in each language.
    pub fn describe(&self) -> Text {
        let sep = match self.delimiter {
            b'\t' => "tab".to_string(),
            d => format!("'{}'", d as char),
        };
        Text::new(
            format!("{}, pemisah {sep}", self.encoding.name()),
            format!("{}, separator {sep}", self.encoding.name()),
        )
    }
}

/// Windows-1252's characters for the bytes 0x80–0x9F (the rest is Latin-1); the five bytes the
/// code page leaves undefined keep their C1 code point.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// The text of `bytes`: UTF-8 (a leading byte-order mark dropped) when they are valid UTF-8,
/// else Windows-1252; and the separator of the first line.
pub fn decode(bytes: &[u8]) -> Decoded {
    let (text, encoding) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => match std::str::from_utf8(rest) {
            Ok(t) => (t.to_string(), Encoding::Utf8Bom),
            Err(_) => (windows_1252(bytes), Encoding::Windows1252),
        },
        None => match std::str::from_utf8(bytes) {
            Ok(t) => (t.to_string(), Encoding::Utf8),
            Err(_) => (windows_1252(bytes), Encoding::Windows1252),
        },
    };
    let delimiter = sniff_delimiter(&text);
    Decoded {
        text,
        encoding,
        delimiter,
    }
}

fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect()
}

/// The cell separator of `text`'s first line: the most frequent of `;`, `,` and tab outside
/// quotes (`,` when there is none, or on a tie with it).
pub fn sniff_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for c in first.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in counts.iter_mut() {
                if *d == c {
                    *n += 1;
                }
            }
        }
    }
    // Stable: on a tie the earlier (`,`) wins.
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

/// A rank as offices write it — `3c`, `3/c`, `III c`, `IIIc`, `iii-c` — in the official
/// spelling (`III/c`); anything else is returned as it was, for the parser to refuse.
pub fn golongan_spelling(s: &str) -> String {
    let t: String = s
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '/' | '-' | '.'))
        .collect::<String>()
        .to_ascii_lowercase();
    let Some(minor) = t.chars().last().filter(|c| ('a'..='e').contains(c)) else {
        return s.to_string();
    };
    let roman = match &t[..t.len() - 1] {
        "1" | "i" => "I",
        "2" | "ii" => "II",
        "3" | "iii" => "III",
        "4" | "iv" => "IV",
        _ => return s.to_string(),
    };
    format!("{roman}/{minor}")
}

/// An employment status as offices write it (`P3K` for PPPK, any case); others as they were.
pub fn status_spelling(s: &str) -> String {
    let t = s.trim();
    if t.eq_ignore_ascii_case("p3k") {
        "PPPK".to_string()
    } else {
        t.to_ascii_uppercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_become_text_with_what_was_found() {
        let plain = decode("NIP;NAMA\n1;Siti\n".as_bytes());
        assert_eq!((plain.encoding, plain.delimiter), (Encoding::Utf8, b';'));
        let bom = decode(b"\xEF\xBB\xBFNIP,NAMA\n1,Siti\n");
        assert_eq!((bom.encoding, bom.delimiter), (Encoding::Utf8Bom, b','));
        assert!(bom.text.starts_with("NIP"));
        // "Sekolah Dasar Negeri 7 – Plaju" with an en dash and "é", saved as Windows-1252.
        let w = decode(b"NAMA;UNIT\nRen\xe9;SDN 7 \x96 Plaju\n");
        assert_eq!(w.encoding, Encoding::Windows1252);
        assert!(w.text.contains("René;SDN 7 – Plaju"), "{}", w.text);
        assert_eq!(decode(b"A\tB\n").delimiter, b'\t');
        // Separators inside quotes do not count.
        assert_eq!(sniff_delimiter("\"a;b;c\",x,y\n"), b',');
        assert_eq!(decode(b"NIP;NAMA").describe().en, "UTF-8, separator ';'");
    }

    #[test]
    fn ranks_and_statuses_as_offices_write_them() {
        for (given, want) in [
            ("3c", "III/c"),
            ("3/c", "III/c"),
            ("III c", "III/c"),
            ("IIIc", "III/c"),
            ("iii-c", "III/c"),
            ("4E", "IV/e"),
            ("II/a", "II/a"),
            ("1 a", "I/a"),
        ] {
            assert_eq!(golongan_spelling(given), want, "{given}");
        }
        for odd in ["5a", "3f", "III", "", "X/a"] {
            assert_eq!(golongan_spelling(odd), odd, "{odd}");
        }
        assert_eq!(status_spelling(" p3k "), "PPPK");
        assert_eq!(status_spelling("pns"), "PNS");
    }
}

//! Client-generated ids: UUID version 7 (48-bit Unix milliseconds, then random bits), so ids made
//! offline on different devices never collide and sort by creation time.

/// A new UUID v7 as a lowercase hyphenated string.
pub fn uuid_v7() -> String {
    let mut bytes = [0u8; 16];
    fill_random(&mut bytes[6..]);
    let millis = js_sys::Date::now() as u64;
    bytes[..6].copy_from_slice(&millis.to_be_bytes()[2..]);
    bytes[6] = (bytes[6] & 0x0f) | 0x70; // version 7
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn fill_random(out: &mut [u8]) {
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if let Some(crypto) = crypto {
        if crypto.get_random_values_with_u8_array(out).is_ok() {
            return;
        }
    }
    for b in out.iter_mut() {
        *b = (js_sys::Math::random() * 256.0) as u8;
    }
}

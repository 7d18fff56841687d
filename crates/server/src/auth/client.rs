//! Who the client is, as far as throttling goes: its address, taken from `X-Forwarded-For` only
//! when the connection comes from a configured trusted proxy ([`TrustedProxies`]), and the
//! group it is counted in ([`address_group`]: one IPv4 address, or one IPv6 /64, which is what
//! a single subscriber usually gets).

use std::net::IpAddr;

use axum::http::HeaderMap;
use ipnet::IpNet;

/// The reverse proxies whose `X-Forwarded-For` is believed (`mutasi serve --trusted-proxy`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a comma-separated list of addresses or networks (`127.0.0.1,10.0.0.0/8`).
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse::<IpNet>()
                    .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("bukan alamat atau jaringan IP / not an IP address or network: {s}")
                    })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.0.iter().any(|n| n.contains(&ip))
    }
}

/// IPv4-mapped IPv6 addresses (`::ffff:a.b.c.d`) as the IPv4 address they are.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// The client's address: the peer, or — when the peer is a trusted proxy — the rightmost
/// `X-Forwarded-For` entry that is not itself a trusted proxy (entries further left are
/// whatever the client claimed).
pub fn client_addr(
    peer: Option<IpAddr>,
    headers: &HeaderMap,
    trusted: &TrustedProxies,
) -> Option<IpAddr> {
    let peer = canonical(peer?);
    if !trusted.trusts(peer) {
        return Some(peer);
    }
    let mut chain: Vec<IpAddr> = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else {
            return Some(peer);
        };
        for part in text.split(',') {
            match part.trim().parse::<IpAddr>() {
                Ok(ip) => chain.push(canonical(ip)),
                // A malformed chain: believe nothing of it.
                Err(_) => return Some(peer),
            }
        }
    }
    Some(
        chain
            .into_iter()
            .rev()
            .find(|ip| !trusted.trusts(*ip))
            .unwrap_or(peer),
    )
}

/// The group an address is counted in: the IPv4 address itself, or the IPv6 /64 network.
pub fn address_group(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let trusted = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let none = TrustedProxies::default();
        let cases = [
            // (peer, X-Forwarded-For, trusted?, expected client)
            (
                "203.0.113.9",
                &["198.51.100.1"][..],
                &trusted,
                "203.0.113.9",
            ),
            ("127.0.0.1", &["198.51.100.1"][..], &trusted, "198.51.100.1"),
            ("127.0.0.1", &["198.51.100.1"][..], &none, "127.0.0.1"),
            // The client's own claim on the left is ignored; the proxy chain is walked right
            // to left past trusted hops.
            (
                "127.0.0.1",
                &["1.2.3.4, 198.51.100.1, 10.1.1.1"][..],
                &trusted,
                "198.51.100.1",
            ),
            (
                "127.0.0.1",
                &["1.2.3.4", "198.51.100.1"][..],
                &trusted,
                "198.51.100.1",
            ),
            ("127.0.0.1", &["not-an-ip"][..], &trusted, "127.0.0.1"),
            ("127.0.0.1", &[][..], &trusted, "127.0.0.1"),
            (
                "::ffff:127.0.0.1",
                &["2001:db8::1"][..],
                &trusted,
                "2001:db8::1",
            ),
        ];
        for (peer, xff, t, want) in cases {
            assert_eq!(
                client_addr(Some(ip(peer)), &headers(xff), t),
                Some(ip(want)),
                "{peer} {xff:?}"
            );
        }
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
    }

    #[test]
    fn ipv6_addresses_are_grouped_by_64() {
        assert_eq!(
            address_group(ip("2001:db8:1:2:aaaa::1")),
            address_group(ip("2001:db8:1:2:ffff::9"))
        );
        assert_ne!(
            address_group(ip("2001:db8:1:2::1")),
            address_group(ip("2001:db8:1:3::1"))
        );
        assert_eq!(address_group(ip("192.0.2.7")), "192.0.2.7");
        assert_eq!(address_group(ip("::ffff:192.0.2.7")), "192.0.2.7");
    }
}

//! The client's address behind reverse proxies. Rate limits and the fraud panel's
//! networks key on it, so it must not be something a client can write: `X-Forwarded-For`
//! is read only when the connection comes from a proxy listed in
//! `PINGXUAN_TRUSTED_PROXIES`, and only as far back as the chain of trusted proxies
//! goes — the address the last trusted proxy saw is the client's, whatever a client put
//! further left.

use axum::http::HeaderMap;
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

/// The networks whose `X-Forwarded-For` is believed (empty: none — the default, for a
/// server that faces clients directly).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// A comma-separated list of CIDR networks or single addresses, e.g.
    /// `10.0.0.0/8, 127.0.0.1, ::1`; blank means none.
    pub fn parse(list: &str) -> Result<TrustedProxies, String> {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| {
                IpNet::from_str(s)
                    .or_else(|_| IpAddr::from_str(s).map(IpNet::from))
                    .map_err(|_| format!("{s:?} is not an address or a CIDR network"))
            })
            .collect::<Result<_, _>>()
            .map(TrustedProxies)
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address for a request that arrived from `peer` with `headers`.
    ///
    /// From an untrusted peer: the peer. From a trusted one: `X-Forwarded-For` (all its
    /// headers, in order) read from the right, skipping trusted proxies; the first
    /// address that is not one is the client. A chain of only trusted proxies gives
    /// its leftmost; an entry that is not an address ends the walk at the last trusted
    /// hop, which is then the address limits count.
    pub fn client_ip(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .collect();
        let mut client = peer;
        for entry in forwarded.iter().rev() {
            let Some(ip) = parse_hop(entry) else {
                break;
            };
            client = ip;
            if !self.trusts(ip) {
                break;
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, possibly with a port (`1.2.3.4:5678`,
/// `[2001:db8::1]:443`).
fn parse_hop(entry: &str) -> Option<IpAddr> {
    IpAddr::from_str(entry)
        .or_else(|_| SocketAddr::from_str(entry).map(|s| s.ip()))
        .ok()
        .map(|ip| ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn parses_networks_and_single_addresses() {
        let t = TrustedProxies::parse(" 10.0.0.0/8, 127.0.0.1,::1 ,").unwrap();
        assert!(t.trusts(ip("10.1.2.3")));
        assert!(t.trusts(ip("127.0.0.1")));
        assert!(!t.trusts(ip("127.0.0.2")));
        assert!(t.trusts(ip("::1")));
        assert_eq!(
            TrustedProxies::parse("").unwrap(),
            TrustedProxies::default()
        );
        assert!(TrustedProxies::parse("10.0.0.0/33").is_err());
        assert!(TrustedProxies::parse("proxy.local").is_err());
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let none = TrustedProxies::default();
        let h = headers(&["203.0.113.9"]);
        assert_eq!(none.client_ip(ip("198.51.100.1"), &h), ip("198.51.100.1"));
        let lan = TrustedProxies::parse("10.0.0.0/8").unwrap();
        assert_eq!(lan.client_ip(ip("198.51.100.1"), &h), ip("198.51.100.1"));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_spoofed_entries_are_ignored() {
        let t = TrustedProxies::parse("10.0.0.0/8").unwrap();
        // The client wrote "1.1.1.1" itself; the proxy appended the address it saw.
        let h = headers(&["1.1.1.1, 203.0.113.9"]);
        assert_eq!(t.client_ip(ip("10.0.0.5"), &h), ip("203.0.113.9"));
        // Two proxies of ours (a load balancer, then nginx), and two header lines.
        let h = headers(&["1.1.1.1, 203.0.113.9", "10.0.0.7"]);
        assert_eq!(t.client_ip(ip("10.0.0.5"), &h), ip("203.0.113.9"));
        // No header: the proxy itself.
        assert_eq!(
            t.client_ip(ip("10.0.0.5"), &HeaderMap::new()),
            ip("10.0.0.5")
        );
        // Only trusted hops: the leftmost.
        let h = headers(&["10.9.9.9, 10.0.0.7"]);
        assert_eq!(t.client_ip(ip("10.0.0.5"), &h), ip("10.9.9.9"));
        // Garbage ends the walk at the last trusted hop.
        let h = headers(&["203.0.113.9, bogus, 10.0.0.7"]);
        assert_eq!(t.client_ip(ip("10.0.0.5"), &h), ip("10.0.0.7"));
        // Ports and IPv4-mapped peers.
        let h = headers(&["[2001:db8::1]:443"]);
        assert_eq!(t.client_ip(ip("::ffff:10.0.0.5"), &h), ip("2001:db8::1"));
        let h = headers(&["203.0.113.9:51000"]);
        assert_eq!(t.client_ip(ip("10.0.0.5"), &h), ip("203.0.113.9"));
    }
}

"""URL canonicalisation: one key per page, whatever link led to it.

Feeds and newsletters decorate links with campaign parameters, and the same
page is reached as ``HTTP://Example.com/a#top`` and ``http://example.com/a``.
The crawl state and the duplicate check compare these keys, never raw URLs.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that only say how a reader arrived, never which page.
TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "pk_", "mtm_", "__hs", "_hs", "at_", "ns_")
TRACKING_NAMES: frozenset[str] = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "rb_clickid", "s_cid",
        "cmpid", "ncid", "ocid", "sr_share", "ref_src", "ref_url", "spm",
        "xtor", "cmp", "smid", "smtyp", "icid", "guccounter",
        "guce_referrer", "guce_referrer_sig",
    }
)  # fmt: skip
DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}


def is_tracking(name: str) -> bool:
    """True for a query parameter that only tracks the click."""
    lower = name.lower()
    return lower in TRACKING_NAMES or lower.startswith(TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The crawl's key for ``url``.

    Scheme and host lower-cased, default port and fragment dropped, an empty
    path made ``/``, tracking parameters removed and the rest sorted (so
    parameter order does not make two pages). Path case and other
    parameters are kept: servers may tell those apart.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port is None or DEFAULT_PORTS.get(scheme) == port else f"{host}:{port}"
    if parts.username or parts.password:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    query = sorted(
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def is_http(url: str) -> bool:
    """Only http(s) links are crawled; mailto:, javascript: and the like are not."""
    return urlsplit(url).scheme.lower() in DEFAULT_PORTS

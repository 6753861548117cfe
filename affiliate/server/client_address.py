"""The visitor's address behind trusted reverse proxies, whichever ASGI server runs the app.

The hot paths are answered from uvicorn's HTTP parser, where uvicorn's own proxy-headers
middleware never runs, so the server is started without it and the header is read here: the
click's IP hash is then the same on every path and under any ASGI server or proxy chain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TrustedProxies:
    """`FORWARDED_ALLOW_IPS`: addresses whose `X-Forwarded-For` is believed; `*` trusts all."""

    addresses: frozenset[str]
    everyone: bool = False

    @classmethod
    def parse(cls, value: str) -> TrustedProxies:
        items = frozenset(a.strip() for a in value.split(",") if a.strip())
        return cls(addresses=items - {"*"}, everyone="*" in items)

    def trusts(self, address: str | None) -> bool:
        return address is not None and (self.everyone or address in self.addresses)

    def visitor(self, peer: str | None, forwarded_for: str | None) -> str | None:
        """The nearest address in the chain that is not a trusted proxy.

        Read right to left: each trusted proxy appended the address it saw, while the
        left-most entries are whatever the client chose to send, so they prove nothing.
        """
        if not forwarded_for or not self.trusts(peer):
            return peer
        hops = [h.strip() for h in forwarded_for.split(",") if h.strip()]
        for hop in reversed(hops):
            if not self.trusts(hop):
                return hop
        return hops[0] if hops else peer

"""Local stand-ins for the outside world: ClickBank's feed, an ad platform, Hotmart.

Seeded and deterministic (same seed + same date ⇒ same output); the demo and tests start it
with `start_sandbox(SandboxConfig(...))`.
"""

from affiliate.sandbox.app import create_sandbox_app
from affiliate.sandbox.catalog import SandboxProduct, catalog
from affiliate.sandbox.clock import SandboxClock
from affiliate.sandbox.config import SandboxConfig
from affiliate.sandbox.feed import feed_xml, feed_zip
from affiliate.sandbox.gravity import gravity_on
from affiliate.sandbox.server import SandboxHandle, ServerThread, start_sandbox

__all__ = [
    "SandboxClock",
    "SandboxConfig",
    "SandboxHandle",
    "SandboxProduct",
    "ServerThread",
    "catalog",
    "create_sandbox_app",
    "feed_xml",
    "feed_zip",
    "gravity_on",
    "start_sandbox",
]

"""The sandbox marketplace the Local Connect tests log in to (small: 60 products)."""

from affiliate.sandbox import SandboxConfig

MARKET = SandboxConfig(port=0, market_products=60)

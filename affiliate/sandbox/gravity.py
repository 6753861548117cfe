"""Gravity per product per day: a smooth trend plus a windowed random walk.

Any day is computed directly (no replay from the beginning of time):
- the trend is a slow sine per product (period 90–360 days), so at any date some products
  are rising, some falling, and the low-amplitude third stays nearly flat;
- the noise is the sum of the last `NOISE_WINDOW` seeded daily steps, so consecutive days
  share most of their noise (a random walk) while the cost stays bounded;
- a new product ramps up over its first weeks after its ActivateDate.
The result is multiplicative on a positive base, so gravity never goes below 0.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from affiliate.sandbox.catalog import SandboxProduct
from affiliate.sandbox.seeding import uniform

NOISE_WINDOW = 21
NOISE_SCALE = 0.02
RAMP_DAYS = 60
_EPOCH = dt.date(2000, 1, 1)
_FOUR_PLACES = Decimal("0.0001")


def gravity_on(product: SandboxProduct, day: dt.date, seed: int = 7) -> Decimal:
    """The product's gravity on `day` (4 decimals); 0 before its ActivateDate."""
    age = (day - product.activate_date).days
    if age < 0:
        return Decimal(0).quantize(_FOUR_PLACES)
    t = (day - _EPOCH).days
    angle = 2 * math.pi * t / product.trend_period_days + product.trend_phase
    trend = math.exp(product.trend_amplitude * math.sin(angle))
    walk = sum(
        uniform(seed, -1.0, 1.0, "gravity-step", product.index, t - k) for k in range(NOISE_WINDOW)
    )
    ramp = min(1.0, (age + 1) / RAMP_DAYS)
    value = product.base_gravity * trend * math.exp(NOISE_SCALE * walk) * ramp
    return Decimal(f"{value:.4f}")

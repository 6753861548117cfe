"""The one sandbox product whose vendor lists it with claims no ad platform accepts.

Real marketplaces carry such listings, and they often sell: health "reversal" promises sit
near the top of gravity charts. This one is built to rank first (high, flat gravity; a fair
price and commission), so every run writes creatives for it and the Compliance Guardian has
to stop them before `campaigns`.

Why its claim reaches the copy: the template writer writes the product's facts as given.
Its own floor (affiliate/content/guardrails.py) is a short list of words no writer may emit
("cure", "guarantee", "miracle", …) and drops a name that carries them; "Reverse Diabetes
Naturally" contains none of them, so the name goes into the ads as the vendor wrote it. The
disease-reversal claim in it is what the gate's health-claim rules (Meta, Google, TikTok)
block. Judging claims is the gate's job, not the writer's word list — which is the point the
demo shows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

INDEX = 7  # replaces the generated product at this index, so the catalog keeps its size
VENDOR_ID = "REVDIABNAT"
TITLE = "Reverse Diabetes Naturally - The 21-Day Blood Sugar Reset"
DESCRIPTION = (
    "Vendor's listing: Reverse Diabetes Naturally — reverse your type 2 diabetes in 21 days "
    "and come off your medication with one simple blood sugar reset."
)
CATEGORY = ("Health & Fitness", "Remedies")
PRICE = Decimal("37.00")
COMMISSION_PCT = Decimal(75)
ACTIVATE_DATE = dt.date(2021, 3, 1)
CONVERSION_RATE = 0.05
# Gravity about 1600 and flat: commission × gravity ÷ price is then about 1200, several times
# the best generated product's, whatever day it is.
BASE_GRAVITY = 1600.0
TREND_AMPLITUDE = 0.03
TREND_PERIOD_DAYS = 180.0

"""`affiliate offers import`: a feed the user downloaded, loaded into today's partition.

It runs the raw_offers asset itself (not a side door into the tables), so the import shows
in the Dagster UI as that partition's materialisation, then re-scores.
"""

from __future__ import annotations

from datetime import UTC, datetime

import dagster as dg

from affiliate.config import Settings
from affiliate.runtime import bootstrap
from assets.offers import offer_partition
from pipelines.definitions import build_definitions
from pipelines.lifecycle import materialise
from resources.marketplace import MarketplaceResource


def import_offers(network: str, source: str, settings: Settings) -> dg.ExecuteInProcessResult:
    url = bootstrap(settings)
    defs = build_definitions(url, marketplaces=MarketplaceResource(clickbank_source=source))
    today = datetime.now(UTC).date()
    with dg.DagsterInstance.get() as instance:
        return materialise(
            defs,
            instance,
            dg.AssetSelection.assets("raw_offers", "scored_offers"),
            partition_key=offer_partition(today, network),
            log_file=settings.affiliate_home / "logs" / "offers-import.log",
        )

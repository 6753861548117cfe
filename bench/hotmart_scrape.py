"""Scraping a 2,000-product Hotmart marketplace: offers per second and peak memory.

Starts the sandbox with 2,000 products (84 listing pages), logs in with a real browser
(password + TOTP), stores the session in a throw-away database, then runs the real
HotmartConnector once per concurrency level and checks every offer against the catalog.
Prints offers/s, and the peak RSS of this process (getrusage) and of the whole process
tree including Chromium (proportional set size, sampled every 50 ms).

    .venv/bin/python bench/hotmart_scrape.py [--products 2000] [--concurrency 1 4]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import resource
import tempfile
import threading
import time
from pathlib import Path

import psutil
import sqlalchemy as sa

from affiliate.config import PROJECT_ROOT, Settings
from affiliate.connect.platforms import get_platform
from affiliate.connect.sessions import save_session
from affiliate.connect.vault import Vault, new_key_text
from affiliate.db.tables import users
from affiliate.db.testing import drop_test_database, fresh_test_database
from affiliate.offers.connectors import ConnectorContext, get_connector
from affiliate.offers.scraping.sandbox_login import SANDBOX_FINGERPRINT, login_storage_state
from affiliate.sandbox import SandboxConfig, start_sandbox
from affiliate.sandbox.hotmart_market import market_catalog


class TreePeak(threading.Thread):
    """Peak summed PSS of this process and its descendants (the Chromium processes).

    PSS, not RSS: Chromium's processes share most of their pages, and summing their RSS
    would count the shared ones once per process.
    """

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak, self.done = 0, threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self.done.wait(0.05):
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # exited between listing and reading
                    total += proc.memory_full_info().pss
            self.peak = max(self.peak, total)


def scrape_once(settings: Settings, engine: sa.Engine, concurrency: int, catalog: list) -> None:
    context = ConnectorContext(settings, engine, options={"concurrency": str(concurrency)})
    sampler = TreePeak()
    sampler.start()
    started = time.perf_counter()
    offers = list(get_connector("hotmart", context).fetch_offers(dt.date.today()))
    elapsed = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    wrong = sum(
        (o.network_id, o.price, o.currency) != (str(p.id), p.price, p.currency)
        for o, p in zip(offers, catalog, strict=False)
    )
    print(
        f"concurrency {concurrency}: {len(offers)} offers in {elapsed:.2f} s = "
        f"{len(offers) / elapsed:,.0f} offers/s; {wrong} wrong; "
        f"peak RSS python {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
        f"python+chromium (PSS) {sampler.peak / 2**20:.0f} MB"
    )
    if len(offers) != len(catalog) or wrong:
        raise SystemExit("the scrape does not match the catalog")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    args = parser.parse_args()

    config = SandboxConfig(port=0, market_products=args.products)
    catalog = market_catalog(config.seed, config.market_products)
    url = fresh_test_database(PROJECT_ROOT / ".affiliate")
    engine = sa.create_engine(url)
    try:
        with tempfile.TemporaryDirectory() as home, start_sandbox(config) as sandbox:
            settings = Settings(
                database_url=url, affiliate_home=Path(home),
                hotmart_base_url=f"{sandbox.url}/hotmart", session_encryption_key=new_key_text(),
            )  # fmt: skip
            with engine.begin() as conn:
                user = conn.execute(
                    sa.insert(users).values(email="bench@example.com", password_hash="x")
                    .returning(users.c.id)
                ).scalar_one()  # fmt: skip
                save_session(
                    conn, Vault.from_settings(settings), user_id=user,
                    platform=get_platform("hotmart", settings),
                    storage_state=login_storage_state(sandbox.url, config),
                    fingerprint=SANDBOX_FINGERPRINT,
                )  # fmt: skip
            for concurrency in args.concurrency:
                scrape_once(settings, engine, concurrency, catalog)
    finally:
        engine.dispose()
        drop_test_database(url)


if __name__ == "__main__":
    main()

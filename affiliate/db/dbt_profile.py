"""Connection settings for dbt, whose profiles.yml reads them from AFFILIATE_DB_* variables."""

from __future__ import annotations

import sqlalchemy as sa

from affiliate.config import PROJECT_ROOT

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


def dbt_env(url: str) -> dict[str, str]:
    """AFFILIATE_DB_* for a SQLAlchemy URL; an embedded server's socket folder is the host."""
    parsed = sa.make_url(url)
    host = parsed.query.get("host") or parsed.host or "localhost"
    return {
        "AFFILIATE_DB_HOST": host if isinstance(host, str) else host[0],
        "AFFILIATE_DB_PORT": str(parsed.port or 5432),
        "AFFILIATE_DB_USER": parsed.username or "postgres",
        "AFFILIATE_DB_PASSWORD": parsed.password or "",
        "AFFILIATE_DB_NAME": parsed.database or "postgres",
    }

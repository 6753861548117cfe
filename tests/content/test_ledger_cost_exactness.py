"""Per-call AI costs are exact: Decimal from prices.yaml to the ledger's numeric(18,10)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from affiliate.content.ledger import GenerationRun
from affiliate.content.pricing import load_price_table, price_table
from affiliate.content.writers.base import BudgetExceeded
from affiliate.db.tables import ai_generation_history


def _stored_costs(engine: sa.Engine) -> list[Decimal]:
    with engine.connect() as conn:
        return conn.scalars(
            sa.select(ai_generation_history.c.cost).order_by(ai_generation_history.c.id)
        ).all()


def test_a_tiny_calls_cost_is_stored_exactly(clean_db):
    run = GenerationRun(clean_db)
    one_token = price_table().price("openai", "gpt-4o-mini").cost(1, 0)  # $0.15 per million
    assert one_token == Decimal("0.00000015")
    run.record(task="t", provider="openai", model="gpt-4o-mini", outcome="ok", latency_ms=1,
               input_tokens=1, cost=one_token)  # fmt: skip
    run.record(task="t", provider="p", model="m", outcome="ok", latency_ms=1,
               cost=Decimal("0.0000015"))  # fmt: skip
    run.record(task="t", provider="p", model="m", outcome="ok", latency_ms=1,
               cost=Decimal("0.0000000001"))  # fmt: skip

    assert _stored_costs(clean_db) == [
        Decimal("0.00000015"), Decimal("0.0000015"), Decimal("0.0000000001"),
    ]  # fmt: skip
    assert all(isinstance(c, Decimal) for c in _stored_costs(clean_db))
    with clean_db.connect() as conn:
        total = conn.scalar(sa.select(sa.func.sum(ai_generation_history.c.cost)))
    assert total == Decimal("0.0000016501") == run.spent


def test_the_ledger_refuses_a_float_cost(clean_db):
    with pytest.raises(TypeError, match="Decimal"):
        GenerationRun(clean_db).record(
            task="t", provider="p", model="m", outcome="ok", latency_ms=1, cost=1.5e-06
        )
    assert _stored_costs(clean_db) == []


def test_unquoted_prices_are_read_as_decimal_text_never_as_floats():
    table = load_price_table(
        "currency: USD\nas_of: x\nproviders:\n  p:\n    m: {input: 0.15, output: 1_000.10}\n"
        "    n: {input: 3, output: '0.6'}\n"
    )
    m, n = table.price("p", "m"), table.price("p", "n")
    # float(0.15) would be 0.1499999999999999944488848768742172978818416595458984375
    assert m.input_per_million == Decimal("0.15") and str(m.output_per_million) == "1000.10"
    assert (n.input_per_million, n.output_per_million) == (Decimal(3), Decimal("0.6"))
    assert m.cost(1, 0) == Decimal("0.00000015")


def test_the_budget_refusal_shows_sub_micro_amounts_whole(clean_db):
    run = GenerationRun(clean_db, budget=Decimal("0.0000002"))
    run.record(task="t", provider="p", model="m", outcome="ok", latency_ms=1,
               cost=Decimal("0.00000015"))  # fmt: skip
    with pytest.raises(BudgetExceeded) as refused:
        run.check_budget(Decimal("0.0000001000"), task="t", provider="p", model="m")
    assert "0.00000015 is spent" in str(refused.value)
    assert "could cost up to 0.0000001," in str(refused.value)
    assert _stored_costs(clean_db) == [Decimal("0.00000015"), Decimal(0)]

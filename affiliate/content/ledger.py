"""The generation ledger (app.ai_generation_history) and one run's budget.

Every call is written the moment it ends, in its own transaction, so a run that fails half
way still shows what it spent. The budget is checked before each call against what this
run has written so far plus the most the next call can cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa

from affiliate.accounts import owner_id
from affiliate.content.writers.base import BudgetExceeded
from affiliate.db.tables import ai_generation_history


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    task: str
    provider: str
    model: str | None
    prompt_template: str | None
    template_version: str | None
    input_tokens: int
    output_tokens: int
    cost: Decimal
    currency: str
    latency_ms: int
    outcome: str
    product_id: int | None = None
    creative_id: int | None = None


@dataclass
class GenerationRun:
    """One run's ledger writer; ``budget`` (in ``currency``) caps what its calls may cost."""

    engine: sa.Engine
    budget: Decimal | None = None
    currency: str = "USD"
    entries: list[LedgerEntry] = field(default_factory=list)
    _user_id: int | None = None

    @property
    def spent(self) -> Decimal:
        return sum((e.cost for e in self.entries), Decimal(0))

    def check_budget(self, worst_case: Decimal, **row) -> None:
        """Refuse (and record the refusal) when the next call could take the run over budget."""
        if self.budget is None or self.spent + worst_case <= self.budget:
            return
        self.record(outcome="budget_exceeded", latency_ms=0, **row)
        raise BudgetExceeded(
            f"LLM budget for this run is {self.currency} {self.budget}: {_shown(self.spent)} is "
            f"spent and the next {row.get('provider')} {row.get('model')} call for "
            f"{row.get('task')} could cost up to {_shown(worst_case)}, so it was not made. Raise "
            f"LLM_RUN_BUDGET or start a new run."
        )

    def record(
        self,
        *,
        task: str,
        provider: str,
        model: str | None,
        outcome: str,
        latency_ms: int,
        prompt_template: str | None = None,
        template_version: str | None = None,
        input_tokens: int = 0,
        output_tokens: int = 0,
        cost: Decimal = Decimal(0),
        product_id: int | None = None,
        creative_id: int | None = None,
    ) -> LedgerEntry:
        if not isinstance(cost, Decimal):  # a float has already lost the exact price
            raise TypeError(f"ledger cost must be a Decimal from the price table, not {cost!r}")
        values = dict(
            task=task,
            provider=provider,
            model=model,
            prompt_template=prompt_template,
            template_version=template_version,
            input_tokens=input_tokens,
            output_tokens=output_tokens,
            cost=cost,
            currency=self.currency,
            latency_ms=latency_ms,
            outcome=outcome,
            product_id=product_id,
            creative_id=creative_id,
        )
        with self.engine.begin() as conn:
            if self._user_id is None:
                self._user_id = owner_id(conn)
            new_id = conn.scalar(
                sa.insert(ai_generation_history)
                .values(user_id=self._user_id, **values)
                .returning(ai_generation_history.c.id)
            )
        entry = LedgerEntry(id=new_id, **values)
        self.entries.append(entry)
        return entry


def _shown(amount: Decimal) -> str:
    """An amount to micro-units (0.008100), with more places only where they are not zero
    (0.00000015): the ledger keeps ten, which would print as 0.0081000000."""
    micro = amount.quantize(Decimal("0.000001"))
    return str(micro) if micro == amount else format(amount.normalize(), "f")

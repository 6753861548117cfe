"""The status machine: every (current, requested) pair, and arrival order never matters."""

import itertools
import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from affiliate.tracking.status_machine import STATUSES, Recorded, Step, fold, step

T0 = datetime(2025, 11, 24, 12, 0, tzinfo=UTC)
# The allowed moves, written out independently of the module's table.
ALLOWED = {
    ("pending", "approved"),
    ("pending", "cancelled"),
    ("pending", "refunded"),
    ("pending", "chargeback"),
    ("approved", "refunded"),
    ("approved", "chargeback"),
    ("cancelled", "approved"),
    ("refunded", "chargeback"),
}


@pytest.mark.parametrize("current", STATUSES)
@pytest.mark.parametrize("requested", STATUSES)
def test_every_pair_of_statuses(current, requested):
    moved = step(current, requested)
    if (current, requested) in ALLOWED:
        assert moved == Step(current, requested, True)
    else:
        assert moved == Step(current, current, False)


@pytest.mark.parametrize("requested", STATUSES)
def test_the_first_event_sets_any_status(requested):
    assert step(None, requested) == Step(None, requested, True)


@pytest.mark.parametrize("current", [None, *STATUSES])
def test_an_event_without_a_status_changes_nothing(current):
    assert step(current, None) == Step(current, current or "pending", False)


@pytest.mark.parametrize("reversed_", ["refunded", "chargeback"])
def test_nothing_returns_to_approved_once_reversed(reversed_):
    assert step(reversed_, "approved").after == reversed_
    assert step("chargeback", "refunded").after == "chargeback"


def test_an_unknown_status_is_refused_loudly():
    with pytest.raises(ValueError, match="unknown conversion status 'paid'"):
        step("pending", "paid")


def event(n, status, minutes, sale="97.00", commission="48.50", approved_minutes=None):
    return Recorded(
        key=(n, status or "NOTE"),
        status=status,
        occurred_at=T0 + timedelta(minutes=minutes),
        approved_at=None if approved_minutes is None else T0 + timedelta(minutes=approved_minutes),
        sale_amount=Decimal(sale),
        commission_amount=Decimal(commission),
        currency="USD",
        delivery_id=f"evt-{n}",
    )


def test_refund_then_late_approval_stays_refunded_and_keeps_the_approval_amounts():
    folded = fold(
        [
            event(1, "refunded", 60, sale="0.00", commission="0.00"),
            event(2, "approved", 0, approved_minutes=-5),
        ]
    )
    assert folded.status == "refunded"
    assert folded.commission_amount == Decimal("48.50")
    assert folded.conversion_date == T0 - timedelta(minutes=5)  # the approval's approved_at
    assert folded.refunded_at == T0 + timedelta(minutes=60)
    assert folded.steps[(2, "approved")] == Step(None, "approved", True)
    assert folded.steps[(1, "refunded")] == Step("approved", "refunded", True)


def test_an_approval_after_the_refund_is_recorded_but_not_applied():
    folded = fold([event(1, "approved", 0), event(2, "refunded", 10), event(3, "approved", 20)])
    assert folded.status == "refunded"
    assert folded.steps[(3, "approved")] == Step("refunded", "refunded", False)


def test_a_cancelled_sale_paid_late_is_approved_at_the_payment():
    folded = fold([event(1, "pending", 0), event(2, "cancelled", 10), event(3, "approved", 30)])
    assert folded.status == "approved"
    assert folded.conversion_date == T0 + timedelta(minutes=30)


def test_never_approved_takes_the_first_event_for_amounts_and_date():
    folded = fold([event(1, "pending", 5, sale="10.00"), event(2, None, 9, sale="11.00")])
    assert (folded.status, folded.sale_amount) == ("pending", Decimal("10.00"))
    assert folded.conversion_date == T0 + timedelta(minutes=5)
    assert folded.refunded_at is None


def state(folded, identity):
    """Everything the fold decides, with steps keyed by the event itself (not its inbox id)."""
    return (
        folded.status,
        folded.sale_amount,
        folded.commission_amount,
        folded.conversion_date,
        folded.refunded_at,
        folded.sold_at,
        {identity[key]: s for key, s in folded.steps.items()},
    )


def test_every_arrival_order_gives_the_same_conversion():
    rng = random.Random(20251124)
    choices = [*STATUSES, None]
    for _ in range(150):
        size = rng.randint(1, 5)
        # Few distinct times, so ties between simultaneous events are common.
        specs = [
            (
                rng.choice(choices),
                rng.choice([0, 0, 10, 20]),
                f"{rng.randint(1, 500)}.00",
                f"evt-{rng.randint(0, 10**9)}",
            )
            for _ in range(size)
        ]
        outcomes = set()
        for arrival in itertools.permutations(range(size)):
            # Arrival decides the inbox ids; the events themselves are the same.
            events, identity = [], {}
            for inbox_id, index in enumerate(arrival, start=1):
                status, minutes, amount, delivery = specs[index]
                key = (inbox_id, status or "NOTE")
                identity[key] = index
                events.append(
                    Recorded(
                        key=key,
                        status=status,
                        occurred_at=T0 + timedelta(minutes=minutes),
                        approved_at=None,
                        sale_amount=Decimal(amount),
                        commission_amount=Decimal(amount) / 2,
                        currency="USD",
                        delivery_id=delivery,
                    )
                )
            outcomes.add(repr(state(fold(events), identity)))
        assert len(outcomes) == 1, specs

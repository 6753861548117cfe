"""The V1 score: commission × temperature ÷ price, its gaps, its ranking and its explanation."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from affiliate.offers.model import Offer
from affiliate.offers.scoring import ScoreInputs, explain_score, rank_offers, v1_score


def offer(
    network_id: str = "X",
    *,
    price: str | None = "49.00",
    amount: str | None = "36.75",
    rate: str | None = None,
    popularity: str | None = "120.5",
    network: str = "clickbank",
    currency: str = "USD",
) -> Offer:
    def dec(text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    return Offer(
        network=network,
        network_id=network_id,
        name=f"Product {network_id}",
        price=dec(price),
        currency=currency,
        commission_amount=dec(amount),
        commission_rate=dec(rate),
        popularity=dec(popularity),
    )


def test_formula_with_exact_numbers() -> None:
    # 36.75 × 120.5 ÷ 49 = 90.375 exactly.
    assert v1_score(offer()) == Decimal("90.3750")
    assert str(v1_score(offer())) == "90.3750"


def test_rounds_half_up_to_four_places() -> None:
    assert v1_score(offer(price="3", amount="10", popularity="1")) == Decimal("3.3333")
    assert v1_score(offer(price="3", amount="20", popularity="1")) == Decimal("6.6667")


def test_commission_from_rate_when_amount_unknown() -> None:
    # 40.00 × 50 % = 20.00; 20 × 10 ÷ 40 = 5.
    assert v1_score(offer(price="40.00", amount=None, rate="50", popularity="10")) == Decimal(
        "5.0000"
    )
    # 49.99 × 50 % = 24.995, rounded to 25.00 before scoring: 25 × 2 ÷ 49.99 = 1.00020…
    assert v1_score(offer(price="49.99", amount=None, rate="50", popularity="2")) == Decimal(
        "1.0002"
    )


def test_amount_wins_over_rate() -> None:
    assert v1_score(offer(amount="36.75", rate="10")) == Decimal("90.3750")


@pytest.mark.parametrize(
    "incomplete",
    [
        offer(price=None),
        offer(price="0"),
        offer(price="-5.00"),
        offer(popularity=None),
        offer(amount=None, rate=None),
        offer(price=None, amount=None, rate="50"),
    ],
)
def test_unscorable_offer_gives_none(incomplete: Offer) -> None:
    assert v1_score(incomplete) is None


def test_zero_temperature_scores_zero_not_none() -> None:
    assert v1_score(offer(popularity="0")) == Decimal("0")


def test_score_inputs_can_be_given_directly() -> None:
    inputs = ScoreInputs(commission=Decimal("10"), temperature=Decimal("5"), price=Decimal("25"))
    assert v1_score(inputs) == Decimal("2.0000")


def test_money_must_be_decimal() -> None:
    with pytest.raises(TypeError, match="price must be a Decimal"):
        Offer(network="clickbank", network_id="F", name="Float", price=49.0)  # type: ignore[arg-type]


def test_rank_is_best_first_with_ties_by_network_id_and_unscored_left_out() -> None:
    offers = [
        offer("MID", amount="10", popularity="10", price="10"),  # 10
        offer("TOP", amount="30", popularity="10", price="10"),  # 30
        offer("TIE-B", amount="20", popularity="10", price="10"),  # 20
        offer("TIE-A", amount="40", popularity="5", price="10"),  # 20
        offer("NOPRICE", price=None),
        offer("LOW", amount="1", popularity="1", price="10"),  # 0.1
    ]
    ranked = rank_offers(offers)
    assert [(o.network_id, str(s)) for o, s in ranked] == [
        ("TOP", "30.0000"),
        ("TIE-A", "20.0000"),
        ("TIE-B", "20.0000"),
        ("MID", "10.0000"),
        ("LOW", "0.1000"),
    ]
    assert [o.network_id for o, _ in rank_offers(offers, top_n=2)] == ["TOP", "TIE-A"]
    assert rank_offers(offers, top_n=0) == []
    assert len(rank_offers(offers, top_n=100)) == 5


def test_rank_is_deterministic_whatever_the_input_order() -> None:
    offers = [offer(f"V{i:03d}", amount=str(i % 7), popularity="3", price="9") for i in range(60)]
    expected = rank_offers(offers, top_n=25)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = offers[:]
        rng.shuffle(shuffled)
        assert rank_offers(shuffled, top_n=25) == expected
        assert rank_offers(iter(shuffled)) == rank_offers(offers)


def test_rank_rejects_negative_top_n() -> None:
    with pytest.raises(ValueError, match="top_n"):
        rank_offers([offer()], top_n=-1)


def test_explain_plugs_in_the_numbers() -> None:
    assert explain_score(offer()) == "commission $36.75 × gravity 120.5 ÷ price $49.00 = 90.3750"


def test_explain_names_the_networks_own_measure_and_currency() -> None:
    hotmart = offer(network="hotmart", currency="BRL", price="100", amount="20", popularity="80")
    assert explain_score(hotmart) == (
        "commission 20.00 BRL × temperature 80 ÷ price 100.00 BRL = 16.0000"
    )


def test_explain_shows_derived_commission_and_never_hides_precision() -> None:
    derived = offer(price="40", amount=None, rate="50", popularity="10")
    assert explain_score(derived) == "commission $20.00 × gravity 10 ÷ price $40.00 = 5.0000"
    precise = offer(amount="1.005", price="10", popularity="10")
    assert explain_score(precise) == "commission $1.005 × gravity 10 ÷ price $10.00 = 1.0050"


def test_explain_says_why_an_offer_is_not_scored() -> None:
    assert explain_score(offer(price=None)).startswith("not scored: price unknown")
    assert "gravity unknown" in explain_score(offer(popularity=None))
    assert "price 0 is not positive" in explain_score(offer(price="0"))

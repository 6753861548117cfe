"""The offline rubric on hand-written pages: strong pages score high, weak pages low."""

import pytest

from affiliate.offers.review import OfflineRubric, page_text, review_multiplier
from tests.review.pages import HIDDEN_ONLY, STRONG_EN, STRONG_PT, WEAK


def review(html: str):
    return OfflineRubric().review(page_text(html))


@pytest.mark.parametrize("html", [STRONG_EN, STRONG_PT], ids=["english", "portuguese"])
def test_a_strong_page_scores_high_on_every_dimension(html: str) -> None:
    result = review(html)
    assert result.scores["clarity"] >= 0.9
    assert result.scores["social_proof"] >= 0.9
    assert result.scores["call_to_action"] >= 0.75
    assert result.scores["guarantee"] >= 0.5
    assert result.scores["urgency"] >= 0.6
    assert review_multiplier(result.scores) > 1.14
    assert all(result.evidence[dimension] for dimension in result.scores)


def test_english_page_roles_come_from_tags_and_wording_not_class_names() -> None:
    page = page_text(STRONG_EN)
    assert page.headline.startswith("How Keto Reset helps you lose 10 pounds")
    assert page.subheadline.startswith("A step-by-step meal plan")
    assert len(page.bullets) == 5 and "Home" not in page.bullets  # navigation is not a bullet
    authors = [t.author for t in page.testimonials]
    assert authors == ["Maria P.", "John D.", "Ana Lima"]
    assert (
        page.testimonials[0].quote
        == "I lost 8 pounds in the first two weeks and never felt hungry."
    )
    assert page.ctas == ["Get instant access now", "Yes! Buy Keto Reset now"]
    assert page.countdown
    assert "Buy now" not in page.as_prompt_text().replace("Buy Keto", "")  # script text hidden
    result = review(STRONG_EN)
    assert result.scores["guarantee"] == 1.0  # 60 days ≥ 30
    assert "60-Day Money-Back Guarantee" in result.evidence["guarantee"]
    assert result.scores["call_to_action"] == 1.0  # clear and repeated


def test_portuguese_cues_guarantee_days_testimonials_urgency_and_cta() -> None:
    page = page_text(STRONG_PT)
    assert [t.author for t in page.testimonials] == ["Carla Souza", "Beatriz M.", "Pedro Alves"]
    assert page.ctas == ["Quero garantir minha vaga", "Comprar agora"]
    assert page.urgency == ["Últimas vagas com desconto — somente hoje!"]
    assert "3.500 alunos" in page.proof_numbers
    result = review(STRONG_PT)
    assert result.scores["guarantee"] == pytest.approx(0.4 + 0.6 * 7 / 30)
    assert result.scores["urgency"] == 0.6  # one cue, no countdown


def test_a_weak_page_scores_low_without_testimonials_guarantee_or_clear_cta() -> None:
    result = review(WEAK)
    assert result.scores["social_proof"] == 0.0
    assert result.scores["guarantee"] == 0.0
    assert result.scores["urgency"] == 0.0
    assert result.scores["call_to_action"] == 0.0  # "More info" asks for nothing
    assert result.scores["clarity"] <= 0.2  # generic headline, no subheadline, vague bullets
    assert result.evidence["social_proof"] == [] and result.evidence["guarantee"] == []
    assert review_multiplier(result.scores) < 0.85
    assert review_multiplier(review(STRONG_EN).scores) > review_multiplier(result.scores)


def test_hidden_text_scripts_and_styles_are_not_evidence() -> None:
    result = review(HIDDEN_ONLY)
    assert result.scores["guarantee"] == result.scores["urgency"] == 0.0
    assert result.scores["social_proof"] == 0.0
    assert page_text(HIDDEN_ONLY).paragraphs == ["Nothing to see here for now."]


def test_unclosed_and_stray_tags_do_not_lose_text() -> None:
    page = page_text("<h1>Learn Spanish in 30 days</h1></div></span><ul><li>Ten short lessons a"
                     " day<li>Audio for every word you learn<li>Quizzes</ul><p>Risk-free: 30-day"
                     " guarantee<p>Order now</p>")  # fmt: skip
    assert page.bullets == ["Ten short lessons a day", "Audio for every word you learn", "Quizzes"]
    assert page.guarantee == ["Risk-free: 30-day guarantee"]

"""The offline rubric: scores a sales page from its structure and wording, no LLM needed.

Each dimension is a sum of named parts, so a score can be read back from its evidence:
- clarity (≤1): headline present 0.1, specific (≥6 words, not "Welcome to …") 0.15, carries a
  promise or mechanism ("how", "step-by-step", "em 21 dias") 0.1, a number 0.05; subheadline
  of ≥8 words 0.2 (≥4 words 0.1); concrete bullets (≥4 words) 0.08 each, up to five.
- social proof: testimonials 0.5 × min(n, 3)/3, the share with a name 0.25, the share of
  8+ words 0.15, a headcount ("12,000 students", "3.000 alunos") 0.1.
- call to action: present 0.5, clear (a verb and an object, "Get instant access") 0.25,
  repeated down the page 0.25.
- guarantee: present 0.4, plus 0.6 × min(days, 30)/30 (a bare "money-back" promise 0.1).
- urgency: one cue 0.6, two or a countdown 1.0 — weighted lowest, see multiplier.py.
"""

from __future__ import annotations

from affiliate.offers.review import cues
from affiliate.offers.review.page_text import PageText
from affiliate.offers.review.reviewer import PageReview

EVIDENCE_PER_DIMENSION = 3


class OfflineRubric:
    """The default SalesPageReviewer: deterministic, free, and explainable."""

    name = "offline-rubric"

    def review(self, page: PageText) -> PageReview:
        parts = {
            "clarity": _clarity(page),
            "social_proof": _social_proof(page),
            "call_to_action": _call_to_action(page),
            "guarantee": _guarantee(page),
            "urgency": _urgency(page),
        }
        return PageReview(
            scores={k: round(min(score, 1.0), 4) for k, (score, _) in parts.items()},
            evidence={
                k: [cues.excerpt(e) for e in ev if e][:EVIDENCE_PER_DIMENSION]
                for k, (_, ev) in parts.items()
            },
        )


def _clarity(page: PageText) -> tuple[float, list[str]]:
    headline, folded = page.headline, cues.fold(page.headline)
    words = len(headline.split())
    generic = bool(cues.GENERIC_HEADLINE.search(folded)) or folded == cues.fold(page.title)
    score = 0.1 if headline else 0.0
    if headline and not generic and words >= 6:
        score += 0.15
        score += 0.1 if cues.SPECIFIC_HEADLINE.search(folded) else 0.0
        score += 0.05 if any(c.isdigit() for c in headline) else 0.0
    sub_words = len(page.subheadline.split())
    score += 0.2 if sub_words >= 8 else 0.1 if sub_words >= 4 else 0.0
    concrete = [b for b in page.bullets if len(b.split()) >= 4]
    score += 0.08 * min(len(concrete), 5)
    return score, [headline, page.subheadline, *concrete[:1]]


def _social_proof(page: PageText) -> tuple[float, list[str]]:
    quotes = page.testimonials
    score = 0.1 if page.proof_numbers else 0.0
    if quotes:
        score += 0.5 * min(len(quotes), 3) / 3
        score += 0.25 * sum(bool(t.author) for t in quotes) / len(quotes)
        score += 0.15 * sum(len(t.quote.split()) >= 8 for t in quotes) / len(quotes)
    quoted = [f"{t.quote} — {t.author}" if t.author else t.quote for t in quotes]
    return score, [*quoted[:2], *page.proof_numbers[:1]]


def _call_to_action(page: PageText) -> tuple[float, list[str]]:
    if not page.ctas:
        return 0.0, []
    clear = any(len(c.split()) >= 2 and cues.CTA.search(cues.fold(c)) for c in page.ctas)
    repeated = len(page.ctas) >= 2
    return 0.5 + 0.25 * clear + 0.25 * repeated, list(dict.fromkeys(page.ctas))


def _guarantee(page: PageText) -> tuple[float, list[str]]:
    if not page.guarantee:
        return 0.0, []
    days = [int(m.group(1)) for g in page.guarantee for m in cues.DAYS.finditer(cues.fold(g))]
    if days:
        return 0.4 + 0.6 * min(max(days), 30) / 30, page.guarantee
    return 0.5, page.guarantee


def _urgency(page: PageText) -> tuple[float, list[str]]:
    evidence = [*(["(countdown timer)"] if page.countdown else []), *page.urgency]
    if not evidence:
        return 0.0, []
    return (1.0 if len(evidence) >= 2 else 0.6), evidence

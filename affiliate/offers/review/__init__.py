"""Sales-page review: fetch an offer's page, score it, turn the scores into a multiplier.

fetch.py reads the page, extract.py and page_text.py find its parts, rubric.py scores them
(the offline default), multiplier.py bounds the result, store.py keeps one review per product
and day, candidates.py picks which products are worth a fetch. reviewer.py holds the
SalesPageReviewer protocol and the rule for an LLM reviewer (quote_untrusted).
"""

from affiliate.offers.review.candidates import REVIEWED_CANDIDATES, head_of_ranking
from affiliate.offers.review.fetch import FetchError, fetch_page
from affiliate.offers.review.multiplier import WEIGHTS, review_multiplier
from affiliate.offers.review.page_text import PageText, Testimonial, page_text
from affiliate.offers.review.reviewer import (
    PageReview,
    SalesPageReviewer,
    quote_untrusted,
)
from affiliate.offers.review.rubric import OfflineRubric
from affiliate.offers.review.store import review_products

__all__ = [
    "REVIEWED_CANDIDATES",
    "WEIGHTS",
    "FetchError",
    "OfflineRubric",
    "PageReview",
    "PageText",
    "SalesPageReviewer",
    "Testimonial",
    "fetch_page",
    "head_of_ranking",
    "page_text",
    "quote_untrusted",
    "review_multiplier",
    "review_products",
]

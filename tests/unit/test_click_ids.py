"""Click ids: unique, URL-safe, 22 characters, sorting in the order they were made."""

import re

from affiliate.tracking.clicks import ClickIds

URL_SAFE = re.compile(r"[A-Za-z0-9_-]{22}")


def test_ids_sort_as_they_were_made_across_milliseconds_and_digit_carries():
    # Milliseconds chosen to cross a carry in every one of the low digits (64**k - 1 → 64**k).
    moments = []
    for power in range(1, 7):
        edge = (1_767_225_600_000 // 64**power + 1) * 64**power
        moments += [edge - 1, edge, edge + 1]
    moments.sort()
    ids = ClickIds()
    made = [ids.new(m * 1_000_000 + 999_999) for m in moments]
    assert made == sorted(made)
    assert all(URL_SAFE.fullmatch(i) for i in made)


def test_ids_made_in_one_millisecond_share_the_time_and_differ_in_the_rest():
    ids = ClickIds()
    made = [ids.new(1_767_225_600_123_456_789) for _ in range(10_000)]  # several random pools
    assert len(set(made)) == len(made)
    assert {i[:7] for i in made} == {made[0][:7]}
    assert all(URL_SAFE.fullmatch(i) for i in made)

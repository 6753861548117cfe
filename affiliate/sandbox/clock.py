"""The sandbox's clock: the real UTC date, or a fixed one that tests and the demo can move."""

from __future__ import annotations

import datetime as dt
import threading

# With a fixed date, "now" is noon of that day so timestamps are reproducible too.
_FIXED_TIME_OF_DAY = dt.time(12, 0, tzinfo=dt.UTC)


class SandboxClock:
    """Answers "what day is it in the sandbox?" for insights, creations and sales.

    A fixed date makes runs reproducible; `set_today` lets a caller simulate days passing
    (create ads on day 1, deliver traffic on days 1..7) without waiting for real days.
    """

    def __init__(self, today: dt.date | None = None) -> None:
        self._today = today
        self._lock = threading.Lock()

    @property
    def is_fixed(self) -> bool:
        return self._today is not None

    def set_today(self, today: dt.date | None) -> None:
        """Fix the sandbox date (None returns to the real UTC date)."""
        with self._lock:
            self._today = today

    def today(self) -> dt.date:
        with self._lock:
            fixed = self._today
        return fixed if fixed is not None else dt.datetime.now(dt.UTC).date()

    def now(self) -> dt.datetime:
        with self._lock:
            fixed = self._today
        if fixed is not None:
            return dt.datetime.combine(fixed, _FIXED_TIME_OF_DAY)
        return dt.datetime.now(dt.UTC).replace(microsecond=0)

"""Each test starts with an empty cache, so counters kept there (throttles, rate limits) never carry
over from one test to the next — on Redis, which outlives every test of the run, as in CI."""

from __future__ import annotations

import pytest
from django.core.cache import cache

SENTINEL = "tests:cache-isolation"


@pytest.mark.parametrize("turn", ["first", "second"])
def test_a_test_never_sees_what_the_one_before_left_in_the_cache(turn: str) -> None:
    # The second turn runs right after the first, which left its value behind.
    assert cache.get(SENTINEL) is None
    cache.set(SENTINEL, turn, timeout=300)

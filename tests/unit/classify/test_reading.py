"""Readings: texts read once by a model, scored on demand, and pairs of them read as one."""

from __future__ import annotations

import pytest

from postguard.classify import Reading


def test_a_joined_reading_scores_a_pair_as_its_features_together() -> None:
    """Logits and ceilings are sums over features: a pair's, made from its two texts' and the
    seam's, are those of all its features read at once."""
    texts = ["Vendrix launched a new app today.", "Useless clowns, all of them.", "Great demo."]
    reading = Reading.of("abuse-en", texts)
    joined = reading.joined([(0, 1), (1, 2)])
    for index, (a, b) in enumerate([(0, 1), (1, 2)]):
        keys = reading.keys[a] + reading.keys[b] + joined.keys[index]
        expected = reading.model.scores_of(keys)
        assert joined.scores(index, 0.0) == pytest.approx(expected)
        assert joined.model.ceiling_of(joined.leads[index]) == pytest.approx(reading.model.ceiling(keys))
    assert joined.scores(0, 1.01) is None  # no class can reach more than 1

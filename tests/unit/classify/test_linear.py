"""The linear model's file: what it records, and a model built for other features refused."""

from __future__ import annotations

import json
import re
from array import array

import pytest

from postguard.classify import load
from postguard.classify.linear import READS, LinearModel
from postguard.classify.words import BUCKETS, TOPICS, Reader


def small_model(masks_names: bool, lexicon: str = "", negation: bool = False) -> LinearModel:
    weights = array("f", [0.0] * (BUCKETS * 2))
    weights[2 * 7] = 1.5  # bucket 7 leans to "bad"
    return LinearModel(
        ("bad", "clean"), "clean", weights, [0.0, 0.5], Reader("nb", masks_names, lexicon, negation)
    )


def test_a_saved_model_keeps_its_language_names_and_weights(tmp_path):
    path = tmp_path / "m.weights"
    small_model(masks_names=True).save(path)
    loaded = LinearModel.load(path)
    assert (loaded.reader.language, loaded.reader.masks_names, loaded.labels) == (
        "nb",
        True,
        ("bad", "clean"),
    )
    assert loaded.scores_of([7]) == small_model(True).scores_of([7])


def test_a_model_built_for_other_features_is_refused(tmp_path):
    path = tmp_path / "old.weights"
    small_model(masks_names=False).save(path)
    header, rest = path.read_bytes().split(b"\n", 1)
    old = json.loads(header) | {"reads": "words+pairs"}
    path.write_bytes(json.dumps(old).encode() + b"\n" + rest)
    with pytest.raises(ValueError, match=re.escape(f"this version reads '{READS}'") + ".*rebuild it"):
        LinearModel.load(path)


def test_a_saved_model_keeps_the_lexicon_it_reads(tmp_path):
    path = tmp_path / "m.weights"
    small_model(masks_names=False, lexicon=TOPICS).save(path)
    assert LinearModel.load(path).reader.lexicon == TOPICS


def test_a_model_that_reads_a_missing_lexicon_is_refused(tmp_path):
    path = tmp_path / "m.weights"
    small_model(masks_names=False, lexicon="no-such-lexicon").save(path)
    with pytest.raises(ValueError, match="lexicon 'no-such-lexicon'.*reinstall"):
        LinearModel.load(path)


@pytest.mark.parametrize("language", ["en", "nb"])
def test_the_shipped_meaning_models_read_the_topics_and_negation_and_the_abuse_models_do_not(language):
    meaning, abuse = load(f"meaning-{language}"), load(f"abuse-{language}")
    assert (meaning.reader.lexicon, meaning.reader.negation) == (TOPICS, True)
    assert (abuse.reader.lexicon, abuse.reader.negation) == ("", False)


def test_a_saved_model_keeps_whether_it_reads_negation(tmp_path):
    path = tmp_path / "m.weights"
    small_model(masks_names=False, negation=True).save(path)
    assert LinearModel.load(path).reader.negation


def test_a_lead_is_the_ratio_of_two_scores_in_log_terms() -> None:
    """The lead of a class over the baseline is a difference of logits: the log of the ratio of
    their softmax scores, without the flattening of a score near 0 and 1."""
    import math

    model = load("abuse-en")
    text = "Do that again and you'll need a dentist."
    scores = model.scores([text])[0]
    assert model.lead(text, "threat") == pytest.approx(math.log(scores["threat"] / scores["clean"]), rel=1e-5)

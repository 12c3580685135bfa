"""The linear model's file: what it records, and a model built for other features refused."""

from __future__ import annotations

import json
import re
from array import array
from pathlib import Path

import pytest

from postguard.classify import MODELS, load
from postguard.classify.linear import READS, WEIGHTS_SUFFIX, LinearModel
from postguard.classify.words import BUCKETS, TOPICS, Reader, features_digest

ROOT = Path(__file__).resolve().parents[3]


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


def test_a_saved_model_keeps_its_probe(tmp_path):
    path = tmp_path / "m.weights"
    model = small_model(masks_names=False)
    model.probe = {"files": "training/abuse/data/nb_written*.jsonl", "digest": "0" * 64}
    model.save(path)
    assert LinearModel.load(path).probe == model.probe


@pytest.mark.parametrize("name", sorted(p.stem for p in MODELS.glob(f"*{WEIGHTS_SUFFIX}")))
def test_each_shipped_model_reads_its_training_data_as_when_it_was_built(name):
    """A change to how text is read (the reader, the lexicon, name masking) or to the written
    data, without rebuilding the model, would skew its scores in silence; its training script
    records a fingerprint of the reading of all our written files, and here they are read again."""
    model = load(name)
    assert model.probe is not None, f"{name} records no probe: rebuild it with its script in training/"
    files = sorted(ROOT.glob(model.probe["files"]))
    assert files, f"{name}: no files match {model.probe['files']}"
    texts = [
        json.loads(line)["text"]
        for path in files
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    assert features_digest(model.reader, texts) == model.probe["digest"], (
        f"{name} was built for another reading of {model.probe['files']}: rebuild it with its script in training/"
    )


def test_the_fingerprint_changes_with_the_reading_and_the_data():
    texts = ["We met Kari at the fair.", "It is not the only one."]
    plain = features_digest(Reader("en"), texts)
    assert features_digest(Reader("en"), list(texts)) == plain
    assert features_digest(Reader("en", masks_names=True), texts) != plain
    assert features_digest(Reader("en", negation=True), texts) != plain
    assert features_digest(Reader("en"), [*texts, "One more line."]) != plain

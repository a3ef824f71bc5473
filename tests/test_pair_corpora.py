"""The course's written sentence-pair corpora: balanced labels, no pair twice, and held-out splits kept apart from the
training pairs (no sentence of validation or test appears in train)."""

import collections

import pytest

from utils import data

PAIRS = {"en": ("sentence1", "sentence2"), "ko": ("premise", "hypothesis")}


def splits(lang):
    spec = data.schema("sentence_pair_classification", lang)
    folder = data.CORPORA / "sentence_pair_classification" / lang
    return {s: data.read_jsonl(folder / f"{s}.jsonl", spec) for s in data.SPLITS}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_labels_are_balanced_and_pairs_unique(lang):
    first, second = PAIRS[lang]
    for name, rows in splits(lang).items():
        counts = collections.Counter(r["label"] for r in rows)
        assert max(counts.values()) - min(counts.values()) <= 0.02 * len(rows) + 1, (name, counts)
        keys = [(r[first].lower(), r[second].lower()) for r in rows]
        assert len(keys) == len(set(keys)), f"{lang}/{name} holds a pair twice"
        assert all(a != b for a, b in keys), f"{lang}/{name} pairs a sentence with itself"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_held_out_sentences_never_appear_in_train(lang):
    first, second = PAIRS[lang]
    parts = splits(lang)
    train = {r[k].lower() for r in parts["train"] for k in (first, second)}
    for name in ("validation", "test"):
        leaked = [r[k] for r in parts[name] for k in (first, second) if r[k].lower() in train]
        assert not leaked, f"{lang}/{name}: {leaked[:3]}"


def test_english_training_set_is_large_enough_for_a_cross_encoder():
    assert len(splits("en")["train"]) >= 2000

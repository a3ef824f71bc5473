"""The course's Korean film reviews: balanced splits, no review twice, held-out reviews never in a training file."""

import collections

from utils import data

FOLDER = data.CORPORA / "sentence_classification" / "ko"
SPEC = data.schema("sentence_classification", "ko")


def read(name):
    return data.read_jsonl(FOLDER / f"{name}.jsonl", SPEC)


def test_splits_are_balanced_and_apart():
    """train: 1,218 reviews of the first writing and 1,600 by two more writers (issue 14)."""
    files = {name: read(name) for name in ("train", "validation", "test")}
    for name, rows in files.items():
        counts = collections.Counter(r["label"] for r in rows)
        assert abs(counts["negative"] - counts["positive"]) <= 0.02 * len(rows) + 1, (name, counts)
    texts = [r["text"].strip() for rows in files.values() for r in rows]
    assert len(texts) == len(set(texts)), "a review appears twice"
    assert len(files["train"]) >= 2800

"""Metric wrappers over scikit-learn for the course's notebooks (seqeval and SQuAD metrics join for their tasks)."""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def classification_scores(labels: Sequence[int], predictions: Sequence[int], label_names: Sequence[str]) -> dict[str, float]:
    """Accuracy and F1 for single-label classification.

    Binary tasks report the F1 of the positive (last) class, as GLUE does; tasks with more classes report macro F1 and
    one F1 per class (``f1_<name>``).
    """
    from sklearn.metrics import accuracy_score, f1_score

    labels, predictions = np.asarray(labels), np.asarray(predictions)
    if labels.shape != predictions.shape or labels.size == 0:
        raise ValueError(f"labels and predictions must be non-empty and equally long, got {labels.shape} and {predictions.shape}")
    ids = list(range(len(label_names)))
    scores = {"accuracy": float(accuracy_score(labels, predictions))}
    if len(label_names) == 2:
        scores["f1"] = float(f1_score(labels, predictions, labels=ids, pos_label=1, average="binary", zero_division=0))
    else:
        scores["f1"] = float(f1_score(labels, predictions, labels=ids, average="macro", zero_division=0))
        per_class = f1_score(labels, predictions, labels=ids, average=None, zero_division=0)
        scores.update({f"f1_{name}": float(value) for name, value in zip(label_names, per_class)})
    return scores


def classification_metrics(label_names: Sequence[str]) -> Callable:
    """A ``compute_metrics`` function for ``Trainer``: argmax over the logits, then :func:`classification_scores`."""

    def compute_metrics(eval_prediction) -> dict[str, float]:
        logits, labels = eval_prediction.predictions, eval_prediction.label_ids
        if isinstance(logits, tuple):
            logits = logits[0]
        return classification_scores(labels, np.argmax(logits, axis=-1), label_names)

    return compute_metrics


# --- Token classification (NER): entity-level scores with seqeval --------------------------------------------


def _check_tag_sequences(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> tuple[list[list[str]], list[list[str]]]:
    """Return both as lists of lists after checking they pair up and hold IOB2-shaped tags (``O``, ``B-X``, ``I-X``)."""
    true_tags, pred_tags = [list(s) for s in true_tags], [list(s) for s in pred_tags]
    if not true_tags or len(true_tags) != len(pred_tags):
        raise ValueError(f"need one predicted tag sequence per true one, got {len(true_tags)} true and {len(pred_tags)} predicted")
    for i, (gold, pred) in enumerate(zip(true_tags, pred_tags)):
        if len(gold) != len(pred):
            raise ValueError(f"sequence {i}: {len(gold)} true tags but {len(pred)} predicted tags")
        bad = sorted({t for t in gold + pred if not isinstance(t, str) or not (t == "O" or (t[:2] in ("B-", "I-") and len(t) > 2))})
        if bad:
            raise ValueError(f"sequence {i}: tags must be 'O', 'B-<TYPE>' or 'I-<TYPE>' names, got {bad}")
    return true_tags, pred_tags


def _seqeval_report(true_tags: list[list[str]], pred_tags: list[list[str]]) -> dict:
    """seqeval's report in strict IOB2 mode: an entity counts only if its type and both boundaries are right."""
    import warnings

    from seqeval.metrics import classification_report
    from seqeval.scheme import IOB2

    with warnings.catch_warnings():  # no entity at all gives a 0/0 in seqeval's macro average: reported as 0 below
        warnings.simplefilter("ignore")
        return classification_report(true_tags, pred_tags, mode="strict", scheme=IOB2, output_dict=True, zero_division=0)


def entity_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """The entities of one IOB2 tag sequence as ``(type, start, end)`` with ``end`` exclusive, read the way
    :func:`entity_scores` reads them (seqeval strict IOB2: a stray ``I-X`` starts no entity)."""
    from seqeval.scheme import IOB2, Entities

    tags = _check_tag_sequences([tags], [tags])[0][0]
    return [(e.tag, e.start, e.end) for e in Entities([tags], IOB2, suffix=False).entities[0]]


def entity_scores(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]) -> dict[str, float]:
    """Entity-level precision, recall and F1 (micro over all entities), F1 per entity type, and token accuracy.

    Uses seqeval with ``mode="strict"`` and ``scheme=IOB2``: a predicted entity is right only when its type, start and
    end all match a true entity; a predicted ``I-X`` that does not continue a ``B-X``/``I-X`` starts no entity.
    ``token_accuracy`` is the share of tags (``O`` included) that are right, shown to compare with, not to judge by.
    """
    true_tags, pred_tags = _check_tag_sequences(true_tags, pred_tags)
    report = _seqeval_report(true_tags, pred_tags)
    micro = report["micro avg"]
    flat_true = [t for s in true_tags for t in s]
    flat_pred = [t for s in pred_tags for t in s]
    scores = {"precision": float(micro["precision"]), "recall": float(micro["recall"]), "f1": float(micro["f1-score"]),
              "token_accuracy": float(np.mean([a == b for a, b in zip(flat_true, flat_pred)]))}
    types = sorted(k for k in report if not k.endswith(" avg"))
    scores.update({f"f1_{name}": float(report[name]["f1-score"]) for name in types})
    return scores


def entity_table(true_tags: Sequence[Sequence[str]], pred_tags: Sequence[Sequence[str]]):
    """A ``pandas.DataFrame`` with one row per entity type plus ``micro avg``: precision, recall, f1, support
    (the number of true entities), from seqeval in strict IOB2 mode."""
    import pandas as pd

    true_tags, pred_tags = _check_tag_sequences(true_tags, pred_tags)
    report = _seqeval_report(true_tags, pred_tags)
    rows = sorted(k for k in report if not k.endswith(" avg")) + ["micro avg"]
    table = pd.DataFrame(
        {name: {"precision": float(report[name]["precision"]), "recall": float(report[name]["recall"]),
                "f1": float(report[name]["f1-score"]), "support": int(report[name]["support"])} for name in rows}
    ).T
    table["support"] = table["support"].astype(int)
    return table


def ner_metrics(label_names: Sequence[str]) -> Callable:
    """A ``compute_metrics`` function for ``Trainer`` on token classification: argmax over the logits, keep only the
    positions whose label is not -100 (the labelled sub-word tokens), turn ids into tag names, then :func:`entity_scores`."""

    def compute_metrics(eval_prediction) -> dict[str, float]:
        logits, labels = eval_prediction.predictions, eval_prediction.label_ids
        if isinstance(logits, tuple):
            logits = logits[0]
        predictions = np.argmax(logits, axis=-1)
        true_tags, pred_tags = [], []
        for row_pred, row_true in zip(predictions, labels):
            keep = row_true != -100
            true_tags.append([label_names[i] for i in row_true[keep]])
            pred_tags.append([label_names[i] for i in row_pred[keep]])
        return entity_scores(true_tags, pred_tags)

    return compute_metrics

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

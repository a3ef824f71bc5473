"""Plot helpers over matplotlib and scikit-learn. Each returns the ``Figure`` so a notebook can show or save it."""

from __future__ import annotations

from collections import Counter
from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np


def label_balance(label_ids_by_split: Mapping[str, Sequence[int]], label_names: Sequence[str], title: str = "Label balance"):
    """Grouped bars: the share of each label in each split (with counts on the bars)."""
    fig, ax = plt.subplots(figsize=(6, 3.2))
    width = 0.8 / max(len(label_ids_by_split), 1)
    x = np.arange(len(label_names))
    for k, (split, ids) in enumerate(label_ids_by_split.items()):
        counts = Counter(ids)
        total = max(sum(counts.values()), 1)
        shares = [counts.get(i, 0) / total for i in range(len(label_names))]
        bars = ax.bar(x + k * width, shares, width, label=f"{split} (n={total})")
        ax.bar_label(bars, labels=[str(counts.get(i, 0)) for i in range(len(label_names))], fontsize=8)
    ax.set_xticks(x + width * (len(label_ids_by_split) - 1) / 2, label_names)
    ax.set_ylabel("share of examples")
    ax.set_ylim(0, 1.05)
    ax.set_title(title)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def length_histogram(lengths_by_group: Mapping[str, Sequence[int]], unit: str = "tokens", cutoff: int | None = None,
                     title: str = "Length distribution"):
    """Overlaid histograms of lengths (e.g. tokens per example, per label); ``cutoff`` draws the truncation line."""
    fig, ax = plt.subplots(figsize=(6, 3.2))
    upper = max(max(v) for v in lengths_by_group.values() if len(v))
    step = max(1, int(np.ceil(upper / 40)))  # whole-number bin edges: lengths are integers
    bins = np.arange(0, upper + step + 1, step)
    for group, lengths in lengths_by_group.items():
        ax.hist(lengths, bins=bins, alpha=0.55, label=f"{group} (median {int(np.median(lengths))})")
    if cutoff is not None:
        ax.axvline(cutoff, color="black", linestyle="--", label=f"max_length = {cutoff}")
    ax.set_xlabel(f"{unit} per example")
    ax.set_ylabel("examples")
    ax.set_title(title)
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


def confusion_matrix(labels: Sequence[int], predictions: Sequence[int], label_names: Sequence[str], title: str = "Confusion matrix"):
    """scikit-learn's confusion-matrix display, rows = true label, columns = prediction."""
    from sklearn.metrics import ConfusionMatrixDisplay

    fig, ax = plt.subplots(figsize=(4.2, 3.8))
    ConfusionMatrixDisplay.from_predictions(labels, predictions, labels=list(range(len(label_names))),
                                            display_labels=list(label_names), ax=ax, colorbar=False, cmap="Blues")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def training_curves(log_history: Sequence[Mapping[str, float]], metric: str | None = None, title: str = "Training curves"):
    """Training loss and evaluation loss per step from ``trainer.state.log_history``; ``metric`` (e.g. "eval_accuracy")
    is drawn on a second axis."""
    train = [(h["step"], h["loss"]) for h in log_history if "loss" in h and "step" in h]
    evals = [h for h in log_history if "eval_loss" in h]
    if not train and not evals:
        raise ValueError("log_history holds no 'loss' or 'eval_loss' entries: set logging_steps / eval_strategy")
    fig, ax = plt.subplots(figsize=(6, 3.2))
    if train:
        ax.plot(*zip(*train), label="training loss", color="tab:blue")
    if evals:
        ax.plot([h["step"] for h in evals], [h["eval_loss"] for h in evals], "o-", label="validation loss", color="tab:orange")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("cross-entropy loss")
    lines, names = ax.get_legend_handles_labels()
    if metric and any(metric in h for h in evals):
        twin = ax.twinx()
        twin.plot([h["step"] for h in evals if metric in h], [h[metric] for h in evals if metric in h], "s--",
                  color="tab:green", label=metric.removeprefix("eval_"))
        twin.set_ylabel(metric.removeprefix("eval_"))
        twin.set_ylim(0, 1)
        more = twin.get_legend_handles_labels()
        lines, names = lines + more[0], names + more[1]
    ax.legend(lines, names, fontsize=8, loc="center right")
    ax.set_title(title)
    fig.tight_layout()
    return fig

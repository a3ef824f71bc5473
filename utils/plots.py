"""Plot helpers over matplotlib and scikit-learn. Each returns the ``Figure`` so a notebook can show or save it."""

from __future__ import annotations

from collections import Counter
from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .fonts import use_korean_font

use_korean_font()


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


def scores_by_type(table, columns: Sequence[str] = ("precision", "recall", "f1"), title: str = "Scores by type"):
    """Grouped bars of ``columns`` for each row of ``table`` (a DataFrame such as ``metrics.entity_table``), with
    the row's ``support`` under its name when the table has that column."""
    missing = [c for c in columns if c not in table.columns]
    if missing or table.empty:
        raise ValueError(f"table needs rows and the columns {list(columns)}; missing: {missing}")
    fig, ax = plt.subplots(figsize=(max(5, 1.1 * len(table) + 1.5), 3.2))
    width = 0.8 / len(columns)
    x = np.arange(len(table))
    for k, column in enumerate(columns):
        bars = ax.bar(x + k * width, table[column].astype(float), width, label=column)
        ax.bar_label(bars, fmt="%.2f", fontsize=7)
    names = [f"{name}\n(n={int(n)})" for name, n in zip(table.index, table["support"])] if "support" in table else list(table.index)
    ax.set_xticks(x + width * (len(columns) - 1) / 2, names, fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("score")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def segment_strip(tokens: Sequence[str], token_type_ids: Sequence[int], attention_mask: Sequence[int] | None = None,
                  title: str = "How a pair is encoded"):
    """One coloured cell per token: segment A (``token_type_ids`` 0) blue, segment B (1) orange, padding
    (``attention_mask`` 0) grey, with the ``token_type_ids`` and ``attention_mask`` values in rows under the tokens.

    Matplotlib's default font has no Hangul glyphs, so a token with non-ASCII characters is written as its position
    (``#7``); print the tokens beside the figure to read them.
    """
    n = len(tokens)
    if n == 0 or len(token_type_ids) != n or (attention_mask is not None and len(attention_mask) != n):
        raise ValueError(f"tokens, token_type_ids and attention_mask must be equally long and non-empty, got {n}, "
                         f"{len(token_type_ids)} and {None if attention_mask is None else len(attention_mask)}")
    unknown = sorted(set(int(t) for t in token_type_ids) - {0, 1})
    if unknown:
        raise ValueError(f"token_type_ids must be 0 (segment A) or 1 (segment B), got {unknown}")
    mask = [1] * n if attention_mask is None else [int(m) for m in attention_mask]
    colors = {0: "#9ecae1", 1: "#fdae6b"}
    rows = [("token_type_ids", [int(t) for t in token_type_ids])] + ([("attention_mask", mask)] if attention_mask is not None else [])
    fig, ax = plt.subplots(figsize=(min(16, max(6.5, 1.5 + 0.32 * n)), 1.9 + 0.35 * len(rows)))
    for i, (token, segment, keep) in enumerate(zip(tokens, token_type_ids, mask)):
        color = colors[int(segment)] if keep else "#d9d9d9"
        ax.add_patch(plt.Rectangle((i, 0), 1, 2.6, facecolor=color, edgecolor="white"))
        label = token if token.isascii() else f"#{i}"
        ax.text(i + 0.5, 1.3, label, rotation=90, ha="center", va="center", fontsize=8)
        for r, (_, values) in enumerate(rows):
            ax.text(i + 0.5, -0.5 - r, str(values[i]), ha="center", va="center", fontsize=8)
    ax.set_yticks([-0.5 - r for r in range(len(rows))], [name for name, _ in rows], fontsize=8)
    ax.set_xlim(0, n)
    ax.set_ylim(-0.1 - len(rows), 2.7)
    ax.set_xticks([])
    for side in ("top", "right", "bottom", "left"):
        ax.spines[side].set_visible(False)
    handles = [plt.Rectangle((0, 0), 1, 1, color=colors[0]), plt.Rectangle((0, 0), 1, 1, color=colors[1])]
    names = ["segment A (type 0)", "segment B (type 1)"]
    if 0 in mask:
        handles.append(plt.Rectangle((0, 0), 1, 1, color="#d9d9d9"))
        names.append("padding (mask 0)")
    ax.legend(handles, names, fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(names), frameon=False)
    ax.set_title(title, pad=22)
    fig.tight_layout()
    return fig

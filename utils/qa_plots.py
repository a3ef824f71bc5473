"""Plots for extractive question answering (notebook 06). Each returns the ``Figure``.

matplotlib's default font has no Hangul glyphs, so these plots take positions and numbers, and token labels only
when every label is ASCII (see :func:`ascii_or_none`); Korean text belongs in printed output or tables.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .fonts import use_korean_font

use_korean_font()


def ascii_or_none(labels: Sequence[str]) -> list[str] | None:
    """``labels`` as a list when all are ASCII (safe for the default font), else None."""
    labels = list(labels)
    return labels if all(label.isascii() for label in labels) else None


def answer_overview(answer_lengths: Mapping[str, Sequence[int]], relative_starts: Mapping[str, Sequence[float]],
                    unit: str = "words", title: str = "Answers"):
    """Two histograms per split: answer length (in ``unit``) and where the answer starts in its context
    (0 = first character, 1 = last)."""
    if set(answer_lengths) != set(relative_starts) or not answer_lengths:
        raise ValueError("answer_lengths and relative_starts need the same, non-empty set of splits")
    for split, starts in relative_starts.items():
        if len(starts) == 0 or min(starts) < 0 or max(starts) > 1:
            raise ValueError(f"relative starts of {split!r} must be a non-empty list of values in [0, 1]")
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.2))
    upper = max(max(v) for v in answer_lengths.values())
    bins = np.arange(0.5, upper + 1.5, max(1, int(np.ceil(upper / 30))))
    for split in answer_lengths:
        left.hist(answer_lengths[split], bins=bins, alpha=0.55, density=True,
                  label=f"{split} (median {np.median(answer_lengths[split]):.0f})")
        right.hist(relative_starts[split], bins=np.linspace(0, 1, 11), alpha=0.55, density=True, label=split)
    left.set_xlabel(f"answer length ({unit})")
    left.set_ylabel("share of questions (density)")
    right.set_xlabel("answer start / context length")
    right.set_ylabel("share of questions (density)")
    left.legend(fontsize=8)
    right.legend(fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def windows(context_chars: int, spans: Sequence[tuple[int, int]], answer: tuple[int, int], title: str = "Windows"):
    """One bar per window over the characters of the context it covers, and the answer's characters as a band.

    ``spans`` are ``(first character, end character)`` of the context part of each window; a window that holds the
    whole answer is drawn in green, the others in grey.
    """
    if not spans:
        raise ValueError("need at least one window span")
    start, end = answer
    if not 0 <= start < end <= context_chars:
        raise ValueError(f"answer {answer} must lie inside the context (0..{context_chars})")
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(spans) + 1.4))
    for row, (first, last) in enumerate(spans):
        whole = first <= start and end <= last
        ax.barh(row, last - first, left=first, height=0.6, color="tab:green" if whole else "lightgrey",
                edgecolor="black")
        ax.text(first + 5, row, f"chars {first}-{last}" + ("  (holds the answer)" if whole else ""), va="center", fontsize=8)
    ax.axvspan(start, end, color="tab:red", alpha=0.35, label="answer")
    ax.set_xlim(0, context_chars)
    ax.set_yticks(range(len(spans)), [f"window {i}" for i in range(len(spans))])
    ax.invert_yaxis()
    ax.set_xlabel("character position in the context")
    ax.set_title(title)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig


def start_end_logits(start_logits: Sequence[float], end_logits: Sequence[float], tokens: Sequence[str] | None = None,
                     gold: tuple[int, int] | None = None, predicted: tuple[int, int] | None = None,
                     first_position: int = 0, title: str = "Start and end scores"):
    """Start and end logits over token positions (two panels), with the gold and predicted start/end marked.

    ``tokens`` label the x axis when given and all ASCII; ``first_position`` is the token index of the first value
    (for a slice of a longer window); ``gold`` and ``predicted`` are token indices in the same numbering.
    """
    start_logits, end_logits = np.asarray(start_logits, dtype=float), np.asarray(end_logits, dtype=float)
    if start_logits.shape != end_logits.shape or start_logits.ndim != 1 or start_logits.size == 0:
        raise ValueError(f"need two equally long 1-D score arrays, got {start_logits.shape} and {end_logits.shape}")
    if tokens is not None and len(tokens) != start_logits.size:
        raise ValueError(f"got {len(tokens)} tokens for {start_logits.size} scores")
    positions = np.arange(first_position, first_position + start_logits.size)
    fig, axes = plt.subplots(2, 1, figsize=(max(8, 0.16 * start_logits.size), 5), sharex=True)
    for ax, values, name, which in ((axes[0], start_logits, "start", 0), (axes[1], end_logits, "end", 1)):
        ax.bar(positions, values, color="tab:blue" if which == 0 else "tab:orange", width=0.8)
        if gold is not None:
            ax.axvline(gold[which], color="tab:green", linewidth=2, label=f"gold {name}")
        if predicted is not None:
            ax.axvline(predicted[which], color="tab:red", linestyle="--", linewidth=2, label=f"predicted {name}")
        ax.set_ylabel(f"{name} logit")
        if gold is not None or predicted is not None:
            ax.legend(fontsize=8, loc="upper left")
    labels = ascii_or_none(tokens) if tokens is not None else None
    if labels is not None:
        axes[1].set_xticks(positions, labels, rotation=90, fontsize=7)
    axes[1].set_xlabel("token position in the window")
    axes[0].set_title(title)
    fig.tight_layout()
    return fig

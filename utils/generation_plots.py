"""Plots for notebook 08 (text generation): what a language model predicts next, and what decoding does with it.

matplotlib's default font has no Hangul glyphs, so every label drawn here is ASCII: :func:`token_labels` shows a
token as its quoted text when that text is printable ASCII and as ``#<id>`` otherwise; the notebook prints the
Korean tokens next to their ids in a table.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .fonts import use_korean_font

use_korean_font()


def token_labels(texts: Sequence[str], ids: Sequence[int]) -> list[str]:
    """ASCII labels for tokens: ``' the'`` (quoted, so a leading space shows) or ``#1234`` for any other text."""
    if len(texts) != len(ids):
        raise ValueError(f"token_labels() needs as many texts as ids, got {len(texts)} and {len(ids)}")
    labels = []
    for text, token_id in zip(texts, ids):
        printable = text and all(32 <= ord(c) < 127 for c in text)
        labels.append(repr(text) if printable else f"#{int(token_id)}")
    return labels


def _check_probs(probs: Sequence[float]) -> np.ndarray:
    values = np.asarray(probs, dtype=float)
    if values.ndim != 1 or values.size == 0 or (values < 0).any() or values.sum() > 1 + 1e-4:
        raise ValueError("expected a non-empty 1-D array of probabilities (non-negative, summing to at most 1)")
    return values


def next_token_bars(labels: Sequence[str], probs: Sequence[float], title: str = "Next-token probabilities"):
    """Horizontal bars: the probability of each candidate next token, the most likely on top."""
    values = _check_probs(probs)
    if len(labels) != len(values):
        raise ValueError(f"got {len(labels)} labels for {len(values)} probabilities")
    fig, ax = plt.subplots(figsize=(5.5, 0.28 * len(values) + 1.2))
    y = np.arange(len(values))[::-1]
    bars = ax.barh(y, values, color="tab:blue")
    ax.bar_label(bars, fmt="%.3f", fontsize=7, padding=2)
    ax.set_yticks(y, labels, fontsize=8)
    ax.set_xlim(0, min(1.0, values.max() * 1.25 + 0.02))
    ax.set_xlabel("probability")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def temperature_panels(logits: Sequence[float], labels: Sequence[str], temperatures: Sequence[float],
                       title: str = "The same logits at several temperatures"):
    """One bar panel per temperature: ``softmax(logits / T)`` over the given candidates (renormalised over the full
    vocabulary, so bars show the real probabilities of these tokens)."""
    full = np.asarray(logits, dtype=float)
    if full.ndim != 1 or len(labels) > full.size:
        raise ValueError("logits must be the 1-D logits of the whole vocabulary, at least as long as labels")
    if not temperatures or min(temperatures) <= 0:
        raise ValueError(f"temperatures must be positive, got {list(temperatures)}")
    order = np.argsort(-full)[: len(labels)]
    fig, axes = plt.subplots(1, len(temperatures), figsize=(2.6 * len(temperatures) + 1, 0.25 * len(labels) + 1.4),
                             sharey=True)
    axes = np.atleast_1d(axes)
    y = np.arange(len(labels))[::-1]
    for ax, temperature in zip(axes, temperatures):
        scaled = full / temperature
        probs = np.exp(scaled - scaled.max())
        probs /= probs.sum()
        ax.barh(y, probs[order], color="tab:orange")
        ax.set_title(f"T = {temperature:g}", fontsize=9)
        ax.set_xlim(0, 1)
        ax.set_xlabel("probability", fontsize=8)
    axes[0].set_yticks(y, labels, fontsize=8)
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    return fig


def nucleus_size(probs: Sequence[float], top_p: float) -> int:
    """How many tokens top-p (nucleus) sampling keeps: the fewest most-likely tokens whose probabilities sum to at
    least ``top_p``."""
    if not 0 < top_p <= 1:
        raise ValueError(f"top_p must be in (0, 1], got {top_p}")
    cumulative = np.cumsum(np.sort(_check_probs(probs))[::-1])
    return int(min(np.searchsorted(cumulative, top_p - 1e-9) + 1, cumulative.size))


def top_p_cut(probs: Sequence[float], top_p: float, show: int = 60, title: str = "Top-p (nucleus) cut"):
    """The cumulative probability of the tokens sorted from most to least likely, with the ``top_p`` line and the
    tokens the nucleus keeps shaded; ``show`` limits the x axis to the first tokens."""
    values = np.sort(_check_probs(probs))[::-1]
    kept = nucleus_size(values, top_p)
    n = min(len(values), max(show, kept + 5))
    cumulative = np.cumsum(values)[:n]
    fig, ax = plt.subplots(figsize=(6, 3.2))
    ranks = np.arange(1, n + 1)
    ax.plot(ranks, cumulative, ".-", color="tab:blue", label="cumulative probability")
    ax.axhline(top_p, color="tab:red", linestyle="--", label=f"top_p = {top_p:g}")
    ax.axvspan(0.5, kept + 0.5, color="tab:green", alpha=0.15, label=f"kept: {kept} token(s)")
    ax.set_xlabel("tokens ranked by probability")
    ax.set_ylabel("cumulative probability")
    ax.set_ylim(0, 1.02)
    ax.set_xlim(0.5, n + 0.5)
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def sequence_logprobs(step_logprobs: Mapping[str, Sequence[float]], title: str = "Log-probability of the generated text"):
    """Cumulative log-probability of each generated continuation, token by token (one line per decoding method);
    the legend gives the total. Higher (closer to 0) means the model finds the whole sequence more likely."""
    if not step_logprobs:
        raise ValueError("step_logprobs needs at least one method")
    fig, ax = plt.subplots(figsize=(6, 3.2))
    for name, values in step_logprobs.items():
        values = np.asarray(values, dtype=float)
        if values.ndim != 1 or values.size == 0 or (values > 1e-6).any():
            raise ValueError(f"{name}: expected a non-empty list of log-probabilities (each <= 0)")
        ax.plot(np.arange(1, values.size + 1), np.cumsum(values), ".-", label=f"{name}: total {values.sum():.2f}")
    ax.set_xlabel("generated token")
    ax.set_ylabel("cumulative log-probability")
    ax.legend(fontsize=8)
    ax.set_title(title)
    fig.tight_layout()
    return fig

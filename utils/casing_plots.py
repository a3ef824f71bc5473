"""Plots of notebook 03 (cased vs uncased): how tokenizers cut English and Korean, and what capitals tell about entities.

Each function returns the matplotlib ``Figure``. Labels stay ASCII (matplotlib's default font has no Hangul); a label
that is not ASCII raises ``ValueError`` instead of drawing empty boxes.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .casing import UNK, CaseCues, TokenStats

from .fonts import use_korean_font

use_korean_font()

KIND_COLOURS = {"syllable": "tab:green", "jamo": "tab:orange", UNK: "tab:red", "other": "tab:gray"}


def _ascii(labels: Sequence[str]) -> list[str]:
    bad = [label for label in labels if not label.isascii()]
    if bad:
        raise ValueError(f"plot labels must be ASCII (the default font has no Hangul glyphs); got {bad}")
    return list(labels)


def tokenization_bars(stats: Mapping[str, Mapping[str, TokenStats]], title: str = "How each tokenizer cuts each corpus"):
    """Two panels of grouped bars, ``stats[corpus][tokenizer]``: word pieces per word, and the share of words that
    contain ``[UNK]`` (text the model cannot see)."""
    corpora = _ascii(list(stats))
    tokenizers = _ascii(list(dict.fromkeys(t for by_tok in stats.values() for t in by_tok)))
    fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
    width = 0.8 / len(tokenizers)
    x = np.arange(len(corpora))
    for k, name in enumerate(tokenizers):
        per_word = [stats[c][name].tokens_per_word if name in stats[c] else np.nan for c in corpora]
        unk = [100 * stats[c][name].unk_word_rate if name in stats[c] else np.nan for c in corpora]
        for ax, values, fmt in ((axes[0], per_word, "{:.2f}"), (axes[1], unk, "{:.1f}")):
            bars = ax.bar(x + k * width, values, width, label=name)
            ax.bar_label(bars, labels=["" if np.isnan(v) else fmt.format(v) for v in values], fontsize=7)
    for ax, ylabel in ((axes[0], "word pieces per word"), (axes[1], "% of words with [UNK]")):
        ax.set_xticks(x + width * (len(tokenizers) - 1) / 2, corpora, fontsize=8)
        ax.set_ylabel(ylabel)
        ax.margins(y=0.12)
    axes[0].set_title("longer is costlier (512-token limit)", fontsize=10)
    axes[1].set_title("[UNK]: the word is lost to the model", fontsize=10)
    axes[0].legend(fontsize=7)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def kind_shares(stats: TokenStats) -> dict[str, float]:
    """Share of word pieces that are Hangul syllables, loose jamo, ``[UNK]`` and anything else (sums to 1)."""
    total = max(stats.tokens, 1)
    other = stats.kinds.get("other", 0) - stats.unk_tokens  # [UNK] is counted as "other" by hangul_kind
    return {"syllable": stats.kinds.get("syllable", 0) / total, "jamo": stats.kinds.get("jamo", 0) / total,
            UNK: stats.unk_tokens / total, "other": other / total}


def hangul_kind_bars(stats: Mapping[str, TokenStats], title: str = "What Korean text becomes"):
    """Horizontal stacked bars, one per tokenizer: the share of its word pieces of each kind (:func:`kind_shares`)."""
    names = _ascii(list(stats))
    fig, ax = plt.subplots(figsize=(8, 0.6 * len(names) + 1.6))
    left = np.zeros(len(names))
    for kind, colour in KIND_COLOURS.items():
        shares = np.array([kind_shares(stats[n])[kind] for n in names])
        label = {"syllable": "Hangul syllable pieces", "jamo": "loose jamo (after NFD)", UNK: "[UNK]",
                 "other": "other (digits, Latin, punctuation)"}[kind]
        ax.barh(names, shares, left=left, color=colour, label=label)
        for y, (start, share) in enumerate(zip(left, shares)):
            if share >= 0.06:
                ax.text(start + share / 2, y, f"{share:.0%}", ha="center", va="center", fontsize=8, color="white")
        left += shares
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.set_xlabel("share of word pieces")
    ax.legend(fontsize=7, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.2))
    ax.set_title(title)
    fig.tight_layout()
    return fig


def case_cue_bars(cues: CaseCues, title: str = "What lower-casing takes from NER"):
    """Per entity type (and all): the share of entity words with a capital letter, and the share whose lower-cased
    form is an ordinary word; a dashed line marks how often non-entity words (not sentence-initial) are capitalised."""
    types = sorted(cues.entity_words)
    labels = _ascii(types + ["all"])
    capital = [cues.share(cues.capitalised, t) for t in types] + [cues.share(cues.capitalised)]
    only_case = [cues.share(cues.only_by_case, t) for t in types] + [cues.share(cues.only_by_case)]
    fig, ax = plt.subplots(figsize=(7, 3.6))
    x = np.arange(len(labels))
    bars = ax.bar(x - 0.2, capital, 0.4, color="tab:blue", label="has a capital letter")
    ax.bar_label(bars, labels=[f"{v:.0%}" for v in capital], fontsize=8)
    bars = ax.bar(x + 0.2, only_case, 0.4, color="tab:red", label="lower-cased, it is an ordinary word")
    ax.bar_label(bars, labels=[f"{v:.0%}" for v in only_case], fontsize=8)
    if cues.other_words:
        rate = cues.other_capitalised / cues.other_words
        ax.axhline(rate, color="black", linestyle="--", linewidth=1,
                   label=f"non-entity words with a capital ({rate:.0%})")
    ax.set_xticks(x, [f"{name}\n(n={cues.entity_words[name] if name != 'all' else sum(cues.entity_words.values())})"
                      for name in labels], fontsize=8)
    ax.set_ylim(0, 1.4)
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_ylabel("share of entity words")
    ax.legend(fontsize=7, loc="upper center", ncol=2)
    ax.set_title(title)
    fig.tight_layout()
    return fig

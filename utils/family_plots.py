"""Plots for the model-family tour (notebook 02): attention patterns, retrieval scores, model sizes.

Each function returns the matplotlib ``Figure``. Labels stay ASCII (matplotlib's default font has no Hangul).
"""

from __future__ import annotations

from typing import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

from .fonts import use_korean_font

use_korean_font()


def ascii_label(token: str, width: int = 10) -> str:
    """A tick label for a token: word marks (``Ġ`` of byte-level BPE, ``▁`` of SentencePiece, ``</w>`` of CLIP)
    removed, anything non-ASCII replaced by ``?``, cut to ``width`` characters."""
    token = token.replace("Ġ", "").replace("▁", "").replace("</w>", "") or "_"
    token = token.encode("ascii", "replace").decode("ascii")
    return token if len(token) <= width else token[: width - 1] + "~"


def attention_maps(panels: Sequence[Mapping], title: str = "Who may attend to whom"):
    """One heatmap per panel: ``weights`` (rows = query tokens, columns = key tokens), ``rows``/``cols`` (token
    strings) and ``title``. Cells that the mask forbids are exactly 0 and drawn white."""
    fig, axes = plt.subplots(1, len(panels), figsize=(4.4 * len(panels), 4.4), squeeze=False)
    for ax, panel in zip(axes[0], panels):
        weights = np.asarray(panel["weights"], dtype=float)
        shown = np.ma.masked_where(weights == 0, weights)
        image = ax.imshow(shown, cmap="viridis", vmin=0, vmax=max(weights.max(), 1e-9))
        ax.set_facecolor("white")
        ax.set_xticks(range(weights.shape[1]), [ascii_label(t) for t in panel["cols"]], rotation=90, fontsize=7)
        ax.set_yticks(range(weights.shape[0]), [ascii_label(t) for t in panel["rows"]], fontsize=7)
        ax.set_xlabel(panel.get("xlabel", "key (attended to)"))
        ax.set_ylabel(panel.get("ylabel", "query (attending)"))
        ax.set_title(panel["title"], fontsize=10)
        fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def retrieval_scores(scores: np.ndarray, gold: Sequence[int], recall: Mapping[int, float],
                     title: str = "Dense retrieval with MiniLM"):
    """Left: question-by-passage cosine scores with the right passage of each question boxed. Right: recall@k."""
    scores = np.asarray(scores)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), gridspec_kw={"width_ratios": [1.6, 1]})
    image = left.imshow(scores, cmap="magma", aspect="auto")
    for q, p in enumerate(gold):
        left.add_patch(plt.Rectangle((p - 0.5, q - 0.5), 1, 1, fill=False, edgecolor="cyan", linewidth=1.5))
    left.set_xlabel("passage")
    left.set_ylabel("question")
    left.set_title("cosine score (box = passage holding the answer)", fontsize=10)
    fig.colorbar(image, ax=left, fraction=0.046, pad=0.04)
    ks = sorted(recall)
    right.plot(ks, [recall[k] for k in ks], "o-")
    for k in ks:
        right.annotate(f"{recall[k]:.2f}", (k, recall[k]), textcoords="offset points", xytext=(0, -14), ha="center",
                       fontsize=8)
    right.set_xticks(ks)
    right.set_ylim(0, 1.05)
    right.set_xlabel("k (passages kept)")
    right.set_ylabel("recall@k")
    right.set_title("share of questions whose passage is in the top k", fontsize=10)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def size_bars(table, title: str = "Parameters: smaller vs larger size of each family"):
    """Stacked bars from :func:`utils.model_sizes.size_table` (columns checkpoint, model_type, params_M,
    embedding_share): embedding parameters and the rest, two bars per family in table order."""
    fig, ax = plt.subplots(figsize=(9, 4))
    labels = [c.split("/")[-1] for c in table["checkpoint"]]
    x = np.arange(len(table)) + np.repeat(np.arange(len(table) // 2 + len(table) % 2), 2)[: len(table)] * 0.6
    embedding = table["params_M"] * table["embedding_share"]
    rest = table["params_M"] - embedding
    ax.bar(x, embedding, color="tab:orange", label="embeddings")
    ax.bar(x, rest, bottom=embedding, color="tab:blue", label="Transformer layers (and the rest)")
    for xi, total in zip(x, table["params_M"]):
        ax.annotate(f"{total:.0f}M", (xi, total), textcoords="offset points", xytext=(0, 2), ha="center", fontsize=8)
    ax.set_xticks(x, labels, rotation=35, ha="right", fontsize=8)
    ax.set_ylabel("parameters (millions)")
    ax.set_ylim(0, table["params_M"].max() * 1.15)
    ax.set_title(title)
    ax.legend(fontsize=8, loc="upper center")
    fig.tight_layout()
    return fig

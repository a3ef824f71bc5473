"""The four forms of fine-tuning an encoder like BERT, side by side: what goes in, what the new head reads, what it
predicts. Notebook 04 shows the figure and the table; 05-07 link to them."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from .fonts import use_korean_font

use_korean_font()


@dataclass(frozen=True)
class Form:
    """One fine-tuning form: its example tokens and segments, which positions the head reads, and its outputs."""

    name: str
    korean: str
    notebook: str
    tokens: tuple[str, ...]
    segments: tuple[int, ...]  # token_type_ids
    reads: tuple[int, ...]  # positions whose final hidden state the head reads
    outputs: tuple[str, ...]  # one output per read position
    head: str
    example: str


FORMS: tuple[Form, ...] = (
    Form("single sentence", "단일 문장 분류", "04", ("[CLS]", "so", "much", "fun", "[SEP]"), (0, 0, 0, 0, 0), (0,),
         ("positive",), "[CLS] -> pooler -> linear -> one label per text", "sentiment (SST-2, NSMC)"),
    Form("sentence pair", "문장 쌍 분류", "05", ("[CLS]", "he", "won", "[SEP]", "he", "lost", "[SEP]"),
         (0, 0, 0, 0, 1, 1, 1), (0,), ("contradiction",), "[CLS] -> pooler -> linear -> one label per pair",
         "paraphrase (MRPC), NLI (KLUE-NLI)"),
    Form("extractive QA", "추출형 질의응답", "06", ("[CLS]", "who", "?", "[SEP]", "Kim", "Min", "sang", "[SEP]"),
         (0, 0, 0, 0, 1, 1, 1, 1), (4, 5), ("start", "end"), "every token -> linear -> a start and an end score",
         "SQuAD, KorQuAD / KLUE-MRC"),
    Form("token tagging", "토큰 분류, 개체명 인식", "07", ("[CLS]", "Kim", "Min", "visited", "Seoul", "[SEP]"),
         (0, 0, 0, 0, 0, 0), (1, 2, 3, 4), ("B-PER", "I-PER", "O", "B-LOC"), "every token -> linear -> one tag per token",
         "NER (CoNLL-2003, KLUE-NER)"),
)


def table():
    """The four forms as a pandas DataFrame: input, what the head reads, what it predicts, the loss, the notebook."""
    import pandas as pd

    rows = []
    for form in FORMS:
        pair = 1 in form.segments
        rows.append({
            "form": f"{form.name} ({form.korean})",
            "input": "[CLS] A [SEP] B [SEP], token_type_ids 0/1" if pair else "[CLS] text [SEP]",
            "the head reads": "the pooled [CLS] state" if form.reads == (0,) else "every token's final state",
            "it predicts": form.head.split("-> ")[-1],
            "loss": "cross-entropy over labels" if form.reads == (0,) else
                    ("cross-entropy over positions (start, end)" if "start" in form.outputs else "cross-entropy per token"),
            "example tasks": form.example,
            "notebook": form.notebook,
        })
    return pd.DataFrame(rows).set_index("form")


def figure(title: str = "Four forms of fine-tuning (미세 조정의 네 가지 형태)"):
    """One panel per form: the input tokens (shaded by segment), the positions the head reads, and its outputs."""
    fig, axes = plt.subplots(len(FORMS), 1, figsize=(10, 2.1 * len(FORMS)))
    colours = {0: "#dbe9f6", 1: "#fde0c5"}
    for ax, form in zip(axes, FORMS):
        n = len(form.tokens)
        ax.set_xlim(-0.6, max(len(f.tokens) for f in FORMS) - 0.4)
        ax.set_ylim(-0.2, 3.0)
        ax.axis("off")
        ax.set_title(f"{form.name} ({form.korean}), notebook {form.notebook}: {form.head}", fontsize=9, loc="left")
        for i, (token, segment) in enumerate(zip(form.tokens, form.segments)):
            ax.add_patch(FancyBboxPatch((i - 0.42, 0.0), 0.84, 0.55, boxstyle="round,pad=0.02",
                                        fc=colours[segment], ec="grey"))
            ax.text(i, 0.27, token, ha="center", va="center", fontsize=8)
            ax.add_patch(FancyBboxPatch((i - 0.42, 0.95), 0.84, 0.4, boxstyle="round,pad=0.02", fc="white",
                                        ec="#888888", ls="--"))
            ax.add_patch(FancyArrowPatch((i, 0.58), (i, 0.92), arrowstyle="-|>", mutation_scale=8, color="#999999"))
        ax.text(-0.55, 1.15, "BERT", fontsize=7, color="#666666", ha="right", va="center")
        for position, output in zip(form.reads, form.outputs):
            ax.add_patch(FancyArrowPatch((position, 1.38), (position, 2.05), arrowstyle="-|>", mutation_scale=10,
                                         color="#c0392b", lw=1.5))
            ax.text(position, 2.3, output, ha="center", va="center", fontsize=8, color="#c0392b", fontweight="bold")
        assert len(form.tokens) == n == len(form.segments)
    fig.suptitle(title, fontsize=11)
    fig.tight_layout()
    return fig

"""Helpers for the Hub tour (notebook 01): the pipeline task registry, tokenizer throughput, load reports, the files
``save_pretrained`` writes, and the plots that go with them.

The lesson itself (calling pipelines, tokenizers, models, ``save_pretrained``, ``huggingface_hub``) stays in the
notebook; this module only counts, times and draws. Every plot function returns its matplotlib ``Figure`` and keeps
its labels ASCII (matplotlib's default font has no Hangul).
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np

MODALITY_ORDER = ("text", "image", "audio", "video", "multimodal")

# What each file that ``save_pretrained`` (model and tokenizer) or the course writes is for.
FILE_ROLES: dict[str, str] = {
    "config.json": "the architecture and its sizes (layers, hidden size, vocabulary), plus id2label/label2id",
    "model.safetensors": "the weights: a plain table of named tensors, loaded without running any code",
    "pytorch_model.bin": "the weights as a Python pickle (older format; transformers opens it weights-only)",
    "generation_config.json": "default decoding settings for generate() (generative models only)",
    "tokenizer.json": "the complete fast tokenizer: normaliser, pre-tokeniser, vocabulary and post-processor",
    "tokenizer_config.json": "the tokenizer class and its options (lower-casing, special tokens, maximum length)",
    "special_tokens_map.json": "which strings are [CLS], [SEP], [PAD], ... (older format)",
    "vocab.txt": "the WordPiece vocabulary, one token per line (read by the pure-Python tokenizer)",
    "README.md": "the model card: YAML metadata (licence, language, base model, task) and the description",
}


def pipeline_tasks() -> list[dict]:
    """Every task of ``transformers.pipelines.SUPPORTED_TASKS``: name, modality (``type``), model classes, the default
    checkpoint, and the aliases that point to it. Read from the installed library, so it is never out of date."""
    from transformers.pipelines import SUPPORTED_TASKS, TASK_ALIASES

    aliases: dict[str, list[str]] = {}
    for alias, task in TASK_ALIASES.items():
        aliases.setdefault(task, []).append(alias)
    rows = []
    for task, spec in SUPPORTED_TASKS.items():
        default = spec.get("default", {})
        model = default.get("model", default) if isinstance(default, Mapping) else None
        if isinstance(model, Mapping):  # {"pt": (id, revision)}
            model = model.get("pt")
        rows.append({
            "task": task,
            "type": spec.get("type", "?"),
            "model classes": ", ".join(c.__name__ for c in spec.get("pt", ())),
            "default checkpoint": model[0] if isinstance(model, (tuple, list)) and model else "",
            "aliases": ", ".join(sorted(aliases.get(task, []))),
        })
    return rows


def removed_tasks() -> dict[str, str]:
    """The pipeline tasks transformers 5 removed, with the library's own advice (``REMOVED_TASKS``); ``{}`` in a
    version that removed none."""
    try:
        from transformers.pipelines import REMOVED_TASKS
    except ImportError:  # pragma: no cover - transformers 4
        return {}
    return dict(REMOVED_TASKS)


def texts_per_second(encode: Callable[[list[str]], object], texts: Sequence[str], batch_sizes: Iterable[int],
                     repeat: int = 3) -> dict[int, float]:
    """Throughput of ``encode`` (texts per second) when ``texts`` are fed in batches of each size: the best of
    ``repeat`` full passes, so a passing hiccup of a shared CPU does not count."""
    if not texts:
        raise ValueError("texts_per_second needs at least one text")
    if repeat < 1:
        raise ValueError(f"repeat must be at least 1, got {repeat}")
    texts = list(texts)
    result = {}
    for size in batch_sizes:
        if size < 1:
            raise ValueError(f"batch sizes must be positive, got {size}")
        batches = [texts[i:i + size] for i in range(0, len(texts), size)]
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            for batch in batches:
                encode(batch)
            best = min(best, time.perf_counter() - start)
        result[size] = len(texts) / max(best, 1e-9)
    return result


def loading_summary(model, loading_info: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """What ``from_pretrained(..., output_loading_info=True)`` did: parameters taken from the checkpoint (``loaded``)
    and created at random (``new``, the ``missing_keys``), the same split for the **head** alone (every parameter
    outside the base model, e.g. outside ``model.bert``), and the number of checkpoint tensors left unused
    (``unexpected_keys``). Tied parameters are counted once."""
    missing = set(loading_info.get("missing_keys", ()))
    has_head = model.base_model is not model
    prefix = f"{model.base_model_prefix}."
    counts = {"loaded": 0, "new": 0, "head loaded": 0, "head new": 0}
    for name, parameter in model.named_parameters():
        state = "new" if name in missing else "loaded"
        counts[state] += parameter.numel()
        if has_head and not name.startswith(prefix):
            counts[f"head {state}"] += parameter.numel()
    counts["unused tensors"] = len(loading_info.get("unexpected_keys", ()))
    return counts


def describe_saved_files(directory: str | Path) -> list[dict]:
    """The files in ``directory`` (sorted), their size in bytes, and what each is for (``FILE_ROLES``)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise FileNotFoundError(f"{directory} is not a directory")
    return [{"file": p.name, "bytes": p.stat().st_size, "what it is": FILE_ROLES.get(p.name, "(not a standard file)")}
            for p in sorted(directory.iterdir()) if p.is_file()]


# --- plots ---------------------------------------------------------------------------------------------------------

def task_map(tasks: Sequence[Mapping], removed: Mapping[str, str], title: str = "Pipeline tasks in this transformers"):
    """Horizontal bars: how many pipeline tasks each modality has, and how many tasks were removed."""
    counts = Counter(t["type"] for t in tasks)
    kinds = [k for k in MODALITY_ORDER if k in counts] + sorted(k for k in counts if k not in MODALITY_ORDER)
    labels = kinds + ["removed in v5"]
    values = [counts[k] for k in kinds] + [len(removed)]
    colors = ["tab:blue"] * len(kinds) + ["tab:gray"]
    fig, ax = plt.subplots(figsize=(7, 0.5 * len(labels) + 1.2))
    bars = ax.barh(labels, values, color=colors)
    ax.bar_label(bars, padding=3)
    ax.invert_yaxis()
    ax.set_xlabel("number of tasks")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def similarity_heatmap(matrix, labels: Sequence[str], title: str = "Cosine similarity of sentence embeddings"):
    """A square heatmap of pairwise similarities with the values written in the cells."""
    matrix = np.asarray(matrix, dtype=float)
    if matrix.shape != (len(labels), len(labels)):
        raise ValueError(f"matrix of shape {matrix.shape} does not match {len(labels)} labels")
    fig, ax = plt.subplots(figsize=(1.1 * len(labels) + 2.5, 1.0 * len(labels) + 1.5))
    image = ax.imshow(matrix, cmap="viridis", vmin=min(0.0, matrix.min()), vmax=1.0)
    for i in range(len(labels)):
        for j in range(len(labels)):
            ax.text(j, i, f"{matrix[i, j]:.2f}", ha="center", va="center",
                    color="black" if matrix[i, j] > 0.6 else "white", fontsize=8)
    ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def throughput_curves(results: Mapping[str, Mapping[int, float]], title: str = "Tokenizer throughput"):
    """Texts per second against batch size (both axes logarithmic), one line per tokenizer."""
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, by_size in results.items():
        sizes = sorted(by_size)
        ax.plot(sizes, [by_size[s] for s in sizes], marker="o", label=name)
    ax.set_xscale("log", base=2)
    all_sizes = sorted({s for by_size in results.values() for s in by_size})
    ax.set_xticks(all_sizes, [str(s) for s in all_sizes])
    ax.set_yscale("log")
    ax.set_xlabel("batch size (texts per call)")
    ax.set_ylabel("texts per second (higher is better)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title(title)
    fig.tight_layout()
    return fig


def loading_bars(summaries: Mapping[str, Mapping[str, int]],
                 title: str = "Head parameters: loaded from the checkpoint or created at random"):
    """Stacked horizontal bars per model class, for the head only (``head loaded`` / ``head new`` of
    :func:`loading_summary`): green was in the checkpoint, red was created at random and must be trained."""
    names = list(summaries)
    loaded = np.array([summaries[n]["head loaded"] for n in names], dtype=float) / 1e3
    new = np.array([summaries[n]["head new"] for n in names], dtype=float) / 1e3
    fig, ax = plt.subplots(figsize=(8, 0.55 * len(names) + 1.6))
    ax.barh(names, loaded, color="tab:green", label="in the checkpoint (loaded)")
    bars = ax.barh(names, new, left=loaded, color="tab:red", label="not in the checkpoint (new, random)")
    notes = ["no head" if not (l or n) else (f"{n:,.1f}k new" if n else f"{l:,.1f}k loaded") for l, n in zip(loaded, new)]
    ax.bar_label(bars, labels=notes, padding=3, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("head parameters (thousands)")
    ax.set_xlim(0, max((loaded + new).max(), 1e-3) * 1.35)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=8)
    ax.set_title(title)
    fig.tight_layout()
    return fig

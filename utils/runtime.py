"""Runtime settings of the course: where checkpoints and data come from, how big a run is, which language.

Every notebook calls :func:`setup` in its first code cell, *before* it imports ``transformers`` or ``datasets``:
the Hugging Face libraries read ``HF_HUB_OFFLINE`` once, at import time, so offline mode has to be decided first.

The four variables are fixed by the course contract (``shared/course-contract.md``):

=================  ======================  ==========================================================
variable           values                  meaning
=================  ======================  ==========================================================
COURSE_SOURCE      auto, hub, local        auto probes the Hub for at most ~2 s, else local stand-ins
COURSE_SIZE        smoke, small, full      smoke = seconds (tests), small = minutes on a 2-core CPU
COURSE_LANG        en, ko                  dataset and checkpoint language of the task notebooks
COURSE_ARTIFACTS   a directory             where fine-tuned models and metrics are written
COURSE_REPLICA     0, 1                    1 only when the Hub is the tests' local replica (random weights)
=================  ======================  ==========================================================

``HF_ENDPOINT`` points hub mode at any Hub mirror (or the replica); the source probe honours it.
"""

from __future__ import annotations

import os
import platform
import random
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

SOURCES = ("auto", "hub", "local")
SIZES = ("smoke", "small", "full")
LANGS = ("en", "ko")
REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEED = 42
PROBE_TIMEOUT_S = 2.0


class SettingError(ValueError):
    """A COURSE_* variable holds a value the course does not know."""


@dataclass(frozen=True)
class Settings:
    """The resolved runtime settings one notebook runs with."""

    source: str  # "hub" or "local" (never "auto": auto is resolved by the probe)
    size: str
    lang: str
    artifacts: Path
    device: str
    seed: int = DEFAULT_SEED
    requested_source: str = "auto"
    replica: bool = False  # COURSE_REPLICA=1: the Hub is a test replica with random weights

    @property
    def pretrained(self) -> bool:
        """True when checkpoints come from a Hub with their real pretrained weights (not the tests' replica, whose
        weights are random). Checks that only real weights can pass (accuracy floors, a model card's example answer,
        GPT-2's loss) run only then."""
        return self.source == "hub" and not self.replica

    @property
    def offline(self) -> bool:
        """True when checkpoints and datasets come from local stand-ins."""
        return self.source == "local"

    def banner(self) -> str:
        """One line with versions, device, source, size and language, printed by every setup cell."""
        import torch  # local import: the banner is the only place runtime needs torch's version

        try:
            import transformers

            tf_version = transformers.__version__
        except ImportError:  # pragma: no cover - transformers is a hard requirement of the course
            tf_version = "missing"
        source = self.source if self.requested_source == self.source else f"{self.source} (asked: {self.requested_source})"
        return (
            f"python {platform.python_version()} | torch {torch.__version__} | transformers {tf_version} | "
            f"device {self.device} | source {source} | size {self.size} | lang {self.lang}"
        )


def _choice(name: str, allowed: tuple[str, ...], default: str) -> str:
    """Read one COURSE_* variable and check it against the allowed values."""
    value = os.environ.get(name, "").strip().lower() or default
    if value not in allowed:
        raise SettingError(f"{name}={value!r} is not known; accepted values: {', '.join(allowed)}")
    return value


def hub_reachable(timeout: float = PROBE_TIMEOUT_S) -> bool:
    """Return True if a TCP connection to the Hub (``HF_ENDPOINT`` or huggingface.co) opens within ``timeout``.

    A plain socket probe: it never triggers the Hugging Face client's own retries (about 45 s when offline).
    """
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    parsed = urlparse(endpoint)
    host = parsed.hostname or "huggingface.co"
    port = parsed.port or (443 if parsed.scheme != "http" else 80)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def resolve_source(requested: str, probe=hub_reachable) -> str:
    """Turn the requested source into ``hub`` or ``local``; ``auto`` asks ``probe``."""
    if requested == "auto":
        return "hub" if probe() else "local"
    return requested


def detect_device() -> str:
    """``cuda`` when a CUDA GPU is visible, ``mps`` on Apple silicon, else ``cpu``."""
    import torch

    if torch.cuda.is_available():
        return "cuda"
    if getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
        return "mps"
    return "cpu"


def set_offline_environment(offline: bool) -> None:
    """Set the Hugging Face variables for the chosen source. Must run before ``transformers``/``datasets`` import."""
    for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE"):
        if offline:
            os.environ[name] = "1"
        else:
            os.environ.pop(name, None)
    if offline:
        # Download progress bars mean nothing offline and clutter executed notebooks.
        os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    # Dataset.map progress bars fill executed notebooks with noise in every mode.
    os.environ.setdefault("HF_DATASETS_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # OpenMP threads that busy-wait collapse when the cores are shared (two test workers, Binder, other programs):
    # on a busy 2-core machine a tiny GPT-2 step took 6.5 s with torch's 2 default threads and 0.55 s with PASSIVE
    # waiting; a MiniLM training step (batch 16 x 40 tokens) 2.4 s against 1.4 s at load ~4.
    # Read once when torch loads OpenMP, so it must be set here, before setup() imports torch.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def seed_everything(seed: int = DEFAULT_SEED) -> None:
    """Seed Python, NumPy and torch so a rerun gives the same numbers on the same machine."""
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def setup(*, seed: int = DEFAULT_SEED, probe=hub_reachable, announce: bool = True) -> Settings:
    """Read the COURSE_* variables, pick the source, set offline mode, seed, and print the banner.

    Raises :class:`SettingError` for an unknown value, and a ``RuntimeError`` if the Hugging Face libraries were
    imported before a switch to offline mode (they would not notice it).
    """
    requested = _choice("COURSE_SOURCE", SOURCES, "auto")
    lang = _choice("COURSE_LANG", LANGS, "en")
    source = resolve_source(requested, probe)
    if source == "local" and any(m in sys.modules for m in ("transformers", "datasets", "huggingface_hub")):
        if os.environ.get("HF_HUB_OFFLINE") != "1":
            raise RuntimeError(
                "transformers/datasets were imported before utils.runtime.setup(): restart the kernel and run the "
                "setup cell first, so offline mode is set before the Hugging Face libraries read it."
            )
    set_offline_environment(source == "local")
    device = detect_device()
    size = _choice("COURSE_SIZE", SIZES, "full" if device == "cuda" else "small")
    artifacts = Path(os.environ.get("COURSE_ARTIFACTS") or REPO_ROOT / "artifacts").expanduser().resolve()
    replica = _choice("COURSE_REPLICA", ("0", "1"), "0") == "1"
    seed_everything(seed)
    settings = Settings(source, size, lang, artifacts, device, seed, requested, replica and source == "hub")
    if announce:
        print(settings.banner())
        if settings.replica:
            print(f"hub mode against a local test replica ({os.environ.get('HF_ENDPOINT', 'HF_ENDPOINT unset')}): "
                  "real ids and file layouts, random weights; checks that need pretrained weights are skipped")
        if requested == "auto" and source == "local":
            print("offline: the Hub did not answer within 2 s, so this run uses the course's local stand-ins")
    return settings


def pick(settings: Settings, **by_size):
    """Return the value for the current size: ``pick(s, smoke=64, small=4000, full=None)``."""
    missing = [s for s in SIZES if s not in by_size]
    if missing:
        raise SettingError(f"pick() needs a value for every size; missing: {', '.join(missing)}")
    return by_size[settings.size]


def mixed_precision(settings: Settings) -> dict[str, bool]:
    """``TrainingArguments`` flags for mixed precision: ``bf16`` on a CUDA GPU that supports it (Ampere and newer),
    else ``fp16`` on CUDA (a T4, say), nothing on a CPU or Apple GPU. Half-precision matrix maths is what makes a GPU
    fast: a Colab T4 runs BERT base about 2-3x faster in fp16 than in fp32 (NVIDIA's published figures)."""
    if settings.device != "cuda":
        return {"bf16": False, "fp16": False}
    import torch

    bf16 = bool(torch.cuda.is_bf16_supported())
    return {"bf16": bf16, "fp16": not bf16}

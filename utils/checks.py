"""The course's final checks: floors that catch a broken recipe, kept out of the lesson cells.

Each task notebook ends with one cell that calls :func:`final_check`. A floor is set where the model can clearly beat
it; where a stand-in cannot beat chance (offline Korean NLI), the check asserts what the run can still show, and
says so. Nothing is checked at ``smoke`` size (a few steps prove only that the code runs) or against the tests'
Hub replica (random weights).
"""

from __future__ import annotations

import math
from typing import Sequence

from .runtime import Settings

# (notebook, lang) -> {size: floor on the headline metric}, for the real checkpoints and for the English stand-in.
FLOORS: dict[tuple[str, str], dict[str, float]] = {
    ("04_sentence_classification", "en"): {"small": 0.75, "full": 0.85},     # accuracy
    ("04_sentence_classification", "ko"): {"small": 0.75, "full": 0.85},
    ("05_sentence_pair_classification", "en"): {"small": 0.65, "full": 0.8},  # accuracy
    ("05_sentence_pair_classification", "ko"): {"small": 0.5, "full": 0.75},
    ("06_question_answering", "en"): {"small": 0.0, "full": 80.0},           # F1 (small: see the loss check)
    ("06_question_answering", "ko"): {"small": 0.0, "full": 50.0},
    ("07_token_classification", "en"): {"small": 0.6, "full": 0.6},          # entity F1
    ("07_token_classification", "ko"): {"small": 0.5, "full": 0.5},
}
# The offline stand-ins, where they differ: MiniLM is uncased and small; the Korean stand-in learns every Korean
# embedding from the task data. None: no floor above chance is honest (see KNOWN_CHANCE).
OFFLINE_FLOORS: dict[tuple[str, str], dict[str, float] | None] = {
    ("04_sentence_classification", "ko"): None,
    ("05_sentence_pair_classification", "ko"): None,
    ("06_question_answering", "en"): {"small": 20.0, "full": 20.0},         # F1; the old recipe reached 12.4
    ("06_question_answering", "ko"): None,                                   # about zero: the loss must fall
    ("07_token_classification", "en"): {"small": 0.5, "full": 0.5},
    ("07_token_classification", "ko"): {"small": 0.15, "full": 0.15},
}
# Where the offline stand-in stays at chance: nothing it predicts can be checked against a floor.
KNOWN_CHANCE = {("05_sentence_pair_classification", "ko")}


def floor(notebook: str, settings: Settings) -> float | None:
    """The floor on the headline metric for this run, or None when no floor above chance is honest."""
    key = (notebook, settings.lang)
    if key not in FLOORS:
        raise KeyError(f"no floors for {key}; known: {sorted(FLOORS)}")
    table = OFFLINE_FLOORS.get(key, FLOORS[key]) if settings.offline else FLOORS[key]
    return None if table is None else table[settings.size]


def _training_losses(log_history: Sequence[dict]) -> list[float]:
    return [h["loss"] for h in log_history if "loss" in h and "eval_loss" not in h]


def final_check(notebook: str, settings: Settings, metric: float, log_history: Sequence[dict],
                predictions: Sequence[int] | None = None) -> list[str]:
    """Assert what this run must show; return the checks made, in words, for the notebook to print."""
    if settings.size == "smoke" or settings.replica:
        return ["smoke size or the tests' Hub replica: only the lesson cells' own asserts apply"]
    made = []
    losses = _training_losses(log_history)
    assert losses and all(math.isfinite(x) for x in losses), "the training loss is missing or not finite"
    made.append(f"training loss finite ({len(losses)} logged values)")
    minimum = floor(notebook, settings)
    if minimum is not None:
        assert metric >= minimum, f"{notebook}: headline metric {metric:.3f} < floor {minimum} (a broken recipe?)"
        made.append(f"headline metric {metric:.3f} >= floor {minimum}")
        return made
    if (notebook, settings.lang) in KNOWN_CHANCE:
        # The stand-in cannot learn this task; what must still hold is a loss near the constant predictor's (no
        # divergence, labels in range), and the notebook says the scores mean nothing.
        n_classes = len(set(predictions)) if predictions is not None else None
        assert abs(losses[-1] - math.log(3)) < 0.5, f"final training loss {losses[-1]:.2f} is far from ln 3"
        made.append(f"stand-in at chance, as documented: final training loss {losses[-1]:.2f} ~ ln 3 = 1.10; "
                    f"{n_classes} distinct predicted label(s)")
        return made
    # Weak but learning (offline Korean sentiment): the training loss fell, and it predicts more than one class.
    assert losses[-1] < losses[0] - 0.05, f"the training loss did not fall ({losses[0]:.3f} -> {losses[-1]:.3f})"
    made.append(f"training loss fell {losses[0]:.3f} -> {losses[-1]:.3f}")
    if predictions is not None:
        assert len(set(predictions)) > 1, "every prediction is the same class: the model learnt nothing usable"
        made.append(f"{len(set(predictions))} distinct predicted labels")
    return made

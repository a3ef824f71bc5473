"""utils.recipe repeats the choices notebooks 04, 05 and 07 make in their cells (``scripts/finetune.py`` and notebook
09 run them from there). This test reads those assignments out of the notebooks themselves and runs them for every
source, size and language, so a recipe changed in a notebook and not in ``utils.recipe`` (or the other way round)
fails here instead of drifting silently."""

import ast
import json
from pathlib import Path

import pytest

from utils import recipe, runtime
from utils.runtime import Settings

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
TASK_NOTEBOOKS = {
    "sentence_classification": "04_sentence_classification.ipynb",
    "sentence_pair_classification": "05_sentence_pair_classification.ipynb",
    "token_classification": "07_token_classification.ipynb",
}
# The recipe's names in the notebooks' cells.
NAMES = {"MAX_LENGTH", "N_TRAIN", "N_VALIDATION", "N_TEST", "BATCH_SIZE", "TARGET_STEPS", "EPOCHS", "LEARNING_RATE",
         "EPOCHS_OFFLINE", "LR_OFFLINE"}
TRAIN_ROWS = 1234  # stands in for len(tokenized["train"]) where a notebook derives its epochs from it


def _assigns_recipe(node: ast.stmt) -> bool:
    """A top-level statement that only assigns recipe names (an ``if`` counts when both branches do)."""
    if isinstance(node, ast.Assign):
        targets = [t for target in node.targets for t in (target.elts if isinstance(target, ast.Tuple) else [target])]
        return all(isinstance(t, ast.Name) and t.id in NAMES for t in targets)
    if isinstance(node, ast.If):
        return all(_assigns_recipe(n) for n in node.body + node.orelse)
    return False


def recipe_statements(notebook: str) -> ast.Module:
    """Every top-level statement of the notebook's code cells that assigns recipe names, in order."""
    cells = json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]
    body = []
    for cell in cells:
        if cell["cell_type"] == "code":
            body += [n for n in ast.parse("".join(cell["source"])).body if _assigns_recipe(n)]
    return ast.Module(body=body, type_ignores=[])


def notebook_recipe(notebook: str, settings: Settings) -> dict:
    namespace = {"settings": settings, "runtime": runtime, "tokenized": {"train": range(TRAIN_ROWS)}}
    exec(compile(recipe_statements(notebook), notebook, "exec"), namespace)
    return {k: v for k, v in namespace.items() if k in NAMES}


def test_the_reader_finds_each_notebooks_recipe():
    for task, notebook in TASK_NOTEBOOKS.items():
        tree = recipe_statements(notebook)
        found = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        assert {"MAX_LENGTH", "N_TRAIN", "N_VALIDATION", "N_TEST", "BATCH_SIZE", "EPOCHS", "LEARNING_RATE"} <= found, (task, found)


@pytest.mark.parametrize("task", sorted(TASK_NOTEBOOKS))
@pytest.mark.parametrize("source", ["local", "hub"])
@pytest.mark.parametrize("size", runtime.SIZES)
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_utils_recipe_repeats_the_notebook(task, source, size, lang):
    settings = Settings(source, size, lang, artifacts=None, device="cpu")
    cells = notebook_recipe(TASK_NOTEBOOKS[task], settings)
    r = recipe.default_recipe(task, settings)
    assert (r.max_length, r.batch_size, r.learning_rate) == (cells["MAX_LENGTH"], cells["BATCH_SIZE"], cells["LEARNING_RATE"])
    assert (r.n_train, r.n_validation, r.n_test) == (cells["N_TRAIN"], cells["N_VALIDATION"], cells["N_TEST"])
    assert r.epochs_for(TRAIN_ROWS) == cells["EPOCHS"]
    if "TARGET_STEPS" in cells:
        assert r.target_steps == cells["TARGET_STEPS"]

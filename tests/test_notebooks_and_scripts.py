"""Hygiene of the committed notebooks and the helpers of the run command."""

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CONTRACT_NAMES = {"01_hub_tour", "02_model_families", "03_cased_vs_uncased", "04_sentence_classification",
                  "05_sentence_pair_classification", "06_question_answering", "07_token_classification", "08_text_generation",
                  "09_scaling_up"}
sys.path.insert(0, str(ROOT / "scripts"))
import run_course  # noqa: E402


def test_there_are_notebooks_and_their_names_are_the_contracts():
    assert NOTEBOOKS, "no notebooks found"
    assert {p.stem for p in NOTEBOOKS} <= CONTRACT_NAMES


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean_with_badge_and_setup(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert all(not c["outputs"] and c["execution_count"] is None for c in code), "commit notebooks without outputs"
    first_md = "".join(nb["cells"][0]["source"])
    badge = f"colab.research.google.com/github/transformers-course-ko/finetuning-course/blob/main/notebooks/{path.name}"
    assert badge in first_md, "the Colab badge must point at this notebook"
    setup = "".join(code[0]["source"])
    assert "runtime.setup()" in setup and "google.colab" in setup
    before_setup = setup.split("runtime.setup()")[0]
    assert not re.search(r"import (transformers|datasets)", before_setup), "HF libraries must be imported after setup"
    assert not re.search(r"hf_[A-Za-z0-9]{20,}", path.read_text()), "no tokens in notebooks"


MAX_CODE_LINES = 30   # "one idea per cell": a longer cell is split where the lesson pauses (issue 13)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_cells_are_short_and_exercises_have_hint_and_answer(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    lines = {i: len("".join(c["source"]).splitlines()) for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"}
    long_cells = {i: n for i, n in lines.items() if n > MAX_CODE_LINES}
    assert not long_cells, f"code cells longer than {MAX_CODE_LINES} lines (cell index: lines): {long_cells}"
    exercises = [c for c in nb["cells"] if c["cell_type"] == "markdown" and re.match(r"\*\*Exercise [A-Z0-9.]+:", "".join(c["source"]))]
    assert exercises, "every notebook ends with exercises"
    for cell in exercises:
        text = "".join(cell["source"])
        assert "<summary>Hint</summary>" in text and "<summary>Answer</summary>" in text, text[:60]


def test_run_course_helpers_read_languages_and_name_the_failing_cell():
    nb = nbformat.v4.new_notebook(metadata={"course": {"languages": ["en", "ko"]}})
    nb.cells = [nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell("assert x == 2\nprint(x)")]
    nb.cells[1].outputs = [nbformat.v4.new_output("error", ename="AssertionError", evalue="", traceback=[])]
    assert run_course.notebook_languages(nb) == ["en", "ko"]
    assert run_course.notebook_languages(nbformat.v4.new_notebook()) == ["en"]
    assert run_course.failing_cell(nb).startswith("cell 2 ('assert x == 2'): AssertionError")
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="python 3 | device cpu | source local | size smoke")]
    assert run_course.banner_field(nb, "source") == "local" and run_course.banner_field(nb, "size") == "smoke"
    assert run_course.banner_field(nb, "device") == "cpu" and run_course.banner_field(nb, "lang") == "?"


def test_readme_names_the_two_commands_and_ci_calls_the_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "./course run" in readme and "./course test" in readme
    assert "./course test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_lists_every_notebook_with_its_badge_and_every_catalog_checkpoint():
    from utils import checkpoints

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in NOTEBOOKS:
        assert f"(notebooks/{path.name})" in readme, f"README's notebook table lacks {path.name}"
        assert f"blob/main/notebooks/{path.name})" in readme, f"README lacks the Colab badge of {path.name}"
    missing = [hub_id for hub_id in checkpoints.CATALOG if f"`{hub_id}`" not in readme]
    assert not missing, f"README's stand-in table does not name: {missing}"


def test_run_course_reads_headline_and_train_seconds_from_metrics(tmp_path):
    folder = tmp_path / "04_sentence_classification" / "ko"
    folder.mkdir(parents=True)
    (folder / "metrics.json").write_text(json.dumps({"headline": {"metric": "test_accuracy", "value": 0.5},
                                                     "train_seconds": 12.4}))
    assert run_course.headline(tmp_path, "04_sentence_classification", "ko") == ("test_accuracy = 0.5", "12 s")
    assert run_course.headline(tmp_path, "01_hub_tour", "en") == ("", "")

"""The notebooks' setup cell as Colab runs it: the first run clones the course and installs its requirements once; a
second run, and a run after a runtime restart (a new kernel in Colab's starting folder), find the course without
cloning again. A fake ``git`` and ``pip`` stand in for the network; a fake ``google.colab`` module for Colab."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))

FAKE_GIT = """#!/bin/sh
echo "git $*" >> "$CALLS"
mkdir -p finetuning-course/utils finetuning-course/notebooks
touch finetuning-course/utils/__init__.py
printf 'torch==2.13.0\\nnumpy\\n' > finetuning-course/requirements.txt
"""
FAKE_PIP = """#!/bin/sh
echo "pip $*" >> "$CALLS"
"""
RUNNER = """
import os, sys, types
sys.modules["google.colab"] = types.ModuleType("google.colab")
source = open(sys.argv[1]).read()
for _ in range(int(sys.argv[2])):
    exec(compile(source, "setup cell", "exec"))
    print("ROOT", ROOT, "CWD", os.getcwd())
"""


def setup_cell(notebook: Path) -> str:
    return "".join(json.loads(notebook.read_text(encoding="utf-8"))["cells"][1]["source"])


def test_every_notebook_has_the_same_setup_cell():
    assert NOTEBOOKS and len({setup_cell(nb) for nb in NOTEBOOKS}) == 1


@pytest.fixture
def colab(tmp_path):
    """A starting folder like Colab's /content, fake git and pip, and a runner for the cell's Colab part."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, script in (("git", FAKE_GIT), ("pip", FAKE_PIP)):
        (bin_dir / name).write_text(script)
        (bin_dir / name).chmod(0o755)
    content = tmp_path / "content"
    content.mkdir()
    calls = tmp_path / "calls.txt"
    calls.touch()
    # Everything before the course's own import: the part that finds (or fetches) the course.
    cell = tmp_path / "cell.py"
    cell.write_text(setup_cell(NOTEBOOKS[0]).split("from utils import runtime")[0])
    runner = tmp_path / "runner.py"
    runner.write_text(RUNNER)
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "CALLS": str(calls)}

    def run(times: int) -> tuple[list[str], list[str]]:
        out = subprocess.run([sys.executable, str(runner), str(cell), str(times)], cwd=content, env=env,
                             capture_output=True, text=True)
        assert out.returncode == 0, out.stderr[-2000:]
        return out.stdout.splitlines(), calls.read_text().splitlines()

    return run, content


def test_first_run_clones_once_and_a_second_run_does_not_clone_inside_notebooks(colab):
    run, content = colab
    lines, calls = run(times=2)
    course = content / "finetuning-course"
    assert lines == [f"ROOT {course} CWD {course / 'notebooks'}"] * 2
    assert [c.split()[0] for c in calls] == ["git", "pip"], calls       # cloned and installed once
    assert not (course / "notebooks" / "finetuning-course").exists()


def test_after_a_runtime_restart_the_cell_finds_the_clone(colab):
    run, content = colab
    run(times=1)
    lines, calls = run(times=1)                      # a new kernel starts again in /content
    course = content / "finetuning-course"
    assert lines == [f"ROOT {course} CWD {course / 'notebooks'}"]
    assert [c.split()[0] for c in calls] == ["git", "pip"], calls       # no second clone, no second install


def test_the_cell_shows_how_to_choose_the_language_before_setup():
    cell = setup_cell(NOTEBOOKS[0])
    assert cell.index('os.environ["COURSE_LANG"] = "ko"') < cell.index("settings = runtime.setup()")

"""The online path's fixes, each checked where it lives: NSMC's location and https reading (defect 1), the long-context
demo's work (2), capped test splits online (3), mixed precision on a GPU (4). The setup cell (5) has its own tests."""

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from utils import data, runtime
from utils.qa_context import contexts_for_tokens

REPO = Path(__file__).resolve().parent.parent
TASK_NOTEBOOKS = ["04_sentence_classification", "05_sentence_pair_classification", "06_question_answering",
                  "07_token_classification"]


def code(stem: str) -> str:
    nb = json.loads((REPO / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def online(size: str, device: str = "cpu", lang: str = "en") -> runtime.Settings:
    return runtime.Settings("hub", size, lang, Path("/tmp"), device)


# --- 1: NSMC over https -----------------------------------------------------------------------------------------------

def test_nsmc_location_is_a_setting(monkeypatch):
    monkeypatch.delenv("COURSE_NSMC_URL", raising=False)
    assert data.nsmc_files()["train"] == "https://raw.githubusercontent.com/e9t/nsmc/master/ratings_train.txt"
    monkeypatch.setenv("COURSE_NSMC_URL", "http://127.0.0.1:9/mirror/nsmc/")
    assert data.nsmc_files() == {"train": "http://127.0.0.1:9/mirror/nsmc/ratings_train.txt",
                                 "test": "http://127.0.0.1:9/mirror/nsmc/ratings_test.txt"}
    monkeypatch.setenv("COURSE_NSMC_URL", "ftp.example/nsmc")
    with pytest.raises(ValueError, match="COURSE_NSMC_URL='ftp.example/nsmc' must be an http"):
        data.nsmc_files()


def test_https_data_files_can_be_read():
    """datasets reads an https data file through fsspec's HTTP filesystem, which needs requests and aiohttp."""
    import fsspec

    fs = fsspec.filesystem("https")   # raises ImportError('HTTPFileSystem requires "requests" and "aiohttp"') without them
    assert fs.protocol


# --- 2: the long-context demo tokenizes each context once ---------------------------------------------------------------

class CountingTokenizer:
    def __init__(self):
        self.characters = 0

    def __call__(self, text, add_special_tokens=False, verbose=False):
        self.characters += len(text)
        return {"input_ids": text.split()}


def test_long_context_demo_reads_only_what_it_needs():
    contexts = [f"paragraph {i} " + "word " * 150 for i in range(2000)] * 2     # SQuAD's test split: ~2,000 contexts
    tokenizer = CountingTokenizer()
    chosen = contexts_for_tokens(contexts, tokenizer, min_tokens=5 * 384)
    assert sum(len(c.split()) for c in chosen) > 5 * 384 >= sum(len(c.split()) for c in chosen[:-1])
    assert len(chosen) == len(set(chosen)) == 13
    assert tokenizer.characters == sum(len(c) for c in chosen)     # linear: each chosen context once, nothing else


# --- 3: online small predicts a capped test split -----------------------------------------------------------------------

@pytest.mark.parametrize("stem", TASK_NOTEBOOKS)
def test_online_small_caps_the_test_split(stem):
    lines = [line for line in code(stem).splitlines() if line.startswith("N_TEST = ")]
    assert len(lines) == 1, lines
    expression = lines[0].split("=", 1)[1].split("#")[0]
    n_test = eval(expression, {"runtime": runtime, "settings": online("small")})  # noqa: S307 - the notebook's own line
    assert isinstance(n_test, int) and n_test <= 1000, (stem, n_test)
    assert eval(expression, {"runtime": runtime, "settings": online("full")}) is None    # full keeps the whole split


def test_online_small_qa_reads_a_real_number_of_windows():
    block = re.search(r"else:[^\n]*\n    N_TRAIN = (runtime\.pick\([^\n]*\))", code("06_question_answering"))
    assert block, "06 sets N_TRAIN for the online path in an else: block"
    assert eval(block.group(1), {"runtime": runtime, "settings": online("small")}) >= 150   # noqa: S307


# --- 4: mixed precision on a GPU ---------------------------------------------------------------------------------------

def test_mixed_precision_flags(monkeypatch):
    import torch

    assert runtime.mixed_precision(online("full", "cpu")) == {"bf16": False, "fp16": False}
    assert runtime.mixed_precision(online("full", "mps")) == {"bf16": False, "fp16": False}
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: True)
    assert runtime.mixed_precision(online("full", "cuda")) == {"bf16": True, "fp16": False}
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda *a, **k: False)          # a T4
    assert runtime.mixed_precision(online("full", "cuda")) == {"bf16": False, "fp16": True}


@pytest.mark.parametrize("stem", TASK_NOTEBOOKS)
def test_task_notebooks_train_in_mixed_precision_on_a_gpu(stem):
    args = re.search(r"TrainingArguments\((.*?)\n\)", code(stem), re.S)
    assert args and "**runtime.mixed_precision(settings)" in args.group(1)


def test_replica_setting(monkeypatch):
    for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE"):   # setup() changes them: restore after
        monkeypatch.setenv(name, "1")
    monkeypatch.setenv("COURSE_SOURCE", "hub")
    monkeypatch.setenv("COURSE_REPLICA", "1")
    settings = runtime.setup(announce=False)
    assert settings.replica and not settings.pretrained
    monkeypatch.setenv("COURSE_REPLICA", "0")
    assert runtime.setup(announce=False).pretrained
    monkeypatch.setenv("COURSE_REPLICA", "yes")
    with pytest.raises(runtime.SettingError, match="COURSE_REPLICA='yes' is not known; accepted values: 0, 1"):
        runtime.setup(announce=False)
    assert not replace(settings, source="local").pretrained


# --- the notebooks show the real load_dataset calls, the same ones utils.data makes ---------------------------------------

@pytest.mark.parametrize("stem, task", [(s, t) for s, t in zip(TASK_NOTEBOOKS, ["sentence_classification",
                                        "sentence_pair_classification", "question_answering", "token_classification"])])
def test_notebooks_show_the_hub_calls_that_utils_makes(stem, task):
    source = code(stem)
    for lang in ("en", "ko"):
        args, _ = data.hub_arguments(task, lang)
        shown = "load_dataset(" + ", ".join(f'"{a}"' for a in args)
        assert shown in source.replace("load_dataset(\n        ", "load_dataset("), (stem, lang, shown)
    assert "data.prepare(TASK, settings.lang, hub)" in source

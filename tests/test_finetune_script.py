"""scripts/finetune.py: clear errors for bad arguments, and a real 2-process CPU run (gloo) under torchrun and accelerate.

The launches are smoke-sized (2 optimizer steps on a handful of examples) and pick free ports, so they can run inside
pytest-xdist workers beside other tests. They take about 15-25 s each on a 2-core machine.
"""

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from utils import scaling
from utils.runtime import Settings

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "finetune.py"
spec = importlib.util.spec_from_file_location("finetune", SCRIPT)
finetune = importlib.util.module_from_spec(spec)
spec.loader.exec_module(finetune)


@pytest.mark.parametrize("argv, accepted", [
    (["--task", "question_answering"], "sentence_classification"),
    (["--task", "sentence_classification", "--padding", "none"], "'max_length', 'dynamic', 'grouped'"),
    (["--task", "sentence_classification", "--batch-size", "0"], "expected a positive int"),
    (["--task", "sentence_classification", "--learning-rate", "nan"], "expected a positive float"),
    (["--task", "sentence_classification", "--bf16", "--fp16"], "not allowed with argument"),
    (["--task", "token_classification", "--lang", "fr"], "'en', 'ko'"),
    ([], "--task"),
])
def test_bad_arguments_get_an_error_naming_what_is_accepted(argv, accepted, capsys):
    with pytest.raises(SystemExit) as exit_info:
        finetune.build_parser().parse_args(argv)
    assert exit_info.value.code == 2
    assert accepted in capsys.readouterr().err


def test_unknown_checkpoint_offline_names_the_accepted_ones(capsys, tmp_path):
    settings = Settings("local", "smoke", "en", tmp_path, "cpu")
    with pytest.raises(SystemExit):
        finetune.resolve_checkpoint("google-bert/bert-large-uncased", settings, finetune.build_parser())
    err = capsys.readouterr().err
    assert "offline" in err and "google-bert/bert-base-uncased" in err and "klue/bert-base" in err
    assert finetune.resolve_checkpoint(str(tmp_path), settings, finetune.build_parser()) == str(tmp_path.resolve())


def _launch(launcher, tmp_path, *extra):
    out = tmp_path / "run"
    args = ["--task", "sentence_classification", "--max-steps", "2", "--batch-size", "4", "--max-train-samples", "32",
            "--max-eval-samples", "8", "--padding", "dynamic", "--output-dir", str(out), *extra]
    env = {"COURSE_SOURCE": "local", "COURSE_SIZE": "smoke", "COURSE_LANG": "en", "OMP_NUM_THREADS": "1",
           "COURSE_ARTIFACTS": str(tmp_path / "artifacts")}
    scaling.run_launch(scaling.launch_command(SCRIPT, args, processes=2, launcher=launcher), env=env, cwd=ROOT, timeout=600)
    written = sorted(p.relative_to(out) for p in out.rglob("metrics.json"))
    assert written == [Path("metrics.json")], f"expected one metrics.json (rank 0), found {written}"
    return json.loads((out / "metrics.json").read_text())


def _check_two_ranks_trained_one_model(metrics):
    assert metrics["world_size"] == 2 and metrics["effective_batch_size"] == 8 and metrics["optimizer_steps"] == 2
    ranks = metrics["ranks"]
    assert [r["rank"] for r in ranks] == [0, 1]
    assert all(r["examples"] == 8 for r in ranks)                                # 2 steps x batch 4 on each rank
    assert ranks[0]["input_sha256"] != ranks[1]["input_sha256"]                 # each rank read its own examples...
    assert ranks[0]["weights_sha256"] == ranks[1]["weights_sha256"]             # ...and both ended with the same weights
    assert ranks[0]["weights_sha256"] != ranks[0]["weights_sha256_before"]      # which training did change
    assert metrics["train_examples"] == 16 and metrics["source"] == "local"
    assert 0.0 <= metrics["test"]["accuracy"] <= 1.0


def test_torchrun_two_cpu_processes_train_one_model(tmp_path):
    metrics = _launch("torchrun", tmp_path, "--no-save")
    _check_two_ranks_trained_one_model(metrics)
    assert metrics["launcher"] == "torchrun"


def test_accelerate_launch_two_cpu_processes_without_extra_software(tmp_path):
    metrics = _launch("accelerate", tmp_path)
    _check_two_ranks_trained_one_model(metrics)
    assert metrics["launcher"] == "accelerate"
    assert (tmp_path / "run" / "model.safetensors").exists() and (tmp_path / "run" / "tokenizer.json").exists()

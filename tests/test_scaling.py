"""utils.scaling, utils.recipe and utils.scaling_plots: counters, the activation meter, launch commands, the recipe's pieces."""

import sys

import pytest
import torch

from utils import recipe, scaling, scaling_plots
from utils.runtime import Settings


def test_effective_batch_is_batch_times_processes_times_accumulation():
    assert scaling.effective_batch_size(16) == 16
    assert scaling.effective_batch_size(8, processes=2, accumulation=4) == 64
    with pytest.raises(ValueError, match="processes must be a positive integer"):
        scaling.effective_batch_size(8, processes=0)


class _Echo(torch.nn.Module):
    def forward(self, input_ids=None, attention_mask=None):
        return input_ids.float().sum()


def test_token_counter_counts_training_forwards_only():
    model = _Echo()
    counter = scaling.TokenCounter(model)
    ids = torch.ones(2, 5, dtype=torch.long)
    mask = torch.tensor([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]])
    model.train()
    model(input_ids=ids, attention_mask=mask)
    model.eval()
    model(input_ids=ids, attention_mask=mask)          # evaluation: not counted
    seen = counter.snapshot()
    assert seen == {"examples": 2, "batches": 1, "real_tokens": 8, "padded_tokens": 10, "padding_share": 0.2,
                    "input_sha256": seen["input_sha256"]}
    assert scaling.TokenCounter().snapshot()["input_sha256"] != seen["input_sha256"]   # other ids, other digest
    with pytest.raises(ValueError, match="real_tokens <= padded_tokens"):
        counter.add(1, 5, 4)


def test_activation_meter_counts_saved_tensors_once_and_releases_them():
    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 64))
    x = torch.randn(32, 64)
    with scaling.ActivationMeter(exclude=net.parameters()) as meter:
        net(x).sum().backward()
    # saved: the input of the first layer (32x64 floats) and the ReLU output (32x256), which the second layer's
    # input shares (counted once); the weights are parameters and excluded
    assert meter.peak == 4 * (32 * 64 + 32 * 256)
    assert meter.current == 0                            # all released once backward freed the graph
    from torch.utils.checkpoint import checkpoint

    with scaling.ActivationMeter(exclude=net.parameters()) as meter:
        checkpoint(net, x, use_reentrant=False).sum().backward()
    assert meter.peak == 4 * 32 * 64                     # checkpointing keeps only the block's input


def test_weights_fingerprint_sees_any_change():
    net = torch.nn.Linear(3, 2)
    before = scaling.weights_fingerprint(net)
    assert scaling.weights_fingerprint(net) == before
    with torch.no_grad():
        net.bias[0] += 1e-6
    assert scaling.weights_fingerprint(net) != before


def test_launch_commands():
    python = scaling.launch_command("scripts/finetune.py", ["--task", "x"], launcher="python")
    assert python == [sys.executable, "scripts/finetune.py", "--task", "x"]
    torchrun = scaling.launch_command("s.py", processes=2)
    assert torchrun[1:5] == ["-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2"]
    accelerate = scaling.launch_command("s.py", processes=2, launcher="accelerate")
    assert "--multi_gpu" in accelerate and any(a.startswith("--main_process_port=") for a in accelerate)
    with pytest.raises(ValueError, match="accepted: python, torchrun, accelerate"):
        scaling.launch_command("s.py", launcher="mpirun")
    with pytest.raises(ValueError, match="starts one process"):
        scaling.launch_command("s.py", processes=2, launcher="python")


def _settings(size="small", source="local", lang="en"):
    return Settings(source, size, lang, artifacts=None, device="cpu")


def test_recipe_defaults_follow_the_notebooks_and_reject_unknown_names():
    sst = recipe.default_recipe("sentence_classification", _settings())
    assert (sst.learning_rate, sst.batch_size, sst.max_length, sst.n_train) == (1e-4, 16, 128, 8000)
    assert sst.epochs_for(8000) == 1 and sst.epochs_for(1218) == 7       # about 500 steps of 16 (notebook 04)
    ner_ko = recipe.default_recipe("token_classification", _settings(lang="ko"))
    assert (ner_ko.learning_rate, ner_ko.epochs, ner_ko.max_length) == (5e-4, 8, 256)
    assert recipe.with_overrides(sst, batch_size=8, epochs=None).batch_size == 8
    with pytest.raises(recipe.RecipeError, match="question_answering stays in notebook 06"):
        recipe.default_recipe("question_answering", _settings())
    with pytest.raises(recipe.RecipeError, match="accepted: max_length, dynamic, grouped"):
        recipe.with_overrides(sst, padding="none")
    assert [recipe.sampling_strategy(p) for p in recipe.PADDINGS] == ["random", "random", "group_by_length"]


def test_first_subtoken_labels():
    spans = [None, (0, 1), (0, 1), (1, 2), None]         # [CLS] word0 ##word0 word1 [SEP]
    assert recipe.first_subtoken_labels(spans, [3, 0]) == [-100, 3, -100, 0, -100]


def test_padding_plot_needs_every_number():
    row = {"real_tokens": 10, "padded_tokens": 40, "train_seconds": 4.0, "samples_per_second": 8.0, "accuracy": 0.7}
    fig = scaling_plots.padding_benchmark({"max_length": row, "grouped": {**row, "padded_tokens": 12}}, title="t")
    assert len(fig.axes) == 4
    with pytest.raises(ValueError, match="missing"):
        scaling_plots.padding_benchmark({"grouped": {"real_tokens": 1}}, title="t")

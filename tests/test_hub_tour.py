"""utils.hub_tour: the pipeline registry as transformers 5 has it, throughput timing, load summaries, saved files, plots."""

import matplotlib.pyplot as plt
import pytest
import torch

from utils import hub_tour


def test_pipeline_tasks_read_the_installed_registry():
    tasks = {row["task"]: row for row in hub_tour.pipeline_tasks()}
    assert tasks["text-classification"]["type"] == "text"
    assert "AutoModelForSequenceClassification" in tasks["text-classification"]["model classes"]
    assert "sentiment-analysis" in tasks["text-classification"]["aliases"]
    assert tasks["fill-mask"]["default checkpoint"]            # every task names a default checkpoint
    removed = hub_tour.removed_tasks()
    for task in ("question-answering", "summarization", "translation", "text2text-generation"):
        assert task in removed and task not in tasks
        assert "text-generation" in removed[task]              # the library's own advice


def test_texts_per_second_counts_every_text_and_rejects_bad_input():
    seen = []
    speed = hub_tour.texts_per_second(lambda batch: seen.extend(batch), ["a", "b", "c", "d", "e"], [1, 2], repeat=2)
    assert set(speed) == {1, 2} and all(v > 0 for v in speed.values())
    assert len(seen) == 5 * 2 * 2                               # every text, every batch size, every repeat
    with pytest.raises(ValueError, match="at least one text"):
        hub_tour.texts_per_second(len, [], [1])
    with pytest.raises(ValueError, match="positive"):
        hub_tour.texts_per_second(len, ["a"], [0])
    with pytest.raises(ValueError, match="repeat"):
        hub_tour.texts_per_second(len, ["a"], [1], repeat=0)


def tiny_bert(cls):
    from transformers import BertConfig

    config = BertConfig(vocab_size=50, hidden_size=8, num_hidden_layers=1, num_attention_heads=2, intermediate_size=16)
    return cls(config)


def test_loading_summary_splits_body_and_head():
    from transformers import BertForSequenceClassification, BertModel

    model = tiny_bert(BertForSequenceClassification)
    total = sum(p.numel() for p in model.parameters())
    summary = hub_tour.loading_summary(model, {"missing_keys": ["classifier.weight", "classifier.bias"],
                                               "unexpected_keys": ["cls.x"]})
    assert summary["new"] == summary["head new"] == 8 * 2 + 2
    assert summary["loaded"] + summary["new"] == total
    assert summary["head loaded"] == 0 and summary["unused tensors"] == 1
    bare = hub_tour.loading_summary(tiny_bert(BertModel), {"missing_keys": [], "unexpected_keys": []})
    assert bare["new"] == 0 and bare["head loaded"] == bare["head new"] == 0   # the bare model has no head


def test_describe_saved_files_after_a_real_save(tmp_path):
    from transformers import BertForSequenceClassification

    tiny_bert(BertForSequenceClassification).save_pretrained(tmp_path)
    (tmp_path / "notes.txt").write_text("x")
    rows = {row["file"]: row for row in hub_tour.describe_saved_files(tmp_path)}
    assert {"config.json", "model.safetensors", "notes.txt"} <= set(rows)
    assert rows["model.safetensors"]["bytes"] > rows["config.json"]["bytes"] > 0
    assert "weights" in rows["model.safetensors"]["what it is"] and rows["notes.txt"]["what it is"].startswith("(not")
    with pytest.raises(FileNotFoundError):
        hub_tour.describe_saved_files(tmp_path / "missing")


def test_plots_return_figures_and_check_shapes():
    figures = [
        hub_tour.task_map(hub_tour.pipeline_tasks(), hub_tour.removed_tasks()),
        hub_tour.similarity_heatmap(torch.eye(3).numpy(), ["a", "b", "c"]),
        hub_tour.throughput_curves({"fast": {1: 10.0, 8: 50.0}, "slow": {1: 2.0, 8: 2.5}}),
        hub_tour.loading_bars({"BertModel": {"head loaded": 0, "head new": 0},
                               "BertForSequenceClassification": {"head loaded": 0, "head new": 1538}}),
    ]
    assert all(isinstance(f, plt.Figure) for f in figures)
    assert len(figures[0].axes[0].patches) == 6               # text, image, audio, video, multimodal + removed
    with pytest.raises(ValueError, match="does not match"):
        hub_tour.similarity_heatmap(torch.eye(2).numpy(), ["a", "b", "c"])
    plt.close("all")

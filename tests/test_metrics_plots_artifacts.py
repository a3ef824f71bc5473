import json

import matplotlib.pyplot as plt
import numpy as np
import pytest

from utils import artifacts, metrics, plots, runtime


def test_binary_scores_match_a_hand_count():
    # 4 of 6 right; positive class: tp=2, fp=1, fn=1 -> precision 2/3, recall 2/3, F1 2/3
    scores = metrics.classification_scores([1, 1, 1, 0, 0, 0], [1, 1, 0, 1, 0, 0], ["negative", "positive"])
    assert scores == pytest.approx({"accuracy": 4 / 6, "f1": 2 / 3})


def test_multiclass_scores_have_macro_and_per_class_f1():
    scores = metrics.classification_scores([0, 1, 2, 2], [0, 1, 2, 1], ["entailment", "neutral", "contradiction"])
    assert scores["accuracy"] == 0.75 and scores["f1_entailment"] == 1.0
    assert scores["f1"] == pytest.approx(np.mean([1.0, 2 / 3, 2 / 3]))


def test_scores_refuse_mismatched_inputs():
    with pytest.raises(ValueError, match="equally long"):
        metrics.classification_scores([0, 1], [0], ["a", "b"])


def test_compute_metrics_takes_argmax_of_logits():
    class Prediction:
        predictions = np.array([[2.0, -1.0], [0.1, 0.3]])
        label_ids = np.array([0, 0])

    assert metrics.classification_metrics(["negative", "positive"])(Prediction())["accuracy"] == 0.5


def test_plots_return_figures_and_refuse_empty_history():
    names = ["negative", "positive"]
    figures = [plots.label_balance({"train": [0, 1, 1], "test": [0, 1]}, names),
               plots.length_histogram({"negative": [3, 5, 8], "positive": [4, 9]}, cutoff=8),
               plots.confusion_matrix([0, 1, 1], [0, 1, 0], names),
               plots.training_curves([{"loss": 0.7, "step": 1}, {"eval_loss": 0.6, "eval_accuracy": 0.7, "step": 2}],
                                     metric="eval_accuracy")]
    assert all(isinstance(f, plt.Figure) for f in figures)
    assert len(figures[3].axes) == 2  # loss axis plus the metric's twin axis
    with pytest.raises(ValueError, match="no 'loss' or 'eval_loss'"):
        plots.training_curves([{"train_runtime": 1.0}])
    plt.close("all")


def test_metrics_json_needs_the_contract_keys(tmp_path):
    settings = runtime.Settings("local", "smoke", "ko", tmp_path, "cpu")
    folder = artifacts.artifact_dir(settings, "04_sentence_classification")
    assert folder == tmp_path / "04_sentence_classification" / "ko" and folder.is_dir()
    with pytest.raises(ValueError, match="missing: \\['train_seconds', 'test'\\]"):
        artifacts.write_metrics(folder, {"source": "local", "checkpoint": "x", "size": "smoke"})
    record = {"source": "local", "checkpoint": "x", "size": "smoke", "train_seconds": 1.5, "test": {"accuracy": 0.5}}
    artifacts.write_metrics(folder, record)
    assert artifacts.read_metrics(folder) == record == json.loads((folder / "metrics.json").read_text())

"""Entity-level NER scores (seqeval, strict IOB2), the per-type table and plot, and Trainer's compute_metrics."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from utils import metrics, plots
from utils.data import NER_EN

GOLD = [["B-PER", "I-PER", "O", "B-LOC", "O"], ["B-ORG", "O", "B-LOC", "B-LOC"]]


def test_perfect_prediction_scores_one():
    scores = metrics.entity_scores(GOLD, GOLD)
    assert scores == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "token_accuracy": 1.0,
                      "f1_LOC": 1.0, "f1_ORG": 1.0, "f1_PER": 1.0}


def test_scores_match_a_hand_count():
    # gold entities: PER(0-1), LOC(3), ORG(0'), LOC(2'), LOC(3') = 5
    # predicted: PER(0) only (wrong end), LOC(3), ORG(0'), LOC(2'-3') merged (wrong span) = 4, right: LOC(3), ORG(0') = 2
    pred = [["B-PER", "O", "O", "B-LOC", "O"], ["B-ORG", "O", "B-LOC", "I-LOC"]]
    scores = metrics.entity_scores(GOLD, pred)
    assert scores["precision"] == pytest.approx(2 / 4)
    assert scores["recall"] == pytest.approx(2 / 5)
    assert scores["f1"] == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    assert scores["token_accuracy"] == pytest.approx(7 / 9)          # 2 of 9 tags wrong, yet 3 of 5 entities missed
    assert scores["f1_ORG"] == 1.0 and scores["f1_PER"] == 0.0
    assert scores["f1_LOC"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))  # 1 of 2 predicted, 1 of 3 true


def test_strict_mode_starts_no_entity_with_a_stray_inside_tag():
    # conlleval-style scoring would read I-LOC after O as an entity; strict IOB2 does not
    scores = metrics.entity_scores([["B-LOC", "O"]], [["I-LOC", "O"]])
    assert scores["precision"] == 0.0 and scores["recall"] == 0.0 and scores["f1"] == 0.0


def test_all_outside_baseline_has_high_token_accuracy_and_zero_f1():
    gold = [["O"] * 8 + ["B-PER", "I-PER"]]
    scores = metrics.entity_scores(gold, [["O"] * 10])
    assert scores["token_accuracy"] == pytest.approx(0.8) and scores["f1"] == 0.0


def test_entity_spans_read_tags_like_the_scores_do():
    assert metrics.entity_spans(GOLD[0]) == [("PER", 0, 2), ("LOC", 3, 4)]
    assert metrics.entity_spans(GOLD[1]) == [("ORG", 0, 1), ("LOC", 2, 3), ("LOC", 3, 4)]   # B B: two entities
    assert metrics.entity_spans(["O", "I-LOC", "B-LOC", "I-LOC"]) == [("LOC", 2, 4)]       # the stray I-LOC is no entity
    with pytest.raises(ValueError, match="'O', 'B-<TYPE>' or 'I-<TYPE>'"):
        metrics.entity_spans(["B-PER", "PER"])


def test_inputs_that_do_not_pair_up_are_refused_with_the_reason():
    with pytest.raises(ValueError, match="one predicted tag sequence per true one"):
        metrics.entity_scores(GOLD, GOLD[:1])
    with pytest.raises(ValueError, match="sequence 1: 4 true tags but 3 predicted"):
        metrics.entity_scores(GOLD, [GOLD[0], GOLD[1][:3]])
    with pytest.raises(ValueError, match=r"'O', 'B-<TYPE>' or 'I-<TYPE>'.*'PER'"):
        metrics.entity_scores([["PER"]], [["O"]])


def test_table_has_a_row_per_type_and_the_micro_average():
    pred = [["B-PER", "I-PER", "O", "O", "O"], ["B-ORG", "O", "B-LOC", "B-LOC"]]
    table = metrics.entity_table(GOLD, pred)
    assert list(table.index) == ["LOC", "ORG", "PER", "micro avg"]
    assert list(table.columns) == ["precision", "recall", "f1", "support"]
    assert table.loc["LOC", "support"] == 3 and table.loc["micro avg", "support"] == 5
    assert table.loc["LOC", "recall"] == pytest.approx(2 / 3) and table.loc["LOC", "precision"] == 1.0
    assert table.loc["micro avg", "f1"] == pytest.approx(metrics.entity_scores(GOLD, pred)["f1"])


def test_compute_metrics_ignores_positions_labelled_minus_100():
    names = list(NER_EN)
    labels = np.array([[-100, 1, 2, 0, -100], [-100, 5, -100, -100, -100]])
    wanted = np.array([[0, 1, 2, 0, 0], [0, 5, 0, 0, 0]])
    logits = np.full(labels.shape + (len(names),), -5.0)
    np.put_along_axis(logits, wanted[..., None], 5.0, axis=-1)
    logits[0, 0, 3] = logits[0, 4, 7] = 50.0            # nonsense at -100 positions must not count

    class Prediction:
        predictions = logits
        label_ids = labels

    assert metrics.ner_metrics(names)(Prediction())["f1"] == 1.0
    logits[0, 2, 8] = 50.0                              # now "I-PER" at a labelled position becomes "I-MISC"
    scores = metrics.ner_metrics(names)(Prediction())
    assert scores["f1"] == pytest.approx(0.5) and scores["token_accuracy"] == pytest.approx(3 / 4)


def test_scores_by_type_plot_and_its_errors():
    table = metrics.entity_table(GOLD, GOLD)
    fig = plots.scores_by_type(table, title="NER")
    assert isinstance(fig, plt.Figure) and len(fig.axes[0].patches) == 3 * len(table)
    with pytest.raises(ValueError, match="missing: \\['accuracy'\\]"):
        plots.scores_by_type(table, columns=("f1", "accuracy"))
    plt.close("all")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from utils import qa_plots


def test_ascii_labels_only():
    assert qa_plots.ascii_or_none(["[CLS]", "who", "##se"]) == ["[CLS]", "who", "##se"]
    assert qa_plots.ascii_or_none(["[CLS]", "ᄉ", "##ᅮ"]) is None


def test_answer_overview_draws_two_panels_and_checks_its_input():
    fig = qa_plots.answer_overview({"train": [1, 3, 2], "test": [4]}, {"train": [0.0, 0.5, 1.0], "test": [0.2]})
    assert isinstance(fig, plt.Figure) and len(fig.axes) == 2
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        qa_plots.answer_overview({"train": [1]}, {"train": [1.5]})
    with pytest.raises(ValueError, match="same, non-empty set of splits"):
        qa_plots.answer_overview({"train": [1]}, {"test": [0.5]})
    plt.close("all")


def test_windows_colours_the_windows_that_hold_the_answer():
    fig = qa_plots.windows(1000, [(0, 500), (350, 900), (750, 1000)], answer=(400, 420))
    bars = [p for p in fig.axes[0].patches if np.isclose(p.get_height(), 0.6)]
    holds = [tuple(np.round(b.get_facecolor()[:3], 2)) == tuple(np.round(plt.matplotlib.colors.to_rgb("tab:green"), 2))
             for b in bars]
    assert holds == [True, True, False]
    with pytest.raises(ValueError, match="inside the context"):
        qa_plots.windows(100, [(0, 100)], answer=(90, 120))
    with pytest.raises(ValueError, match="at least one window"):
        qa_plots.windows(100, [], answer=(0, 1))
    plt.close("all")


def test_start_end_logits_marks_and_labels():
    scores = np.linspace(-1, 1, 5)
    fig = qa_plots.start_end_logits(scores, scores[::-1], tokens=["[CLS]", "a", "b", "c", "[SEP]"], gold=(2, 3),
                                    predicted=(1, 3), first_position=10)
    assert len(fig.axes) == 2
    assert [t.get_text() for t in fig.axes[1].get_xticklabels()] == ["[CLS]", "a", "b", "c", "[SEP]"]
    korean = qa_plots.start_end_logits(scores, scores, tokens=["ᄉ"] * 5)      # non-ASCII tokens: positions only
    assert "ᄉ" not in [t.get_text() for t in korean.axes[1].get_xticklabels()]
    with pytest.raises(ValueError, match="equally long"):
        qa_plots.start_end_logits([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match="3 tokens for 2 scores"):
        qa_plots.start_end_logits([1.0, 2.0], [1.0, 2.0], tokens=["a", "b", "c"])
    plt.close("all")

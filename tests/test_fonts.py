"""Hangul in the course's plots draws with real glyphs: no "Glyph ... missing from font(s)" warning."""

import warnings

import matplotlib.pyplot as plt

from utils import plots
from utils.fonts import use_korean_font


def draw_without_missing_glyphs(fig) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    plt.close(fig)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_a_hangul_title_and_labels_draw():
    assert use_korean_font() == "NanumGothic"
    fig = plots.segment_strip(["[CLS]", "영화", "##가", "[SEP]", "재미", "##있다", "[SEP]"], [0, 0, 0, 0, 1, 1, 1])
    fig.axes[0].set_title("문장 쌍: 전제와 가설")
    assert draw_without_missing_glyphs(fig) == []


def test_korean_label_names_in_a_confusion_matrix_draw():
    fig = plots.confusion_matrix([0, 1, 2, 1], [0, 1, 1, 1], ["함의", "중립", "모순"], title="혼동 행렬")
    assert draw_without_missing_glyphs(fig) == []

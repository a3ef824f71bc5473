"""The four fine-tuning forms: consistent examples, a complete table, and a figure that draws every glyph."""

import warnings

import matplotlib.pyplot as plt

from utils import task_forms


def test_forms_are_consistent():
    assert [f.notebook for f in task_forms.FORMS] == ["04", "05", "06", "07"]
    for form in task_forms.FORMS:
        assert len(form.tokens) == len(form.segments) and len(form.reads) == len(form.outputs)
        assert form.tokens[0] == "[CLS]" and form.tokens[-1] == "[SEP]"
        assert all(0 <= p < len(form.tokens) for p in form.reads)
        assert (1 in form.segments) == (form.tokens.count("[SEP]") == 2)      # a pair has two segments


def test_table_and_figure():
    table = task_forms.table()
    assert list(table["notebook"]) == ["04", "05", "06", "07"]
    assert set(table["the head reads"]) == {"the pooled [CLS] state", "every token's final state"}
    fig = task_forms.figure()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    plt.close(fig)
    assert not [w for w in caught if "missing from font" in str(w.message)]

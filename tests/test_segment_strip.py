"""plots.segment_strip: the token_type_ids picture of notebook 05 (and any pair encoding, such as QA's)."""

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex

from utils import plots

TOKENS = ["[CLS]", "the", "cat", "[SEP]", "a", "cat", "[SEP]", "[PAD]"]
TYPES = [0, 0, 0, 0, 1, 1, 1, 0]
MASK = [1, 1, 1, 1, 1, 1, 1, 0]


def cell_colors(fig):
    return [to_hex(p.get_facecolor()) for p in fig.axes[0].patches]


def test_one_cell_per_token_coloured_by_segment_and_padding():
    fig = plots.segment_strip(TOKENS, TYPES, MASK)
    colors = cell_colors(fig)
    assert len(colors) == len(TOKENS)
    a, b, pad = colors[0], colors[4], colors[7]
    assert len({a, b, pad}) == 3
    assert colors == [a] * 4 + [b] * 3 + [pad]
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts[:3] == ["[CLS]", "0", "1"]  # token, its type id, its mask value
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()][-1] == "padding (mask 0)"
    plt.close("all")


def test_without_mask_there_is_one_value_row_and_hangul_is_written_as_positions():
    fig = plots.segment_strip(["[CLS]", "고양이", "[SEP]", "앉", "[SEP]"], [0, 0, 0, 1, 1])
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == ["[CLS]", "0", "#1", "0", "[SEP]", "0", "#3", "1", "[SEP]", "1"]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["token_type_ids"]
    plt.close("all")


@pytest.mark.parametrize("tokens,types,mask,message", [
    (TOKENS, TYPES[:-1], MASK, "equally long"),
    (TOKENS, TYPES, MASK[:-1], "equally long"),
    ([], [], None, "non-empty"),
    (TOKENS[:3], [0, 2, 1], None, "got \\[2\\]"),
])
def test_bad_input_names_the_problem(tokens, types, mask, message):
    with pytest.raises(ValueError, match=message):
        plots.segment_strip(tokens, types, mask)

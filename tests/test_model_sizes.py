"""Sizes from configs (utils.model_sizes) and the plots of notebook 02 (utils.family_plots)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch

from utils import family_plots, model_sizes, runtime

OFFLINE = runtime.Settings(source="local", size="smoke", lang="en", artifacts=None, device="cpu")


def test_meta_count_equals_a_real_build():
    from transformers import AutoModel, BertConfig

    config = BertConfig(vocab_size=500, hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=64)
    total, embedding = model_sizes.count_parameters(config)
    real = AutoModel.from_config(config)
    assert total == sum(p.numel() for p in real.parameters())
    assert embedding == sum(p.numel() for n, p in real.named_parameters() if "embed" in n)


def test_published_configs_give_the_published_sizes():
    table = model_sizes.size_table(model_sizes.PUBLISHED_CONFIGS, OFFLINE)
    assert list(table.checkpoint) == list(model_sizes.PUBLISHED_CONFIGS)
    assert ((table.params_M - table.published_M).abs() / table.published_M < 0.06).all(), table
    row = table.set_index("checkpoint").loc["facebook/bart-base"]
    assert (row.layers, row.hidden, row.heads, row.ffn) == ("6+6", 768, 12, 3072)
    gpt2 = table.set_index("checkpoint").loc["openai-community/gpt2"]
    assert gpt2.ffn == 4 * 768 and 0.3 < gpt2.embedding_share < 0.33           # GPT-2: wte + wpe are ~31%


def test_online_asks_the_hub_for_the_config_only(monkeypatch):
    import transformers

    asked = []
    monkeypatch.setattr(transformers.AutoConfig, "from_pretrained", lambda hub_id: asked.append(hub_id) or "config")
    online = runtime.Settings(source="hub", size="smoke", lang="en", artifacts=None, device="cpu")
    assert model_sizes.load_config("google-t5/t5-small", online) == "config" and asked == ["google-t5/t5-small"]


def test_offline_refuses_a_config_it_does_not_hold():
    with pytest.raises(KeyError, match="no published config stored for 'x/y'"):
        model_sizes.load_config("x/y", OFFLINE)


def test_family_plots_return_figures():
    w = torch.tril(torch.ones(4, 4))
    w = w / w.sum(-1, keepdim=True)
    fig = family_plots.attention_maps([{"title": "causal", "weights": w, "rows": list("abcd"), "cols": ["Ġa", "▁b", "c</w>", "한"]}])
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["a", "b", "c", "?"]                                       # word marks gone, ASCII only
    fig2 = family_plots.retrieval_scores(np.eye(3), [0, 1, 2], {1: 1.0, 3: 1.0})
    assert len(fig2.axes) == 3
    table = model_sizes.size_table(["google-t5/t5-small", "google-t5/t5-base"], OFFLINE)
    fig3 = family_plots.size_bars(table)
    assert len(fig3.axes[0].patches) == 4                                       # 2 checkpoints x (embedding, rest)
    plt.close("all")

"""How big a checkpoint is, from its config alone: layers, hidden size, heads and parameter counts, no weights needed.

Online, ``AutoConfig.from_pretrained`` downloads only the small ``config.json``. Offline, the course uses the values
published in each checkpoint's ``config.json`` (copied below, architecture fields only) and says so. Either way the
parameters are *counted*, not looked up: the model is built on PyTorch's ``meta`` device, where tensors have shapes but
no memory, so even a 400M-parameter model costs nothing to build.
"""

from __future__ import annotations

from typing import Iterable

from .runtime import Settings

# The architecture fields of each checkpoint's published config.json (everything else keeps the library default).
PUBLISHED_CONFIGS: dict[str, dict] = {
    "google-bert/bert-base-uncased": dict(model_type="bert", vocab_size=30522, hidden_size=768, num_hidden_layers=12,
                                          num_attention_heads=12, intermediate_size=3072, max_position_embeddings=512),
    "google-bert/bert-large-uncased": dict(model_type="bert", vocab_size=30522, hidden_size=1024, num_hidden_layers=24,
                                           num_attention_heads=16, intermediate_size=4096, max_position_embeddings=512),
    # The other official BERT checkpoints (notebook 03): cased English, and the two multilingual vocabularies.
    "google-bert/bert-base-cased": dict(model_type="bert", vocab_size=28996, hidden_size=768, num_hidden_layers=12,
                                        num_attention_heads=12, intermediate_size=3072, max_position_embeddings=512),
    "google-bert/bert-large-cased": dict(model_type="bert", vocab_size=28996, hidden_size=1024, num_hidden_layers=24,
                                         num_attention_heads=16, intermediate_size=4096, max_position_embeddings=512),
    "google-bert/bert-base-multilingual-uncased": dict(model_type="bert", vocab_size=105879, hidden_size=768,
                                                       num_hidden_layers=12, num_attention_heads=12,
                                                       intermediate_size=3072, max_position_embeddings=512),
    "google-bert/bert-base-multilingual-cased": dict(model_type="bert", vocab_size=119547, hidden_size=768,
                                                     num_hidden_layers=12, num_attention_heads=12,
                                                     intermediate_size=3072, max_position_embeddings=512),
    "albert/albert-base-v2": dict(model_type="albert", vocab_size=30000, embedding_size=128, hidden_size=768,
                                  num_hidden_layers=12, num_hidden_groups=1, num_attention_heads=12,
                                  intermediate_size=3072, max_position_embeddings=512),
    "albert/albert-large-v2": dict(model_type="albert", vocab_size=30000, embedding_size=128, hidden_size=1024,
                                   num_hidden_layers=24, num_hidden_groups=1, num_attention_heads=16,
                                   intermediate_size=4096, max_position_embeddings=512),
    "google/electra-small-discriminator": dict(model_type="electra", vocab_size=30522, embedding_size=128,
                                               hidden_size=256, num_hidden_layers=12, num_attention_heads=4,
                                               intermediate_size=1024, max_position_embeddings=512),
    "google/electra-base-discriminator": dict(model_type="electra", vocab_size=30522, embedding_size=768,
                                              hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                                              intermediate_size=3072, max_position_embeddings=512),
    "openai-community/gpt2": dict(model_type="gpt2", vocab_size=50257, n_positions=1024, n_embd=768, n_layer=12,
                                  n_head=12),
    "openai-community/gpt2-medium": dict(model_type="gpt2", vocab_size=50257, n_positions=1024, n_embd=1024,
                                         n_layer=24, n_head=16),
    "facebook/bart-base": dict(model_type="bart", vocab_size=50265, d_model=768, encoder_layers=6, decoder_layers=6,
                               encoder_attention_heads=12, decoder_attention_heads=12, encoder_ffn_dim=3072,
                               decoder_ffn_dim=3072, max_position_embeddings=1024),
    "facebook/bart-large": dict(model_type="bart", vocab_size=50265, d_model=1024, encoder_layers=12, decoder_layers=12,
                                encoder_attention_heads=16, decoder_attention_heads=16, encoder_ffn_dim=4096,
                                decoder_ffn_dim=4096, max_position_embeddings=1024),
    "google-t5/t5-small": dict(model_type="t5", vocab_size=32128, d_model=512, d_kv=64, d_ff=2048, num_layers=6,
                               num_decoder_layers=6, num_heads=8),
    "google-t5/t5-base": dict(model_type="t5", vocab_size=32128, d_model=768, d_kv=64, d_ff=3072, num_layers=12,
                              num_decoder_layers=12, num_heads=12),
}
# Sizes as the papers and model cards state them (millions of parameters), to check the counts against.
PUBLISHED_MILLIONS: dict[str, float] = {
    "google-bert/bert-base-uncased": 110, "google-bert/bert-large-uncased": 340,
    # transformers' list of pretrained models (v4.4): the multilingual cards still say "110M", the body alone.
    "google-bert/bert-base-cased": 109, "google-bert/bert-large-cased": 335,
    "google-bert/bert-base-multilingual-uncased": 168, "google-bert/bert-base-multilingual-cased": 179,
    "albert/albert-base-v2": 12, "albert/albert-large-v2": 18,
    "google/electra-small-discriminator": 14, "google/electra-base-discriminator": 110,
    "openai-community/gpt2": 124, "openai-community/gpt2-medium": 355,
    "facebook/bart-base": 140, "facebook/bart-large": 400,
    "google-t5/t5-small": 60, "google-t5/t5-base": 220,
}


def load_config(hub_id: str, settings: Settings):
    """The config of ``hub_id``: downloaded online (config.json only), built from :data:`PUBLISHED_CONFIGS` offline."""
    from transformers import AutoConfig

    if not settings.offline:
        return AutoConfig.from_pretrained(hub_id)
    if hub_id not in PUBLISHED_CONFIGS:
        raise KeyError(f"no published config stored for {hub_id!r}; known: {', '.join(PUBLISHED_CONFIGS)}")
    fields = dict(PUBLISHED_CONFIGS[hub_id])
    return AutoConfig.for_model(fields.pop("model_type"), **fields)


def count_parameters(config) -> tuple[int, int]:
    """(all parameters, embedding parameters) of the bare model (``AutoModel``, no task head) that ``config`` describes.

    The model is built on the ``meta`` device: shapes without memory. Tied weights (T5's shared embedding, say) are
    counted once. "Embedding" means every parameter whose name contains ``embed``, GPT-2's ``wte``/``wpe`` (word and
    position embeddings) and T5's ``shared`` table."""
    import torch
    from transformers import AutoModel

    with torch.device("meta"):
        model = AutoModel.from_config(config)
    total = embedding = 0
    for name, parameter in model.named_parameters():
        total += parameter.numel()
        if "embed" in name or name.startswith(("shared", "wte", "wpe")):
            embedding += parameter.numel()
    return total, embedding


def size_row(hub_id: str, config) -> dict:
    """One row of the size table: layers (encoder+decoder for seq2seq), hidden size, heads, FFN size, vocabulary,
    parameters counted from the config and as published."""
    total, embedding = count_parameters(config)
    layers = str(config.num_hidden_layers)
    if getattr(config, "is_encoder_decoder", False):
        decoder = getattr(config, "decoder_layers", None) or getattr(config, "num_decoder_layers", None)
        layers = f"{config.num_hidden_layers}+{decoder}"
    ffn = next((getattr(config, a) for a in ("intermediate_size", "encoder_ffn_dim", "d_ff", "n_inner")
                if getattr(config, a, None)), 4 * config.hidden_size)  # GPT-2 leaves n_inner empty: 4 x hidden
    return {
        "checkpoint": hub_id,
        "model_type": config.model_type,
        "layers": layers,
        "hidden": config.hidden_size,
        "heads": config.num_attention_heads,
        "ffn": ffn,
        "vocab": config.vocab_size,
        "params_M": round(total / 1e6, 1),
        "published_M": PUBLISHED_MILLIONS.get(hub_id),
        "embedding_share": round(embedding / total, 3),
    }


def size_table(hub_ids: Iterable[str], settings: Settings):
    """A pandas DataFrame with one :func:`size_row` per checkpoint."""
    import pandas as pd

    hub_ids = list(hub_ids)
    if settings.offline:
        print(f"offline: the {len(hub_ids)} configs are built from the values published in each checkpoint's "
              "config.json (stored in utils/model_sizes.py); parameters are counted from them")
    return pd.DataFrame([size_row(h, load_config(h, settings)) for h in hub_ids])

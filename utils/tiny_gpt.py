"""Plumbing for notebook 08's tiny GPT-2: its tokenizers, its training blocks, and the cache key of a trained run.

Offline there is no pretrained GPT to download, so notebook 08 pre-trains a tiny GPT-2 itself, in a few CPU minutes.
The lesson (the config, the ``Trainer`` call, the callback that samples during training, decoding) lives in the
notebook; this module holds what is not the lesson:

* :func:`english_tokenizer`: GPT-2's tokenizer *type*, a byte-level BPE, trained on the training paragraphs only
  (GPT-2's own 50,257-token vocabulary is not available offline, and would be far too big for a tiny model).
* :func:`korean_tokenizer`: a ``BertTokenizerFast`` (the tokenizer class kykim/gpt3-kor-small_based_on_gpt2 uses)
  over the **exact bert-base-multilingual-cased vocabulary**, trimmed to the word pieces a tiny model can use: the
  special tokens, every piece the training split is cut into, and every single-character Hangul and ASCII piece
  (so unseen words still split into known pieces). The training text is tokenized exactly as the full vocabulary
  tokenizes it (:func:`check_same_tokenization` proves it); only the ids are renumbered, in the original order, so
  ``[PAD]`` is 0 and ``[CLS]`` comes first in every encoding, as with kykim's tokenizer. Why trim: the output layer
  of a language model scores every vocabulary entry at every position; with all 119,547 entries one training step of
  the tiny model takes about 8x longer on a CPU, for pieces the Korean text never uses.
* :func:`lm_blocks`: paragraphs -> token ids (a leading ``[CLS]`` dropped, an end token after each paragraph) ->
  one stream cut into equal blocks, the usual way to pre-train a causal language model; the leftover tail is counted.
* :func:`cache_key` and :func:`cached_run`: a rerun reuses a trained model only when everything that shaped it (sizes,
  config, training recipe, the text itself) is the same.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

SPECIALS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")
EN_END = "<|endoftext|>"


def english_tokenizer(texts: Sequence[str], vocab_size: int):
    """A byte-level BPE (GPT-2's tokenizer type) with ``vocab_size`` entries trained on ``texts``; ``<|endoftext|>`` is
    its only special token (beginning, end and, for padding, GPT-2's usual stand-in)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import GPT2TokenizerFast

    if not texts:
        raise ValueError("english_tokenizer() needs at least one training text")
    if vocab_size < 300:
        raise ValueError(f"vocab_size must be at least 300 (256 bytes + merges + {EN_END}), got {vocab_size}")
    bpe = Tokenizer(models.BPE())
    bpe.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    bpe.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=[EN_END], show_progress=False,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    bpe.train_from_iterator(list(texts), trainer)
    return GPT2TokenizerFast(tokenizer_object=bpe, bos_token=EN_END, eos_token=EN_END, unk_token=EN_END,
                             model_max_length=1024)


def _single_character_piece(token: str) -> bool:
    """A one-character word piece (``가`` or ``##가``) that is Hangul or printable ASCII."""
    char = token[2:] if token.startswith("##") else token
    return len(char) == 1 and ("\uac00" <= char <= "\ud7a3" or "\u3131" <= char <= "\u318e" or 32 < ord(char) < 127)


def trimmed_vocab(full_tokenizer, texts: Sequence[str]) -> dict[str, int]:
    """The entries of ``full_tokenizer``'s vocabulary that :func:`korean_tokenizer` keeps, renumbered 0.. in their
    original order: the special tokens, the pieces ``texts`` are cut into, and single-character Hangul/ASCII pieces."""
    vocab = full_tokenizer.get_vocab()
    missing = [s for s in SPECIALS if s not in vocab]
    if missing:
        raise ValueError(f"the full tokenizer lacks the BERT special tokens {missing}; expected a BERT WordPiece vocabulary")
    used = {i for ids in full_tokenizer(list(texts), add_special_tokens=False)["input_ids"] for i in ids}
    keep = [(i, t) for t, i in vocab.items() if t in SPECIALS or i in used or _single_character_piece(t)]
    return {token: new_id for new_id, (_, token) in enumerate(sorted(keep))}


def korean_tokenizer(full_tokenizer, texts: Sequence[str]):
    """A ``BertTokenizerFast`` over :func:`trimmed_vocab` with the same settings as ``full_tokenizer`` (cased, no
    accent stripping, Chinese characters split)."""
    from transformers import BertTokenizerFast

    if not texts:
        raise ValueError("korean_tokenizer() needs the training texts to choose the word pieces to keep")
    normalizer = json.loads(full_tokenizer.backend_tokenizer.to_str())["normalizer"]
    return BertTokenizerFast(vocab=trimmed_vocab(full_tokenizer, texts), do_lower_case=normalizer["lowercase"],
                             strip_accents=normalizer["strip_accents"],
                             tokenize_chinese_chars=normalizer["handle_chinese_chars"], model_max_length=512)


def check_same_tokenization(full_tokenizer, small_tokenizer, texts: Sequence[str]) -> int:
    """Raise ``AssertionError`` unless both tokenizers cut every text of ``texts`` into the same word pieces; return the
    number of pieces compared."""
    full = full_tokenizer(list(texts), add_special_tokens=False)["input_ids"]
    small = small_tokenizer(list(texts), add_special_tokens=False)["input_ids"]
    pieces = 0
    for number, (a, b) in enumerate(zip(full, small)):
        ta, tb = full_tokenizer.convert_ids_to_tokens(a), small_tokenizer.convert_ids_to_tokens(b)
        if ta != tb:
            raise AssertionError(f"text {number} is tokenized differently: {ta[:12]} vs {tb[:12]}")
        pieces += len(ta)
    return pieces


def end_token_id(tokenizer) -> int:
    """The token that ends a paragraph: ``[SEP]`` for a BERT tokenizer (which appends it itself), else the EOS token."""
    end = tokenizer.sep_token_id if tokenizer.sep_token_id is not None else tokenizer.eos_token_id
    if end is None:
        raise ValueError(f"{type(tokenizer).__name__} has neither a [SEP] nor an EOS token to end paragraphs with")
    return end


def encode_paragraphs(tokenizer, texts: Sequence[str]) -> list[list[int]]:
    """Token ids of each paragraph, ready for a causal LM: a leading ``[CLS]`` (which a BERT tokenizer adds) dropped,
    and exactly one end token (:func:`end_token_id`) at the end."""
    end = end_token_id(tokenizer)
    cls = tokenizer.cls_token_id
    encoded = []
    for ids in tokenizer(list(texts))["input_ids"]:
        if cls is not None and ids and ids[0] == cls:
            ids = ids[1:]
        if not ids or ids[-1] != end:
            ids = ids + [end]
        encoded.append(ids)
    return encoded


@dataclass(frozen=True)
class Blocks:
    """Training blocks cut from one token stream, and how many tokens the stream had and how many were left over."""

    blocks: list[list[int]]
    n_tokens: int
    n_dropped: int

    def to_dataset(self):
        """A ``datasets.Dataset`` with ``input_ids`` and ``labels`` (the same ids: the model shifts them itself)."""
        from datasets import Dataset

        return Dataset.from_dict({"input_ids": self.blocks, "labels": [list(b) for b in self.blocks]})


def lm_blocks(tokenizer, texts: Sequence[str], block_size: int) -> Blocks:
    """Concatenate :func:`encode_paragraphs` of ``texts`` and cut the stream into blocks of ``block_size`` tokens.

    The tail shorter than a block is dropped and counted. Raises ``ValueError`` when the text does not fill one block.
    """
    if block_size < 2:
        raise ValueError(f"block_size must be at least 2 (a token and the next one to predict), got {block_size}")
    stream = [i for ids in encode_paragraphs(tokenizer, texts) for i in ids]
    n = len(stream) // block_size
    if n == 0:
        raise ValueError(f"{len(stream)} tokens do not fill one block of {block_size}; use more text or smaller blocks")
    return Blocks([stream[k * block_size:(k + 1) * block_size] for k in range(n)], len(stream), len(stream) - n * block_size)


def text_fingerprint(texts: Sequence[str]) -> str:
    """A short hash of the texts, in order: a changed corpus gives a changed cache key."""
    digest = hashlib.sha1()
    for text in texts:
        digest.update(text.encode("utf-8") + b"\x00")
    return digest.hexdigest()[:16]


def cache_key(**parts: Any) -> str:
    """A short, stable hash of everything that shaped a trained model (pass sizes, config, recipe, text fingerprint)."""
    return hashlib.sha1(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()[:16]


def cached_run(directory: Path, key: str) -> dict | None:
    """The ``metrics.json`` of a finished run in ``directory`` when its ``cache_key`` is ``key`` and its weights are there
    (``model.safetensors``); ``None`` when the model must be trained (nothing there, or trained with another recipe)."""
    directory = Path(directory)
    try:
        metrics = json.loads((directory / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if metrics.get("cache_key") != key or not (directory / "model.safetensors").exists():
        return None
    return metrics

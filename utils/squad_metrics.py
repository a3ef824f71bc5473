"""Exact match and F1 for extractive question answering, as the official evaluation scripts compute them.

* English: the SQuAD v1.1 evaluation script (``evaluate-v1.1.py``). An answer is normalised (lower-cased, ASCII
  punctuation removed, the articles *a*, *an*, *the* removed, runs of whitespace collapsed); exact match compares
  the normalised strings, F1 compares their **words** as bags (precision and recall of shared words).
* Korean: the KorQuAD 1.0 evaluation script (``KorQuAD_v1.0_evaluate.py``, written from the SQuAD one). The
  normalisation first turns quotes, angle and round brackets (``' " 《 》 < > 〈 〉 ( ) ‘ ’``) into spaces, then
  lower-cases, removes ASCII punctuation and collapses whitespace; there are no articles to remove. F1 compares
  **characters** (spaces left out), not words: a Korean word carries its particles (서울에서 = "in Seoul"), so a
  word-level F1 would give 0 to "서울" against "서울에서"; the character F1 gives 0.67.

For one question with several gold answers (SQuAD's validation set has up to six), each score is the maximum over
the gold answers. Over a dataset the scores are averaged and reported **in percent** (0-100), as the official
scripts print them and as papers quote them (BERT base on SQuAD v1.1: EM 80.8, F1 88.5).

One detail of the official v1.1 F1 is kept on purpose: when a normalised answer is empty (a prediction of only
punctuation, say), it shares no word with the gold answer and scores 0, even against an empty gold answer.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from typing import Sequence

LANGS = ("en", "ko")
_PUNCTUATION = set(string.punctuation)
_ARTICLES = re.compile(r"\b(a|an|the)\b")
_KORQUAD_SYMBOLS = re.compile("['\"《》<>〈〉()‘’]")


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS} (SQuAD v1.1 or KorQuAD 1.0 evaluation), got {lang!r}")


def normalize_answer(text: str, lang: str = "en") -> str:
    """Normalise one answer the way the official script of ``lang`` does (SQuAD v1.1 for en, KorQuAD 1.0 for ko)."""
    _check_lang(lang)
    if not isinstance(text, str):
        raise TypeError(f"an answer must be a string, got {type(text).__name__}")
    if lang == "ko":
        text = _KORQUAD_SYMBOLS.sub(" ", text)
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    if lang == "en":
        text = _ARTICLES.sub(" ", text)
    return " ".join(text.split())


def _units(text: str, lang: str) -> list[str]:
    """What F1 counts: the words of the normalised answer (en) or its characters without spaces (ko)."""
    words = normalize_answer(text, lang).split()
    return words if lang == "en" else [ch for word in words for ch in word]


def _as_list(ground_truths: str | Sequence[str]) -> list[str]:
    golds = [ground_truths] if isinstance(ground_truths, str) else list(ground_truths)
    if not golds or not all(isinstance(g, str) for g in golds):
        raise ValueError(f"ground truths must be a string or a non-empty list of strings, got {ground_truths!r}")
    return golds


def exact_match(prediction: str, ground_truths: str | Sequence[str], lang: str = "en") -> float:
    """1.0 if the normalised prediction equals a normalised gold answer, else 0.0 (max over the gold answers)."""
    golds = _as_list(ground_truths)
    guess = normalize_answer(prediction, lang)
    return float(any(guess == normalize_answer(g, lang) for g in golds))


def _f1_one(prediction: str, ground_truth: str, lang: str) -> float:
    predicted, gold = _units(prediction, lang), _units(ground_truth, lang)
    same = sum((Counter(predicted) & Counter(gold)).values())
    if same == 0:
        return 0.0
    precision, recall = same / len(predicted), same / len(gold)
    return 2 * precision * recall / (precision + recall)


def f1(prediction: str, ground_truths: str | Sequence[str], lang: str = "en") -> float:
    """F1 (0..1) of the shared words (en) or characters (ko) of prediction and gold, max over the gold answers."""
    golds = _as_list(ground_truths)
    normalize_answer(prediction, lang)  # checks lang and type
    return max(_f1_one(prediction, g, lang) for g in golds)


def example_scores(predictions: Sequence[str], references: Sequence[Sequence[str]], lang: str = "en") -> list[dict[str, float]]:
    """Per question: ``{"exact_match": 0 or 1, "f1": 0..1}``, in the order given (for error analysis)."""
    predictions, references = list(predictions), list(references)
    if not predictions or len(predictions) != len(references):
        raise ValueError(f"need one prediction per question and at least one question, got {len(predictions)} "
                         f"predictions and {len(references)} reference lists")
    return [{"exact_match": exact_match(p, r, lang), "f1": f1(p, r, lang)} for p, r in zip(predictions, references)]


def squad_scores(predictions: Sequence[str], references: Sequence[Sequence[str]], lang: str = "en") -> dict[str, float]:
    """Exact match and F1 over a dataset, in percent (0-100), as the official SQuAD v1.1 / KorQuAD 1.0 scripts report."""
    scores = example_scores(predictions, references, lang)
    return {name: 100.0 * sum(s[name] for s in scores) / len(scores) for name in ("exact_match", "f1")}

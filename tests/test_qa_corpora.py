"""The course's written question-answering corpora: enough questions to learn from, unique ids, short answers, no
question asked twice about one context, and topics never shared across splits. (That each answer sits at its offset
is checked by ``data.read_jsonl`` itself, which every test here reads through.)"""

import collections

import pytest

from utils import data


def splits(lang):
    spec = data.schema("question_answering", lang)
    folder = data.CORPORA / "question_answering" / lang
    return {s: data.read_jsonl(folder / f"{s}.jsonl", spec) for s in data.SPLITS}


def test_english_has_enough_questions_to_learn_and_to_choose_a_recipe():
    sizes = {name: len(rows) for name, rows in splits("en").items()}
    assert sizes["train"] >= 1200 and sizes["validation"] >= 150 and sizes["test"] >= 36, sizes


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_ids_are_unique_and_topics_stay_in_one_split(lang):
    parts = splits(lang)
    ids = [r["id"] for rows in parts.values() for r in rows]
    assert len(ids) == len(set(ids)), [i for i, n in collections.Counter(ids).items() if n > 1][:3]
    titles = {name: {r["title"] for r in rows} for name, rows in parts.items()}
    assert not (titles["train"] & titles["validation"]) and not (titles["train"] & titles["test"])
    assert not (titles["validation"] & titles["test"])


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_answers_are_short_and_no_question_is_asked_twice(lang):
    for name, rows in splits(lang).items():
        for r in rows:
            for text in r["answers"]["text"]:
                assert 0 < len(text.split()) <= 20, (r["id"], text)   # fits the 30-token answer cap of notebook 06
        asked = collections.Counter((r["context"], r["question"].strip().lower()) for r in rows)
        assert max(asked.values()) == 1, f"{lang}/{name} asks a question twice about one context"

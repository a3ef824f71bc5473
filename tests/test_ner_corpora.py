"""The course's own NER corpora (utils/corpora/token_classification): every tag sequence is checked beyond the BIO
rules that ``utils.data`` enforces on load: units have the Hub datasets' shape (CoNLL words without spaces, KLUE
single characters), KLUE's ``sentence`` markup agrees with the character tags, and every entity type is trained."""

import re

import pytest

from utils import data, metrics

MARKUP = re.compile(r"<([^<>:]+):([A-Z]{2})>")


def klue_markup_entities(sentence: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Plain text and ``(type, start, end)`` character spans of a KLUE-NER ``sentence`` such as ``<서울:LC>에서``."""
    text, spans, last = [], [], 0
    for match in MARKUP.finditer(sentence):
        text.append(sentence[last:match.start()])
        start = sum(len(t) for t in text)
        text.append(match.group(1))
        spans.append((match.group(2), start, start + len(match.group(1))))
        last = match.end()
    text.append(sentence[last:])
    return "".join(text), spans


def test_markup_reader_on_a_hand_made_sentence():
    assert klue_markup_entities("<손흥민:PS>은 <오는 20일:DT> 뛴다") == ("손흥민은 오는 20일 뛴다", [("PS", 0, 3), ("DT", 5, 11)])


@pytest.mark.parametrize("split", data.SPLITS)
def test_korean_markup_agrees_with_the_character_tags(split):
    dataset = data.load_local("token_classification", "ko")[split]
    names = dataset.features["ner_tags"].feature.names
    for i, row in enumerate(dataset):
        where = f"ko/{split}.jsonl:{i + 1}"
        assert all(len(t) == 1 for t in row["tokens"]), f"{where}: KLUE-NER tokens are single characters"
        text, spans = klue_markup_entities(row["sentence"])
        assert "<" not in text and ">" not in text, f"{where}: unbalanced markup in {row['sentence']!r}"
        assert text == "".join(row["tokens"]), f"{where}: the markup's text is not the joined characters"
        tags = [names[t] for t in row["ner_tags"]]
        assert metrics.entity_spans(tags) == spans, f"{where}: the markup's entities differ from the tags"


@pytest.mark.parametrize("split", data.SPLITS)
def test_english_units_are_words_like_conll(split):
    dataset = data.load_local("token_classification", "en")[split]
    for i, tokens in enumerate(dataset["tokens"]):
        assert all(t.strip() == t and " " not in t for t in tokens), f"en/{split}.jsonl:{i + 1}: a word holds a space"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_entity_type_is_in_every_split(lang):
    dataset = data.load_local("token_classification", lang)
    types = {name[2:] for name in dataset["train"].features["ner_tags"].feature.names if name != "O"}
    for split in data.SPLITS:
        names = dataset[split].features["ner_tags"].feature.names
        seen = {kind for tags in dataset[split]["ner_tags"] for kind, _, _ in metrics.entity_spans([names[t] for t in tags])}
        assert seen == types, f"{lang}/{split}: entity types missing: {sorted(types - seen)}"

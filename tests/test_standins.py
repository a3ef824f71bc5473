from pathlib import Path

import pytest

from utils.offline import standins


def test_rebuilt_uncased_vocabulary_equals_the_real_one():
    """all-MiniLM-L6-v2 ships bert-base-uncased's vocab.txt: the rebuilt table must match it id for id."""
    real = (standins.minilm_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()
    assert standins.blingfire_vocab("bert-base-uncased") == real


@pytest.mark.parametrize("name,size,known", [
    ("bert-base-cased", 28996, {"Hello": 8667, "world": 1362, "[CLS]": 101, "##ing": 1158}),
    ("bert-base-multilingual-cased", 119547, {"Hello": 31178, "[CLS]": 101, "[SEP]": 102}),
])
def test_rebuilt_cased_vocabularies_have_the_published_size_and_ids(name, size, known):
    vocab = standins.blingfire_vocab(name)
    assert len(vocab) == size
    assert {token: vocab.index(token) for token in known} == known


def test_vocab_standin_is_a_working_fast_tokenizer(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_CACHE", str(tmp_path))
    from transformers import AutoTokenizer

    path = standins.standin_dir("vocab:bert-base-cased")
    assert Path(path).is_relative_to(tmp_path)
    tokenizer = AutoTokenizer.from_pretrained(path)
    assert tokenizer.is_fast and tokenizer("Hello world")["input_ids"] == [101, 8667, 1362, 102]
    assert tokenizer.tokenize("US us") == ["US", "us"]   # cased: the acronym and the pronoun stay apart


def test_unknown_standin_is_refused():
    with pytest.raises(KeyError, match="known: minilm"):
        standins.standin_dir("gpt-17")

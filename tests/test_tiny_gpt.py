"""Notebook 08's tiny GPT-2 plumbing: its two tokenizers, the training blocks, and the cache key of a trained run."""

import json

import pytest

from utils import tiny_gpt
from utils.offline import standins

EN_TEXTS = [f"The statement number {i} is evaluated before the loop body runs." for i in range(40)] + [
    "An assert statement raises AssertionError when its expression is false."]
KO_TRAIN = ["인생이 무엇인가 묻는다.", "오늘은 날씨가 맑다. 바람이 분다.", "학교에 가는 길에 친구를 만났다."]


@pytest.fixture(scope="module")
def full_korean_vocab():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(standins.standin_dir("vocab:bert-base-multilingual-cased"))


def test_english_tokenizer_is_a_byte_level_bpe_of_the_asked_size():
    tokenizer = tiny_gpt.english_tokenizer(EN_TEXTS, 400)
    assert len(tokenizer) <= 400 and tokenizer.eos_token == "<|endoftext|>" and tokenizer.pad_token is None
    text = "The statement Ünïcödé 한국어"  # byte-level: anything encodes and decodes back
    assert tokenizer.decode(tokenizer(text)["input_ids"]) == text
    with pytest.raises(ValueError, match="at least 300"):
        tiny_gpt.english_tokenizer(EN_TEXTS, 100)
    with pytest.raises(ValueError, match="at least one training text"):
        tiny_gpt.english_tokenizer([], 400)


def test_korean_tokenizer_keeps_the_training_pieces_and_cuts_them_like_the_full_vocabulary(full_korean_vocab):
    small = tiny_gpt.korean_tokenizer(full_korean_vocab, KO_TRAIN)
    assert len(small) < 5000 < len(full_korean_vocab)
    assert [small.convert_ids_to_tokens(i) for i in range(5)] == list(tiny_gpt.SPECIALS)  # [PAD] is 0, [CLS] 2
    assert tiny_gpt.check_same_tokenization(full_korean_vocab, small, KO_TRAIN) > 10
    ids = small("인생이")["input_ids"]
    assert ids[0] == small.cls_token_id and ids[-1] == small.sep_token_id
    # an unseen word still splits into single-character pieces instead of becoming [UNK]
    unseen = small.tokenize("도서관")
    assert small.unk_token not in unseen and "".join(t.removeprefix("##") for t in unseen) == "도서관"


def test_check_same_tokenization_names_the_first_difference(full_korean_vocab):
    small = tiny_gpt.korean_tokenizer(full_korean_vocab, ["가"])
    with pytest.raises(AssertionError, match="tokenized differently"):
        tiny_gpt.check_same_tokenization(full_korean_vocab, small, ["가 statement"])


def test_paragraphs_lose_cls_and_end_with_one_end_token(full_korean_vocab):
    small = tiny_gpt.korean_tokenizer(full_korean_vocab, KO_TRAIN)
    for ids in tiny_gpt.encode_paragraphs(small, KO_TRAIN):
        assert small.cls_token_id not in ids and ids[-1] == small.sep_token_id and ids.count(small.sep_token_id) == 1
    english = tiny_gpt.english_tokenizer(EN_TEXTS, 400)
    for ids in tiny_gpt.encode_paragraphs(english, EN_TEXTS[:3]):
        assert ids[-1] == english.eos_token_id and ids.count(english.eos_token_id) == 1


def test_blocks_cover_the_stream_and_count_the_leftover():
    english = tiny_gpt.english_tokenizer(EN_TEXTS, 400)
    stream = [i for ids in tiny_gpt.encode_paragraphs(english, EN_TEXTS) for i in ids]
    blocks = tiny_gpt.lm_blocks(english, EN_TEXTS, 16)
    assert blocks.n_tokens == len(stream) and blocks.n_dropped == len(stream) % 16
    assert [i for b in blocks.blocks for i in b] == stream[:len(stream) - blocks.n_dropped]
    dataset = blocks.to_dataset()
    assert dataset["input_ids"] == dataset["labels"] and len(dataset) == len(stream) // 16
    with pytest.raises(ValueError, match="do not fill one block"):
        tiny_gpt.lm_blocks(english, EN_TEXTS[:1], 10_000)
    with pytest.raises(ValueError, match="at least 2"):
        tiny_gpt.lm_blocks(english, EN_TEXTS, 1)


def test_cache_key_changes_with_anything_that_shaped_the_model(tmp_path):
    base = dict(size="small", config={"n_layer": 4, "n_embd": 128}, steps=300, text=tiny_gpt.text_fingerprint(["a", "b"]))
    key = tiny_gpt.cache_key(**base)
    assert key == tiny_gpt.cache_key(**dict(reversed(list(base.items()))))  # order of arguments does not matter
    assert key != tiny_gpt.cache_key(**{**base, "config": {"n_layer": 2, "n_embd": 128}})
    assert key != tiny_gpt.cache_key(**{**base, "steps": 301})
    assert key != tiny_gpt.cache_key(**{**base, "text": tiny_gpt.text_fingerprint(["a", "c"])})
    assert tiny_gpt.text_fingerprint(["ab", "c"]) != tiny_gpt.text_fingerprint(["a", "bc"])


def test_cached_run_needs_the_same_key_and_the_weights(tmp_path):
    assert tiny_gpt.cached_run(tmp_path, "k1") is None  # nothing there
    (tmp_path / "metrics.json").write_text(json.dumps({"cache_key": "k1", "perplexity": {"test": 9.0}}))
    assert tiny_gpt.cached_run(tmp_path, "k1") is None  # no weights
    (tmp_path / "model.safetensors").write_bytes(b"x")
    assert tiny_gpt.cached_run(tmp_path, "k1")["perplexity"] == {"test": 9.0}
    assert tiny_gpt.cached_run(tmp_path, "k2") is None  # trained with another recipe
    (tmp_path / "metrics.json").write_text("{not json")
    assert tiny_gpt.cached_run(tmp_path, "k1") is None


def test_end_token_needs_sep_or_eos():
    class NoEnd:
        sep_token_id = None
        eos_token_id = None

    with pytest.raises(ValueError, match="neither a \\[SEP\\] nor an EOS"):
        tiny_gpt.end_token_id(NoEnd())

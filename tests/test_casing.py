"""utils.casing (tokenizer stages, Hangul kinds, tokenization counts, case cues) and utils.casing_plots (notebook 03)."""

from collections import Counter

import matplotlib.pyplot as plt
import pytest

from utils import casing, casing_plots

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def tiny_tokenizer(words, lower=False):
    from transformers import BertTokenizerFast

    vocab = {token: i for i, token in enumerate(SPECIALS + list(words))}
    return BertTokenizerFast(vocab=vocab, do_lower_case=lower)


def test_pipeline_parts_reads_the_stages_from_the_tokenizer():
    cased = casing.pipeline_parts(tiny_tokenizer(["the"]))
    uncased = casing.pipeline_parts(tiny_tokenizer(["the"], lower=True))
    assert set(cased) == {"normalizer", "pre_tokenizer", "model", "post_processor"}
    assert "lowercase=False" in cased["normalizer"] and "lowercase=True" in uncased["normalizer"]
    assert cased["model"].startswith("WordPiece(") and "unk_token='[UNK]'" in cased["model"]
    assert "[CLS]" in cased["post_processor"]


def test_pipeline_parts_refuses_a_tokenizer_without_a_rust_backend():
    class Slow:
        is_fast = False

    with pytest.raises(TypeError, match="is_fast is False"):
        casing.pipeline_parts(Slow())


def test_the_uncased_normalizer_turns_hangul_into_jamo_and_the_cased_one_does_not():
    from tokenizers.normalizers import BertNormalizer

    uncased = BertNormalizer(lowercase=True).normalize_str("한국 Café")
    cased = BertNormalizer(lowercase=False).normalize_str("한국 Café")
    assert cased == "한국 Café"
    assert uncased == "\u1112\u1161\u11ab\u1100\u116e\u11a8 cafe"            # 2 syllables -> 6 jamo, accent gone
    assert [casing.hangul_kind(ch) for ch in uncased[:6]] == ["jamo"] * 6


@pytest.mark.parametrize("token, kind", [("한국", "syllable"), ("##어", "syllable"), ("\u1112", "jamo"),
                                          ("##\u11ab", "jamo"), ("ㄱ", "jamo"), ("cook", "other"), ("[UNK]", "other"),
                                          ("##s", "other"), ("3", "other")])
def test_hangul_kind(token, kind):
    assert casing.hangul_kind(token) == kind


def test_tokenization_stats_counts_words_pieces_and_unknown_words_once():
    tokenizer = tiny_tokenizer(["the", "cat", "##s", "한", "##국"])
    stats = casing.tokenization_stats(tokenizer, ["the cats", "the dog!", "한국 한"], batch_size=2)
    # pieces: the cat ##s | the [UNK] [UNK] ("dog" and "!" are two pre-tokens of one word) | 한 ##국 한
    assert (stats.texts, stats.words, stats.tokens) == (3, 6, 9)
    assert (stats.unk_tokens, stats.words_with_unk) == (2, 1)
    assert stats.tokens_per_word == pytest.approx(9 / 6)
    assert stats.unk_word_rate == pytest.approx(1 / 6) and stats.unk_token_rate == pytest.approx(2 / 9)
    assert stats.kinds == Counter({"other": 6, "syllable": 3})


def test_tokenization_stats_rejects_empty_input():
    tokenizer = tiny_tokenizer(["the"])
    with pytest.raises(ValueError, match="at least one text"):
        casing.tokenization_stats(tokenizer, [])
    with pytest.raises(ValueError, match=r"texts \[1\] contain no word"):
        casing.tokenization_stats(tokenizer, ["the", "   "])


def test_ordinary_lowercase_words_keeps_whole_lower_case_words_only():
    vocab = ["cook", "Cook", "us", "US", "##ing", "a", "x1", "[UNK]", "the", "café"]
    assert casing.ordinary_lowercase_words(vocab) == {"cook", "us", "the", "café"}
    assert casing.ordinary_lowercase_words(vocab, min_length=4) == {"cook", "café"}


def test_entity_words_and_length_check():
    assert casing.entity_words(["Tim", "Cook", "cooks"], ["B-PER", "I-PER", "O"]) == [("Tim", "PER"), ("Cook", "PER")]
    with pytest.raises(ValueError, match="same length"):
        casing.entity_words(["a", "b"], ["O"])


def test_case_cues_counts_capitals_ordinary_words_and_leaves_headlines_out():
    sentences = [
        (["Tim", "Cook", "met", "Apple", "Staff", "in", "Paris", "."], ["B-PER", "I-PER", "O", "B-ORG", "O", "O", "B-LOC", "O"]),
        (["He", "visited", "the", "iPhone", "Museum"], ["O", "O", "O", "B-MISC", "I-MISC"]),
        (["SOCCER", "-", "JAPAN", "WIN"], ["O", "O", "B-LOC", "O"]),                   # a headline
        (["the", "ebay", "deal"], ["O", "B-ORG", "O"]),                                # an entity without capitals
    ]
    cues = casing.case_cues(sentences, ordinary={"cook", "apple", "museum", "japan", "win"})
    assert cues.entity_words == Counter({"PER": 2, "ORG": 2, "LOC": 2, "MISC": 2})
    assert cues.capitalised == Counter({"PER": 2, "ORG": 1, "LOC": 2, "MISC": 2})
    assert cues.only_by_case == Counter({"PER": 1, "ORG": 1, "LOC": 1, "MISC": 1})    # Cook, Apple, JAPAN, Museum
    assert cues.examples == {"PER": ["Cook"], "ORG": ["Apple"], "LOC": ["JAPAN"], "MISC": ["Museum"]}
    assert cues.headline_sentences == 1
    # non-entity words with letters, not first in their sentence: met Staff in | visited the | deal
    assert (cues.other_words, cues.other_capitalised) == (6, 1)
    assert cues.share(cues.capitalised) == pytest.approx(7 / 8) and cues.share(cues.only_by_case, "PER") == 0.5


def test_kind_shares_separates_unk_from_other_and_sums_to_one():
    stats = casing.TokenStats(texts=1, words=2, tokens=10, unk_tokens=2, words_with_unk=1,
                              kinds=Counter({"syllable": 5, "jamo": 1, "other": 4}))
    shares = casing_plots.kind_shares(stats)
    assert shares == pytest.approx({"syllable": 0.5, "jamo": 0.1, "[UNK]": 0.2, "other": 0.2})


def test_plots_return_figures_and_refuse_non_ascii_labels():
    tokenizer = tiny_tokenizer(["the", "cat", "##s", "한"])
    a = casing.tokenization_stats(tokenizer, ["the cats"])
    b = casing.tokenization_stats(tokenizer, ["한 국"])
    fig = casing_plots.tokenization_bars({"EN": {"tiny": a, "tiny2": a}, "KO": {"tiny": b}})
    assert len(fig.axes) == 2 and len(fig.axes[0].patches) == 4                  # 2 corpora x 2 tokenizers
    fig = casing_plots.hangul_kind_bars({"tiny": b})
    assert len(fig.axes[0].patches) == 4                                          # one segment per kind
    cues = casing.case_cues([(["Tim", "Cook", "ate"], ["B-PER", "I-PER", "O"])], {"cook"})
    fig = casing_plots.case_cue_bars(cues)
    assert len(fig.axes[0].patches) == 4                                          # (PER, all) x 2 bars
    with pytest.raises(ValueError, match="ASCII"):
        casing_plots.hangul_kind_bars({"한국어": b})
    plt.close("all")

"""SQuAD v1.1 (en) and KorQuAD 1.0 (ko) exact match and F1, on cases worked out by hand."""

import pytest

from utils import squad_metrics as sm


@pytest.mark.parametrize("text, expected", [
    ("The  Eiffel Tower!", "eiffel tower"),
    ("an apple, a pear and the plum.", "apple pear and plum"),
    ("theory of an anthem", "theory of anthem"),          # articles only as whole words
    ("U.S. $5,000", "us 5000"),
    ("  \n", ""),
])
def test_squad_normalisation(text, expected):
    assert sm.normalize_answer(text, "en") == expected


@pytest.mark.parametrize("text, expected", [
    ("《화성성역의궤》", "화성성역의궤"),
    ("'정조'의 (1752년)", "정조 의 1752년"),
    ("〈택리지〉, 이중환.", "택리지 이중환"),
    ("The Beatles", "the beatles"),                      # no English articles removed in KorQuAD's script
])
def test_korquad_normalisation(text, expected):
    assert sm.normalize_answer(text, "ko") == expected


def test_english_exact_match_and_word_f1():
    assert sm.exact_match("the Eiffel Tower", ["Eiffel Tower"]) == 1.0
    assert sm.exact_match("Eiffel", "Eiffel Tower") == 0.0
    # words: {eiffel, tower, in, paris} vs {eiffel, tower}: P = 2/4, R = 2/2, F1 = 2/3
    assert sm.f1("Eiffel Tower in Paris", "the Eiffel Tower") == pytest.approx(2 / 3)
    # a repeated word counts once per occurrence in both: P = 2/3, R = 1, F1 = 0.8
    assert sm.f1("new new york", "New York") == pytest.approx(0.8)
    assert sm.f1("London", "Paris") == 0.0


def test_max_over_gold_answers():
    golds = ["Denver Broncos", "the Broncos", "Broncos defense"]
    assert sm.exact_match("Broncos", golds) == 1.0
    # "denver broncos defense" vs "denver broncos": P = 2/3, R = 1 -> 0.8; vs "broncos defense": P = 2/3, R = 1 -> 0.8;
    # vs "broncos": P = 1/3, R = 1 -> 0.5; the score is the best of the three
    assert sm.f1("Denver Broncos defense", golds) == pytest.approx(0.8)
    assert sm.f1("Denver", golds) == pytest.approx(2 / 3)   # only "Denver Broncos" shares a word: P = 1, R = 1/2


def test_empty_answers_follow_the_official_v1_1_script():
    assert sm.f1("", "Paris") == 0.0 and sm.exact_match("", "Paris") == 0.0
    # both normalise to "": equal strings, but no shared word, so EM 1 and F1 0 (as evaluate-v1.1.py computes)
    assert sm.exact_match("...", "") == 1.0 and sm.f1("...", "") == 0.0


def test_korean_character_f1_and_exact_match():
    # chars {서, 울} vs {서, 울, 에, 서}: 2 shared, P = 1, R = 2/4, F1 = 2/3 (a word-level F1 would give 0)
    assert sm.f1("서울", "서울에서", "ko") == pytest.approx(2 / 3)
    assert sm.f1("서울", "서울에서", "en") == 0.0
    # spaces do not count in the character F1, but they do in exact match
    assert sm.f1("수원 화성", "수원화성", "ko") == 1.0
    assert sm.exact_match("수원 화성", "수원화성", "ko") == 0.0
    assert sm.exact_match("《열하일기》", "열하일기", "ko") == 1.0
    # 1795년 vs 1795: P = 4/5, R = 1, F1 = 8/9
    assert sm.f1("1795년", "1795", "ko") == pytest.approx(8 / 9)
    assert sm.exact_match("the Beatles", "Beatles", "ko") == 0.0 and sm.exact_match("the Beatles", "Beatles", "en") == 1.0


def test_dataset_scores_are_means_in_percent():
    predictions = ["the Eiffel Tower", "Eiffel Tower in Paris", "London"]
    references = [["Eiffel Tower"], ["the Eiffel Tower"], ["Paris", "the city of Paris"]]
    scores = sm.squad_scores(predictions, references)
    assert scores["exact_match"] == pytest.approx(100 / 3)
    assert scores["f1"] == pytest.approx(100 * (1 + 2 / 3 + 0) / 3)
    per_example = sm.example_scores(predictions, references)
    assert [s["exact_match"] for s in per_example] == [1.0, 0.0, 0.0]


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="one prediction per question"):
        sm.squad_scores(["a"], [["a"], ["b"]])
    with pytest.raises(ValueError, match="one prediction per question"):
        sm.squad_scores([], [])
    with pytest.raises(ValueError, match="lang must be one of"):
        sm.f1("a", "a", lang="de")
    with pytest.raises(ValueError, match="non-empty list of strings"):
        sm.exact_match("a", [])
    with pytest.raises(TypeError, match="must be a string"):
        sm.f1(None, "a")

"""The classic baselines: they learn what the training split shows, and refuse inconsistent input."""

import pytest

from utils import baselines


def test_tfidf_classifier_learns_words_and_korean_character_grams():
    en = baselines.tfidf_classifier(["a great film", "great acting", "a dull film", "dull and slow"], [1, 1, 0, 0], "en")
    assert list(en.predict(["great story", "so dull"])) == [1, 0]
    ko = baselines.tfidf_classifier(["최고의 영화", "연기가 최고", "지루한 영화", "너무 지루함"], [1, 1, 0, 0], "ko")
    assert list(ko.predict(["최고였다", "지루했다"])) == [1, 0]      # inflected forms share character n-grams
    with pytest.raises(ValueError, match="as many labels as texts"):
        baselines.tfidf_classifier(["a"], [1, 0], "en")
    with pytest.raises(ValueError, match="lang must be 'en' or 'ko'"):
        baselines.tfidf_classifier(["a"], [1], "de")


def test_pair_classifier_uses_what_the_sentences_share():
    same = [("the cat sat on the mat", "the cat sat on the mat today"), ("prices rose sharply", "prices rose sharply again")]
    different = [("the cat sat on the mat", "stocks fell in tokyo"), ("prices rose sharply", "the team won the cup")]
    model = baselines.tfidf_pair_classifier(same + different, [1, 1, 0, 0], "en")
    assert list(model.predict([("rain fell all day", "rain fell all day long"), ("rain fell all day", "a new phone")])) == [1, 0]


def test_most_frequent_tag_and_bio_repair():
    train_tokens = [["Kim", "Min", "visited", "Seoul"], ["Min", "left"]]
    train_tags = [["B-PER", "I-PER", "O", "B-LOC"], ["I-PER", "O"]]
    tagged = baselines.most_frequent_tag(train_tokens, train_tags, [["Min", "visited", "Seoul", "Busan"]])
    assert tagged == [["B-PER", "O", "B-LOC", "O"]]          # "Min" alone would be I-PER: repaired to B-PER
    with pytest.raises(ValueError, match="4 words but 3 tags"):
        baselines.most_frequent_tag([["a", "b", "c", "d"]], [["O", "O", "O"]], [])

"""The text of notebook 08: English documentation paragraphs and the Korean prose corpus, checked and split."""

import json
from pathlib import Path

import pytest

from utils import data, lm_data

TOPICS = {
    "b-topic": (
        'The "assert" statement\n**********************\n\n'
        "Assert statements are a convenient way to insert debugging assertions\ninto a program, as this paragraph says.\n\n"
        '   assert_stmt ::= "assert" expression ["," expression]\n\n'
        "   >>> assert sum([1, 2, 3]) == 6, \"the sum is wrong\"\n\n"
        "-[ Footnotes ]-\n\n"
        "+-----+-----+\n| a   | b   |\n+-----+-----+\n\n"
        "   Changed in version 3.8: an indented note that is written as plain\n   prose is kept as a paragraph.\n"
    ),
    "a-topic": "Assert statements are a convenient way to insert debugging assertions\ninto a program, as this paragraph says.\n",
}


def test_blocks_are_classified_by_what_they_are():
    assert lm_data.classify_block("A heading\n*********") == "headings"
    assert lm_data.classify_block("   numbers = [1, 2, 3]\n   print(sum(numbers) / len(numbers))") == "code, grammar and examples"
    assert lm_data.classify_block('   pass_stmt ::= "pass"  # the grammar of the pass statement.') == "code, grammar and examples"
    assert lm_data.classify_block("+---+---+\n| a | b |") == "tables"
    assert lm_data.classify_block("See also.") == "short fragments"
    assert lm_data.classify_block("A sentence that is long enough to count as a paragraph of prose.") == "prose"
    with pytest.raises(ValueError, match="empty block"):
        lm_data.classify_block(" \n ")


def test_english_paragraphs_are_unwrapped_deduplicated_and_skips_are_counted():
    paragraphs, skipped = lm_data.english_paragraphs(TOPICS)
    assert paragraphs == [  # a-topic first (sorted), its repeat in b-topic counted, not kept
        "Assert statements are a convenient way to insert debugging assertions into a program, as this paragraph says.",
        "Changed in version 3.8: an indented note that is written as plain prose is kept as a paragraph.",
    ]
    assert skipped == {"headings": 1, "code, grammar and examples": 2, "short fragments": 1, "tables": 1,
                       "repeated paragraphs": 1}


def test_tiny_topics_that_leave_a_split_empty_are_an_error():
    with pytest.raises(data.CorpusError, match="no paragraphs for the split"):
        lm_data.english_corpus({"only": "One single paragraph that is long enough to be kept as prose."})
    with pytest.raises(data.CorpusError, match="no documentation topics"):
        lm_data.english_corpus({})


def test_split_is_fixed_by_the_text_and_about_ninety_five_five():
    texts = [f"paragraph number {i} of a long made-up document." for i in range(4000)]
    splits = [lm_data.split_for(t) for t in texts]
    assert splits == [lm_data.split_for(t) for t in texts]  # the same text always lands in the same split
    shares = {name: splits.count(name) / len(splits) for name in ("train", "validation", "test")}
    assert 0.87 < shares["train"] < 0.93 and 0.03 < shares["validation"] < 0.07 and 0.03 < shares["test"] < 0.07


def test_the_real_english_corpus_has_disjoint_nonempty_splits():
    corpus = lm_data.corpus("en")
    sets = {split: set(texts) for split, texts in corpus.splits.items()}
    assert all(sets.values())
    assert not (sets["train"] & sets["test"]) and not (sets["train"] & sets["validation"])
    assert sum(map(len, corpus.splits["train"])) > 100_000
    assert "pydoc_data.topics" in corpus.summary() and "skipped" in corpus.summary()


def write_corpus(folder: Path, splits: dict[str, list[str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for split, lines in splits.items():
        (folder / f"{split}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def row(text: str) -> str:
    return json.dumps({"text": text}, ensure_ascii=False)


GOOD = {"train": [row("오늘은 날씨가 맑다."), row("바람이 분다.")], "validation": [row("비가 온다.")], "test": [row("눈이 내린다.")]}


def test_korean_corpus_reads_the_three_splits(tmp_path):
    corpus = lm_data.korean_corpus(write_corpus(tmp_path, GOOD))
    assert corpus.splits == {"train": ["오늘은 날씨가 맑다.", "바람이 분다."], "validation": ["비가 온다."], "test": ["눈이 내린다."]}
    assert list(corpus.to_datasets()["train"].features) == ["text"]


@pytest.mark.parametrize("bad,message", [
    (['{"text": "좋다"', row("바람이 분다.")], r"train.jsonl:1: not valid JSON"),
    ([row("오늘은 날씨가 맑다."), '{"body": "바람"}'], r"train.jsonl:2: columns must be \['text'\]"),
    ([row("오늘은 날씨가 맑다."), row("This paragraph is English, not Korean.")], r"train.jsonl:2: expected Korean prose"),
    ([row("오늘은 날씨가 맑다."), row("오늘은 날씨가 맑다.")], r"train.jsonl:2: this paragraph already occurs at .*train.jsonl:1"),
])
def test_korean_corpus_errors_name_file_and_line(tmp_path, bad, message):
    with pytest.raises(data.CorpusError, match=message):
        lm_data.korean_corpus(write_corpus(tmp_path, {**GOOD, "train": bad}))


def test_a_paragraph_repeated_across_splits_is_a_leak(tmp_path):
    folder = write_corpus(tmp_path, {**GOOD, "test": [row("바람이 분다.")]})
    with pytest.raises(data.CorpusError, match=r"test.jsonl:1: this paragraph already occurs at .*train.jsonl:2"):
        lm_data.korean_corpus(folder)
    with pytest.raises(data.CorpusError, match="file not found"):
        lm_data.korean_corpus(tmp_path / "missing")


def test_the_course_korean_corpus_loads_and_unknown_languages_are_refused(capsys):
    dataset = lm_data.load("ko")
    assert set(dataset) == {"train", "validation", "test"} and len(dataset["train"]) > 100
    assert "Korean prose corpus" in capsys.readouterr().out
    assert lm_data.hangul_share("한국어 text") == pytest.approx(3 / 7)
    with pytest.raises(ValueError, match="accepted: 'en', 'ko'"):
        lm_data.corpus("fr")

import json
from pathlib import Path

import pytest

from utils import data
from utils.offline import pang_lee


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


SPEC = data.schema("sentence_classification", "en")


@pytest.mark.parametrize("line,message", [
    ('{"text": "fine", "label": "positive"', "not valid JSON"),
    ('{"text": "fine"}', "missing \\['label'\\]"),
    ('{"text": "fine", "label": "positive", "idx": 3}', "unexpected \\['idx'\\]"),
    ('{"text": "fine", "label": "great"}', "label 'great' is not one of"),
    ('{"text": "  ", "label": "positive"}', "'text' must be a non-empty string"),
    ('["fine", "positive"]', "expected a JSON object"),
])
def test_malformed_lines_name_file_line_and_problem(tmp_path, line, message):
    path = write(tmp_path / "train.jsonl", ['{"text": "good", "label": "positive"}', line])
    with pytest.raises(data.CorpusError, match=rf"train.jsonl:2: .*{message}"):
        data.read_jsonl(path, SPEC)


def test_empty_line_and_missing_file_are_errors(tmp_path):
    path = write(tmp_path / "a.jsonl", ['{"text": "good", "label": "positive"}', "", '{"text": "bad", "label": "negative"}'])
    with pytest.raises(data.CorpusError, match="a.jsonl:2: empty line"):
        data.read_jsonl(path, SPEC)
    with pytest.raises(data.CorpusError, match="file not found"):
        data.read_jsonl(tmp_path / "missing.jsonl", SPEC)


def test_labels_become_classlabel_ids_with_the_contract_names(tmp_path):
    rows = [{"text": "good", "label": "positive"}, {"text": "bad", "label": "negative"}]
    dataset = data.to_dataset(rows, SPEC)
    assert dataset.features["label"].names == ["negative", "positive"] and dataset["label"] == [1, 0]


def test_ner_sequences_are_checked(tmp_path):
    spec = data.schema("token_classification", "en")
    good = {"tokens": ["New", "York", "rocks"], "ner_tags": ["B-LOC", "I-LOC", "O"]}
    assert data.read_jsonl(write(tmp_path / "ok.jsonl", [json.dumps(good)]), spec)
    for tags, message in [(["I-LOC", "I-LOC", "O"], "follows O"), (["B-LOC", "I-PER", "O"], "follows B-LOC"),
                          (["B-LOC", "O"], "as long as 'tokens'"), (["B-CITY", "O", "O"], "unknown tags")]:
        path = write(tmp_path / "bad.jsonl", [json.dumps({**good, "ner_tags": tags})])
        with pytest.raises(data.CorpusError, match=message):
            data.read_jsonl(path, spec)


def test_qa_answers_must_sit_at_their_offset(tmp_path):
    spec = data.schema("question_answering", "en")
    row = {"id": "q1", "title": "t", "context": "Seoul is the capital.", "question": "Capital?",
           "answers": {"text": ["Seoul"], "answer_start": [0]}}
    assert data.read_jsonl(write(tmp_path / "ok.jsonl", [json.dumps(row)]), spec)
    bad = {**row, "answers": {"text": ["Seoul"], "answer_start": [3]}}
    with pytest.raises(data.CorpusError, match="not at answer_start 3"):
        data.read_jsonl(write(tmp_path / "bad.jsonl", [json.dumps(bad)]), spec)


def test_unknown_task_or_language_lists_the_known_ones():
    with pytest.raises(data.UnknownDatasetError, match="known tasks: sentence_classification"):
        data.schema("summarization", "en")
    with pytest.raises(data.UnknownDatasetError, match="languages: en, ko"):
        data.schema("token_classification", "fr")


def test_pang_lee_labels_by_rating_sign_and_reports_neutral():
    rows = [(i, rating, f"sentence {i}") for i, rating in enumerate([1.5, -2.0, 0.0, 0.3, -0.1, 2.2], start=1)]
    splits, neutral = pang_lee.pang_lee_splits(rows, n_validation=1, n_test=1)
    assert neutral == 1
    everything = splits["train"] + splits["validation"] + splits["test"]
    assert len(everything) == 5 and len(splits["test"]) == len(splits["validation"]) == 1
    labels = {r["text"]: r["label"] for r in everything}
    assert labels["sentence 1"] == "positive" and labels["sentence 2"] == "negative" and "sentence 3" not in labels


def test_pang_lee_file_errors_name_the_line(tmp_path):
    path = write(tmp_path / "pl.tsv", ["1\t0.5\tgood", "2\tzero\tbad"])
    with pytest.raises(data.CorpusError, match="pl.tsv:2: id and rating must be numbers"):
        pang_lee.pang_lee_sentences(path)


CORPUS_DIRS = sorted(p for p in data.CORPORA.glob("*/*") if p.is_dir() and p.parent.name in data.SCHEMAS)


@pytest.mark.parametrize("folder", CORPUS_DIRS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_written_corpus_loads_and_keeps_splits_apart(folder):
    """Every file validates (columns, labels, BIO tags, answer offsets) and no text is in two splits."""
    dataset = data.load_local(folder.parent.name, folder.name)
    spec = data.schema(folder.parent.name, folder.name)
    key = {"question_answering": "context", "token_classification": "tokens"}.get(folder.parent.name, spec.columns[0])
    seen = {split: {json.dumps(x, ensure_ascii=False) for x in dataset[split][key]} for split in data.SPLITS}
    assert not (seen["train"] & seen["test"]) and not (seen["train"] & seen["validation"]) and not (seen["validation"] & seen["test"])
    if spec.label_column and not spec.sequence_labels:  # every label appears in every split
        for split in data.SPLITS:
            assert set(dataset[split][spec.label_column]) == set(range(len(spec.label_names)))


def test_korean_sentiment_corpus_is_large_and_balanced():
    dataset = data.load_local("sentence_classification", "ko")
    total = sum(len(dataset[s]) for s in data.SPLITS)
    assert total >= 400
    labels = [y for s in data.SPLITS for y in dataset[s]["label"]]
    assert abs(labels.count(0) - labels.count(1)) <= 0.05 * total

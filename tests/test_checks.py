"""The final checks: floors where a model can beat them, honest checks where a stand-in cannot, nothing at smoke size."""

from pathlib import Path

import pytest

from utils import checks, runtime


def run(source="local", size="small", lang="en", replica=False):
    return runtime.Settings(source, size, lang, Path("/tmp"), "cpu", replica=replica)


LEARNING = [{"loss": 0.69}, {"eval_loss": 0.6}, {"loss": 0.40}]
FLAT = [{"loss": 1.10}, {"loss": 1.09}]


def test_a_floor_catches_a_broken_recipe():
    assert checks.final_check("04_sentence_classification", run(), 0.84, LEARNING, [0, 1])
    with pytest.raises(AssertionError, match="0.520 < floor 0.75"):
        checks.final_check("04_sentence_classification", run(), 0.52, LEARNING, [0, 1])
    with pytest.raises(AssertionError, match="not finite"):
        checks.final_check("07_token_classification", run(), 0.9, [{"loss": float("nan")}])


def test_weak_korean_standin_must_still_learn_something():
    made = checks.final_check("04_sentence_classification", run(lang="ko"), 0.55, LEARNING, [0, 1, 1])
    assert any("fell" in m for m in made)
    with pytest.raises(AssertionError, match="did not fall"):
        checks.final_check("04_sentence_classification", run(lang="ko"), 0.55, FLAT, [0, 1])
    with pytest.raises(AssertionError, match="same class"):
        checks.final_check("04_sentence_classification", run(lang="ko"), 0.5, LEARNING, [1, 1, 1])


def test_a_standin_at_chance_is_checked_for_what_it_can_show():
    made = checks.final_check("05_sentence_pair_classification", run(lang="ko"), 0.33, FLAT, [2, 2, 2])
    assert "at chance" in made[-1]
    with pytest.raises(AssertionError, match="far from ln 3"):
        checks.final_check("05_sentence_pair_classification", run(lang="ko"), 0.33, [{"loss": 9.0}], [2])


def test_nothing_at_smoke_size_or_on_the_replica():
    for settings in (run(size="smoke"), run(source="hub", replica=True)):
        assert "only the lesson" in checks.final_check("06_question_answering", settings, 0.0, [])[0]
    with pytest.raises(KeyError, match="no floors"):
        checks.floor("99_unknown", run())


def test_no_floor_sits_at_chance():
    """A floor of 0 (or at chance) never catches a broken recipe: either a real floor or None (then the loss must fall)."""
    for key, floors in {**checks.FLOORS, **checks.OFFLINE_FLOORS}.items():
        if floors is not None:
            assert all(v > 0.0 for v in floors.values()), key

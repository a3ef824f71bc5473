import pytest

from utils import checkpoints, runtime
from utils.offline import standins


def settings(source):
    return runtime.Settings(source=source, size="smoke", lang="en", artifacts=None, device="cpu")


def test_online_resolves_to_the_hub_id(capsys):
    assert checkpoints.resolve("google-bert/bert-base-uncased", settings("hub")) == "google-bert/bert-base-uncased"
    assert checkpoints.resolve("klue/bert-base", settings("hub")) == "klue/bert-base"
    assert "weights_only=True" in capsys.readouterr().out  # the .bin-only checkpoint is announced


def test_offline_resolves_to_an_announced_standin(capsys):
    path = checkpoints.resolve("google-bert/bert-base-uncased", settings("local"))
    assert path == str(standins.minilm_dir())
    assert "offline: using all-MiniLM-L6-v2" in capsys.readouterr().out


def test_unknown_checkpoint_lists_the_known_ones():
    with pytest.raises(checkpoints.UnknownCheckpointError) as err:
        checkpoints.resolve("bert-base-uncasd", settings("local"))
    assert "bert-base-uncasd" in str(err.value) and "google-bert/bert-base-uncased" in str(err.value)


def test_tokenizer_only_standin_refuses_to_pretend_it_has_weights():
    with pytest.raises(RuntimeError, match="only a tokenizer stand-in"):
        checkpoints.resolve("google-bert/bert-base-multilingual-cased", settings("local"))
    with pytest.raises(ValueError, match="part must be"):
        checkpoints.resolve("google-bert/bert-base-cased", settings("local"), part="weights")


def test_cased_checkpoint_has_exact_vocab_for_tokenizers_and_minilm_for_models(capsys):
    tokenizer_dir = checkpoints.resolve("google-bert/bert-base-cased", settings("local"), part="tokenizer")
    model_dir = checkpoints.resolve("google-bert/bert-base-cased", settings("local"))
    assert tokenizer_dir.endswith("vocab-bert-base-cased") and model_dir == str(standins.minilm_dir())
    out = capsys.readouterr().out
    assert "exact bert-base-cased vocabulary" in out and "capital letters are lost" in out


def test_every_catalog_entry_is_complete():
    for hub_id, entry in checkpoints.CATALOG.items():
        assert "/" in hub_id and entry.weights in ("safetensors", "bin")
        for key in (entry.model_standin, entry.tokenizer_standin):
            assert key is None or key in standins.STANDIN_DESCRIPTIONS


def test_shown_name_says_which_model_really_runs():
    online, offline = settings("hub"), settings("local")
    replica = runtime.Settings(source="hub", size="smoke", lang="en", artifacts=None, device="cpu", replica=True)
    assert checkpoints.shown_name("klue/bert-base", online) == "klue/bert-base"
    assert checkpoints.shown_name("klue/bert-base", offline) == "MiniLM + multilingual-vocabulary stand-in for klue/bert-base"
    assert checkpoints.shown_name("google-bert/bert-base-uncased", offline) == "MiniLM stand-in for google-bert/bert-base-uncased"
    assert "random weights" in checkpoints.shown_name("google-bert/bert-base-uncased", replica)
    with pytest.raises(checkpoints.UnknownCheckpointError):
        checkpoints.shown_name("nobody/nothing", offline)

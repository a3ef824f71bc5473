"""The tiny, randomly initialised stand-ins of utils.offline.tiny_models: they build, load, run, reload, and are cached."""

import json

import pytest
import torch

from utils import checkpoints, runtime
from utils.offline import standins, tiny_models

SENTENCE = "The Great Barrier Reef is the largest system of coral reefs in the world."


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """One cache for the module: every stand-in is built once, here, not in ~/.cache."""
    path = tmp_path_factory.mktemp("course-cache")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COURSE_CACHE", str(path))
        yield path


def load(name):
    import transformers

    path = tiny_models.tiny_dir(name)
    config = transformers.AutoConfig.from_pretrained(path)
    model = getattr(transformers, config.architectures[0]).from_pretrained(path).eval()
    if name == "clip":
        return path, model, transformers.AutoProcessor.from_pretrained(path)
    return path, model, transformers.AutoTokenizer.from_pretrained(path)


@pytest.mark.parametrize("name", list(tiny_models.TINY))
def test_each_standin_builds_loads_runs_and_reloads_identically(cache, tmp_path, name):
    path, model, tokenizer = load(name)
    assert path.is_relative_to(cache) and (path / "model.safetensors").exists()
    assert not list(path.glob("*.bin")), "stand-ins are saved as safetensors only"
    c = model.config.text_config if name == "clip" else model.config
    assert c.hidden_size == tiny_models.HIDDEN and c.num_hidden_layers == tiny_models.LAYERS

    text = "안녕하세요. 한국어 문장입니다." if name in ("electra-kor", "kobart") else SENTENCE
    if name == "clip":
        from PIL import Image

        inputs = tokenizer(text=[text, "a red circle"], images=[Image.new("RGB", (64, 48), "red")] * 2,
                           return_tensors="pt", padding=True)
    else:
        inputs = tokenizer([text], return_tensors="pt")
        assert tokenizer.unk_token_id not in inputs["input_ids"], tokenizer.convert_ids_to_tokens(inputs["input_ids"][0])
    if model.config.is_encoder_decoder and name != "kobart":
        inputs["labels"] = inputs["input_ids"]
    with torch.no_grad():
        out = model(**inputs)
    first = out.logits_per_image if name == "clip" else out[0]
    assert torch.isfinite(first).all()

    model.save_pretrained(tmp_path)
    reloaded = type(model).from_pretrained(tmp_path).eval()
    with torch.no_grad():
        again = reloaded(**inputs)
    assert torch.allclose(first, again.logits_per_image if name == "clip" else again[0], atol=1e-6)


def test_output_shapes_follow_the_architecture(cache):
    _, gpt2, tok = load("gpt2")
    enc = tok(SENTENCE, return_tensors="pt")
    with torch.no_grad():
        out = gpt2(**enc, labels=enc["input_ids"])
    assert out.logits.shape == (1, enc["input_ids"].shape[1], len(tok))
    assert abs(out.loss.item() - torch.log(torch.tensor(float(len(tok)))).item()) < 1.0   # random: about ln(V)

    _, electra, tok = load("electra")
    enc = tok(SENTENCE, return_tensors="pt")
    with torch.no_grad():
        assert electra(**enc).logits.shape == enc["input_ids"].shape                     # one score per token

    _, clip, processor = load("clip")
    from PIL import Image

    inputs = processor(text=["a", "b", "c"], images=[Image.new("RGB", (224, 224))] * 2, return_tensors="pt", padding=True)
    with torch.no_grad():
        out = clip(**inputs)
    patches = (tiny_models.CLIP_IMAGE_SIZE // tiny_models.CLIP_PATCH) ** 2
    assert inputs["pixel_values"].shape == (2, 3, tiny_models.CLIP_IMAGE_SIZE, tiny_models.CLIP_IMAGE_SIZE)
    assert out.logits_per_image.shape == (2, 3) and out.vision_model_output.last_hidden_state.shape[1] == patches + 1

    _, q, tok = load("dpr-question")
    _, c, _ = load("dpr-context")
    enc = tok(["who?", "where is it?"], padding=True, return_tensors="pt")
    with torch.no_grad():
        assert q(**enc).pooler_output.shape == (2, tiny_models.HIDDEN)
        assert not torch.allclose(q(**enc).pooler_output, c(**enc).pooler_output)       # two different encoders


def test_tokenizers_keep_the_real_conventions(cache):
    _, _, t5 = load("t5")
    assert t5.convert_tokens_to_ids("<extra_id_0>") == len(t5) - 1                     # sentinels count down, as in T5
    assert t5.tokenize("The <extra_id_0> walks")[1] == "<extra_id_0>"                 # a sentinel is never split
    _, _, bart = load("bart")
    assert bart.convert_ids_to_tokens(bart("the <mask> is")["input_ids"]) == ["<s>", "the", "<mask>", "Ġis", "</s>"]
    assert bart.mask_token_id == len(bart) - 1 and bart.pad_token_id == 1
    _, _, gpt2 = load("gpt2")
    assert gpt2.eos_token == "<|endoftext|>" and gpt2.eos_token_id == len(gpt2) - 1
    assert gpt2.decode(gpt2(SENTENCE)["input_ids"]) == SENTENCE                        # byte-level: lossless
    _, _, bert = load("bert-mlm")
    assert bert("Hello world")["input_ids"] == [101, 7592, 2088, 102]                   # bert-base-uncased's ids
    _, _, ko = load("electra-kor")
    tokens = ko.tokenize("한국어 문장")
    jamo = [ch for t in tokens for ch in t if "\u1100" <= ch <= "\u11ff" or "\u3131" <= ch <= "\u318e"]
    assert tokens and not jamo, tokens            # lower-casing must not decompose Hangul syllables into jamo
    _, _, kobart = load("kobart")
    assert kobart.tokenize("한국어 문장")[0].startswith("▁")


def test_standins_are_cached_and_rebuilt_when_outdated(cache, monkeypatch):
    path = tiny_models.tiny_dir("gpt2")
    monkeypatch.setattr(tiny_models, "build", lambda *a: pytest.fail("a cached stand-in must not be rebuilt"))
    assert tiny_models.tiny_dir("gpt2") == path
    monkeypatch.undo()

    marker = path / tiny_models.MARKER
    old = json.loads(marker.read_text())
    marker.write_text(json.dumps({**old, "builder_version": tiny_models.BUILDER_VERSION - 1}))
    built = []
    real_build = tiny_models.build
    monkeypatch.setattr(tiny_models, "build", lambda name, target: built.append(name) or real_build(name, target))
    assert tiny_models.tiny_dir("gpt2") == path and built == ["gpt2"]
    assert json.loads(marker.read_text())["builder_version"] == tiny_models.BUILDER_VERSION


def test_building_is_deterministic_and_leaves_the_callers_rng_alone(tmp_path):
    from safetensors.torch import load_file

    torch.manual_seed(0)
    expected = torch.rand(3)
    torch.manual_seed(0)
    tiny_models.build("t5", tmp_path / "a")
    assert torch.equal(torch.rand(3), expected)
    tiny_models.build("t5", tmp_path / "b")
    a, b = load_file(tmp_path / "a" / "model.safetensors"), load_file(tmp_path / "b" / "model.safetensors")
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_unknown_tiny_standin_is_refused():
    with pytest.raises(KeyError, match="known: gpt2"):
        tiny_models.tiny_dir("gpt-17")
    with pytest.raises(KeyError, match="unknown tiny stand-in 'gpt-17'"):
        standins.standin_dir("tiny:gpt-17")


def test_every_tiny_standin_is_registered_and_announced_honestly(cache, capsys):
    offline = runtime.Settings(source="local", size="smoke", lang="en", artifacts=None, device="cpu")
    for name, spec in tiny_models.TINY.items():
        key = f"tiny:{name}"
        description = standins.STANDIN_DESCRIPTIONS[key]
        assert "tiny, randomly initialised" in description and "built from a config" in description
        entry = checkpoints.get(spec.imitates)
        assert key in (entry.model_standin, entry.pretraining_standin)
        part = "model" if entry.model_standin == key else "pretraining"
        assert checkpoints.resolve(spec.imitates, offline, part=part) == str(standins.standin_dir(key))
        assert f"offline: using {description}" in capsys.readouterr().out


def test_pretraining_part_gives_bert_an_mlm_head_offline_and_the_hub_id_online(cache, capsys):
    offline = runtime.Settings(source="local", size="smoke", lang="en", artifacts=None, device="cpu")
    online = runtime.Settings(source="hub", size="smoke", lang="en", artifacts=None, device="cpu")
    hub_id = "google-bert/bert-base-uncased"
    assert checkpoints.resolve(hub_id, offline) == str(standins.minilm_dir())                # fine-tuning: real MiniLM
    assert checkpoints.resolve(hub_id, offline, part="pretraining").endswith("tiny-bert-mlm")
    assert checkpoints.resolve(hub_id, online, part="pretraining") == hub_id
    checkpoints.resolve("kykim/electra-kor-base", online, part="pretraining")
    assert "weights_only=True" in capsys.readouterr().out                                    # .bin note online


def test_corpus_text_strips_entity_markup(tmp_path):
    folder = tmp_path / "token_classification" / "ko"
    folder.mkdir(parents=True)
    (folder / "train.jsonl").write_text(json.dumps({"sentence": "<서울:LC>에 갔다", "tokens": ["서"], "ner_tags": ["B-LC"]},
                                                   ensure_ascii=False) + "\n", encoding="utf-8")
    assert tiny_models.corpus_text("ko", tmp_path) == ["서울에 갔다"]
    with pytest.raises(RuntimeError, match="no Korean corpus"):
        tiny_models.korean_text(tmp_path / "empty")

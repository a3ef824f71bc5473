"""The local Hub replica's server answers the way the Hub does, so huggingface_hub, transformers and datasets load from
it with their normal code: repository info, listings, file metadata and content, byte ranges, and the Hub's errors."""

import json
import os
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.replica.control import serving

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def replica(tmp_path_factory):
    """A replica folder with one .bin-only tiny BERT (like klue/bert-base) and one parquet dataset with a config."""
    import torch
    from datasets import ClassLabel, Dataset, Features, Value
    from transformers import BertConfig, BertForPreTraining

    root = tmp_path_factory.mktemp("replica")
    model = root / "models" / "course-test" / "tiny-bert"
    config = BertConfig(vocab_size=32, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32)
    BertForPreTraining(config).save_pretrained(str(model))
    from safetensors.torch import load_file

    torch.save(load_file(str(model / "model.safetensors")), model / "pytorch_model.bin")
    (model / "model.safetensors").unlink()
    tokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + [f"w{i}" for i in range(27)]
    (model / "vocab.txt").write_text("\n".join(tokens) + "\n")
    (model / "tokenizer_config.json").write_text(json.dumps({"do_lower_case": True, "tokenizer_class": "BertTokenizer"}))
    (model / ".replica.json").write_text(json.dumps({"tags": ["ko"], "pipeline_tag": "fill-mask", "downloads": 7,
                                                     "cardData": {"license": "mit"}}))
    dataset = root / "datasets" / "course-test" / "pairs"
    (dataset / "first").mkdir(parents=True)
    features = Features({"text": Value("string"), "label": ClassLabel(names=["no", "yes"])})
    for split, n in (("train", 6), ("validation", 2)):
        Dataset.from_dict({"text": [f"t{i}" for i in range(n)], "label": [i % 2 for i in range(n)]},
                          features=features).to_parquet(str(dataset / "first" / f"{split}-00000-of-00001.parquet"))
    (dataset / "README.md").write_text("---\nconfigs:\n- config_name: first\n  data_files:\n  - split: train\n"
                                       "    path: first/train-*\n  - split: validation\n    path: first/validation-*\n---\n")
    (root / "static" / "mirror").mkdir(parents=True)
    (root / "static" / "mirror" / "hello.txt").write_text("hello\n")
    (root / "replica.json").write_text(json.dumps({"exact": False, "nsmc_path": "mirror"}))
    with serving(root) as env:
        yield root, env


def fetch(url: str, method: str = "GET", headers: dict | None = None):
    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_info_tree_and_paths_info(replica):
    root, env = replica
    hub = env["HF_ENDPOINT"]
    status, _, body = fetch(f"{hub}/api/models/course-test/tiny-bert")
    info = json.loads(body)
    assert status == 200 and len(info["sha"]) == 40 and info["pipeline_tag"] == "fill-mask"
    assert {s["rfilename"] for s in info["siblings"]} == {"config.json", "pytorch_model.bin", "vocab.txt",
                                                           "tokenizer_config.json"}          # .replica.json is not a file
    assert json.loads(fetch(f"{hub}/api/models/course-test/tiny-bert/revision/{info['sha']}")[2])["sha"] == info["sha"]
    tree = json.loads(fetch(f"{hub}/api/datasets/course-test/pairs/tree/main")[2])
    assert {(e["type"], e["path"]) for e in tree} == {("directory", "first"), ("file", "README.md")}
    deep = json.loads(fetch(f"{hub}/api/datasets/course-test/pairs/tree/main?recursive=true")[2])
    parquet = [e for e in deep if e["path"].endswith(".parquet")]
    assert len(parquet) == 2 and all(e["lfs"]["size"] == e["size"] for e in parquet)   # parquet lives in LFS
    form = urllib.parse.urlencode([("paths", "first"), ("paths", "README.md"), ("paths", "missing.txt")]).encode()
    request = urllib.request.Request(f"{hub}/api/datasets/course-test/pairs/paths-info/main", data=form, method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert [e["path"] for e in json.loads(response.read())] == ["first", "README.md"]


def test_resolve_headers_ranges_and_errors(replica):
    root, env = replica
    hub = env["HF_ENDPOINT"]
    sha = json.loads(fetch(f"{hub}/api/models/course-test/tiny-bert")[2])["sha"]
    data = (root / "models" / "course-test" / "tiny-bert" / "pytorch_model.bin").read_bytes()
    status, headers, body = fetch(f"{hub}/course-test/tiny-bert/resolve/main/pytorch_model.bin", "HEAD")
    assert status == 200 and body == b"" and headers["X-Repo-Commit"] == sha
    assert headers["X-Linked-Size"] == headers["Content-Length"] == str(len(data)) and len(headers["X-Linked-Etag"]) == 66
    status, headers, body = fetch(f"{hub}/course-test/tiny-bert/resolve/{sha}/pytorch_model.bin", headers={"Range": "bytes=10-19"})
    assert status == 206 and body == data[10:20] and headers["Content-Range"] == f"bytes 10-19/{len(data)}"
    assert fetch(f"{hub}/course-test/tiny-bert/resolve/main/vocab.txt")[2].startswith(b"[PAD]\n")
    for url, code, error in [
        (f"{hub}/course-test/no-such-model/resolve/main/config.json", 401, "RepoNotFound"),
        (f"{hub}/api/models/course-test/no-such-model", 401, "RepoNotFound"),
        (f"{hub}/course-test/tiny-bert/resolve/main/model.safetensors", 404, "EntryNotFound"),
        (f"{hub}/course-test/tiny-bert/resolve/v9.9/config.json", 404, "RevisionNotFound"),
        (f"{hub}/api/datasets/course-test/pairs/tree/main/nowhere", 404, "EntryNotFound"),
    ]:
        status, headers, _ = fetch(url, "HEAD" if "resolve" in url else "GET")
        assert (status, headers.get("X-Error-Code")) == (code, error), url
    assert fetch(f"{hub}/course-test/tiny-bert/resolve/main/vocab.txt", headers={"Range": "bytes=9999-"})[0] == 416
    static = env["COURSE_NSMC_URL"]
    assert fetch(f"{static}/hello.txt")[2] == b"hello\n"


CLIENTS = textwrap.dedent("""
    import huggingface_hub, pytest
    from huggingface_hub import HfApi, hf_hub_download
    from huggingface_hub.errors import EntryNotFoundError, RepositoryNotFoundError, RevisionNotFoundError
    from transformers import AutoModel, AutoTokenizer
    from datasets import load_dataset

    api = HfApi()
    assert [m.id for m in api.list_models(filter="ko", pipeline_tag="fill-mask", sort="downloads", limit=3)] == ["course-test/tiny-bert"]
    info = api.model_info("course-test/tiny-bert", files_metadata=True)
    assert info.card_data.get("license") == "mit" and all(s.size for s in info.siblings)
    # .bin only: transformers asks for model.safetensors, gets EntryNotFound, and falls back to pytorch_model.bin
    model = AutoModel.from_pretrained("course-test/tiny-bert")
    tokenizer = AutoTokenizer.from_pretrained("course-test/tiny-bert")
    assert model.config.hidden_size == 16 and tokenizer.tokenize("w3 w7") == ["w3", "w7"]
    with pytest.raises(RepositoryNotFoundError):
        hf_hub_download("course-test/missing", "config.json")
    with pytest.raises(EntryNotFoundError):
        hf_hub_download("course-test/tiny-bert", "missing.json")
    with pytest.raises(RevisionNotFoundError):
        hf_hub_download("course-test/tiny-bert", "config.json", revision="v9.9")
    with pytest.raises(OSError, match="course-test/missing"):      # what a learner sees for an unknown id
        AutoTokenizer.from_pretrained("course-test/missing")
    pairs = load_dataset("course-test/pairs", "first")
    assert {k: len(v) for k, v in pairs.items()} == {"train": 6, "validation": 2}
    assert pairs["train"].features["label"].names == ["no", "yes"]
    print("clients ok")
""")


def test_huggingface_clients_load_through_the_replica(replica, tmp_path):
    root, env = replica
    script = tmp_path / "clients.py"
    script.write_text(CLIENTS)
    full = {**os.environ, **env, "HF_HOME": str(tmp_path / "hf-home")}
    for name in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE"):
        full.pop(name, None)
    out = subprocess.run([sys.executable, str(script)], env=full, capture_output=True, text=True, cwd=REPO, timeout=300)
    assert out.returncode == 0 and "clients ok" in out.stdout, out.stderr[-3000:]


def test_repeated_rows_keep_unique_ids():
    from tests.replica.build import _cycle

    rows = _cycle([{"id": "a", "x": 1}, {"id": "b", "x": 2}], 5)
    assert [r["id"] for r in rows] == ["a", "b", "a-r1", "b-r1", "a-r2"] and [r["x"] for r in rows] == [1, 2, 1, 2, 1]
    assert _cycle([{"x": 1}], 2) == [{"x": 1}, {"x": 1}]


def test_replica_splits_mix_the_labels(tmp_path):
    """Every labelled split of the replica's datasets holds every label, as the real splits do."""
    import collections

    from tests.replica.build import build_datasets

    build_datasets(tmp_path)
    import pyarrow.parquet as pq

    for path in sorted((tmp_path / "datasets").rglob("*.parquet")):
        table = pq.read_table(path)
        if "label" in table.column_names:
            counts = collections.Counter(table.column("label").to_pylist())
            assert counts.get(-1) == table.num_rows or len(counts) >= 2, (path, counts)

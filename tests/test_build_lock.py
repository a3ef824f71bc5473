"""build_once: one build even when processes race, no half-written result, and a failed build leaves nothing behind."""

from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from utils.offline.build_lock import build_once


def _slow_build(tmp: Path, log: Path) -> None:
    with open(log, "a") as handle:          # one line per build that really ran
        handle.write("built\n")
    tmp.mkdir()
    time.sleep(0.5)                          # long enough for the other process to arrive mid-build
    (tmp / "done.txt").write_text("ok")


def _worker(target: str, log: str, results) -> None:
    path = build_once(Path(target), lambda p: (p / "done.txt").exists(), lambda tmp: _slow_build(tmp, Path(log)))
    results.put((path / "done.txt").read_text())


def test_two_processes_build_once_and_both_read_a_finished_build(tmp_path: Path) -> None:
    target, log = tmp_path / "standin", tmp_path / "log.txt"
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [context.Process(target=_worker, args=(str(target), str(log), results)) for _ in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(30)
    assert [w.exitcode for w in workers] == [0, 0]
    assert sorted(results.get(timeout=5) for _ in workers) == ["ok", "ok"]
    assert log.read_text().count("built") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["log.txt", "standin", "standin.lock"]   # no temporary left


def test_a_done_target_is_not_rebuilt(tmp_path: Path) -> None:
    target = tmp_path / "file.tsv"
    target.write_text("cached")
    calls = []
    assert build_once(target, Path.exists, calls.append) == target
    assert calls == [] and target.read_text() == "cached"


def test_a_failed_build_leaves_no_target_and_no_temporary(tmp_path: Path) -> None:
    def broken(tmp: Path) -> None:
        tmp.write_text("half")
        raise RuntimeError("registry unreachable")

    with pytest.raises(RuntimeError, match="registry unreachable"):
        build_once(tmp_path / "file.tsv", Path.exists, broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.tsv.lock"]

"""Command 1 of the README: execute every notebook in order and write ``build/results.md``.

Executed copies go to ``build/<stem>.<lang>.ipynb``; the committed notebooks are never written. A notebook that
reads COURSE_LANG (its metadata lists ``course.languages``) runs once per language asked for.
Exit status 1 if any notebook fails; the failing cell is named.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parent.parent
BANNER_FIELD = r"\| {} (\w+)"


def notebook_languages(nb: nbformat.NotebookNode) -> list[str]:
    """The languages a notebook runs in: ``metadata.course.languages``, or English only."""
    return list(nb.metadata.get("course", {}).get("languages", ["en"]))


def failing_cell(nb: nbformat.NotebookNode) -> str:
    """Describe the first cell with an error output: its number and first source line."""
    for number, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                return f"cell {number} ({first[:60]!r}): {output.get('ename')}: {str(output.get('evalue'))[:200]}"
    return "no cell reported an error (kernel died or timed out)"


def banner_field(nb: nbformat.NotebookNode, field: str) -> str:
    """A field of the setup cell's banner, e.g. ``source`` ("hub" or "local") or ``size``; "?" if not printed."""
    pattern = re.compile(BANNER_FIELD.format(field))
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("text", "")
            match = pattern.search(text) if isinstance(text, str) else None
            if match:
                return match.group(1)
    return "?"


def headline(artifacts: Path, stem: str, lang: str) -> tuple[str, str]:
    """``(metric = value, train seconds)`` from the notebook's metrics.json; empty strings when it writes none."""
    path = artifacts / stem / lang / "metrics.json"
    if not path.exists():
        return "", ""
    metrics = json.loads(path.read_text(encoding="utf-8"))
    head = metrics.get("headline", {})
    seconds = metrics.get("train_seconds")
    return (f"{head.get('metric')} = {head.get('value')}" if head else "",
            f"{seconds:.0f} s" if isinstance(seconds, (int, float)) else "")


def run(notebooks: list[Path], langs: list[str], build: Path, timeout: int) -> int:
    build.mkdir(parents=True, exist_ok=True)
    artifacts = Path(os.environ.get("COURSE_ARTIFACTS") or ROOT / "artifacts").resolve()
    jobs = []
    for path in notebooks:
        nb_langs = notebook_languages(nbformat.read(path, as_version=4))
        jobs += [(path, lang) for lang in langs if lang in nb_langs] or [(path, nb_langs[0])]
    rows, failures = [], 0
    for k, (path, lang) in enumerate(jobs, start=1):
        nb = nbformat.read(path, as_version=4)
        print(f"[{k}/{len(jobs)}] {path.stem} ({lang}) ...", end=" ", flush=True)
        os.environ["COURSE_LANG"] = lang  # the kernel inherits the environment
        start = time.perf_counter()
        status, detail = "ok", ""
        try:
            # log_level=ERROR: the kernel's start-up warning about local TCP would break the progress line.
            NotebookClient(nb, kernel_name="python3", timeout=timeout, startup_timeout=300,
                           extra_arguments=["--IPKernelApp.log_level=ERROR"],
                           resources={"metadata": {"path": str(path.parent)}}).execute()
        except CellExecutionError:
            status, detail = "FAILED", failing_cell(nb)
        except Exception as err:  # timeouts, dead kernels
            status, detail = "FAILED", f"{type(err).__name__}: {str(err)[:200]}"
        seconds = time.perf_counter() - start
        nbformat.write(nb, build / f"{path.stem}.{lang}.ipynb")
        failures += status != "ok"
        print(f"{status} in {seconds:.0f} s" + (f"\n    {detail}" if detail else ""), flush=True)
        metric, train = headline(artifacts, path.stem, lang) if status == "ok" else (detail, "")
        rows.append((path.stem, lang, status, seconds, train, banner_field(nb, "source"), banner_field(nb, "size"), metric))
    lines = [f"# Course run ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPU cores)", "",
             "| notebook | lang | status | wall time | of which training | source | size | headline metric |",
             "|---|---|---|---|---|---|---|---|"]
    lines += [f"| {s} | {l} | {st} | {sec:.0f} s | {tr} | {src} | {size} | {h} |" for s, l, st, sec, tr, src, size, h in rows]
    (build / "results.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebooks to run (default: all of notebooks/, in order)")
    parser.add_argument("--langs", default="en,ko", help="comma-separated languages for bilingual notebooks (default en,ko)")
    parser.add_argument("--build", default=str(ROOT / "build"), help="where executed copies and results.md go")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds a single cell may run")
    args = parser.parse_args(argv)
    notebooks = [Path(p).resolve() for p in args.notebooks] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    if not notebooks:
        print("no notebooks found", file=sys.stderr)
        return 1
    langs = [lang.strip() for lang in args.langs.split(",") if lang.strip()]
    unknown = [lang for lang in langs if lang not in ("en", "ko")]
    if unknown:
        parser.error(f"unknown language(s) {unknown}; accepted: en, ko")
    return run(notebooks, langs, Path(args.build), args.timeout)


if __name__ == "__main__":
    sys.exit(main())

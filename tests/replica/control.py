"""Start and stop the replica server around a command (what ``./course test`` does for its hub-mode pass)."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

REPO_ROOT = Path(__file__).resolve().parents[2]
# Where a stale build shows: the builder's inputs. A replica older than any of them is rebuilt.
INPUTS = [Path(__file__).with_name("build.py"), REPO_ROOT / "utils" / "corpora", REPO_ROOT / "utils" / "offline"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _newest_input() -> float:
    return max(p.stat().st_mtime for base in INPUTS for p in ([base] if base.is_file() else base.rglob("*")))


def ensure_built(root: Path, exact: bool = False) -> Path:
    """Build the replica into ``root`` unless a build of the same kind, newer than its inputs, is there."""
    stamp = root / "replica.json"
    if stamp.exists() and json.loads(stamp.read_text()).get("exact") == exact and stamp.stat().st_mtime > _newest_input():
        return root
    from .build import build

    started = time.perf_counter()
    print(f"building the Hub replica in {root} ({'bert-base-sized' if exact else 'tiny'} random weights)", flush=True)
    build(root, exact=exact)
    print(f"replica built in {time.perf_counter() - started:.0f} s", flush=True)
    return root


@contextlib.contextmanager
def serving(root: Path, timeout: float = 60.0) -> Iterator[dict[str, str]]:
    """Serve ``root`` on two free loopback ports; yield the environment a hub-mode run needs; always stop."""
    port, static_port = free_port(), free_port()
    ready = root / f".ready-{port}"
    ready.unlink(missing_ok=True)
    log = open(root / "server.log", "a")
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.replica", "serve", "--root", str(root), "--port", str(port),
         "--static-port", str(static_port), "--ready-file", str(ready)],
        cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while not ready.exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Hub replica did not start (see {root / 'server.log'})")
            time.sleep(0.1)
        endpoint = f"http://127.0.0.1:{port}"
        yield {
            "HF_ENDPOINT": endpoint,
            "COURSE_NSMC_URL": f"http://127.0.0.1:{static_port}/" + json.loads((root / "replica.json").read_text())["nsmc_path"],
            "COURSE_REPLICA": "1",
            "COURSE_SOURCE": "hub",
            # .bin-only repos: transformers would start a background safetensors conversion that asks the Hub's
            # discussions API; the replica has none.
            "DISABLE_SAFETENSORS_CONVERSION": "1",
            "HF_HUB_DISABLE_TELEMETRY": "1",
        }
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        ready.unlink(missing_ok=True)


def run_with_replica(root: Path, cmd: list[str], exact: bool = False) -> int:
    """Build if needed, serve, run ``cmd`` with the hub-mode environment (and a fresh HF cache), stop the server."""
    root = ensure_built(Path(root).resolve(), exact)
    with serving(root) as env:
        # A cache of its own: replica files must never mix with a real Hub cache (same ids, other content).
        full = {**os.environ, **env, "HF_HOME": str(root.parent / f"{root.name}-hf-home")}
        print(f"hub mode against the replica at {env['HF_ENDPOINT']}: {' '.join(cmd)}", flush=True)
        return subprocess.call(cmd, env=full)

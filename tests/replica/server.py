"""Serve a folder of repositories over the Hugging Face Hub's HTTP API (the part the course's libraries use).

Layout of the folder (written by :mod:`tests.replica.build`)::

    <root>/models/<org>/<name>/...      files of a model repository
    <root>/datasets/<org>/<name>/...    files of a dataset repository
    <root>/static/...                   plain files served on a second port (NSMC's TSV files, not a Hub path)

A repository may hold ``.replica.json`` (not listed as a file) with its card data, tags, pipeline tag and library.

Endpoints, with the Hub's status codes and ``X-Error-Code`` headers, which ``huggingface_hub`` turns into its errors:

* ``GET /api/{models,datasets}/<repo>[/revision/<rev>]``: repository info (sha, siblings, cardData, tags)
* ``GET /api/{models,datasets}/<repo>/tree/<rev>[/<path>]?recursive=``: folder listing
* ``POST /api/{models,datasets}/<repo>/paths-info/<rev>``: info on given paths
* ``GET /api/models?search=&author=&filter=&pipeline_tag=&sort=&limit=``: model search
* ``GET|HEAD /<repo>/resolve/<rev>/<path>`` and ``/datasets/<repo>/resolve/<rev>/<path>``: file content with
  ``X-Repo-Commit``, ``ETag`` (git blob id), ``X-Linked-Etag``/``X-Linked-Size`` (sha256 and size of LFS files) and
  byte ``Range`` requests

Errors: unknown repository 401 ``RepoNotFound``; unknown revision 404 ``RevisionNotFound``; missing file 404
``EntryNotFound`` (the Hub's answers; olah 0.5.4 answers 401 for a missing file, which breaks transformers' fallback
from ``model.safetensors`` to ``pytorch_model.bin``). Revisions: ``main`` and the repository's commit sha.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from aiohttp import web

LFS_SUFFIXES = (".safetensors", ".bin", ".parquet", ".h5", ".msgpack", ".pt", ".model", ".arrow")
LFS_MIN_SIZE = 10 * 1024 * 1024
META_FILE = ".replica.json"
REPO_KINDS = ("models", "datasets")
LAST_MODIFIED = "2024-06-01T00:00:00.000Z"
CHUNK = 1 << 20


@dataclass(frozen=True)
class Entry:
    """One file of a repository: what the Hub reports about it."""

    path: str
    size: int
    blob_id: str  # git blob sha1
    sha256: str | None  # set for files the Hub stores in LFS

    def sibling_json(self) -> dict:
        """As in repository info with ``blobs=True`` (``model_info(files_metadata=True)``)."""
        out = {"rfilename": self.path, "size": self.size, "blobId": self.blob_id}
        if self.sha256:
            out["lfs"] = {"sha256": self.sha256, "size": self.size, "pointerSize": 134}
        return out

    def tree_json(self) -> dict:
        out = {"type": "file", "oid": self.blob_id, "size": self.size, "path": self.path}
        if self.sha256:
            out["lfs"] = {"oid": self.sha256, "size": self.size, "pointerSize": 134}
        return out


@dataclass
class Repo:
    """A repository on disk; file hashes are computed once, on first use."""

    kind: str
    repo_id: str
    folder: Path
    _entries: dict[str, Entry] | None = field(default=None, repr=False)

    @property
    def entries(self) -> dict[str, Entry]:
        if self._entries is None:
            entries = {}
            for path in sorted(p for p in self.folder.rglob("*") if p.is_file() and p.name != META_FILE):
                rel = path.relative_to(self.folder).as_posix()
                entries[rel] = _entry(path, rel)
            self._entries = entries
        return self._entries

    @property
    def sha(self) -> str:
        """A 40-hex commit id derived from the content, stable while the files stay the same."""
        digest = hashlib.sha1(self.repo_id.encode())
        for entry in self.entries.values():
            digest.update(f"{entry.path}\0{entry.blob_id}\n".encode())
        return digest.hexdigest()

    @property
    def meta(self) -> dict:
        path = self.folder / META_FILE
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    def folders(self) -> set[str]:
        out = set()
        for rel in self.entries:
            parts = rel.split("/")[:-1]
            out.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        return out

    def folder_json(self, path: str) -> dict:
        return {"type": "directory", "oid": hashlib.sha1(f"{self.sha}:{path}".encode()).hexdigest(), "size": 0, "path": path}

    def info(self) -> dict:
        meta = self.meta
        org = self.repo_id.split("/")[0]
        out = {
            "_id": hashlib.md5(self.repo_id.encode()).hexdigest()[:24],
            "id": self.repo_id,
            "author": org,
            "sha": self.sha,
            "lastModified": LAST_MODIFIED,
            "createdAt": LAST_MODIFIED,
            "private": False,
            "gated": False,
            "disabled": False,
            "downloads": meta.get("downloads", 0),
            "likes": meta.get("likes", 0),
            "tags": meta.get("tags", []),
            "siblings": [e.sibling_json() for e in self.entries.values()],
        }
        if "cardData" in meta:
            out["cardData"] = meta["cardData"]
        if self.kind == "models":
            out["modelId"] = self.repo_id
            for key in ("pipeline_tag", "library_name"):
                if key in meta:
                    out[key] = meta[key]
        return out


def _entry(path: Path, rel: str) -> Entry:
    data_size = path.stat().st_size
    blob = hashlib.sha1(f"blob {data_size}\0".encode())
    lfs = rel.endswith(LFS_SUFFIXES) or data_size >= LFS_MIN_SIZE
    sha256 = hashlib.sha256() if lfs else None
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            blob.update(chunk)
            if sha256 is not None:
                sha256.update(chunk)
    return Entry(rel, data_size, blob.hexdigest(), sha256.hexdigest() if sha256 is not None else None)


class HubError(Exception):
    """An error answered the way the Hub answers it."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message

    def response(self) -> web.Response:
        headers = {"X-Error-Code": self.code, "X-Error-Message": self.message}
        return web.json_response({"error": self.message}, status=self.status, headers=headers)


class Replica:
    """The repositories under ``root``, looked up by kind and id."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._repos: dict[tuple[str, str], Repo] = {}

    def repo(self, kind: str, repo_id: str) -> Repo:
        key = (kind, repo_id)
        if key not in self._repos:
            folder = self.root / kind / repo_id
            if not folder.is_dir() or repo_id.count("/") != 1:
                raise HubError(401, "RepoNotFound", "Repository not found")
            self._repos[key] = Repo(kind, repo_id, folder)
        return self._repos[key]

    def at(self, kind: str, repo_id: str, revision: str) -> Repo:
        repo = self.repo(kind, repo_id)
        if revision not in ("main", repo.sha):
            raise HubError(404, "RevisionNotFound", f"Invalid rev id: {revision}")
        return repo

    def all_repos(self, kind: str) -> list[Repo]:
        base = self.root / kind
        if not base.is_dir():
            return []
        return [self.repo(kind, f"{org.name}/{name.name}") for org in sorted(base.iterdir()) if org.is_dir()
                for name in sorted(org.iterdir()) if name.is_dir()]


# --- request handling ---------------------------------------------------------------------------------------------

_REPO = r"(?P<repo>[^/]+/[^/]+)"
ROUTES = [
    ("info", re.compile(rf"^/api/(?P<kind>models|datasets)/{_REPO}(?:/revision/(?P<rev>[^/]+))?/?$")),
    ("tree", re.compile(rf"^/api/(?P<kind>models|datasets)/{_REPO}/tree/(?P<rev>[^/]+)(?:/(?P<path>.*))?$")),
    ("paths_info", re.compile(rf"^/api/(?P<kind>models|datasets)/{_REPO}/paths-info/(?P<rev>[^/]+)$")),
    ("search", re.compile(r"^/api/models/?$")),
    ("resolve", re.compile(rf"^/(?P<kind>datasets)/{_REPO}/resolve/(?P<rev>[^/]+)/(?P<path>.+)$")),
    ("resolve", re.compile(rf"^/{_REPO}/resolve/(?P<rev>[^/]+)/(?P<path>.+)$")),
]


def make_app(root: Path, log: list[str] | None = None) -> web.Application:
    """The Hub API over the repositories in ``root``; every request is appended to ``log`` when one is given."""
    replica = Replica(root)

    async def handle(request: web.Request) -> web.StreamResponse:
        raw = request.rel_url.raw_path
        if log is not None:
            log.append(f"{request.method} {request.rel_url}")
        try:
            for name, pattern in ROUTES:
                match = pattern.match(raw)
                if match:
                    parts = {k: unquote(v) if v is not None else None for k, v in match.groupdict().items()}
                    return await HANDLERS[name](request, replica, **parts)
            raise HubError(404, "NotFound", f"the replica has no endpoint for {request.method} {raw}")
        except HubError as err:
            return err.response()

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


async def _info(request, replica: Replica, kind: str, repo: str, rev: str | None) -> web.Response:
    return web.json_response(replica.at(kind, repo, rev or "main").info())


async def _tree(request, replica: Replica, kind: str, repo: str, rev: str, path: str | None) -> web.Response:
    target = replica.at(kind, repo, rev)
    path = (path or "").strip("/")
    recursive = request.query.get("recursive", "false").lower() in ("1", "true")
    folders = target.folders()
    if path and path not in folders:
        if path in target.entries:  # the Hub lists a file path as that one file
            return web.json_response([target.entries[path].tree_json()])
        raise HubError(404, "EntryNotFound", f"{path} does not exist on \"{rev}\"")
    prefix = f"{path}/" if path else ""

    def wanted(p: str) -> bool:
        return p.startswith(prefix) and (recursive or "/" not in p[len(prefix):])

    listing = [target.folder_json(f) for f in sorted(folders) if wanted(f)]
    listing += [e.tree_json() for p, e in target.entries.items() if wanted(p)]
    return web.json_response(listing)


async def _paths_info(request, replica: Replica, kind: str, repo: str, rev: str) -> web.Response:
    target = replica.at(kind, repo, rev)
    form = await request.post()
    paths = form.getall("paths", [])
    if not paths and request.content_type == "application/json":  # pragma: no cover - the client sends a form
        paths = (await request.json()).get("paths", [])
    folders = target.folders()
    out = []
    for path in (p.strip("/") for p in paths):
        if path in target.entries:
            out.append(target.entries[path].tree_json())
        elif path in folders:
            out.append(target.folder_json(path))
    return web.json_response(out)


async def _search(request, replica: Replica) -> web.Response:
    query = request.query
    found = replica.all_repos("models")
    if query.get("search"):
        found = [r for r in found if query["search"].lower() in r.repo_id.lower()]
    if query.get("author"):
        found = [r for r in found if r.repo_id.split("/")[0] == query["author"]]
    for tag in query.getall("filter", []):
        found = [r for r in found if tag in r.meta.get("tags", []) or tag == r.meta.get("library_name")]
    if query.get("pipeline_tag"):
        found = [r for r in found if r.meta.get("pipeline_tag") == query["pipeline_tag"]]
    if query.get("sort") in ("downloads", "likes"):
        found.sort(key=lambda r: -r.meta.get(query["sort"], 0))
    if query.get("limit"):
        found = found[: int(query["limit"])]
    out = []
    for r in found:
        info = r.info()
        out.append({k: info[k] for k in ("_id", "id", "modelId", "likes", "downloads", "tags", "createdAt", "private")
                    if k in info} | {k: info[k] for k in ("pipeline_tag", "library_name") if k in info})
    return web.json_response(out)


def _byte_range(header: str | None, size: int) -> tuple[int, int] | None:
    """Parse ``bytes=a-b`` / ``bytes=a-`` / ``bytes=-n`` into an inclusive (start, end), or None for no range."""
    if not header:
        return None
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", header.strip())
    if not match or match.group(1) == match.group(2) == "":
        raise HubError(416, "RangeNotSatisfiable", f"bad Range header {header!r}")
    first, last = match.groups()
    if first == "":
        start, end = max(0, size - int(last)), size - 1
    else:
        start, end = int(first), min(int(last) if last else size - 1, size - 1)
    if start >= size or start > end:
        raise HubError(416, "RangeNotSatisfiable", f"range {header!r} outside a file of {size} bytes")
    return start, end


async def _resolve(request, replica: Replica, repo: str, rev: str, path: str, kind: str = "models") -> web.StreamResponse:
    target = replica.at(kind, repo, rev)
    entry = target.entries.get(path)
    if entry is None:
        raise HubError(404, "EntryNotFound", f"{path} does not exist on \"{rev}\"")
    headers = {
        "X-Repo-Commit": target.sha,
        "ETag": f'"{entry.blob_id}"',
        "Accept-Ranges": "bytes",
        "Content-Type": "application/octet-stream",
    }
    if entry.sha256:
        headers["X-Linked-Etag"] = f'"{entry.sha256}"'
        headers["X-Linked-Size"] = str(entry.size)
    span = _byte_range(request.headers.get("Range"), entry.size)
    start, end = span if span else (0, entry.size - 1)
    length = end - start + 1 if entry.size else 0
    status = 206 if span else 200
    if span:
        headers["Content-Range"] = f"bytes {start}-{end}/{entry.size}"
    response = web.StreamResponse(status=status, headers=headers)
    response.content_length = length
    await response.prepare(request)
    if request.method == "HEAD":
        return response
    with (target.folder / path).open("rb") as handle:
        handle.seek(start)
        left = length
        while left > 0:
            chunk = handle.read(min(CHUNK, left))
            if not chunk:
                break
            left -= len(chunk)
            await response.write(chunk)
    await response.write_eof()
    return response


HANDLERS = {"info": _info, "tree": _tree, "paths_info": _paths_info, "search": _search, "resolve": _resolve}


def make_static_app(folder: Path) -> web.Application:
    """Plain files (no Hub API): NSMC's TSV files live outside the Hub, and must not sit under HF_ENDPOINT, where
    ``datasets`` would read any URL as a Hub path."""
    app = web.Application()
    app.router.add_static("/", str(folder), show_index=False)
    return app


# --- running it -----------------------------------------------------------------------------------------------------

async def _serve(root: Path, host: str, port: int, static_port: int | None, ready_file: Path | None) -> None:
    runners = []
    apps = [(make_app(root), port)]
    if static_port is not None:
        apps.append((make_static_app(root / "static"), static_port))
    for app, p in apps:
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, host, p).start()
        runners.append(runner)
    print(f"replica of the Hub serving {root} on http://{host}:{port}"
          + (f" (static files on port {static_port})" if static_port else ""), flush=True)
    if ready_file is not None:
        ready_file.write_text(f"{port}\n")
    try:
        while True:
            await asyncio.sleep(3600)
    finally:
        for runner in runners:
            await runner.cleanup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve a replica folder over the Hub's HTTP API on loopback.")
    parser.add_argument("--root", type=Path, required=True, help="the replica folder (python -m tests.replica build)")
    parser.add_argument("--host", default="127.0.0.1", help="loopback only: 127.0.0.1 (default) or localhost")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--static-port", type=int, default=None, help="also serve <root>/static on this port")
    parser.add_argument("--ready-file", type=Path, default=None, help="written once the server listens")
    args = parser.parse_args(argv)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.error(f"--host must be a loopback address (127.0.0.1, localhost or ::1), got {args.host!r}")
    if not (args.root / "models").is_dir() and not (args.root / "datasets").is_dir():
        parser.error(f"{args.root} holds no models/ or datasets/ folder; build it first: python -m tests.replica build")
    start = time.perf_counter()
    try:
        asyncio.run(_serve(args.root, args.host, args.port, args.static_port, args.ready_file))
    except KeyboardInterrupt:  # pragma: no cover - interactive stop
        print(f"stopped after {time.perf_counter() - start:.0f} s", file=sys.stderr)

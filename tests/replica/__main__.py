"""``python -m tests.replica build|serve|run`` (from the repository root). See the package docstring."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:  # the server parses its own options
        from .server import main as serve

        serve(argv[1:])
        return 0
    parser = argparse.ArgumentParser(prog="python -m tests.replica", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write the replica's repositories into a folder")
    b.add_argument("--root", type=Path, required=True)
    b.add_argument("--exact", action="store_true", help="bert-base-sized random weights (for timing runs)")
    sub.add_parser("serve", help="serve a built replica over the Hub's HTTP API on loopback (see serve --help)")
    r = sub.add_parser("run", help="build if needed, serve, run a command with HF_ENDPOINT and COURSE_* set, stop")
    r.add_argument("--root", type=Path, required=True)
    r.add_argument("--exact", action="store_true")
    r.add_argument("cmd", nargs=argparse.REMAINDER, help="the command, after --")
    args = parser.parse_args(argv)
    if args.command == "build":
        from .build import build

        build(args.root, exact=args.exact)
        print(f"replica built in {args.root}")
        return 0
    from .control import run_with_replica

    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    if not cmd:
        parser.error("run needs a command after --, e.g. python -m tests.replica run --root build/replica -- pytest ...")
    return run_with_replica(args.root, cmd, exact=args.exact)


if __name__ == "__main__":
    sys.exit(main())

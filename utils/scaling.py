"""Measurements for running the recipe at scale (notebook 09 and ``scripts/finetune.py``).

* :class:`TokenCounter` hooks a model and counts what it reads in training: examples, real tokens, padded cells.
* :class:`ActivationMeter` measures the peak bytes autograd keeps for the backward pass (the activations), which is
  what gradient accumulation, gradient checkpointing and mixed precision shrink.
* :func:`weights_fingerprint` hashes a model's weights, so processes can show they ended with the same ones.
* :func:`launch_command` and :func:`run_launch` build and run ``python`` / ``torchrun`` / ``accelerate launch``
  command lines from a notebook; :func:`hardware` describes the machine for a results table.

Nothing here talks to other processes: the distributed work is done by ``torchrun`` and the ``Trainer``.
"""

from __future__ import annotations

import hashlib
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterable, Sequence

LAUNCHERS = ("python", "torchrun", "accelerate")


def effective_batch_size(per_device: int, processes: int = 1, accumulation: int = 1) -> int:
    """Examples behind one optimizer step: per-device batch x processes x gradient-accumulation steps."""
    for name, value in (("per_device", per_device), ("processes", processes), ("accumulation", accumulation)):
        if not isinstance(value, int) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}")
    return per_device * processes * accumulation


class TokenCounter:
    """Counts what a model reads while it trains: examples, real tokens and padded cells.

    It hooks the model's ``forward`` (``register_forward_pre_hook``), so it sees exactly the batches that reach the
    model in training mode: not the batch a data loader fetches ahead, not evaluation batches. ``real_tokens`` are
    attention-mask ones; ``padded_tokens`` are the cells of the ``input_ids`` rectangles (real tokens plus padding);
    ``input_sha256`` hashes the token ids in the order they came. Under DDP each process counts its own share, so
    two processes that read different examples show different digests.
    """

    def __init__(self, model=None):
        self.reset()
        self._handle = None
        if model is not None:
            self.attach(model)

    def reset(self) -> None:
        self.examples = self.real_tokens = self.padded_tokens = self.batches = 0
        self._digest = hashlib.sha256()

    def attach(self, model) -> "TokenCounter":
        """Start counting the training forwards of ``model`` (a ``torch.nn.Module``)."""
        self.detach()
        self._handle = model.register_forward_pre_hook(self._count, with_kwargs=True)
        return self

    def detach(self) -> None:
        if self._handle is not None:
            self._handle.remove()
            self._handle = None

    def _count(self, module, args, kwargs):
        if not module.training:
            return None
        ids = kwargs.get("input_ids", args[0] if args else None)
        if ids is None:
            return None
        mask = kwargs.get("attention_mask")
        self._digest.update(ids.detach().cpu().numpy().tobytes())
        self.add(int(ids.shape[0]), int(mask.sum()) if mask is not None else int(ids.numel()), int(ids.numel()))
        return None

    def add(self, examples: int, real_tokens: int, padded_tokens: int) -> None:
        """Count one batch by hand (the hook calls this for every training forward)."""
        if not 0 <= real_tokens <= padded_tokens:
            raise ValueError(f"need 0 <= real_tokens <= padded_tokens, got {real_tokens} and {padded_tokens}")
        self.examples += examples
        self.real_tokens += real_tokens
        self.padded_tokens += padded_tokens
        self.batches += 1

    def snapshot(self) -> dict[str, float]:
        """The counts so far, the share of the cells that are padding, and the digest of the ids read."""
        share = 1 - self.real_tokens / self.padded_tokens if self.padded_tokens else 0.0
        return {"examples": self.examples, "batches": self.batches, "real_tokens": self.real_tokens,
                "padded_tokens": self.padded_tokens, "padding_share": round(share, 4),
                "input_sha256": self._digest.hexdigest()}


class _Held:
    """One tensor autograd saved for backward, counted by an :class:`ActivationMeter` while it is alive."""

    __slots__ = ("tensor", "key", "meter")

    def __init__(self, meter: "ActivationMeter", key: int, nbytes: int, tensor):
        self.tensor, self.key, self.meter = tensor, key, meter
        meter._hold(key, nbytes)

    def __del__(self):
        self.meter._release(self.key)


class ActivationMeter:
    """Peak bytes of the tensors autograd keeps between the forward and the backward pass (the *activations*).

    Use it around a forward and backward (or a whole ``trainer.train()``)::

        with ActivationMeter(exclude=model.parameters()) as meter:
            model(**batch).loss.backward()
        meter.peak_mb

    It hooks ``torch.autograd.graph.saved_tensors_hooks``: every saved tensor is counted once per storage while the
    graph holds it, and released when the graph is freed after ``backward``. Parameters (``exclude``) are left out:
    they are in memory anyway. What it does not see: temporaries that are freed within one operation, the
    gradients and optimizer state (fixed per model), and the one layer that gradient checkpointing recomputes at a
    time during the backward pass (torch's checkpoint hooks take over inside a checkpointed layer).
    """

    def __init__(self, exclude: Iterable[Any] = ()):
        self._skip = {p.untyped_storage().data_ptr() for p in exclude}
        self._live: dict[int, list[int]] = {}
        self.current = 0
        self.peak = 0
        self._context = None

    def _hold(self, key: int, nbytes: int) -> None:
        entry = self._live.get(key)
        if entry is None:
            self._live[key] = [nbytes, 1]
            self.current += nbytes
            self.peak = max(self.peak, self.current)
        else:
            entry[1] += 1

    def _release(self, key: int) -> None:
        entry = self._live.get(key)
        if entry is None:
            return
        entry[1] -= 1
        if entry[1] == 0:
            self.current -= entry[0]
            del self._live[key]

    def _pack(self, tensor):
        storage = tensor.untyped_storage()
        key = storage.data_ptr()
        if key in self._skip or storage.nbytes() == 0 or tensor.device.type == "meta":
            return tensor
        return _Held(self, key, storage.nbytes(), tensor)

    @staticmethod
    def _unpack(packed):
        return packed.tensor if isinstance(packed, _Held) else packed

    def __enter__(self) -> "ActivationMeter":
        import torch

        self._context = torch.autograd.graph.saved_tensors_hooks(self._pack, self._unpack)
        self._context.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._context.__exit__(*exc)

    @property
    def peak_mb(self) -> float:
        """The peak in MiB."""
        return self.peak / 2**20


def weights_fingerprint(model) -> str:
    """SHA-256 of every parameter (name, dtype, shape and bytes, in name order): equal fingerprints, equal weights."""
    import torch

    digest = hashlib.sha256()
    for name, tensor in sorted(model.state_dict().items()):
        data = tensor.detach().cpu().contiguous()
        digest.update(f"{name}|{data.dtype}|{tuple(data.shape)}".encode())
        digest.update(data.view(-1).view(dtype=torch.uint8).numpy().tobytes())
    return digest.hexdigest()


def peak_memory_mb(device: str = "cpu") -> float:
    """Peak memory of this process so far: CUDA's peak allocation on a GPU, else the peak resident set size (RSS)."""
    import torch

    if device == "cuda" and torch.cuda.is_available():
        return torch.cuda.max_memory_allocated() / 2**20
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return float("nan")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 2**20 if sys.platform == "darwin" else rss / 2**10  # bytes on macOS, KiB on Linux


def hardware() -> str:
    """One line describing the machine: CPU model, logical CPUs, memory and GPU (or none)."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages * page_size / 2**30:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        pass
    try:
        import torch

        gpu = ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())) or "no GPU"
    except Exception:  # pragma: no cover - torch is a requirement
        gpu = "GPU unknown"
    return f"{cpu}, {os.cpu_count()} logical CPUs{memory}, {gpu}"


def free_port() -> int:
    """A TCP port on localhost that is free right now (for a launcher's rendezvous)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def launch_command(script: str | Path, script_args: Sequence[str] = (), *, processes: int = 1,
                   launcher: str = "torchrun") -> list[str]:
    """The command line that starts ``script`` in ``processes`` processes on this machine.

    ``python``: one process. ``torchrun``: ``python -m torch.distributed.run --standalone --nproc_per_node N``
    (the module form of the ``torchrun`` command, so it uses this interpreter; ``--standalone`` picks a free port).
    ``accelerate``: ``python -m accelerate.commands.launch --num_processes N``. For N > 1 it adds ``--multi_gpu``,
    which hands the processes to torchrun; on a machine without a GPU that still works, because the script itself
    trains on the CPU over gloo. (``accelerate launch --cpu --num_processes N`` would start ONE process unless an MPI
    is installed and ``--mpirun_hostfile`` given: accelerate's multi-CPU mode runs through ``mpirun``.)
    """
    if launcher not in LAUNCHERS:
        raise ValueError(f"unknown launcher {launcher!r}; accepted: {', '.join(LAUNCHERS)}")
    if not isinstance(processes, int) or processes < 1:
        raise ValueError(f"processes must be a positive integer, got {processes!r}")
    if launcher == "python":
        if processes != 1:
            raise ValueError("launcher 'python' starts one process; use 'torchrun' or 'accelerate' for more")
        head = [sys.executable]
    elif launcher == "torchrun":
        head = [sys.executable, "-m", "torch.distributed.run", "--standalone", f"--nproc_per_node={processes}"]
    else:
        import torch

        head = [sys.executable, "-m", "accelerate.commands.launch", f"--num_processes={processes}", "--num_machines=1",
                "--mixed_precision=no", "--dynamo_backend=no"]
        if processes > 1:
            head += ["--multi_gpu", f"--main_process_port={free_port()}"]  # not the fixed 29500: runs may overlap
        elif not torch.cuda.is_available():
            head.append("--cpu")
    return [*head, str(script), *map(str, script_args)]


def run_launch(command: Sequence[str], *, env: dict[str, str] | None = None, cwd: str | Path | None = None,
               timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run ``command`` with ``env`` added to this process's environment; raise with the end of its output if it fails."""
    full_env = {**os.environ, **(env or {})}
    result = subprocess.run(list(command), env=full_env, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        tail = (result.stdout + "\n" + result.stderr).strip()[-3000:]
        raise RuntimeError(f"{' '.join(command[:6])} ... exited with {result.returncode}:\n{tail}")
    return result


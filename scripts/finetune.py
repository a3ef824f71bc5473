#!/usr/bin/env python
"""Fine-tune a Hub checkpoint with the course's recipe, from the command line, in one process or many.

The recipe of notebooks 04 (sentence classification), 05 (sentence pairs) and 07 (NER) as a program: the same
COURSE_* settings, datasets, stand-ins, tokenization, collators, metrics and defaults (``utils.recipe``), run by
``Trainer``. It runs unchanged under the usual launchers; ``Trainer`` notices them and trains with PyTorch DDP:

    python scripts/finetune.py --task sentence_classification
    torchrun --standalone --nproc_per_node 2 scripts/finetune.py --task token_classification --max-steps 50
    accelerate launch --multi_gpu --num_processes 4 scripts/finetune.py --task sentence_classification --bf16

On a CPU the processes talk over gloo. It writes ``<output-dir>/metrics.json`` (rank 0 only) and, unless
``--no-save``, the model and tokenizer. Question answering (notebook 06) is not covered: its windows and n-best
post-processing need their own evaluation loop.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import math
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from utils.recipe import PADDINGS, TASKS  # noqa: E402  (light: no transformers import at module level)


def _positive(kind):
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a positive {kind.__name__}, got {text!r}") from None
        if not value > 0 or (kind is float and not math.isfinite(value)):
            raise argparse.ArgumentTypeError(f"expected a positive {kind.__name__}, got {text!r}")
        return value

    parse.__name__ = f"positive {kind.__name__}"
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finetune.py", description=__doc__.split("\n\n")[0],
        epilog="Unset options take the course's recipe for the task, language, source and COURSE_SIZE "
               "(see utils/recipe.py). COURSE_SOURCE, COURSE_SIZE, COURSE_LANG and COURSE_ARTIFACTS are read as in "
               "the notebooks.")
    parser.add_argument("--task", required=True, choices=TASKS, help="what to fine-tune for")
    parser.add_argument("--lang", choices=("en", "ko"), help="dataset and default checkpoint language (default: COURSE_LANG or en)")
    parser.add_argument("--checkpoint", help="a Hub id (offline: one of the course's catalog with a stand-in) or a local "
                                             "directory; default: the task's checkpoint in notebooks 04/05/07")
    parser.add_argument("--epochs", type=_positive(float), help="passes over the training set")
    parser.add_argument("--max-steps", type=_positive(int), help="optimizer steps; overrides --epochs")
    parser.add_argument("--batch-size", type=_positive(int), help="training batch per process (per device); default 16")
    parser.add_argument("--gradient-accumulation-steps", type=_positive(int), default=1,
                        help="batches whose gradients are added up before one optimizer step (default 1)")
    parser.add_argument("--learning-rate", type=_positive(float), help="peak learning rate (10%% warm-up, then linear decay)")
    parser.add_argument("--max-length", type=_positive(int), help="truncate (and, with --padding max_length, pad) to this many tokens")
    parser.add_argument("--padding", choices=PADDINGS, default="grouped",
                        help="max_length: pad every batch to --max-length; dynamic: pad each batch to its longest row; "
                             "grouped (default): dynamic, with rows of similar length batched together")
    parser.add_argument("--max-train-samples", type=_positive(int), help="use this many training rows (seeded shuffle)")
    parser.add_argument("--max-eval-samples", type=_positive(int), help="use this many validation and test rows")
    precision = parser.add_mutually_exclusive_group()
    precision.add_argument("--bf16", action="store_true", help="bfloat16 mixed precision (recent GPUs; CPUs too)")
    precision.add_argument("--fp16", action="store_true", help="float16 mixed precision with loss scaling (CUDA GPUs only)")
    parser.add_argument("--gradient-checkpointing", action="store_true",
                        help="keep fewer activations and recompute them in the backward pass (less memory, more time)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--output-dir", type=Path,
                        help="where metrics.json (and the model) go; default COURSE_ARTIFACTS/finetune/<task>/<lang>")
    parser.add_argument("--no-save", action="store_true", help="write metrics.json only, not the model")
    return parser


def process_rank() -> int:
    """This process's global rank as set by torchrun / accelerate (0 when started alone)."""
    return int(os.environ.get("RANK", os.environ.get("LOCAL_RANK", "0")))


def launcher_name() -> str:
    """Who started this process: ``accelerate`` (accelerate launch, whatever it runs underneath), ``torchrun`` or ``python``."""
    if "ACCELERATE_MIXED_PRECISION" in os.environ:  # set by every accelerate launcher
        return "accelerate"
    if "TORCHELASTIC_RUN_ID" in os.environ:
        return "torchrun"
    return "python"


def resolve_checkpoint(name: str, settings, parser: argparse.ArgumentParser) -> str:
    """What ``from_pretrained`` gets: a local directory as is; a catalog id through its stand-in offline; any Hub id online."""
    from utils import checkpoints

    if Path(name).expanduser().is_dir():
        return str(Path(name).expanduser().resolve())
    if name in checkpoints.CATALOG:
        try:
            return checkpoints.resolve(name, settings)
        except RuntimeError as err:
            parser.error(f"--checkpoint {name}: {err}")
    if not settings.offline:
        return name
    usable = sorted(hub_id for hub_id, entry in checkpoints.CATALOG.items()
                    if entry.model_standin and not entry.model_standin.startswith("tiny:"))
    parser.error(f"--checkpoint {name!r} is neither a local directory nor a catalog checkpoint with a stand-in, and "
                 f"this run is offline (source local); accepted offline: a directory, or one of {', '.join(usable)}")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    rank = process_rank()
    # Other ranks run the same code; only rank 0 speaks (their errors still reach stderr).
    quiet = contextlib.redirect_stdout(io.StringIO()) if rank != 0 else contextlib.nullcontext()
    if args.lang:
        os.environ["COURSE_LANG"] = args.lang

    with quiet:
        from utils import runtime

        settings = runtime.setup(seed=args.seed)  # before transformers is imported: offline mode is read at import
    if args.fp16 and settings.device != "cuda":
        parser.error(f"--fp16 needs a CUDA GPU and this machine has {settings.device}; use --bf16 (or neither) instead")

    import torch
    from accelerate.utils import gather_object
    from transformers import AutoTokenizer, Trainer, TrainingArguments

    from utils import artifacts, data, recipe, scaling

    task, lang = args.task, settings.lang
    plan = recipe.with_overrides(recipe.default_recipe(task, settings), checkpoint=args.checkpoint,
                                 learning_rate=args.learning_rate, epochs=args.epochs, batch_size=args.batch_size,
                                 max_length=args.max_length, padding=args.padding)
    if args.max_train_samples:
        plan = recipe.with_overrides(plan, n_train=args.max_train_samples)
    if args.max_eval_samples:
        plan = recipe.with_overrides(plan, n_validation=args.max_eval_samples, n_test=args.max_eval_samples)
    output_dir = (args.output_dir or settings.artifacts / "finetune" / task / lang).expanduser().resolve()

    with quiet:
        model_path = resolve_checkpoint(plan.checkpoint, settings, parser)
    training_args = TrainingArguments(
        output_dir=str(output_dir),
        learning_rate=plan.learning_rate,
        per_device_train_batch_size=plan.batch_size,
        per_device_eval_batch_size=64,
        gradient_accumulation_steps=args.gradient_accumulation_steps,
        num_train_epochs=1.0,            # set below, once the training set's size is known
        max_steps=args.max_steps or -1,
        warmup_steps=0.1,
        weight_decay=0.01,
        train_sampling_strategy=recipe.sampling_strategy(plan.padding),
        activation_checkpointing=args.gradient_checkpointing,   # transformers 5.24's name for gradient checkpointing
        bf16=args.bf16,
        fp16=args.fp16,
        eval_strategy="no",              # evaluate once after training, so the timing is training only
        save_strategy="no",
        logging_strategy="no",
        report_to="none",
        seed=settings.seed,
        use_cpu=settings.device == "cpu",
        ddp_find_unused_parameters=False,  # every parameter gets a gradient in these models
        disable_tqdm=True,
    )
    # Every process builds the same datasets; the main process goes first (datasets' cache, one-time downloads).
    with training_args.main_process_first(desc="load and tokenize"), quiet:
        raw = data.load(task, settings)
        tokenizer = AutoTokenizer.from_pretrained(model_path)
        tokenized = recipe.tokenize_splits(task, lang, raw, tokenizer, plan, settings.seed)
    names = recipe.label_names(task, raw["train"])
    epochs = plan.epochs_for(len(tokenized["train"]))
    training_args.num_train_epochs = epochs

    with quiet:
        model = recipe.make_model(task, model_path, names)
    counter = scaling.TokenCounter(model)  # what this process's model reads in training
    trainer = Trainer(model=model, args=training_args, train_dataset=tokenized["train"], eval_dataset=tokenized["validation"],
                      data_collator=recipe.make_collator(task, tokenizer, plan.padding, plan.max_length), processing_class=tokenizer,
                      compute_metrics=recipe.compute_metrics(task, names))
    world_size = trainer.args.world_size
    weights_before = scaling.weights_fingerprint(model)
    start = time.perf_counter()
    train_result = trainer.train()
    train_seconds = time.perf_counter() - start
    seen = counter.snapshot()

    trainer.args.train_sampling_strategy = "sequential"  # evaluation batches in order (see notebook 04)
    validation = trainer.evaluate(tokenized["validation"], metric_key_prefix="validation")
    test = trainer.evaluate(tokenized["test"], metric_key_prefix="test")
    mine = {"rank": trainer.args.process_index,
            **{k: seen[k] for k in ("examples", "real_tokens", "padded_tokens", "input_sha256")},
            "weights_sha256_before": weights_before,
            "train_seconds": round(train_seconds, 2),
            "weights_sha256": scaling.weights_fingerprint(trainer.accelerator.unwrap_model(trainer.model)),
            "peak_memory_mb": round(scaling.peak_memory_mb(settings.device), 1)}
    ranks = sorted(gather_object([mine]), key=lambda r: r["rank"])  # every rank's line, on every rank
    # torch 2.13 with gloo: after a collective, a gloo worker thread may still hold the gathered tensors and need the
    # GIL to free them; if the main thread tears the process group down meanwhile (holding the GIL), both wait forever
    # (the class of bug in pytorch/pytorch#190489; it hung here in about one 2-process run of three). So: wait for
    # everyone, then let go of the GIL for a moment before anything is torn down.
    trainer.accelerator.wait_for_everyone()
    time.sleep(0.5)

    if not args.no_save:
        trainer.save_model(str(output_dir))  # rank 0 writes; called on every rank as the Trainer expects
    if trainer.is_world_process_zero():
        examples = sum(r["examples"] for r in ranks)
        strip = lambda scores, prefix: {k[len(prefix) + 1:]: round(v, 4) for k, v in scores.items()  # noqa: E731
                                        if k.startswith(prefix + "_") and not k.endswith(("_runtime", "_per_second"))}
        head = recipe.headline_metric(task)
        metrics = {
            "script": "scripts/finetune.py",
            "task": task, "lang": lang, "source": settings.source, "checkpoint": plan.checkpoint,
            "loaded_from": model_path, "size": settings.size, "device": settings.device,
            "launcher": launcher_name(), "world_size": world_size,
            "per_device_batch_size": plan.batch_size,
            "gradient_accumulation_steps": args.gradient_accumulation_steps,
            "effective_batch_size": scaling.effective_batch_size(plan.batch_size, world_size, args.gradient_accumulation_steps),
            "optimizer_steps": trainer.state.global_step, "epochs": round(trainer.state.epoch, 3), "learning_rate": plan.learning_rate,
            "padding": plan.padding, "max_length": plan.max_length,
            "precision": "bf16" if args.bf16 else "fp16" if args.fp16 else "fp32",
            "gradient_checkpointing": args.gradient_checkpointing,
            "n_parameters": sum(p.numel() for p in trainer.accelerator.unwrap_model(trainer.model).parameters()),
            "n_train": len(tokenized["train"]), "n_validation": len(tokenized["validation"]), "n_test": len(tokenized["test"]),
            "train_seconds": round(train_seconds, 2),
            "train_examples": examples,
            "train_samples_per_second": round(examples / train_seconds, 3),
            "train_real_tokens": sum(r["real_tokens"] for r in ranks),
            "train_padded_tokens": sum(r["padded_tokens"] for r in ranks),
            "train_loss": round(train_result.training_loss, 4),
            "validation": strip(validation, "validation"),
            "test": strip(test, "test"),
            "headline": {"metric": f"test_{head}", "value": round(test[f"test_{head}"], 4)},
            "ranks": ranks,
            "hardware": scaling.hardware(),
            "versions": {"torch": torch.__version__, "transformers": __import__("transformers").__version__},
        }
        path = artifacts.write_metrics(output_dir, metrics)
        print(f"world size {world_size} ({metrics['launcher']}) | {examples} training examples in {train_seconds:.1f} s = "
              f"{metrics['train_samples_per_second']:.1f} samples/s | test {head} {metrics['headline']['value']} | wrote {path}")
    trainer.accelerator.end_training()  # also closes the process group of a distributed run
    return 0


if __name__ == "__main__":
    sys.exit(main())

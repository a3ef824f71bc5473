"""Plumbing for notebook 06's long-context demo: a haystack of other paragraphs around the one that holds the answer."""

from __future__ import annotations

from typing import Iterable


def contexts_for_tokens(contexts: Iterable[str], tokenizer, min_tokens: int) -> list[str]:
    """The first distinct contexts whose tokens add up to more than ``min_tokens`` (all of them if they never do).

    Each context is tokenized once, in order, and the loop stops as soon as there are enough: online, SQuAD's test
    split has about 2,000 contexts, and re-tokenizing a growing or shrinking join of them once per context took
    about 50 minutes in one cell."""
    chosen, total = [], 0
    for context in dict.fromkeys(contexts):
        if total > min_tokens:
            break
        chosen.append(context)
        total += len(tokenizer(context, add_special_tokens=False, verbose=False)["input_ids"])
    return chosen

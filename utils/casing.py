"""What a BERT tokenizer does with case, accents and Korean: measurements for notebook 03.

Everything here works on real tokenizers (the Hub's, or offline the exact vocabularies rebuilt by
:mod:`utils.offline.standins`) and the course's own texts; nothing is estimated.

* :func:`pipeline_parts`: the four stages of a fast tokenizer (normalizer, pre-tokenizer, model, post-processor), read
  from the tokenizer object itself.
* :func:`hangul_kind`: is a token made of Hangul syllables, of decomposed jamo (자모), or of something else?
* :func:`tokenization_stats`: word pieces per word and the share of words that became ``[UNK]``.
* :func:`case_cues`: how many entity words of a NER corpus are recognisable only by their capital letters.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Sequence

UNK = "[UNK]"

# Unicode blocks (inclusive code point ranges)
HANGUL_SYLLABLES = (0xAC00, 0xD7A3)
HANGUL_JAMO_BLOCKS = (
    (0x1100, 0x11FF),  # conjoining jamo: what NFD turns a syllable into
    (0x3130, 0x318F),  # compatibility jamo (ㄱ, ㅏ as typed on their own)
    (0xA960, 0xA97F),  # extended-A
    (0xD7B0, 0xD7FF),  # extended-B
)


def pipeline_parts(tokenizer) -> dict[str, str]:
    """The stages of a fast (Rust-backed) tokenizer as printable strings, read from ``tokenizer.backend_tokenizer``.

    Keys: ``normalizer``, ``pre_tokenizer``, ``model`` (type, unknown token, continuation prefix) and
    ``post_processor``. Raises ``TypeError`` for a tokenizer without a Rust backend (``is_fast`` is False).
    """
    if not getattr(tokenizer, "is_fast", False):
        raise TypeError(f"{type(tokenizer).__name__} has no Rust backend (is_fast is False); "
                        "load the tokenizer with AutoTokenizer to get a fast one")
    backend = tokenizer.backend_tokenizer
    model = backend.model
    model_text = type(model).__name__
    details = [f"{name}={getattr(model, name)!r}" for name in ("unk_token", "continuing_subword_prefix",
                                                                "max_input_chars_per_word") if hasattr(model, name)]
    if details:
        model_text += "(" + ", ".join(details) + ")"
    return {
        "normalizer": str(backend.normalizer),
        "pre_tokenizer": str(backend.pre_tokenizer),
        "model": model_text,
        "post_processor": str(backend.post_processor),
    }


def _in(code: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def hangul_kind(token: str) -> str:
    """``"syllable"`` if the token (without a leading ``##``) holds a Hangul syllable block, else ``"jamo"`` if it holds
    a loose jamo (a consonant or vowel on its own), else ``"other"`` (Latin, digits, punctuation, special tokens)."""
    text = token[2:] if token.startswith("##") else token
    codes = [ord(ch) for ch in text]
    if any(_in(c, [HANGUL_SYLLABLES]) for c in codes):
        return "syllable"
    if any(_in(c, HANGUL_JAMO_BLOCKS) for c in codes):
        return "jamo"
    return "other"


@dataclass(frozen=True)
class TokenStats:
    """Counts from :func:`tokenization_stats` over a list of texts."""

    texts: int
    words: int  # whitespace-separated words (Korean: 어절, eojeol)
    tokens: int  # word pieces, without [CLS]/[SEP]
    unk_tokens: int
    words_with_unk: int
    kinds: Counter = field(default_factory=Counter)  # hangul_kind of every token

    @property
    def tokens_per_word(self) -> float:
        return self.tokens / self.words

    @property
    def unk_word_rate(self) -> float:
        """Share of words that contain at least one [UNK]: text the model cannot see at all."""
        return self.words_with_unk / self.words

    @property
    def unk_token_rate(self) -> float:
        return self.unk_tokens / self.tokens if self.tokens else 0.0


def tokenization_stats(tokenizer, texts: Sequence[str], batch_size: int = 256) -> TokenStats:
    """Tokenize ``texts`` and count words, word pieces and ``[UNK]``.

    A word is a whitespace-separated unit of the text; each word piece is attributed to its word through
    ``word_ids()`` (``is_split_into_words=True``), so a word that WordPiece cannot spell counts once however many
    ``[UNK]`` it produced. Raises ``ValueError`` for an empty list or a text without any word.
    """
    if not texts:
        raise ValueError("tokenization_stats needs at least one text")
    words = tokens = unk_tokens = words_with_unk = 0
    kinds: Counter = Counter()
    unk_id = tokenizer.unk_token_id
    for start in range(0, len(texts), batch_size):
        batch = [text.split() for text in texts[start:start + batch_size]]
        empty = [start + i for i, w in enumerate(batch) if not w]
        if empty:
            raise ValueError(f"texts {empty[:5]} contain no word (empty or whitespace only)")
        encoded = tokenizer(batch, is_split_into_words=True, add_special_tokens=False)
        for i, ids in enumerate(encoded["input_ids"]):
            word_ids = encoded.word_ids(i)
            words += len(batch[i])
            tokens += len(ids)
            unk_at = [w for t, w in zip(ids, word_ids) if t == unk_id]
            unk_tokens += len(unk_at)
            words_with_unk += len(set(unk_at))
            kinds.update(hangul_kind(t) for t in tokenizer.convert_ids_to_tokens(ids))
    return TokenStats(len(texts), words, tokens, unk_tokens, words_with_unk, kinds)


def ordinary_lowercase_words(vocab: Iterable[str], min_length: int = 2) -> set[str]:
    """Whole-word entries of a **cased** vocabulary written entirely in lower-case letters.

    A cased WordPiece vocabulary is built from running text with its capitals kept, so a lower-case entry such as
    ``cook`` or ``us`` exists because the lower-case word is frequent: it is an ordinary word, not only a name.
    """
    return {t for t in vocab if len(t) >= min_length and t.isalpha() and t.islower() and not t.startswith("##")}


def entity_words(tokens: Sequence[str], tags: Sequence[str]) -> list[tuple[str, str]]:
    """``(word, entity type)`` for every word tagged ``B-X`` or ``I-X`` (IOB2/BIO), in order."""
    if len(tokens) != len(tags):
        raise ValueError(f"tokens ({len(tokens)}) and tags ({len(tags)}) must have the same length")
    return [(word, tag[2:]) for word, tag in zip(tokens, tags) if tag[:2] in ("B-", "I-")]


def _has_capital(word: str) -> bool:
    return any(ch.isupper() for ch in word)


@dataclass
class CaseCues:
    """What capital letters tell a cased model about entities (see :func:`case_cues`)."""

    entity_words: Counter = field(default_factory=Counter)  # per entity type
    capitalised: Counter = field(default_factory=Counter)  # entity words with a capital letter, per type
    only_by_case: Counter = field(default_factory=Counter)  # capitalised and lower-cased form is an ordinary word
    examples: dict = field(default_factory=dict)  # type -> sorted examples of only_by_case words
    other_words: int = 0  # non-entity words, not sentence-initial, in sentences that are not all capitals
    other_capitalised: int = 0
    headline_sentences: int = 0  # sentences written in capitals only (CoNLL headlines): left out of other_words

    def share(self, counter: Counter, entity_type: str | None = None) -> float:
        """``counter`` over entity words, for one type or all."""
        if entity_type is None:
            total = sum(self.entity_words.values())
            return sum(counter.values()) / total if total else 0.0
        total = self.entity_words[entity_type]
        return counter[entity_type] / total if total else 0.0


def case_cues(sentences: Iterable[tuple[Sequence[str], Sequence[str]]], ordinary: set[str]) -> CaseCues:
    """Count, over ``(tokens, tags)`` sentences, the entity words that contain a capital letter, and those whose
    lower-cased form is an ordinary word (``ordinary``, e.g. from :func:`ordinary_lowercase_words`): after
    lower-casing, only the context can tell *Cook* (a person) from *cook*.

    For comparison it also counts capitals among non-entity words that are not the first word of their sentence;
    sentences written in capitals only (news headlines) are left out of that comparison and counted separately.
    """
    cues = CaseCues()
    for tokens, tags in sentences:
        for word, kind in entity_words(tokens, tags):
            cues.entity_words[kind] += 1
            if _has_capital(word):
                cues.capitalised[kind] += 1
                if word.lower() in ordinary:
                    cues.only_by_case[kind] += 1
                    cues.examples.setdefault(kind, set()).add(word)
        letters = [w for w in tokens if any(ch.isalpha() for ch in w)]
        if letters and all(w.upper() == w for w in letters):
            cues.headline_sentences += 1
            continue
        for position, (word, tag) in enumerate(zip(tokens, tags)):
            if position == 0 or tag != "O" or not any(ch.isalpha() for ch in word):
                continue
            cues.other_words += 1
            cues.other_capitalised += _has_capital(word)
    cues.examples = {k: sorted(v) for k, v in cues.examples.items()}
    return cues

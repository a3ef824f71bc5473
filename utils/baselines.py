"""Classic baselines fitted on the same training split as a fine-tune, to show what pretraining buys.

* :func:`tfidf_classifier`: TF-IDF features + logistic regression (scikit-learn) for single texts; word n-grams for
  English, character n-grams for Korean (a particle glued to a word would make every inflected form a new "word").
* :func:`tfidf_pair_classifier`: the same for sentence pairs, on features of the two TF-IDF vectors: how much they
  differ (``|a - b|``), what they share (``a * b``) and their cosine similarity.
* :func:`most_frequent_tag`: for token tagging, each word's most frequent tag in the training split (``O`` for a word
  never seen), with the tags repaired into valid BIO.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Sequence


def _vectorizer(lang: str):
    from sklearn.feature_extraction.text import TfidfVectorizer

    if lang not in ("en", "ko"):
        raise ValueError(f"lang must be 'en' or 'ko', got {lang!r}")
    if lang == "ko":
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True, min_df=1)
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)


def tfidf_classifier(train_texts: Sequence[str], train_labels: Sequence[int], lang: str):
    """A fitted scikit-learn pipeline (TF-IDF → logistic regression); call ``.predict(texts)`` on it."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    train_texts, train_labels = list(train_texts), list(train_labels)   # datasets columns become plain lists
    if len(train_texts) != len(train_labels) or not train_texts:
        raise ValueError(f"need as many labels as texts (got {len(train_texts)} texts, {len(train_labels)} labels)")
    model = make_pipeline(_vectorizer(lang), LogisticRegression(max_iter=2000))
    return model.fit(train_texts, train_labels)


class _PairFeatures:
    """TF-IDF of each side, then ``[|a - b|, a * b, cosine(a, b)]`` for a pair."""

    def __init__(self, lang: str):
        self.vectorizer = _vectorizer(lang)

    def fit(self, pairs, y=None):
        self.vectorizer.fit([a for a, _ in pairs] + [b for _, b in pairs])
        return self

    def transform(self, pairs):
        import numpy as np
        from scipy.sparse import csr_matrix, hstack

        a = self.vectorizer.transform([x for x, _ in pairs])
        b = self.vectorizer.transform([y for _, y in pairs])
        cosine = np.asarray(a.multiply(b).sum(axis=1))   # rows are L2-normalised: the dot product is the cosine
        return hstack([abs(a - b), a.multiply(b), csr_matrix(cosine)]).tocsr()


def tfidf_pair_classifier(train_pairs: Sequence[tuple[str, str]], train_labels: Sequence[int], lang: str):
    """A fitted pipeline for sentence pairs; call ``.predict(pairs)`` with a list of ``(first, second)`` tuples."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    train_pairs, train_labels = [tuple(p) for p in train_pairs], list(train_labels)
    if len(train_pairs) != len(train_labels) or not train_pairs:
        raise ValueError(f"need as many labels as pairs (got {len(train_pairs)} pairs, {len(train_labels)} labels)")
    model = Pipeline([("features", _PairFeatures(lang)), ("classify", LogisticRegression(max_iter=2000))])
    return model.fit(train_pairs, train_labels)


def most_frequent_tag(train_tokens: Sequence[Sequence[str]], train_tags: Sequence[Sequence[str]],
                      tokens: Sequence[Sequence[str]]) -> list[list[str]]:
    """Tag every word of ``tokens`` with its most frequent tag in the training split (``O`` if unseen), then repair
    BIO: an ``I-X`` that does not continue an ``X`` entity becomes ``B-X``."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for words, tags in zip(train_tokens, train_tags):
        if len(words) != len(tags):
            raise ValueError(f"a training sentence has {len(words)} words but {len(tags)} tags")
        for word, tag in zip(words, tags):
            counts[word][tag] += 1
    out = []
    for words in tokens:
        tags = [counts[w].most_common(1)[0][0] if w in counts else "O" for w in words]
        for i, tag in enumerate(tags):
            if tag.startswith("I-") and (i == 0 or tags[i - 1][2:] != tag[2:] or tags[i - 1] == "O"):
                tags[i] = "B-" + tag[2:]
        out.append(tags)
    return out

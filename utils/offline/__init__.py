"""What exists only for the no-Hub path: a learner online never touches this package.

* :mod:`.sources`: the packaged sources offline builds start from (the MiniLM weights) and the cache they go to
* :mod:`.standins`: stand-ins for Hub checkpoints (MiniLM, exact BERT vocabularies, MiniLM under the multilingual vocabulary)
* :mod:`.tiny_models`: tiny random checkpoints built from configs for the model-family tour
* :mod:`.pang_lee`: the Pang & Lee movie-review sentences, fetched once from the vaderSentiment source distribution
* :mod:`.build_lock`: builds each cached stand-in once, even when parallel processes ask at the same time

Imports run one way: ``standins`` → ``tiny_models`` → ``sources`` / ``build_lock``.
"""

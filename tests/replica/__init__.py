"""A local replica of the Hugging Face Hub for testing the course's online path.

``build.py`` writes repositories under the real Hub ids, with the real file layouts (config, tokenizer files as the
real repository ships them, ``pytorch_model.bin`` only where the Hub has only that, parquet datasets with the real
configs, splits, columns and label names) from the course's own sources: tiny random weights (or architecture-exact
random weights for timing runs) and the course's written corpora. ``server.py`` serves such a folder over the Hub's
HTTP API on 127.0.0.1, so ``HF_ENDPOINT=http://127.0.0.1:<port>`` makes ``transformers``, ``datasets`` and
``huggingface_hub`` load from it exactly as they load from the Hub.

    python -m tests.replica build  --root build/replica            # tiny weights (tests)
    python -m tests.replica build  --root build/replica-exact --exact   # bert-base-sized random weights (timings)
    python -m tests.replica serve  --root build/replica --port 8765 --nsmc-port 8766
"""

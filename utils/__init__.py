"""Plumbing for the course's notebooks: runtime settings, checkpoints and stand-ins, data, metrics, plots, artifacts.

Import :mod:`utils.runtime` and call ``runtime.setup()`` before anything imports ``transformers`` or ``datasets``.
This package file imports nothing heavy on purpose.
"""

__version__ = "0.1.0"

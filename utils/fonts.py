"""Korean text in plots: matplotlib's default font (DejaVu Sans) has no Hangul, so Korean labels draw as empty boxes.

``koreanize-matplotlib`` (PyPI) ships the NanumGothic font and selects it; it works the same on Colab, Binder and a
laptop, with no system font to install. Every plotting module of the course calls :func:`use_korean_font` on import.
"""

from __future__ import annotations


def use_korean_font() -> str:
    """Select a font with Hangul (and Latin) glyphs for every later figure; return its family name."""
    import warnings

    import matplotlib

    with warnings.catch_warnings():   # koreanize-matplotlib 0.1.1 compares versions with distutils (deprecated)
        warnings.simplefilter("ignore", DeprecationWarning)
        import koreanize_matplotlib  # noqa: F401  (importing it registers NanumGothic and sets rcParams)

    return matplotlib.rcParams["font.family"][0]

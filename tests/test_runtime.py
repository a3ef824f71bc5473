import pytest

from utils import runtime


def test_defaults_and_offline_environment(monkeypatch, tmp_path):
    for name in ("COURSE_SOURCE", "COURSE_SIZE", "COURSE_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COURSE_ARTIFACTS", str(tmp_path))
    settings = runtime.setup(probe=lambda: False, announce=False)
    assert (settings.source, settings.requested_source, settings.lang) == ("local", "auto", "en")
    assert settings.size == ("full" if settings.device == "cuda" else "small")
    assert settings.offline and settings.artifacts == tmp_path.resolve()
    import os

    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["HF_DATASETS_OFFLINE"] == "1"


def test_auto_uses_the_probe_and_explicit_source_skips_it(monkeypatch):
    calls = []
    assert runtime.resolve_source("auto", lambda: calls.append(1) or True) == "hub"
    assert runtime.resolve_source("local", lambda: calls.append(1) or True) == "local"
    assert calls == [1]


@pytest.mark.parametrize("name,value", [("COURSE_SOURCE", "internet"), ("COURSE_SIZE", "huge"), ("COURSE_LANG", "fr")])
def test_unknown_values_name_the_variable_and_the_accepted_ones(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(runtime.SettingError, match=rf"{name}=.*{value}.*accepted"):
        runtime.setup(probe=lambda: False, announce=False)


def test_probe_fails_fast_on_an_unreachable_endpoint(monkeypatch):
    import time

    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # discard port: nothing listens
    start = time.perf_counter()
    assert runtime.hub_reachable(timeout=1.0) is False
    assert time.perf_counter() - start < 2.5


def test_pick_needs_every_size(monkeypatch):
    monkeypatch.setenv("COURSE_SOURCE", "local")
    monkeypatch.setenv("COURSE_SIZE", "smoke")
    settings = runtime.setup(probe=lambda: False, announce=False)
    assert runtime.pick(settings, smoke=1, small=2, full=3) == 1
    with pytest.raises(runtime.SettingError, match="missing: full"):
        runtime.pick(settings, smoke=1, small=2)


def test_banner_names_source_size_and_language(monkeypatch):
    monkeypatch.delenv("COURSE_SOURCE", raising=False)
    monkeypatch.setenv("COURSE_LANG", "ko")
    monkeypatch.setenv("COURSE_SIZE", "smoke")
    banner = runtime.setup(probe=lambda: False, announce=False).banner()
    assert "transformers 5." in banner and "source local (asked: auto)" in banner and "size smoke" in banner and "lang ko" in banner


def test_openmp_threads_wait_passively_unless_the_user_chose(monkeypatch):
    import os

    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    runtime.set_offline_environment(True)
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    runtime.set_offline_environment(True)
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"

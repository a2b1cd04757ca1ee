"""Missing system parts get a clear answer (Pango, HarfBuzz subsetter, Chinese font); examples."""

from __future__ import annotations

import builtins
import hashlib
import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from assessor import system
from assessor.report import pdf

from .conftest import DATA, EXAMPLES, MINI, Run

MINI_ARGS = ["--questionnaires", str(MINI), "--no-builtin"]
MINI_ANSWERS = DATA / "answers" / "mini.yaml"


@pytest.mark.parametrize(("os_release", "family"), [
    ('ID=debian\nVERSION_ID="12"\n', "debian"),
    ('ID=ubuntu\nID_LIKE=debian\n', "debian"),
    ('ID=linuxmint\nID_LIKE="ubuntu debian"\n', "debian"),
    ('ID=fedora\n', "fedora"),
    ('ID="rocky"\nID_LIKE="rhel centos fedora"\n', "fedora"),
    ('ID=alpine\n', "other"),
])
def test_the_platform_is_read_from_os_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              os_release: str, family: str) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    (tmp_path / "os-release").write_text(os_release, encoding="utf-8")
    assert system.platform(tmp_path / "os-release") == family


def test_macos_is_told_to_use_homebrew(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert system.hint(system.PANGO) == "brew install pango"
    assert "font-noto-sans-cjk-sc" in system.hint(system.CJK_FONT)


def test_without_pango_a_pdf_is_refused_with_what_to_install(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_pango(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint" or name.startswith("weasyprint."):
            print("WeasyPrint could not import some external libraries.")  # noqa: T201 - its banner
            raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open "
                          "shared object file: No such file or directory")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(system, "platform", lambda: "debian")
    monkeypatch.setattr(builtins, "__import__", no_pango)
    status, out, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", tmp_path / "r.pdf")
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("assessor: error: PDF reports need the Pango library, which is not "
                          "installed (cannot load library 'libpango-1.0-0'")
    assert err.endswith(": sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 "
                        "libharfbuzz-subset0; --format html, json and xlsx work without it\n")
    assert not (tmp_path / "r.pdf").exists()
    status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", tmp_path / "r.html")
    assert (status, err) == (0, f"wrote {tmp_path / 'r.html'}\n")


def test_a_missing_chinese_font_names_this_platforms_package(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(system, "platform", lambda: "fedora")
    assert "sudo dnf install google-noto-sans-cjk-fonts" in pdf.cjk_font_hint()
    monkeypatch.setattr(system, "platform", lambda: "debian")
    assert "sudo apt-get install fonts-wqy-microhei" in pdf.cjk_font_hint()


@pytest.mark.pdf
def test_the_fonttools_fallback_gives_the_same_bytes_twice(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import weasyprint.pdf.fonts
    import weasyprint.text.ffi

    monkeypatch.setattr(weasyprint.text.ffi, "harfbuzz_subset", None)  # as without the library
    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    digests = []
    for attempt in range(2):
        out = tmp_path / f"r{attempt}.pdf"
        status, _, err = run("run", *MINI_ARGS, MINI_ANSWERS, "-o", out)
        assert status == 0, err
        assert err.splitlines()[0].startswith("assessor: note: HarfBuzz's font subsetter is "
                                              "missing, so fonts are subset with fontTools")
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
        if attempt == 0:
            time.sleep(1.1)  # unfixed, the subset fonts would carry a different second
    assert digests[0] == digests[1]
    assert "SOURCE_DATE_EPOCH" not in os.environ


def test_examples_are_listed_and_written(run: Run, tmp_path: Path) -> None:
    status, out, _ = run("example")
    assert status == 0
    names = [line.split()[0] for line in out.splitlines()]
    assert names == sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
    assert "Silk Harbour Commerce Co., Ltd." in out
    target = tmp_path / "x.yaml"
    assert run("example", "crossborder-ecommerce", "-o", target)[0] == 0
    assert target.read_bytes() == (EXAMPLES / "crossborder-ecommerce.yaml").read_bytes()
    status, _, err = run("example", "crossborder-ecommerce", "-o", target)
    assert (status, err) == (2, f"assessor: error: {target} exists; use --force to replace it\n")
    status, _, err = run("example", "nope")
    assert status == 2
    assert err.startswith("assessor: error: no example named 'nope' (examples: connected-devices")

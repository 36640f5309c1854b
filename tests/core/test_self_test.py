"""``capadesk --self-test`` from source: every check passes, and a failure names its check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from capadesk import self_test


def test_the_self_test_passes_in_a_fresh_process_and_prints_one_line_per_check(
    tmp_path: Path,
) -> None:
    # No display and no QT_QPA_PLATFORM: the self-test must choose offscreen by itself.
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    env["LANGUAGE"] = "fr"
    done = subprocess.run(
        [sys.executable, "-m", "capadesk", "--self-test"],
        cwd=tmp_path,  # from any directory: data files are found through the package
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert [line.split("\u00a0:")[0].removeprefix("ok").strip() for line in lines[1:-1]] == [
        name for name, _check in self_test.CHECKS
    ]
    assert lines[-1] == "Autotest réussi."
    assert not list(tmp_path.iterdir())  # nothing left behind in the current directory


def test_a_failing_check_stops_the_run_with_its_french_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(context: self_test.Context) -> str:
        raise self_test.SelfTestError("les polices ne sont pas incorporées au PDF")

    def never(context: self_test.Context) -> str:
        raise AssertionError("a check after the failure ran")

    monkeypatch.setattr(
        self_test,
        "CHECKS",
        (("Base de données", self_test.check_store), ("PDF", broken), ("Qt", never)),
    )
    assert self_test.run_self_test() == 1
    captured = capsys.readouterr()
    assert "ok     Base de données" in captured.out
    assert captured.err.strip() == "ÉCHEC  PDF\u00a0: les polices ne sont pas incorporées au PDF"
    assert "Autotest réussi" not in captured.out

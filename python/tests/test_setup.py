"""`scripts/setup` works with a Python that refuses global installs (PEP 668 or PIP_REQUIRE_VIRTUALENV).

The script runs from a scratch copy of the checkout's layout whose test requirements are only
`pip` (already in every new virtual environment, so nothing is downloaded), with `python3` on
PATH being the base interpreter outside any virtual environment and pip told to refuse installs
there.
"""
import os
import shutil
import subprocess
import sys

from conftest import REPOSITORY


def scratch_checkout(tmp_path, python3):
    """A copy of scripts/setup beside a one-line requirements file, and the environment to run it in."""
    (tmp_path / "scripts").mkdir()
    (tmp_path / "python").mkdir()
    (tmp_path / "bin").mkdir()
    shutil.copy2(REPOSITORY / "scripts" / "setup", tmp_path / "scripts" / "setup")
    (tmp_path / "python" / "requirements-test.txt").write_text("pip\n")
    (tmp_path / "bin" / "python3").symlink_to(python3)
    environment = {name: value for name, value in os.environ.items() if not name.startswith(("GAIT_", "VIRTUAL_ENV"))}
    return dict(environment, PATH=f"{tmp_path / 'bin'}:/usr/bin:/bin", PIP_REQUIRE_VIRTUALENV="1")


def test_the_test_set_up_installs_into_its_own_virtual_environment(tmp_path):
    environment = scratch_checkout(tmp_path, sys._base_executable)
    refused = subprocess.run(["python3", "-m", "pip", "install", "-r", str(tmp_path / "python/requirements-test.txt")],
                             capture_output=True, text=True, env=environment)
    assert refused.returncode != 0, "the base interpreter was meant to refuse a global install"

    result = subprocess.run([str(tmp_path / "scripts" / "setup"), "--tests"], capture_output=True, text=True,
                            env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / ".venv" / "bin" / "python").exists()
    assert (tmp_path / ".venv" / ".gait-requirements").read_text() == "pip\n"


def test_the_main_job_set_up_runs_no_python(tmp_path):
    refusing = tmp_path / "refusing-python3"
    refusing.write_text("#!/bin/sh\necho 'python3 was called' >&2\nexit 97\n")
    refusing.chmod(0o755)
    environment = scratch_checkout(tmp_path, refusing)
    result = subprocess.run([str(tmp_path / "scripts" / "setup")], capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / ".venv").exists()

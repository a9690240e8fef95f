"""Builds Gait's C library (Swift, release mode) into the package while pip installs it.

``pip install ./python`` from a checkout runs ``swift build -c release --product GaitABI`` in the
repository and ships the resulting ``libGaitABI.so`` inside the ``gait`` package. Extra SwiftPM
arguments can be given in ``GAIT_SWIFT_BUILD_FLAGS`` (the tests pass the flags of their own build
so that nothing is compiled twice).
"""
import os
import pathlib
import shlex
import shutil
import subprocess

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent


class BuildWithSwift(build_py):
    def run(self):
        if shutil.which("swift") is None:
            raise SystemExit("gait: building the package needs the Swift toolchain (swift on PATH) and "
                             "libode-dev and libopenblas-dev (run scripts/setup in the repository)")
        flags = shlex.split(os.environ.get("GAIT_SWIFT_BUILD_FLAGS", ""))
        command = ["swift", "build", "-c", "release", "--product", "GaitABI", "--package-path", str(REPOSITORY)] + flags
        subprocess.run(command, check=True)
        output = subprocess.run(command + ["--show-bin-path"], check=True, capture_output=True, text=True).stdout.strip()
        shutil.copy2(pathlib.Path(output) / "libGaitABI.so", pathlib.Path(__file__).parent / "gait" / "libGaitABI.so")
        super().run()


class BinaryDistribution(Distribution):
    """The package holds a compiled library, so its wheel is platform-specific."""

    def has_ext_modules(self):
        return True


setup(cmdclass={"build_py": BuildWithSwift}, distclass=BinaryDistribution)

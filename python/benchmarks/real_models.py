"""Real model files in Gait beside MuJoCo, in one run: does each load, does Gait's compiled model
equal MuJoCo's (python/tests/test_real_models.py's comparison), and physics steps per second
under random controls (uniform in [-1, 1], a new one every step) with `gait-bench physics` beside
a bare `mj_step` loop on the same file.

    python python/benchmarks/real_models.py                 # the eleven legged robots of dm_control and Gymnasium
    python python/benchmarks/real_models.py path/to/go1.xml  # any others (MuJoCo needs their meshes)

Needs the release build (`swift build -c release --product gait --product gait-bench`) and the
test requirements (`scripts/setup --tests`; run it with .venv/bin/python).
"""
import pathlib
import subprocess
import sys
import time

import mujoco
import numpy as np

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY / "python" / "tests"))
from test_real_models import GYMNASIUM, SUITE, assert_matches_mujoco, compiled  # noqa: E402

ROBOTS = [SUITE / name for name in ["walker.xml", "cheetah.xml", "hopper.xml", "humanoid.xml", "quadruped.xml"]] + [
    GYMNASIUM / name for name in ["walker2d_v5.xml", "half_cheetah.xml", "hopper.xml", "ant.xml", "humanoid.xml",
                                  "humanoidstandup.xml"]]
STEPS = 50_000


def mujoco_rate(path):
    model = mujoco.MjModel.from_xml_path(str(path))
    # Gait's physics loop reads no sensors; MuJoCo's mj_step would compute them all every step.
    model.opt.disableflags |= mujoco.mjtDisableBit.mjDSBL_SENSOR
    data = mujoco.MjData(model)
    controls = np.random.default_rng(1).uniform(-1, 1, (STEPS, model.nu))
    start = time.perf_counter()
    for step in range(STEPS):
        data.ctrl[:] = controls[step]
        mujoco.mj_step(model, data)
    return STEPS / (time.perf_counter() - start)


def gait_rate(path):
    bench = REPOSITORY / ".build" / "release" / "gait-bench"
    output = subprocess.run([str(bench), "physics", str(path), str(STEPS), "1"], capture_output=True, text=True, check=True).stdout
    return float(output.split(": ")[1].split(" ")[0])


def main():
    gait_cli = str(REPOSITORY / ".build" / "release" / "gait")
    paths = [pathlib.Path(argument) for argument in sys.argv[1:]] or ROBOTS
    print(f"{'file':<34} {'loads':<7} {'compiled = MuJoCo':<18} {'Gait steps/s':>12} {'MuJoCo steps/s':>15} {'ratio':>6}")
    for path in paths:
        name = f"{path.parent.name}/{path.name}"
        model, error = compiled(gait_cli, path)
        if model is None:
            print(f"{name:<34} no: {error.strip().split(': ', 2)[-1][:90]}")
            continue
        try:
            assert_matches_mujoco(model, path)
            equal = "yes"
        except AssertionError as mismatch:
            equal = f"no ({str(mismatch)[:40]})"
        except ValueError as failure:
            equal = f"MuJoCo: {str(failure)[:30]}"
            print(f"{name:<34} {'yes':<7} {equal}")
            continue
        gait, reference = gait_rate(path), mujoco_rate(path)
        print(f"{name:<34} {'yes':<7} {equal:<18} {gait:>12,.0f} {reference:>15,.0f} {gait / reference:>6.2f}")


if __name__ == "__main__":
    main()

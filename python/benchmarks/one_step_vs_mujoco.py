"""One physics step in Gait beside one in MuJoCo, from the same states: how far apart the two
simulators' dynamics are, separated from the chaos of whole episodes.

    .venv/bin/python python/benchmarks/one_step_vs_mujoco.py [CHECKPOINT] [--states 64]

Runs dm_control's cheetah-run (dm_control 1.0.50, MuJoCo) for 400 steps under a policy (a Gait
checkpoint for cheetah-run or a run on dm_control's own cheetah.xml; without one, random
actions), then from every sixth state steps MuJoCo once and Gait once (`gait model --simulate`
from a keyframe holding MuJoCo's qpos and qvel, same control) on dm_control's cheetah.xml, and
prints, separately for states with and without ground contact, the root-mean-square change of
each joint's velocity in MuJoCo and the root-mean-square difference between the velocities the
two give. Needs dm_control and a release build of `gait` (scripts/setup --tests).
"""
import argparse
import json
import pathlib
import shutil
import subprocess
import tempfile

import mujoco
import numpy as np
from dm_control import suite

import gait

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
SUITE = pathlib.Path(suite.__file__).parent


def visited_states(policy, steps=400):
    """(qpos, qvel, control) at each step of a dm_control cheetah-run episode (seed 0)."""
    environment = suite.load("cheetah", "run", task_kwargs={"random": 0})
    rng = np.random.default_rng(0)
    step = environment.reset()
    states = []
    for _ in range(steps):
        observation = np.concatenate([np.ravel(part) for part in step.observation.values()])
        action = np.clip(policy(observation), -1, 1) if policy else rng.uniform(-1, 1, 6)
        states.append((environment.physics.data.qpos.copy(), environment.physics.data.qvel.copy(), action))
        step = environment.step(action)
    return states


def numbers(values):
    return " ".join(repr(float(value)) for value in values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint", nargs="?")
    parser.add_argument("--states", type=int, default=64)
    arguments = parser.parse_args()
    policy = gait.load_policy(arguments.checkpoint) if arguments.checkpoint else None
    states = visited_states(policy)
    folder = pathlib.Path(tempfile.mkdtemp())
    shutil.copytree(SUITE, folder / "suite", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    model_path = folder / "suite" / "cheetah.xml"
    text = model_path.read_text()
    model = mujoco.MjModel.from_xml_path(str(model_path))
    changes, differences, touching = [], [], []
    for qpos, qvel, action in states[20::6][:arguments.states]:
        data = mujoco.MjData(model)
        data.qpos[:], data.qvel[:], data.ctrl[:] = qpos, qvel, action
        mujoco.mj_step(model, data)
        keyed = folder / "suite" / "keyed.xml"
        keyed.write_text(text.replace("</mujoco>", f'<keyframe><key name="s" qpos="{numbers(qpos)}" qvel="{numbers(qvel)}"/></keyframe></mujoco>'))
        result = subprocess.run([str(REPOSITORY / ".build/release/gait"), "model", str(keyed), "--simulate", repr(model.opt.timestep),
                                 "--keyframe", "s", "--controls=" + numbers(action), "--json"], capture_output=True, text=True, check=True)
        changes.append(data.qvel - qvel)
        differences.append(np.array(json.loads(result.stdout)["qvel"][-1]) - data.qvel)
        touching.append(data.ncon > 0)
    changes, differences, touching = np.array(changes), np.array(differences), np.array(touching)
    names = [model.joint(index).name for index in range(model.njnt)]
    print("joint              " + " ".join(f"{name:>7s}" for name in names) + "    all")
    for label, mask in (("in the air", ~touching), ("in contact", touching)):
        if not mask.any():
            continue
        rms = lambda values: np.sqrt((values[mask] ** 2).mean(axis=0))
        total = lambda values: np.sqrt((values[mask] ** 2).mean())
        print(f"{label} ({mask.sum()} states)")
        print("  MuJoCo's change  " + " ".join(f"{value:7.3f}" for value in rms(changes)) + f"  {total(changes):5.3f}")
        print("  Gait − MuJoCo    " + " ".join(f"{value:7.3f}" for value in rms(differences)) + f"  {total(differences):5.3f}"
              f"  ({total(differences) / total(changes):.0%} of the change)")


if __name__ == "__main__":
    main()

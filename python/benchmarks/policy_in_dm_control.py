"""A policy trained in Gait, run in dm_control (MuJoCo) on the same seeds: how much of its return
survives the change of simulator. The environment's observation and action layout must be
dm_control's (walker, cheetah: yes; the run, walk and stand families on dm_control's own files
give it; the humanoid's too), and actions in [-1, 1] are passed as they are, held for as many
control steps as the Gait environment's `action_repeat` says.

    python python/benchmarks/policy_in_dm_control.py RUN/checkpoints/100000.safetensors cheetah run [--episodes 10]

Prints the mean return over the episodes in dm_control, beside Gait's own evaluation of the same
checkpoint (`gait eval`, same episode count). Needs dm_control and the `gait` package
(scripts/setup --tests; run it with .venv/bin/python).
"""
import argparse
import pathlib
import subprocess

import numpy as np

import gait
from dm_control_env import DMControlEnv, returns

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("checkpoint")
    parser.add_argument("domain")
    parser.add_argument("task")
    parser.add_argument("--episodes", type=int, default=10)
    arguments = parser.parse_args()
    policy = gait.load_policy(arguments.checkpoint)
    repeat = int(gait.GaitEnv(policy.env_id).details["settings"].get("action_repeat", 1))
    in_mujoco = returns(lambda observation: np.clip(policy(observation), -1, 1),
                        lambda seed: DMControlEnv(arguments.domain, arguments.task, seed, repeat), arguments.episodes)
    evaluation = subprocess.run([str(REPOSITORY / ".build/release/gait"), "eval", arguments.checkpoint, "--episodes",
                                 str(arguments.episodes)], capture_output=True, text=True, check=True).stdout
    gait_line = evaluation.strip().splitlines()[-1]
    gait_mean = float(gait_line.split("mean_return=")[1].split()[0])
    print(f"{policy.env_id} in Gait: {gait_mean:.1f}; in dm_control {arguments.domain}-{arguments.task}: "
          f"{in_mujoco.mean():.1f} ± {in_mujoco.std():.1f} ({in_mujoco.mean() / gait_mean:.0%} of Gait's)")


if __name__ == "__main__":
    main()

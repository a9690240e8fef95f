"""Training speed of Gait's agents through `gait.train` beside `gait train` and beside
Stable-Baselines3 on the same environment (Gait's cheetah-run through Gymnasium), in one run.

Usage: python train_speed.py [--repeats 3] [--sac-steps 6000] [--ppo-steps 102400] [--without-sb3]   (needs stable-baselines3)

For SAC and PPO, times whole training calls, alternating: the command line (`gait train`, a
process of its own) and `gait.train` in this process, `repeats` times each with the same
arguments (seed 1, one final evaluation episode), then SB3 once. SAC: networks 256×256, batch
256, 1000 random steps, one update per step and the actor updated at every step (SB3's SAC has
no delay); PPO: both libraries' defaults (2048 steps per rollout, minibatches of 64, 10 epochs,
64×64 networks). Prints the median steps per second of each and the ratios, and for Gait's two
the median CPU seconds too (user and system time of the process, or of the child for the command
line), which a machine's CPU steal does not inflate as it does wall time.
"""
import argparse
import os
import pathlib
import resource
import statistics
import subprocess
import tempfile
import time

import gymnasium
import torch
from stable_baselines3 import PPO, SAC

import gait

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
ENVIRONMENT = "cheetah-run"
SETTINGS = {"sac": {"learning_starts": 1000, "policy_frequency": 1}, "ppo": {}}


def cpu_seconds():
    """CPU time (user and system) of this process and of its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(function):
    """Wall seconds of `function()`."""
    return timed_with_cpu(function)[0]


def timed_with_cpu(function):
    """Wall and CPU seconds of `function()`."""
    start, start_cpu = time.perf_counter(), cpu_seconds()
    function()
    return time.perf_counter() - start, cpu_seconds() - start_cpu


def command_line(agent, steps, out):
    cli = os.environ.get("GAIT_CLI") or str(REPOSITORY / ".build/release/gait")
    settings = [option for name, value in SETTINGS[agent].items() for option in ("--set", f"{name}={value}")]
    subprocess.run([cli, "train", ENVIRONMENT, "--agent", agent, "--steps", str(steps), "--out", str(out),
                    "--eval-every", str(steps), "--eval-episodes", "1", *settings], check=True, capture_output=True)


def python_layer(agent, steps, out):
    gait.train(ENVIRONMENT, agent, steps=steps, out=out, eval_every=steps, eval_episodes=1, config=SETTINGS[agent])


def stable_baselines3(agent, steps):
    environment = gymnasium.make(gait.gym_id(ENVIRONMENT))
    if agent == "sac":
        model = SAC("MlpPolicy", environment, policy_kwargs={"net_arch": [256, 256]}, batch_size=256,
                    learning_starts=1000, seed=1, device="cpu")
    else:
        model = PPO("MlpPolicy", environment, seed=1, device="cpu")
    return timed(lambda: model.learn(total_timesteps=steps))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sac-steps", type=int, default=6000)
    parser.add_argument("--ppo-steps", type=int, default=102_400)
    parser.add_argument("--without-sb3", action="store_true", help="compare gait.train with gait train only")
    arguments = parser.parse_args()
    for agent, steps in (("sac", arguments.sac_steps), ("ppo", arguments.ppo_steps)):
        cli_runs, python_runs = [], []
        with tempfile.TemporaryDirectory() as scratch:
            for repeat in range(arguments.repeats):
                cli_runs.append(timed_with_cpu(lambda: command_line(agent, steps, pathlib.Path(scratch) / f"cli-{repeat}")))
                python_runs.append(timed_with_cpu(lambda: python_layer(agent, steps, pathlib.Path(scratch) / f"py-{repeat}")))
        (cli, cli_cpu), (python, python_cpu) = ([statistics.median(column) for column in zip(*runs)] for runs in (cli_runs, python_runs))
        print(f"{agent} on {ENVIRONMENT}, {steps} steps: gait train {steps / cli:,.1f} steps/s "
              f"(runs {', '.join(f'{wall:.2f}' for wall, _ in cli_runs)} s; CPU {cli_cpu:.2f} s), gait.train {steps / python:,.1f} "
              f"(runs {', '.join(f'{wall:.2f}' for wall, _ in python_runs)} s; CPU {python_cpu:.2f} s): the Python layer costs "
              f"{100 * (python / cli - 1):+.1f} % in wall time, {100 * (python_cpu / cli_cpu - 1):+.1f} % in CPU time", flush=True)
        if not arguments.without_sb3:
            sb3_time = stable_baselines3(agent, steps)
            print(f"  SB3 {steps / sb3_time:,.1f} steps/s ({sb3_time:.1f} s): gait.train is {sb3_time / python:.2f}× as fast", flush=True)


if __name__ == "__main__":
    main()

"""Environment steps per second from Python, side by side in one run: a Gait environment made
with ``gymnasium.make``, Gymnasium's MuJoCo counterpart, Gait's native rate (``gait bench env``),
and Gait's vector environment against one copy.

    python3 python/benchmarks/step_speed.py [--env cheetah-run] [--peer HalfCheetah-v5] [--steps 20000] [--reps 3]

Needs ``gymnasium[mujoco]`` for the peer (installed for the comparison only) and a built ``gait``
binary for the native rate (``--gait .build/release/gait``; skipped when absent). Prints medians.
"""
import argparse
import json
import pathlib
import statistics
import subprocess
import time

import gymnasium
import numpy as np

import gait


def single_rate(env, steps, seed=0):
    """Steps per second of ``env.step`` with fixed random actions (resets included)."""
    actions = np.random.default_rng(seed).uniform(-1, 1, (1024,) + env.action_space.shape).astype(np.float32)
    env.reset(seed=seed)
    start = time.perf_counter()
    for index in range(steps):
        _, _, terminated, truncated, _ = env.step(actions[index % 1024])
        if terminated or truncated:
            env.reset()
    return steps / (time.perf_counter() - start)


def vector_rate(envs, steps, seed=0):
    """Environment steps per second (copies × vector steps) of ``envs.step``."""
    actions = np.random.default_rng(seed).uniform(-1, 1, (64,) + envs.action_space.shape).astype(np.float32)
    envs.reset(seed=seed)
    vector_steps = max(steps // envs.num_envs, 1)
    start = time.perf_counter()
    for index in range(vector_steps):
        envs.step(actions[index % 64])
    return vector_steps * envs.num_envs / (time.perf_counter() - start)


def native_rate(binary, env_id, steps):
    """Gait's own single-copy rate from ``gait bench env --json``."""
    output = subprocess.run([binary, "bench", "env", env_id, "--steps", str(steps), "--json"], check=True,
                            capture_output=True, text=True).stdout
    return json.loads(output)["steps_per_second"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env", default="cheetah-run")
    parser.add_argument("--peer", default="HalfCheetah-v5")
    parser.add_argument("--steps", type=int, default=20000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--gait", default=str(pathlib.Path(__file__).resolve().parents[2] / ".build/release/gait"))
    arguments = parser.parse_args()
    runs = {"gait python": [], "peer python": [], "gait native": [], "gait vector": []}
    for _ in range(arguments.reps):
        with gait.make(arguments.env) as env:
            runs["gait python"].append(single_rate(env, arguments.steps))
        with gymnasium.make(arguments.peer) as env:
            runs["peer python"].append(single_rate(env, arguments.steps))
        envs = gait.make_vec(arguments.env, arguments.copies)
        runs["gait vector"].append(vector_rate(envs, arguments.steps * arguments.copies))
        envs.close()
        if pathlib.Path(arguments.gait).exists():
            runs["gait native"].append(native_rate(arguments.gait, arguments.env, arguments.steps))
    median = {name: statistics.median(values) for name, values in runs.items() if values}
    for name, value in median.items():
        print(f"{name:12s} {value:10.0f} steps/s")
    print(f"gait python / {arguments.peer} python: {median['gait python'] / median['peer python']:.2f}x")
    if "gait native" in median:
        print(f"gait python / gait native: {median['gait python'] / median['gait native']:.2f}x")
    print(f"gait vector ({arguments.copies} copies) / gait python (1 copy): {median['gait vector'] / median['gait python']:.2f}x")


if __name__ == "__main__":
    main()

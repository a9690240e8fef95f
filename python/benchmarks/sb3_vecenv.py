"""Stable-Baselines3's PPO on `gait.sb3.VecEnv("cheetah-run", n)` beside SB3's own
`SubprocVecEnv` of Gymnasium's HalfCheetah-v5 with the same copies, in one run.

Usage: python sb3_vecenv.py [--copies 1 2 8] [--rollouts 2]   (needs gymnasium[mujoco] for HalfCheetah-v5)

For each number of copies, trains PPO (SB3's defaults, `n_steps` 2048 per copy, torch on one
thread) for `rollouts` rollouts on each vector environment and prints the steps per second of
the whole `learn` call (collecting and updating), then the same for collecting alone (random
actions through the vector environment's step).
"""
import argparse
import time

import gymnasium
import numpy as np
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.vec_env import SubprocVecEnv

import gait.sb3


def make_half_cheetah():
    return gymnasium.make("HalfCheetah-v5")


def vector(kind, copies):
    if kind == "gait":
        return gait.sb3.VecEnv("cheetah-run", copies)
    return SubprocVecEnv([make_half_cheetah] * copies)


def learn_rate(kind, copies, rollouts):
    envs = vector(kind, copies)
    model = PPO("MlpPolicy", envs, seed=0, device="cpu")
    steps = 2048 * copies * rollouts
    start = time.perf_counter()
    model.learn(total_timesteps=steps)
    elapsed = time.perf_counter() - start
    envs.close()
    return steps / elapsed


def step_rate(kind, copies, steps=20_000):
    envs = vector(kind, copies)
    envs.seed(0)
    envs.reset()
    actions = np.random.default_rng(0).uniform(-1, 1, (steps // copies, copies, envs.action_space.shape[0])).astype(np.float32)
    start = time.perf_counter()
    for row in actions:
        envs.step(row)
    elapsed = time.perf_counter() - start
    envs.close()
    return len(actions) * copies / elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 2, 8])
    parser.add_argument("--rollouts", type=int, default=2)
    arguments = parser.parse_args()
    torch.set_num_threads(1)
    for copies in arguments.copies:
        gait_learn, subproc_learn = learn_rate("gait", copies, arguments.rollouts), learn_rate("subproc", copies, arguments.rollouts)
        gait_step, subproc_step = step_rate("gait", copies), step_rate("subproc", copies)
        print(f"{copies} copies: PPO.learn {gait_learn:,.0f} steps/s on gait.sb3.VecEnv(cheetah-run) against "
              f"{subproc_learn:,.0f} on SubprocVecEnv(HalfCheetah-v5): {gait_learn / subproc_learn:.2f}×; "
              f"stepping alone {gait_step:,.0f} against {subproc_step:,.0f}: {gait_step / subproc_step:.2f}×", flush=True)


if __name__ == "__main__":
    main()

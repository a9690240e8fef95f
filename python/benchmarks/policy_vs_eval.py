"""How far `gait.load_policy` (numpy) drifts from `gait eval` (Swift) over whole episodes.

Usage: python policy_vs_eval.py RUN_DIR [EPISODES]

Plays the run's latest checkpoint in Python with the numpy policy on the seeds `gait eval` uses
(the run's seed + 1,000,003 + i) and prints both mean returns, the largest difference of one
episode's return, and the largest action difference on the first step.
"""
import json
import pathlib
import re
import subprocess
import sys

import numpy as np

import gait

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]


def main():
    run = pathlib.Path(sys.argv[1])
    episodes = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    config = json.loads((run / "config.json").read_text())
    policy = gait.load_policy(run)
    first_seed = config["seed"] + 1_000_003
    record = run / "policy-vs-eval"
    cli = subprocess.run([str(REPOSITORY / ".build/release/gait"), "eval", str(run), "--episodes", str(episodes),
                          "--record", str(record)], capture_output=True, text=True, check=True)
    swift_mean = float(re.search(r"mean_return=(\S+)", cli.stdout).group(1))
    env = gait.make(config["environment"])
    returns, differences, first_actions = [], [], []
    for index in range(episodes):
        recorded = gait.read_episode(record / f"episode-{index:03d}.gaitep")
        observation, _ = env.reset(seed=first_seed + index)
        total, done = 0.0, False
        first_actions.append(np.abs(policy(observation) - recorded.actions[0]).max())
        while not done:
            observation, reward, terminated, truncated, _ = env.step(policy(observation))
            total += reward
            done = terminated or truncated
        returns.append(total)
        differences.append(abs(total - float(np.sum(recorded.rewards, dtype=np.float64))))
    print(f"{config['agent']} on {config['environment']}, {episodes} episodes: gait eval {swift_mean:.3f}, "
          f"load_policy {np.mean(returns):.3f} ({100 * (np.mean(returns) - swift_mean) / abs(swift_mean):+.3f} %); "
          f"largest episode difference {max(differences):.3f}; largest first-step action difference {max(first_actions):.2e}")


if __name__ == "__main__":
    main()

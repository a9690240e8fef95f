#!/usr/bin/env python3
"""Prints one observation component, or one named observation part, of recorded Gait episodes
(.gaitep), averaged over each episode's last steps. A part of several values is reported by its
length (the Euclidean norm) at each step; a single value keeps its sign. For example the
humanoid's head height over the final evaluation's last 200 steps, and a quadruped's torso turning
rate (rad/s) over its whole episodes; `--above` adds the share of those steps above a value (the
humanoid's head above 1 m):

    python3 scripts/episode_observation.py runs/humanoid-getup/*/episodes/final-*.gaitep --part head_height --above 1
    python3 scripts/episode_observation.py runs/quadruped-walk/*/episodes/final-*.gaitep \\
        --part torso_angular_velocity --last 1000

`gait envs show <id>` lists an environment's parts. The script reads the files with the Python
package (`pip install ./python`).
"""
import argparse
import functools
import sys

import numpy as np

import gait


@functools.cache
def description(env_id):
    """The installed version of environment ``env_id`` and its observation parts by name (read
    once per environment, however many of its episodes are given)."""
    env = gait.GaitEnv(env_id)
    details = env.details
    env.close()
    return details["version"], {part["name"]: part for part in details["observation_parts"]}


def columns(episode, arguments):
    """The observation columns to read, and a label for them, or exits with what was wrong."""
    size = episode.header["observationSize"]
    if arguments.index is not None:
        if not 0 <= arguments.index < size:
            sys.exit(f"--index must be in 0…{size - 1} for {episode.env_id}")
        return slice(arguments.index, arguments.index + 1), f"component {arguments.index}"
    version, parts = description(episode.env_id)
    if version != episode.header["environmentVersion"]:
        sys.exit(f"{episode.env_id}: the episode was recorded with version {episode.header['environmentVersion']}, "
                 f"this Gait has version {version}; use --index")
    if arguments.part not in parts:
        sys.exit(f"{episode.env_id} has no observation part {arguments.part!r}; its parts: {', '.join(parts)}")
    part = parts[arguments.part]
    label = arguments.part if part["size"] == 1 else f"|{arguments.part}|"
    return slice(part["start"], part["start"] + part["size"]), label


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("episodes", nargs="+", help=".gaitep files")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--index", type=int, help="one observation component, by position")
    which.add_argument("--part", help="one named observation part (as `gait envs show` lists them)")
    parser.add_argument("--last", type=int, default=200, help="how many final steps to average (default 200)")
    parser.add_argument("--above", type=float, help="also print the share of those steps whose value is above this")
    arguments = parser.parse_args()
    if arguments.last < 1:
        sys.exit("--last must be at least 1")
    means, shares = [], []
    for path in arguments.episodes:
        try:
            episode = gait.read_episode(path)
            selected, label = columns(episode, arguments)
        except gait.GaitError as error:
            sys.exit(str(error))
        values = episode.observations[-arguments.last:, selected]
        per_step = values[:, 0] if values.shape[1] == 1 else np.linalg.norm(values, axis=1)
        means.append(float(per_step.mean()))
        line = f"{path}: {episode.env_id} seed {episode.seed}: {label} {means[-1]:.4f}"
        if arguments.above is not None:
            shares.append(100 * float(np.mean(per_step > arguments.above)))
            line += f", above {arguments.above:g} in {shares[-1]:.1f}% of the steps"
        print(line)
    summary = f"mean over {len(means)} episodes: {np.mean(means):.4f}"
    if shares:
        summary += f"; above {arguments.above:g} in {min(shares):.1f}% to {max(shares):.1f}% of each episode's steps"
    print(summary)


if __name__ == "__main__":
    main()

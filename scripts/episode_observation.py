#!/usr/bin/env python3
"""Prints one observation component of recorded Gait episodes (.gaitep), averaged over each
episode's last steps: e.g. the humanoid's head height (component 21 of humanoid-* observations)
over the final evaluation's last 200 steps:

    python3 scripts/episode_observation.py runs/humanoid-getup/*/episodes/final-*.gaitep --index 21 --last 200

It reads the files with the Python package's `gait.read_episode` (`pip install ./python`).
"""
import argparse
import sys

import numpy as np

import gait


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("episodes", nargs="+", help=".gaitep files")
    parser.add_argument("--index", type=int, required=True, help="the observation component")
    parser.add_argument("--last", type=int, default=200, help="how many final steps to average (default 200)")
    arguments = parser.parse_args()
    means = []
    for path in arguments.episodes:
        try:
            episode = gait.read_episode(path)
        except gait.GaitError as error:
            sys.exit(str(error))
        size = episode.header["observationSize"]
        if not 0 <= arguments.index < size:
            sys.exit(f"{path}: --index must be in 0…{size - 1}")
        mean = float(episode.observations[-arguments.last:, arguments.index].mean())
        means.append(mean)
        print(f"{path}: {episode.env_id} seed {episode.seed}: {mean:.4f}")
    print(f"mean over {len(means)} episodes: {np.mean(means):.4f}")


if __name__ == "__main__":
    main()

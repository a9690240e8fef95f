#!/usr/bin/env python3
"""Prints one observation component of recorded Gait episodes (.gaitep), averaged over each
episode's last steps: e.g. the humanoid's head height (component 21 of humanoid-* observations)
over the final evaluation's last 200 steps:

    python3 scripts/episode_observation.py runs/humanoid-getup/*/episodes/final-*.gaitep --index 21 --last 200

The file format is in the README ("Episode files"); this reads it with numpy alone.
"""
import argparse
import json
import struct
import sys
import zlib

import numpy as np


def read_observations(path):
    """The episode's observations after each step (steps × observation size) and its header."""
    data = open(path, "rb").read()
    if data[:8] != b"GAITEPIS" or zlib.crc32(data[:-4]) != struct.unpack("<I", data[-4:])[0]:
        sys.exit(f"{path}: not an intact Gait episode file")
    length = struct.unpack_from("<I", data, 12)[0]
    header = json.loads(data[16:16 + length])
    n, m = header["observationSize"], header["actionSize"]
    at = 16 + length
    steps = struct.unpack_from("<I", data, at)[0]
    at += 4 + 4 * n
    record = np.dtype([("action", "<f4", m), ("observation", "<f4", n), ("reward", "<f8"), ("flags", "u1")])
    return np.frombuffer(data, dtype=record, count=steps, offset=at)["observation"], header


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("episodes", nargs="+", help=".gaitep files")
    parser.add_argument("--index", type=int, required=True, help="the observation component")
    parser.add_argument("--last", type=int, default=200, help="how many final steps to average (default 200)")
    arguments = parser.parse_args()
    means = []
    for path in arguments.episodes:
        observations, header = read_observations(path)
        if not 0 <= arguments.index < header["observationSize"]:
            sys.exit(f"{path}: --index must be in 0…{header['observationSize'] - 1}")
        mean = float(observations[-arguments.last:, arguments.index].mean())
        means.append(mean)
        print(f"{path}: {header['environmentID']} seed {header['seed']}: {mean:.4f}")
    print(f"mean over {len(means)} episodes: {np.mean(means):.4f}")


if __name__ == "__main__":
    main()

"""Episode files (.gaitep) written by ``gait eval --record`` and training, read into numpy arrays."""
import json
import struct

import numpy as np

from ._library import lib, path_argument, take_bytes


class Episode:
    """A recorded episode: ``header`` (environment id, seed, sizes …), ``initial_observation``,
    and per step ``actions`` (as given, before clipping), ``observations``, ``rewards``,
    ``terminated`` and ``truncated``."""

    def __init__(self, path):
        # The library checks the file as `gait replay` does (format, version, sizes, length, CRC),
        # so the layout below can be trusted.
        data = take_bytes(lib.gait_episode_read, path_argument(path))
        (length,) = struct.unpack_from("<I", data, 12)
        self.header = json.loads(data[16:16 + length])
        n, m = self.header["observationSize"], self.header["actionSize"]
        at = 16 + length
        (steps,) = struct.unpack_from("<I", data, at)
        at += 4
        self.initial_observation = np.frombuffer(data, dtype="<f4", count=n, offset=at).copy()
        at += 4 * n
        record = np.dtype([("action", "<f4", m), ("observation", "<f4", n), ("reward", "<f8"), ("flags", "u1")])
        steps = np.frombuffer(data, dtype=record, count=steps, offset=at)
        self.actions = steps["action"].copy()
        self.observations = steps["observation"].copy()
        self.rewards = steps["reward"].copy()
        self.terminated = (steps["flags"] & 1) != 0
        self.truncated = (steps["flags"] & 2) != 0

    @property
    def env_id(self):
        return self.header["environmentID"]

    @property
    def seed(self):
        return self.header["seed"]

    def __len__(self):
        return len(self.rewards)


def read_episode(path):
    """The episode recorded in ``path``."""
    return Episode(path)

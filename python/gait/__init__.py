"""Gait's environments for Gymnasium, Stable-Baselines3, CleanRL and RLlib.

After ``import gait`` every Gait environment (built-in, the user's environment files, and those
of a library named by ``GAIT_LIBRARY``) is registered with Gymnasium as ``gait/<id>-v<version>``::

    import gymnasium, gait
    env = gymnasium.make("gait/walker-run-v2")
    envs = gait.make_vec("walker-run", 8)          # Gait's thread-parallel vector environment
    result = gait.train("walker-stand", agent="sac", steps=100_000, out="runs/stand")   # as `gait train`
    policy = gait.load_policy("runs/stand")        # a run's latest checkpoint (or a checkpoint file)
"""
import re

import gymnasium
from gymnasium.vector import AutoresetMode

from ._library import lib, take_json
from .env import GaitEnv
from .episode import Episode, read_episode
from .errors import GaitError
from .policy import Policy, load_policy
from .training import TrainingResult, train
from .vector import GaitVectorEnv

__all__ = ["GaitEnv", "GaitVectorEnv", "GaitError", "Episode", "Policy", "TrainingResult", "environments", "gym_id",
           "load_policy", "make", "make_vec", "read_episode", "train"]
__version__ = "0.1.0"

_GYM_ID = re.compile(r"^gait/(?P<name>[a-z0-9-]+?)-v(?P<version>\d+)$")


def environments():
    """Every registered Gait environment: id, version, observation_dim, action_dim,
    max_episode_steps, tags, summary (as ``gait envs --json``)."""
    return take_json(lib.gait_registry)


def gym_id(env_id):
    """The Gymnasium id of Gait environment ``env_id``: ``gait/<id>-v<version>``."""
    return f"gait/{env_id}-v{_spec(env_id)['version']}"


def _spec(env_id):
    """The registry entry of a Gait id or Gymnasium id, checking the version of a Gymnasium id."""
    match = _GYM_ID.match(env_id)
    name = match["name"] if match else env_id
    for spec in environments():
        if spec["id"] == name:
            if match and int(match["version"]) != spec["version"]:
                raise GaitError(f"{env_id}: Gait has version {spec['version']} of {name}; use {gym_id(name)}")
            return spec
    # The library's own message, with its suggestions.
    GaitEnv(name).close()
    raise AssertionError("unreachable")


def make(env_id, **kwargs):
    """``gymnasium.make`` for a Gait id (``walker-run``) or Gymnasium id (``gait/walker-run-v2``),
    also one registered (``gait envs add``) after ``import gait``."""
    identifier = gym_id(_spec(env_id)["id"])
    if identifier not in gymnasium.registry:
        _register()
    return gymnasium.make(identifier, **kwargs)


def make_vec(env_id, num_envs, options=None, threads=None, autoreset_mode=AutoresetMode.NEXT_STEP):
    """``num_envs`` copies of a Gait environment (Gait or Gymnasium id) as one Gymnasium vector
    environment, stepped by Gait's threads (at most one per core, or ``threads``), resetting
    finished episodes in Gymnasium's ``autoreset_mode`` (see ``GaitVectorEnv``)."""
    return GaitVectorEnv(_spec(env_id)["id"], num_envs, options=options, threads=threads, autoreset_mode=autoreset_mode)


def _register():
    for spec in environments():
        identifier = f"gait/{spec['id']}-v{spec['version']}"
        if identifier not in gymnasium.registry:
            gymnasium.register(identifier, entry_point="gait.env:GaitEnv", vector_entry_point="gait.vector:GaitVectorEnv",
                               max_episode_steps=spec["max_episode_steps"], kwargs={"env_id": spec["id"]})


_register()

"""Gait's thread-parallel vector environment as a Stable-Baselines3 ``VecEnv`` (needs
stable-baselines3; ``import gait`` alone does not import it)::

    from stable_baselines3 import PPO
    from stable_baselines3.common.vec_env import VecMonitor
    import gait.sb3

    model = PPO("MlpPolicy", VecMonitor(gait.sb3.VecEnv("walker-walk", 8))).learn(100_000)
"""
import numpy as np
from gymnasium.vector import AutoresetMode
from stable_baselines3.common.vec_env import VecEnv as _VecEnv

from . import make_vec


class VecEnv(_VecEnv):
    """``num_envs`` copies of a Gait environment (Gait or Gymnasium id), stepped by Gait's
    threads as ``gait.make_vec`` steps them, with Stable-Baselines3's conventions: a copy whose
    episode ends is reset in the same step, its ``infos[i]`` holding ``terminal_observation`` and
    ``TimeLimit.truncated``; copy ``i`` is seeded with ``seed + i``. Wrap it in ``VecMonitor`` for
    SB3's episode statistics (``rollout/ep_rew_mean``)."""

    def __init__(self, env_id, num_envs, options=None, threads=None):
        self.envs = make_vec(env_id, num_envs, options=options, threads=threads, autoreset_mode=AutoresetMode.SAME_STEP)
        self._actions = None
        super().__init__(num_envs, self.envs.single_observation_space, self.envs.single_action_space)

    def reset(self):
        seed = self._seeds[0]
        if seed is not None and any(s != seed + i for i, s in enumerate(self._seeds)):
            raise ValueError(f"seeds {self._seeds}: Gait seeds copy i with seed + i; use VecEnv.seed(seed)")
        if any(self._options):
            raise ValueError("Gait environments take options when they are made (gait.sb3.VecEnv(id, n, options={...})), "
                             "not at reset")
        observations, _ = self.envs.reset(seed=seed)
        self._reset_seeds()
        self._reset_options()
        return observations

    def step_async(self, actions):
        self._actions = actions

    def step_wait(self):
        observations, rewards, terminated, truncated, infos = self.envs.step(self._actions)
        dones = terminated | truncated
        step_infos = [{} for _ in range(self.num_envs)]
        for index in range(self.num_envs):
            source = infos["final_info"] if dones[index] else infos
            step_infos[index] = {key: value[index] for key, value in source.items()
                                 if not key.startswith("_") and source[f"_{key}"][index]}
            if dones[index]:
                step_infos[index]["terminal_observation"] = infos["final_obs"][index]
                step_infos[index]["TimeLimit.truncated"] = bool(truncated[index] and not terminated[index])
        return observations, rewards.astype(np.float32), dones, step_infos

    def close(self):
        self.envs.close()

    def get_attr(self, attr_name, indices=None):
        """An attribute of the copies (they share every attribute: the id, the spaces …)."""
        return [getattr(self.envs, attr_name)] * len(self._get_indices(indices))

    def set_attr(self, attr_name, value, indices=None):
        raise AttributeError(f"cannot set {attr_name!r}: Gait's copies live inside its library; make a new VecEnv instead")

    def env_method(self, method_name, *method_args, indices=None, **method_kwargs):
        raise AttributeError(f"cannot call {method_name!r} on a copy: Gait's copies live inside its library")

    def env_is_wrapped(self, wrapper_class, indices=None):
        return [False] * len(self._get_indices(indices))

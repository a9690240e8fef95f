"""Gait's thread-parallel vector environment as a Gymnasium vector environment."""
import ctypes
import threading

import numpy as np
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from ._library import (Uncopyable, action_array, check, id_argument, lib, options_text, seed_arguments, serialized, take_json,
                       whole_number)
from .env import GaitEnv


class GaitVectorEnv(Uncopyable, VectorEnv):
    """``num_envs`` copies of one Gait environment, stepped by Gait's vector environment: copies
    grouped onto at most one thread per core inside the library (no subprocesses), copy ``i``
    seeded with ``seed + i``, results independent of the grouping.

    ``autoreset_mode`` is one of Gymnasium's two modes (both done inside the library):

    - ``NEXT_STEP`` (the default, as for Gymnasium's own vector environments and what its vector
      wrappers expect): the step that ends a copy's episode returns its last observation; the
      copy's next step ignores its action and returns the new episode's first observation, with
      reward 0, neither flag set and the reset's info.
    - ``SAME_STEP``: the copy is reset in the step that ends its episode; the returned
      observation starts the new episode, and ``infos["final_obs"]`` and ``infos["final_info"]``
      (with the masks ``_final_obs`` and ``_final_info``) hold the last observation and info of
      the episode that ended; the copy has no top-level step info there (its mask is False).

    Step infos are arrays with ``_name`` masks, as in Gymnasium. Masks that are True for every
    copy are shared read-only arrays.
    """

    metadata = {"autoreset_mode": AutoresetMode.NEXT_STEP, "render_modes": []}

    def __init__(self, env_id, num_envs, options=None, threads=None, render_mode=None, max_episode_steps=None,
                 autoreset_mode=AutoresetMode.NEXT_STEP):
        if render_mode is not None:
            raise ValueError(f"render_mode={render_mode!r}: the vector environment does not render; render a single "
                             "environment (gait.make(id, render_mode='rgb_array'))")
        describer = GaitEnv(env_id, options=options)
        self.env_id = describer.env_id
        limit = describer.details["max_episode_steps"]
        if max_episode_steps is not None and max_episode_steps != limit:
            describer.close()
            raise ValueError(f"max_episode_steps={max_episode_steps}: Gait's vector environment truncates {self.env_id} "
                             f"at its own limit, {limit} steps")
        self.single_observation_space, self.single_action_space = describer.observation_space, describer.action_space
        describer.close()
        num_envs = whole_number("num_envs", num_envs)
        threads = 0 if threads is None else whole_number("threads", threads)
        modes = {AutoresetMode.NEXT_STEP: 1, AutoresetMode.SAME_STEP: 0}
        try:
            mode = AutoresetMode(autoreset_mode)
            next_step = modes[mode]
        except (ValueError, KeyError):
            raise ValueError(f"autoreset_mode={autoreset_mode!r}: Gait's vector environment resets finished episodes in "
                             "the next step (AutoresetMode.NEXT_STEP) or in the same step (AutoresetMode.SAME_STEP)") from None
        self.metadata = {**self.metadata, "autoreset_mode": mode}
        self._lock = threading.Lock()
        handle = ctypes.c_void_p()
        check(lib.gait_vec_create(id_argument(self.env_id), num_envs, threads, options_text(options), next_step,
                                  ctypes.byref(handle)))
        self._handle = handle
        self.num_envs = num_envs
        self.render_mode = None
        self.observation_space = batch_space(self.single_observation_space, num_envs)
        self.action_space = batch_space(self.single_action_space, num_envs)
        shape = (num_envs,) + self.single_observation_space.shape
        self._observations = np.zeros(shape, dtype=np.float32)
        self._final_observations = np.zeros(shape, dtype=np.float32)
        self._actions = np.zeros((num_envs,) + self.single_action_space.shape, dtype=np.float32)
        self._rewards = np.zeros(num_envs, dtype=np.float64)
        self._flags = np.zeros(num_envs, dtype=np.int32)
        self._keys = []
        self._info = np.zeros((32, num_envs), dtype=np.float64)  # one row per info name
        self._addresses = [array.ctypes.data for array in (self._actions, self._observations, self._rewards, self._flags,
                                                           self._final_observations, self._info)]
        self._everywhere = np.ones(num_envs, dtype=bool)
        self._everywhere.flags.writeable = False
        self._masks = {}

    @serialized
    def reset(self, *, seed=None, options=None):
        """Resets every copy: copy ``i`` gets ``seed + i`` (a list must be such consecutive seeds)."""
        if options:
            raise ValueError("Gait environments take options when they are made (gait.make_vec(id, n, options={...})), not at reset")
        if isinstance(seed, (list, tuple)):
            seeds = [seed_arguments(each)[0] for each in seed]
            if None in seed or len(seed) != self.num_envs or any(s != seeds[0] + i for i, s in enumerate(seeds)):
                raise ValueError(f"seed {seed!r}: Gait seeds copy i with seed + i; pass one int, or {self.num_envs} consecutive ints")
            seed = seed[0]
        seed_value, has_seed = seed_arguments(seed)
        if seed_value + self.num_envs > 2 ** 64:
            raise ValueError(f"seed {seed}: copy i is seeded with seed + i, which must stay below 2**64; pass a smaller seed")
        self._np_random_seed = seed
        check(lib.gait_vec_reset(self._require_open(), seed_value, has_seed, self._observations.ctypes.data))
        return self._observations.copy(), {}

    @serialized
    def step(self, actions):
        self._actions[...] = action_array(actions, self._actions.shape, f"{self.num_envs} copies of {self.env_id}")
        if self._handle is None:
            self._require_open()
        summary = check(lib.gait_vec_step(self._handle, *self._addresses, len(self._info)))
        observations, rewards = self._observations.copy(), self._rewards.copy()
        if summary == 0:
            # The common step: no episode ended, nothing new in the infos.
            infos = self._masks.copy()
            infos.update(zip(self._keys, self._info[:len(self._keys)].copy()))
            return observations, rewards, np.zeros(self.num_envs, bool), np.zeros(self.num_envs, bool), infos
        flags = self._flags
        terminated, truncated = (flags & 1) != 0, (flags & 2) != 0
        return observations, rewards, terminated, truncated, self._infos(flags, summary, terminated | truncated)

    def _infos(self, flags, summary, done):
        if summary & 4:
            layout = take_json(lib.gait_vec_info_layout, self._handle)
            self._keys = layout["keys"]
            self._masks = {f"_{key}": self._everywhere for key in self._keys}
            values = np.array([[float(value) for value in row] for row in layout["values"]], dtype=np.float64).reshape(
                self.num_envs, len(self._keys))
            if len(self._keys) > len(self._info):
                self._info = np.zeros((2 * len(self._keys), self.num_envs), dtype=np.float64)
                self._addresses[-1] = self._info.ctypes.data
            values = values.T
        else:
            values = self._info[:len(self._keys)]
        step_info = dict(zip(self._keys, values.copy()))
        present = dict.fromkeys(self._keys, self._everywhere)
        if summary & 8:
            for index in np.flatnonzero(flags & 8):
                for key, text in take_json(lib.gait_vec_messages, self._handle, int(index)).items():
                    step_info.setdefault(key, np.full(self.num_envs, None, dtype=object))[index] = text
                    present[key] = step_info[key] != None  # noqa: E711 (elementwise)
        if not summary & 3 or self.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP:
            return _with_masks(step_info, present)
        infos = _with_masks(step_info, {key: mask & ~done for key, mask in present.items()})
        final_obs = np.full(self.num_envs, None, dtype=object)
        for index in np.flatnonzero(done):
            final_obs[index] = self._final_observations[index].copy()
        infos["final_obs"], infos["_final_obs"] = final_obs, done.copy()
        infos["final_info"] = _with_masks(step_info, {key: mask & done for key, mask in present.items()})
        infos["_final_info"] = done.copy()
        return infos

    def _require_open(self):
        if self._handle is None:
            raise RuntimeError(f"the {self.env_id} vector environment is closed; make a new one")
        return self._handle

    @serialized
    def close_extras(self, **kwargs):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None:
            lib.gait_vec_close(handle)

    def __del__(self):
        self.close_extras()


def _with_masks(values, masks):
    """Gymnasium's vector info layout: each entry (zero or None where absent) and, under
    ``_name``, where it is present."""
    infos = {}
    for key, column in values.items():
        mask = masks[key]
        if not mask.all():
            column = np.where(mask, column, None if column.dtype == object else 0).astype(column.dtype)
        infos[key], infos[f"_{key}"] = column, mask
    return infos

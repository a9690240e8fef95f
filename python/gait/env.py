"""A Gait environment as a Gymnasium environment."""
import ctypes
import threading

import gymnasium
import numpy as np

from ._library import (Uncopyable, action_array, check, id_argument, lib, options_text, seed_arguments, serialized, take_bytes,
                       take_json, whole_number)

# Room for info numbers per step; a step whose info has more grows it.
_INFO_CAPACITY = 32


def spaces(details):
    """The observation and action spaces (float32 boxes with the true bounds) of an environment
    described by ``gait_env_describe``."""
    def bounds(values, missing):
        return np.array([missing if value is None else value for value in values], dtype=np.float32)

    observation = gymnasium.spaces.Box(bounds(details["observation_low"], -np.inf), bounds(details["observation_high"], np.inf),
                                       dtype=np.float32)
    action = gymnasium.spaces.Box(bounds(details["action_low"], -1), bounds(details["action_high"], 1), dtype=np.float32)
    return observation, action


class GaitEnv(Uncopyable, gymnasium.Env):
    """One Gait environment, stepped in Gait's own (Swift) code.

    Made by ``gymnasium.make("gait/<id>-v<version>")`` after ``import gait``, or directly as
    ``GaitEnv("walker-run")``. ``options`` are the environment's options (as ``gait`` takes them).
    Observations are float32 arrays; ``info`` holds every reward term and ``clipped_actions`` as
    the command line reports them, and ``physics_error`` when the simulation failed.
    ``render_mode="rgb_array"`` makes ``render()`` return the scene as a ``height`` × ``width``
    RGB image (Gait's software renderer: a tracking camera, side view for planar robots). Actions
    outside [-1, 1] are clipped (and counted); a NaN action, stepping before ``reset`` or after the
    episode ended raise ``GaitError``. ``snapshot()`` and ``restore()`` save and continue the whole
    state bit for bit.
    """

    metadata = {"render_modes": ["rgb_array"]}

    def __init__(self, env_id, options=None, render_mode=None, width=480, height=360):
        if render_mode not in (None, "rgb_array"):
            raise ValueError(f"render_mode={render_mode!r}: Gait environments render as 'rgb_array' (or None)")
        width, height = whole_number("width", width), whole_number("height", height)
        if not (16 <= width <= 4096 and 16 <= height <= 4096):
            raise ValueError(f"width={width}, height={height}: each must be from 16 to 4096")
        self._lock = threading.Lock()
        handle = ctypes.c_void_p()
        check(lib.gait_env_create(id_argument(env_id), 0, 0, options_text(options), ctypes.byref(handle)))
        self._handle = handle
        self.details = take_json(lib.gait_env_describe, handle)
        self.env_id = self.details["id"]
        self.observation_space, self.action_space = spaces(self.details)
        self.metadata = {**self.metadata, "render_fps": round(1 / self.details["control_time_step"])}
        if not self.details["drawable"]:
            if render_mode is not None:
                self.close()
                raise ValueError(f"render_mode={render_mode!r}: {self.env_id} has nothing to draw; make it without a render mode")
            self.metadata["render_modes"] = []
        self.render_mode = render_mode
        self._frame = np.zeros((height, width, 3), dtype=np.uint8)
        self._observation = np.zeros(self.observation_space.shape, dtype=np.float32)
        self._action = np.zeros(self.action_space.shape, dtype=np.float32)
        self._reward = ctypes.c_double()
        self._keys = []
        self._allocate_info(_INFO_CAPACITY)
        self._observation_address = self._observation.ctypes.data
        self._action_address = self._action.ctypes.data
        self._reward_address = ctypes.addressof(self._reward)

    def _allocate_info(self, capacity):
        self._info = np.zeros(capacity, dtype=np.float64)
        self._info_address = self._info.ctypes.data

    @serialized
    def reset(self, *, seed=None, options=None):
        """Starts an episode; a seed makes it, and every later one, reproducible (as the CLI's)."""
        if options:
            raise ValueError("Gait environments take options when they are made (gymnasium.make(id, options={...})), not at reset")
        seed_value, has_seed = seed_arguments(seed)
        super().reset(seed=seed)
        flags = check(lib.gait_env_reset(self._require_open(), seed_value, has_seed, self._observation_address, self._info_address,
                                         len(self._info)))
        return self._observation.copy(), self._read_info(flags)

    @serialized
    def step(self, action):
        self._action[...] = action_array(action, self._action.shape, self.env_id)
        flags = check(lib.gait_env_step(self._require_open(), self._action_address, self._observation_address,
                                        self._reward_address, self._info_address, len(self._info)))
        return self._observation.copy(), self._reward.value, bool(flags & 1), bool(flags & 2), self._read_info(flags)

    def _read_info(self, flags):
        if flags & 4:
            layout = take_json(lib.gait_env_info_layout, self._handle)
            self._keys = layout["keys"]
            if len(self._keys) > len(self._info):
                self._allocate_info(2 * len(self._keys))
            info = dict(zip(self._keys, (float(value) for value in layout["values"][0])))
        else:
            info = dict(zip(self._keys, self._info[:len(self._keys)].tolist()))
        if flags & 8:
            info.update(take_json(lib.gait_env_messages, self._handle))
        return info

    @serialized
    def render(self):
        """With ``render_mode="rgb_array"``: the environment as it is now, drawn by Gait's software
        renderer, as a (height, width, 3) uint8 array (None with no render mode)."""
        if self.render_mode is None:
            return None
        height, width, _ = self._frame.shape
        check(lib.gait_env_render(self._require_open(), width, height, self._frame.ctypes.data))
        return self._frame.copy()

    @serialized
    def snapshot(self):
        """Everything that decides the environment's future, as bytes for ``restore``."""
        return take_bytes(lib.gait_env_snapshot, self._require_open())

    @serialized
    def restore(self, snapshot):
        """Continues from bytes returned by ``snapshot()`` (of an environment with the same id)."""
        snapshot = bytes(snapshot)
        check(lib.gait_env_restore(self._require_open(), snapshot, len(snapshot)))

    def _require_open(self):
        if self._handle is None:
            raise RuntimeError(f"the {self.env_id} environment is closed; make a new one")
        return self._handle

    @serialized
    def close(self):
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None:
            lib.gait_env_close(handle)

    def __del__(self):
        self.close()

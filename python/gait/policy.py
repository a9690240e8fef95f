"""Trained Gait agents as numpy policies: a checkpoint checked by Gait's library, then computed with numpy."""
import json
import math
import pathlib
import struct

import numpy as np

from ._library import lib, path_argument, real_array, take_bytes
from .errors import GaitError

# What the policy head a checkpoint names (`gait.policy`: network, hidden, output) computes.
_ACTIVATIONS = {"relu": lambda x: np.maximum(x, 0), "tanh": np.tanh}
_OUTPUTS = {"identity": lambda x: x, "tanh": np.tanh, "tanh_of_mean": lambda x: np.tanh(x[:, :x.shape[1] // 2])}


def read_checkpoint(path):
    """The F32 tensors (name → float32 array) and the metadata (name → text) of the agent
    checkpoint ``path``, which the library first checks as ``gait eval`` does (a regular file
    within the size limit, the data's CRC, a valid run configuration, finite tensors)."""
    data = take_bytes(lib.gait_checkpoint_read, path_argument(path))
    (header_length,) = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8:8 + header_length])
    metadata = header.pop("__metadata__", {}) or {}
    tensors = {}
    for name, entry in header.items():
        start = 8 + header_length + entry["data_offsets"][0]
        shape = tuple(int(extent) for extent in entry["shape"])
        tensors[name] = np.frombuffer(data, dtype="<f4", count=math.prod(shape), offset=start).reshape(shape)
    return tensors, metadata


class Policy:
    """A trained agent's deterministic policy as a function of observations (numpy, float32).

    ``policy(observation)`` takes one observation (or a batch, one per row) and returns the action
    the agent's ``gait eval`` takes, before the environment clips it to [-1, 1], observation
    normalisation included. Attributes: ``agent``, ``env_id`` (Gymnasium id ``gym_id``),
    ``step`` and ``config`` (the run configuration).
    """

    def __init__(self, path):
        tensors, metadata = read_checkpoint(path)
        try:
            self._read(path, tensors, metadata)
        except (KeyError, ValueError, TypeError) as error:
            # The library restores the agent only when its environment is registered here.
            raise GaitError(f"{path}: the checkpoint's metadata is damaged ({error!r}); use another checkpoint") from None

    def _read(self, path, tensors, metadata):
        """Sets the policy's attributes and layers from a checked checkpoint's contents."""
        self.config = json.loads(metadata["gait.config"])
        self.agent = self.config["agent"]
        self.env_id = self.config["environment"]
        self.gym_id = f"gait/{self.env_id}-v{self.config['environment_version']}"
        self.step = int(float(metadata.get("gait.step", "0")))
        if "gait.policy" not in metadata:
            raise GaitError(f"{path}: the checkpoint names no policy head and its agent '{self.agent}' is not one this library "
                            "serves; load it with the library (GAIT_LIBRARY) of the package that provides the agent")
        head = json.loads(metadata["gait.policy"])
        if head["hidden"] not in _ACTIVATIONS or head["output"] not in _OUTPUTS:
            raise GaitError(f"{path}: its policy head {head} is not one this version of gait computes "
                            f"(hidden: {', '.join(_ACTIVATIONS)}; output: {', '.join(_OUTPUTS)}); update gait")
        prefix, self._hidden, self._output = head["network"], _ACTIVATIONS[head["hidden"]], _OUTPUTS[head["output"]]
        if f"{prefix}.1.weight" in tensors:
            raise GaitError(f"{path}: the policy network '{prefix}' has layers between its linear ones (a normalisation?), "
                            "which this version of gait does not compute; update gait")
        self._layers = []
        while f"{prefix}.{2 * len(self._layers)}.weight" in tensors:
            index = 2 * len(self._layers)
            weight, bias = tensors[f"{prefix}.{index}.weight"], tensors.get(f"{prefix}.{index}.bias")
            if bias is None or weight.ndim != 2 or bias.shape != weight.shape[:1] or (
                    self._layers and self._layers[-1][0].shape[0] != weight.shape[1]):
                raise GaitError(f"{path}: the policy network's layer {index} does not fit the others")
            self._layers.append((weight, bias))
        if not self._layers:
            raise GaitError(f"{path} holds no '{prefix}' network; it is damaged or not a {self.agent} checkpoint")
        self.observation_size = self._layers[0][0].shape[1]
        self._normalizer = None
        if self.config["hyperparameters"].get("normalize_observations"):
            mean, variance = (np.array([float(x) for x in metadata[f"obs_rms.{name}"].split(",")]) for name in ("mean", "var"))
            if mean.shape != (self.observation_size,) or variance.shape != mean.shape or not (
                    np.isfinite(mean).all() and np.isfinite(variance).all() and (variance >= 0).all()):
                raise GaitError(f"{path}: the observation statistics do not fit the policy network or are not finite means and variances")
            self._normalizer = (mean, np.sqrt(variance + 1e-8))

    def __call__(self, observation):
        x = real_array(observation, "observations")
        if x.ndim not in (1, 2) or x.shape[-1] != self.observation_size:
            raise ValueError(f"observations have shape {x.shape}; this {self.env_id} policy takes ({self.observation_size},) "
                             f"or a batch of shape (n, {self.observation_size})")
        x = x.astype(np.float32)
        if not np.isfinite(x).all():
            raise ValueError("an observation is NaN or infinite; the policy takes finite numbers")
        single = x.ndim == 1
        x = np.atleast_2d(x)
        if self._normalizer is not None:
            mean, scale = self._normalizer
            x = np.clip(((x.astype(np.float64) - mean) / scale).astype(np.float32), -10, 10)
        for index, (weight, bias) in enumerate(self._layers):
            x = x @ weight.T + bias
            if index < len(self._layers) - 1:
                x = self._hidden(x)
        x = self._output(x)
        return x[0] if single else x


def load_policy(source):
    """The deterministic policy of a trained agent, as a callable numpy policy: ``source`` is a
    checkpoint (a ``.safetensors`` file from a run's ``checkpoints`` folder) or a run directory,
    which means its latest checkpoint, as for ``gait eval``.

    Actions agree with ``gait eval``'s to about 1e-7 (numpy's and OpenBLAS's products round
    differently in the last bits), but locomotion is chaotic: over 1000-step episodes the
    trajectories part, and returns differ from ``gait eval``'s, by several percent on a mean of
    ten episodes (measured in docs/python.md), not in the last digit."""
    path = pathlib.Path(source)
    if path.is_dir():
        path = _latest_checkpoint(path)
    return Policy(path)


def _latest_checkpoint(run):
    """The checkpoint of the latest step in run directory ``run``."""
    if not (run / "config.json").is_file():
        raise GaitError(f"{run} is a folder but not a Gait run (no config.json); pass a run directory or a checkpoint file")
    steps = [int(file.stem) for file in (run / "checkpoints").glob("*.safetensors") if file.stem.isdigit()]
    if not steps:
        raise GaitError(f"{run} has no checkpoints yet (checkpoints/<step>.safetensors); train it further or pass another run")
    return run / "checkpoints" / f"{max(steps)}.safetensors"

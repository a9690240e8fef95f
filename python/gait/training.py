"""Training Gait's own agents from Python, as the command line's ``gait train`` does."""
import collections.abc
import ctypes
import json
import math
import numbers
import os
import pathlib
import signal
import threading

import numpy as np

from ._library import lib, path_argument, take_json
from .errors import GaitError
from .policy import load_policy

_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_char_p, ctypes.c_void_p)


class TrainingResult:
    """How a run ended: ``run`` (its directory), the final evaluation's ``mean_return``,
    ``std_return`` and ``episodes`` (None when training was stopped before its end: its
    checkpoint is saved, and ``gait.train(resume=result.run)`` continues it), and ``stopped``."""

    def __init__(self, outcome):
        self.run = pathlib.Path(outcome["run"])
        self.mean_return, self.std_return, self.episodes = outcome.get("mean_return"), outcome.get("std_return"), outcome.get("episodes")
        self.stopped = self.mean_return is None

    def policy(self):
        """The trained deterministic policy (``gait.load_policy`` of the run's latest checkpoint)."""
        return load_policy(self.run)

    def __repr__(self):
        ending = "stopped" if self.stopped else f"mean_return={self.mean_return:.3f} std={self.std_return:.3f}"
        return f"TrainingResult({str(self.run)!r}, {ending})"


def train(env_id=None, agent=None, *, steps=None, seed=None, out=None, config=None, callback=None, resume=None,
          warm_start=None, warm_start_buffer=False, eval_every=None, eval_episodes=None, checkpoint_every=None, envs=None):
    """Trains one of Gait's agents exactly as ``gait train`` does with the same arguments: the
    same run directory (``config.json``, ``metrics.csv``, TensorBoard log, checkpoints, final
    episodes, curve and replay page), the same records bit for bit, the same output.

    ``config`` is a dict of hyperparameters and settings (``{"batch_size": 256}``, each as
    ``--set name=value``) or the path of a YAML or JSON file (``--config``). ``callback(record)``
    gets each record as ``metrics.csv`` does (a dict with ``step``, ``wall_time`` and the
    values: ``episode_return``, ``eval_return``, losses …) and returns False to stop training,
    which saves a checkpoint as Ctrl-C does. Ctrl-C during training (SIGTERM, SIGHUP too; on the
    main thread) stops it at the library's next safe point with a checkpoint saved, then raises
    ``KeyboardInterrupt`` (the signal again, under the program's own handlers). ``resume`` continues a run from its latest checkpoint
    (``steps`` may raise its budget). ``warm_start`` (``--warm-start``) begins a new run from an
    agent checkpoint or a run directory's latest, on an environment laid out alike, to fine-tune
    it; ``agent`` may then be left out. ``warm_start_buffer=True`` (``--warm-start-buffer``) begins
    it with that run's experience buffer too (off-policy agents; a run's latest checkpoint has one).
    Returns a ``TrainingResult``; errors are ``GaitError``.
    """
    if callback is not None and not callable(callback):
        raise TypeError(f"callback must be a function of a record (or None), not {callback!r}")
    request = _request(env_id, agent, out=out, config=config, resume=resume, warm_start=warm_start,
                       warm_start_buffer=warm_start_buffer, steps=steps, seed=seed, eval_every=eval_every,
                       eval_episodes=eval_episodes, checkpoint_every=checkpoint_every, envs=envs)
    raised = []

    def forward(text, _context):
        try:
            return 1 if callback(json.loads(text)) is False else 0
        except BaseException as error:  # noqa: B036 (KeyboardInterrupt too: stop, save, then raise it)
            raised.append(error)
            return 1

    hook = _CALLBACK(forward) if callback is not None else _CALLBACK(lambda _text, _context: 0)
    # On the main thread the library catches Ctrl-C, SIGTERM and SIGHUP as `gait train` does: it
    # stops at its next safe point (during an evaluation too) and saves; the signal is then
    # raised again under this program's own handlers (KeyboardInterrupt for Ctrl-C).
    catching = threading.current_thread() is threading.main_thread()
    saved = {number: signal.getsignal(number) for number in _STOP_SIGNALS} if catching else {}
    try:
        outcome = take_json(lib.gait_train, json.dumps(dict(request, catch_interrupts=catching), allow_nan=False).encode(),
                            ctypes.cast(hook, ctypes.c_void_p), None)
    finally:
        for number, handler in saved.items():
            if handler is not None:
                signal.signal(number, handler)
    if raised:
        raise raised[0]
    if outcome.get("interrupted"):
        signal.raise_signal(outcome["interrupted"])
    return TrainingResult(outcome)


_STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP]


def _request(env_id, agent, *, out, config, resume, warm_start, warm_start_buffer, **settings):
    """The ``gait_train`` request of ``train``'s parameters: the run settings given win over
    ``config``'s entries, as ``gait train``'s flags win over ``--set``."""
    if not isinstance(warm_start_buffer, (bool, np.bool_)):
        raise TypeError(f"warm_start_buffer must be True or False, not {warm_start_buffer!r}")
    request = {"environment": None if env_id is None else str(env_id), "agent": None if agent is None else str(agent),
               "out": _path(out), "resume": _path(resume), "warm_start": _path(warm_start), "warm_start_buffer": bool(warm_start_buffer)}
    values = {}
    if isinstance(config, (str, bytes, os.PathLike)):
        request["config_file"] = _path(config)
    elif isinstance(config, collections.abc.Mapping):
        values.update(config)
    elif config is not None:
        raise TypeError(f"config must be a dict of settings and hyperparameters or a file's path, not {type(config).__name__}")
    values.update({name: value for name, value in settings.items() if value is not None})
    request["settings"] = {str(name): _number(name, value) for name, value in values.items()}
    return {key: value for key, value in request.items() if value is not None}


def _path(path):
    """A path (text, bytes or path-like) as the request's text, checked as the library's file
    arguments are; the request is JSON, so the path must be UTF-8."""
    if path is None:
        return None
    encoded = path_argument(path)
    try:
        return encoded.decode("utf-8")
    except UnicodeDecodeError:
        raise GaitError(f"{os.fsdecode(encoded)!r}: gait.train takes paths in UTF-8; rename the folder or pass another") from None


def _number(name, value):
    """A setting's value as JSON: whole numbers exactly, reals when finite, True and False (numpy's
    too) as booleans, which only on/off hyperparameters take."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        if not -(1 << 53) <= int(value) <= 1 << 53:
            raise ValueError(f"{name}={value}: whole numbers beyond 2**53 do not survive as settings (doubles); pass a smaller one")
        return int(value)
    if isinstance(value, numbers.Real):
        if math.isfinite(value):
            return float(value)
        raise ValueError(f"{name}={value!r}: Gait's settings and hyperparameters are finite numbers")
    raise TypeError(f"{name}={value!r}: Gait's settings and hyperparameters are numbers")

"""Loads Gait's C library (``libGaitABI.so``) and declares its functions for ctypes.

The library is the one installed with this package, or the one named by the ``GAIT_LIBRARY``
environment variable (a library built from a package with environments of its own). If that
library exports ``gait_setup`` (which installs its plugins), it is called once after loading.
"""
import ctypes
import functools
import json
import operator
import os
import pathlib

import numpy as np

from .errors import GaitError

ABI_VERSION = 5

_float_p = ctypes.POINTER(ctypes.c_float)
_double_p = ctypes.POINTER(ctypes.c_double)
_int32_p = ctypes.POINTER(ctypes.c_int32)
_bytes_p = ctypes.POINTER(ctypes.c_uint8)
_handle = ctypes.c_void_p

# Each function's argument types. Each returns an int32: 0 (or, from reset and step, flags ≥ 0)
# on success, −1 on failure with the message in gait_last_error().
_SIGNATURES = {
    "gait_registry": [ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
    "gait_env_create": [ctypes.c_char_p, ctypes.c_uint64, ctypes.c_int32, ctypes.c_char_p, ctypes.POINTER(_handle)],
    "gait_env_describe": [_handle, ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
    "gait_env_reset": [_handle, ctypes.c_uint64, ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ssize_t],
    "gait_env_step": [_handle, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ssize_t],
    "gait_env_info_layout": [_handle, ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
    "gait_env_messages": [_handle, ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
    "gait_env_snapshot": [_handle, ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
    "gait_env_restore": [_handle, ctypes.c_char_p, ctypes.c_ssize_t],
    "gait_env_render": [_handle, ctypes.c_ssize_t, ctypes.c_ssize_t, ctypes.c_void_p],
    "gait_vec_create": [ctypes.c_char_p, ctypes.c_ssize_t, ctypes.c_ssize_t, ctypes.c_char_p, ctypes.c_int32,
                        ctypes.POINTER(_handle)],
    "gait_vec_reset": [_handle, ctypes.c_uint64, ctypes.c_int32, ctypes.c_void_p],
    "gait_vec_step": [_handle, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                      ctypes.c_void_p, ctypes.c_ssize_t],
    "gait_vec_info_layout": [_handle, ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
    "gait_vec_messages": [_handle, ctypes.c_ssize_t, ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
    "gait_checkpoint_read": [ctypes.c_char_p, ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
    "gait_episode_read": [ctypes.c_char_p, ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
    "gait_train": [ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(_bytes_p), ctypes.POINTER(ctypes.c_ssize_t)],
}


def _load():
    path = os.environ.get("GAIT_LIBRARY") or str(pathlib.Path(__file__).parent / "lib" / "libGaitABI.so")
    try:
        library = ctypes.CDLL(path)
    except OSError as error:
        raise ImportError(f"cannot load Gait's library {path}: {error}; reinstall the package "
                          "(pip install ./python) or point GAIT_LIBRARY at a built libGaitABI.so") from None
    if not hasattr(library, "gait_abi_version"):
        raise ImportError(f"{path} is not a Gait library (it has no gait_abi_version function); point GAIT_LIBRARY at "
                          "a libGaitABI.so or a library built on GaitABIStatic, or unset it")
    library.gait_abi_version.restype = ctypes.c_int32
    if library.gait_abi_version() != ABI_VERSION:
        raise ImportError(f"{path} speaks Gait ABI version {library.gait_abi_version()}; this package needs "
                          f"{ABI_VERSION}: reinstall both from one checkout")
    for name, arguments in _SIGNATURES.items():
        function = getattr(library, name)
        function.argtypes = arguments
        function.restype = ctypes.c_int32
    library.gait_last_error.restype = ctypes.c_char_p
    library.gait_free.argtypes = [ctypes.c_void_p]
    library.gait_free.restype = None
    for name in ("gait_env_close", "gait_vec_close"):
        getattr(library, name).argtypes = [_handle]
        getattr(library, name).restype = None
    if hasattr(library, "gait_setup"):
        library.gait_setup.restype = None
        library.gait_setup()
    return library


lib = _load()


def check(result):
    """Raises the library's last error when a call failed (returned −1); else returns the result."""
    if result < 0:
        message = lib.gait_last_error()
        raise GaitError(message.decode("utf-8", "replace") if message else "unknown error")
    return result


def take_bytes(function, *arguments):
    """Calls a function that returns bytes from the library, and releases them."""
    pointer, length = _bytes_p(), ctypes.c_ssize_t()
    check(function(*arguments, ctypes.byref(pointer), ctypes.byref(length)))
    try:
        return ctypes.string_at(pointer, length.value)
    finally:
        lib.gait_free(pointer)


def whole_number(name, value):
    """`value` (a Python or numpy integer) as an int; TypeError for anything else (the library checks the range)."""
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise TypeError(f"{name} must be a whole number, not {value!r}")
    number = operator.index(value)
    if not -(1 << 63) <= number < 1 << 63:
        raise ValueError(f"{name}={number} is too large")
    return number


def id_argument(env_id):
    """An environment id as the library takes it (UTF-8 bytes), refusing a NUL, which C would cut it at."""
    text = str(env_id)
    if "\0" in text:
        raise GaitError(f"{text!r}: an environment id cannot contain a NUL character")
    return text.encode()


def path_argument(path):
    """A file path as the library takes it (bytes), refusing a NUL, which C would cut the path at."""
    encoded = os.fsencode(path)
    if b"\0" in encoded:
        raise GaitError(f"{os.fsdecode(encoded)!r}: a path cannot contain a NUL character")
    return encoded


def take_json(function, *arguments):
    """Calls a function that returns JSON text, and parses it."""
    return json.loads(take_bytes(function, *arguments))


def options_text(options):
    """Environment options as the JSON object the library reads (None: none)."""
    if not options:
        return None
    if not isinstance(options, dict):
        raise TypeError(f"options must be a dict of option names to values, not {type(options).__name__}")
    return json.dumps({str(key): value for key, value in options.items()}).encode()


def seed_arguments(seed):
    """(seed, has_seed) for the library from Gymnasium's seed (None or a whole number ≥ 0)."""
    if seed is None:
        return 0, 0
    if isinstance(seed, bool) or not isinstance(seed, (int,)) and not hasattr(seed, "__index__"):
        raise TypeError(f"seed must be None or a whole number, not {seed!r}")
    seed = int(seed)
    if not 0 <= seed < 2 ** 64:
        raise ValueError(f"seed must be from 0 to 2**64 - 1, not {seed}")
    return seed, 1


def real_array(value, what):
    """``value`` as a NumPy array of real numbers (or booleans): TypeError naming ``what`` for text,
    complex numbers or objects."""
    array = np.asarray(value)
    if array.dtype.kind not in "fiub":
        raise TypeError(f"{what} must hold real numbers, not {array.dtype} values")
    return array


FLOAT32_MAX = float(np.finfo(np.float32).max)


def action_array(action, shape, env_id):
    """``action`` as a numeric array of ``shape``: TypeError for text, complex numbers or objects,
    ValueError for another shape (the library refuses NaN and infinities). Finite values beyond
    float32's range come within it (the environment clips them as any other out-of-range action)
    rather than turning into infinities."""
    if getattr(action, "shape", None) != shape or getattr(action, "dtype", np.dtype(object)).kind not in "fiub":
        action = real_array(action, "the action")
        if action.shape != shape:
            raise ValueError(f"the action has shape {action.shape}; {env_id} takes shape {shape}")
    if action.dtype.kind == "f" and action.dtype.itemsize > 4 and not (np.abs(action) <= FLOAT32_MAX).all():
        action = np.where(np.isfinite(action), np.clip(action, -FLOAT32_MAX, FLOAT32_MAX), action)
    return action


class Uncopyable:
    """Refuses copies and pickles: the object owns a handle of Gait's library, which a copy would
    close twice. Its state moves with ``snapshot()`` and ``restore()`` where it has them."""

    def __copy__(self):
        raise TypeError(f"a {type(self).__name__} owns a handle of Gait's library and cannot be copied or pickled; "
                        "make another (gait.make, gait.make_vec) and carry a state over with snapshot() and restore()")

    def __deepcopy__(self, memo):
        self.__copy__()

    def __reduce_ex__(self, protocol):
        self.__copy__()


def serialized(method):
    """Runs ``method`` holding its object's ``_lock``, so that the object's library handle is used
    by one thread at a time and never closed under a call (ctypes lets go of the GIL in calls)."""
    @functools.wraps(method)
    def call(self, *arguments, **keywords):
        lock = getattr(self, "_lock", None)
        if lock is None:  # a constructor that failed before making the lock: nothing to guard
            return method(self, *arguments, **keywords)
        with lock:
            return method(self, *arguments, **keywords)
    return call

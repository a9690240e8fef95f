"""Errors cross the C ABI as Python exceptions with Gait's message, never as a crash."""
import ctypes.util
import json
import os
import pathlib
import struct
import subprocess
import sys
import zlib

import numpy as np
import pytest

import gait


def test_unknown_id_suggests_known_ones():
    with pytest.raises(gait.GaitError, match="unknown environment 'walker-rnu'; did you mean 'walker-run'"):
        gait.GaitEnv("walker-rnu")
    with pytest.raises(gait.GaitError, match="did you mean"):
        gait.make("gait/walker-rnu-v1")


def test_wrong_version_names_the_right_id():
    with pytest.raises(gait.GaitError, match="use gait/walker-run-v2"):
        gait.make("gait/walker-run-v7")


def test_nan_action():
    env = gait.GaitEnv("walker-walk")
    env.reset(seed=0)
    action = np.zeros(6, dtype=np.float32)
    action[2] = np.nan
    with pytest.raises(gait.GaitError, match="action component 2 is NaN or infinite"):
        env.step(action)


def test_a_finite_action_beyond_float32_is_clipped_and_an_infinite_one_refused():
    env = gait.GaitEnv("walker-walk")
    env.reset(seed=0)
    action = np.zeros(6)
    action[[1, 4]] = 1e39, -1e300
    _, _, _, _, info = env.step(action)
    assert info["clipped_actions"] == 2
    action[4] = -np.inf
    with pytest.raises(gait.GaitError, match="action component 4 is NaN or infinite"):
        env.step(action)


def test_stepping_before_reset_and_after_the_end():
    env = gait.GaitEnv("pendulum")
    with pytest.raises(gait.GaitError, match="before reset"):
        env.step(np.zeros(1, dtype=np.float32))
    env.reset(seed=0)
    done = False
    while not done:
        _, _, terminated, truncated, _ = env.step(np.zeros(1, dtype=np.float32))
        done = terminated or truncated
    with pytest.raises(gait.GaitError, match="after the episode ended"):
        env.step(np.zeros(1, dtype=np.float32))


def test_wrong_action_shape_and_bad_options():
    env = gait.GaitEnv("pendulum")
    env.reset(seed=0)
    with pytest.raises(ValueError, match="takes shape"):
        env.step(np.zeros(3, dtype=np.float32))
    for action in (np.array(["0.5"]), np.array([0.5 + 1j]), [None]):
        with pytest.raises(TypeError, match="real numbers"):
            env.step(action)
    # A refused seed leaves the environment's seed and episode as they were.
    with pytest.raises(ValueError, match="2\\*\\*64"):
        env.reset(seed=2 ** 64)
    assert env.np_random_seed == 0
    env.step([0.5])
    with pytest.raises(gait.GaitError, match="option"):
        gait.GaitEnv("pendulum", options={"no_such_option": 1})


def test_closed_environment():
    env = gait.GaitEnv("pendulum")
    env.close()
    with pytest.raises(RuntimeError, match="closed"):
        env.reset(seed=0)


def test_damaged_snapshot():
    env = gait.GaitEnv("walker-run")
    env.reset(seed=0)
    snapshot = bytearray(env.snapshot())
    snapshot[40] ^= 0xFF
    with pytest.raises(gait.GaitError, match="damaged"):
        env.restore(bytes(snapshot))
    with pytest.raises(gait.GaitError, match="not a Gait snapshot"):
        env.restore(b"garbage")


def test_snapshot_of_another_environment_is_refused_and_changes_nothing():
    cheetah, walker = gait.GaitEnv("cheetah-run"), gait.GaitEnv("walker-run")
    cheetah.reset(seed=0)
    walker.reset(seed=0)
    before = walker.snapshot()
    version = {spec["id"]: spec["version"] for spec in gait.environments()}
    expected = f"taken from cheetah-run version {version['cheetah-run']}; this environment is walker-run version {version['walker-run']}"
    with pytest.raises(gait.GaitError, match=expected):
        walker.restore(cheetah.snapshot())
    assert walker.snapshot() == before


def _with_crc(data):
    """Episode bytes with their trailing CRC-32 made right again."""
    return bytes(data[:-4]) + struct.pack("<I", zlib.crc32(bytes(data[:-4])))


def _rebuilt_checkpoint(data, change=lambda body: None, **metadata):
    """A safetensors checkpoint whose data section `change(data section)` altered and whose
    metadata entries `metadata` replaced (None: removed), its Gait CRC recomputed."""
    (length,) = struct.unpack_from("<Q", data, 0)
    header = json.loads(data[8:8 + length])
    for key, value in metadata.items():
        header["__metadata__"][key] = value
        if value is None:
            del header["__metadata__"][key]
    body = bytearray(data[8 + length:])
    change(body)
    header["__metadata__"]["gait.data_crc32"] = str(zlib.crc32(bytes(body)))
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + bytes(body)


def _special_files(tmp_path):
    """A FIFO (reading it would block), /dev/zero (never ends) and a folder."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    (tmp_path / "folder").mkdir()
    return [fifo, pathlib.Path("/dev/zero"), tmp_path / "folder"]


def test_python_refuses_every_damaged_checkpoint_the_command_line_refuses(tmp_path, trained, gait_cli):
    checkpoint, _ = trained("ppo", "pendulum")
    data = checkpoint.read_bytes()
    (length,) = struct.unpack_from("<Q", data, 0)
    damaged = {
        "truncated": data[:len(data) // 2],
        "data-flipped": data[:-5] + bytes([data[-5] ^ 1]) + data[-4:],
        "nan-weight": _rebuilt_checkpoint(data, lambda body: body.__setitem__(slice(0, 4), struct.pack("<f", float("nan")))),
        "foreign": b"\x02\x00\x00\x00\x00\x00\x00\x00{}",
        "not-a-number-statistic": _rebuilt_checkpoint(data, **{"obs_rms.mean": "0.1,zz,3"}),
        "short-statistic": _rebuilt_checkpoint(data, **{"obs_rms.var": "1,2"}),
        "negative-variance": _rebuilt_checkpoint(data, **{"obs_rms.var": "1,-2,3"}),
        "no-statistic": _rebuilt_checkpoint(data, **{"obs_rms.mean": None}),
        "step-not-a-number": _rebuilt_checkpoint(data, **{"gait.step": "lots"}),
        "config-not-json": _rebuilt_checkpoint(data, **{"gait.config": "{"}),
        "config-agent-unknown": _rebuilt_checkpoint(data, **{"gait.config": json.dumps({"agent": 7})}),
        "empty": b"",
    }
    files = []
    for name, content in damaged.items():
        (tmp_path / f"{name}.safetensors").write_bytes(content)
        files.append(tmp_path / f"{name}.safetensors")
    for path in files + _special_files(tmp_path)[:2] + [tmp_path / "missing.safetensors"]:
        cli = subprocess.run([gait_cli, "eval", str(path), "--episodes", "1"], capture_output=True, text=True, timeout=60)
        assert cli.returncode != 0, f"gait eval accepted {path.name}"
        with pytest.raises(gait.GaitError) as refused:
            gait.load_policy(path)
        assert str(refused.value).split(":")[0] in cli.stderr, f"{path.name}: {refused.value} / {cli.stderr}"
    with pytest.raises(gait.GaitError, match="NUL"):
        gait.load_policy("check\0point.safetensors")


def test_a_policy_head_naming_a_layer_normalised_network_is_refused(tmp_path, trained):
    checkpoint, _ = trained("sac", "hopper-stand", "--set", "normalize_observations=1", "--set", "layer_norm=1")
    head = json.dumps({"network": "qf1", "hidden": "relu", "output": "identity"})
    path = tmp_path / "critic-as-policy.safetensors"
    path.write_bytes(_rebuilt_checkpoint(checkpoint.read_bytes(), **{"gait.policy": head}))
    with pytest.raises(gait.GaitError, match="layers between its linear ones"):
        gait.load_policy(path)


def test_run_directories_for_load_policy(tmp_path):
    with pytest.raises(gait.GaitError, match="not a Gait run"):
        gait.load_policy(tmp_path)
    (tmp_path / "empty-run").mkdir()
    (tmp_path / "empty-run" / "config.json").write_text("{}")
    with pytest.raises(gait.GaitError, match="no checkpoints yet"):
        gait.load_policy(tmp_path / "empty-run")


def test_python_refuses_every_damaged_episode_the_command_line_refuses(tmp_path, trained, gait_cli):
    _, episode = trained("sac", "pendulum")
    data = bytearray(episode.read_bytes())
    version_99 = bytearray(data)
    version_99[8:12] = struct.pack("<I", 99)
    (header_length,) = struct.unpack_from("<I", data, 12)
    short_count = bytearray(data)
    (steps,) = struct.unpack_from("<I", data, 16 + header_length)
    short_count[16 + header_length:20 + header_length] = struct.pack("<I", steps - 1)
    damaged = {
        "truncated": bytes(data[:len(data) // 2]),
        "crc": bytes(data[:-1]) + bytes([data[-1] ^ 1]),
        "version-99": _with_crc(version_99),
        "trailing-bytes": _with_crc(data[:-4] + b"\0" * 8 + data[-4:]),
        "short-step-count": _with_crc(short_count),
        "empty": b"",
    }
    files = []
    for name, content in damaged.items():
        (tmp_path / f"{name}.gaitep").write_bytes(content)
        files.append(tmp_path / f"{name}.gaitep")
    for path in files + _special_files(tmp_path) + [tmp_path / "missing.gaitep"]:
        cli = subprocess.run([gait_cli, "replay", str(path), "--verify"], capture_output=True, text=True, timeout=60)
        assert cli.returncode != 0, f"gait replay accepted {path.name}"
        with pytest.raises(gait.GaitError) as refused:
            gait.read_episode(path)
        assert str(refused.value) in cli.stderr, f"{path.name}: {refused.value} / {cli.stderr}"
    assert len(gait.read_episode(episode)) == steps


def test_arguments_python_users_pass_are_taken_or_refused_clearly():
    envs = gait.make_vec("pendulum", np.int64(2), threads=np.int32(1))
    assert envs.num_envs == 2
    envs.close()
    env = gait.GaitEnv("pendulum", render_mode="rgb_array", width=np.int16(64), height=np.uint16(48))
    env.reset(seed=0)
    assert env.render().shape == (48, 64, 3)
    env.close()
    with pytest.raises(TypeError, match="threads must be a whole number"):
        gait.make_vec("pendulum", 2, threads="2")
    with pytest.raises(TypeError, match="num_envs must be a whole number"):
        gait.make_vec("pendulum", 2.0)
    with pytest.raises(ValueError, match="too large"):
        gait.make_vec("pendulum", 2 ** 70)
    with pytest.raises(gait.GaitError, match="NUL"):
        gait.GaitEnv("pendulum\0-extra")


def test_environments_refuse_copies_and_pickles():
    import copy
    import pickle
    for made in (gait.GaitEnv("pendulum"), gait.make_vec("pendulum", 2)):
        for attempt in (copy.copy, copy.deepcopy, pickle.dumps):
            with pytest.raises(TypeError, match="cannot be copied or pickled"):
                attempt(made)
        made.reset(seed=0)
        made.close()


def test_gait_library_naming_another_library_is_an_import_error():
    program = "import gait"
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                            env=dict(os.environ, GAIT_LIBRARY=ctypes.util.find_library("z") or "libz.so.1"))
    assert result.returncode != 0
    assert "ImportError" in result.stderr and "is not a Gait library" in result.stderr, result.stderr[-2000:]


_TWO_THREADS = """
import ctypes, threading, numpy as np, gait
from gait._library import lib
failures, errors = [], []

def hammer(call, count):
    for _ in range(count):
        try:
            call()
        except gait.GaitError as error:
            errors.append(str(error))
        except RuntimeError as error:  # Python's own refusal once the environment is closed
            (errors if "closed" in str(error) else failures).append(str(error))
        except Exception as error:  # anything else is a failure of the test
            failures.append(repr(error))

def together(call, count, threads=2):
    started = [threading.Thread(target=hammer, args=(call, count)) for _ in range(threads)]
    [thread.start() for thread in started]
    [thread.join() for thread in started]

# Through the Python classes, calls on one environment take turns.
env = gait.GaitEnv("humanoid-stand")
env.reset(seed=0)
action = np.zeros(21, dtype=np.float32)
def step():
    _, _, terminated, truncated, _ = env.step(action)
    if terminated or truncated:
        env.reset()
together(step, 2000)
envs = gait.make_vec("walker-walk", 2, threads=1)
envs.reset(seed=0)
together(lambda: envs.step(np.zeros((2, 6), dtype=np.float32)), 300)
# (Two threads sharing one episode can step it past its end: Gait says so.)
assert all("after the episode ended" in error for error in errors), set(errors)
errors.clear()

# Straight through the C ABI, a second thread's call is refused while one is under way.
# (800 steps in all, within one 1000-step episode, so no reset is needed.)
env.reset(seed=0)
observation, info, reward = np.zeros(67, np.float32), np.zeros(64), ctypes.c_double()
def raw_step():
    result = lib.gait_env_step(env._handle, action.ctypes.data, observation.ctypes.data, ctypes.byref(reward), info.ctypes.data, 64)
    if result < 0:
        errors.append(lib.gait_last_error().decode())
together(raw_step, 400)
refused = [error for error in errors if "in use by a call from another thread" in error]
assert refused and len(refused) == len(errors), set(errors)
errors.clear()

# close() while other threads step: they get an error, never a crash.
for _ in range(20):
    env = gait.GaitEnv("humanoid-stand")
    env.reset(seed=0)
    stepping = [threading.Thread(target=hammer, args=(step, 2000)) for _ in range(2)]
    [thread.start() for thread in stepping]
    env.close()
    [thread.join() for thread in stepping]
assert not failures, failures[:3]
print("refused from another thread:", len(refused), "after close:", len(errors))
"""


def test_handles_used_from_two_threads_fail_clearly_never_crash():
    result = subprocess.run([sys.executable, "-c", _TWO_THREADS], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "refused from another thread:" in result.stdout, result.stdout

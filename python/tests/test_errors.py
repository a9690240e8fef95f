"""Errors cross the C ABI as Python exceptions with Gait's message, never as a crash."""
import pathlib

import numpy as np
import pytest

import gait


def test_unknown_id_suggests_known_ones():
    with pytest.raises(gait.GaitError, match="unknown environment 'walker-rnu'; did you mean 'walker-run'"):
        gait.GaitEnv("walker-rnu")
    with pytest.raises(gait.GaitError, match="did you mean"):
        gait.make("gait/walker-rnu-v1")


def test_wrong_version_names_the_right_id():
    with pytest.raises(gait.GaitError, match="use gait/walker-run-v1"):
        gait.make("gait/walker-run-v7")


def test_nan_action():
    env = gait.GaitEnv("walker-walk")
    env.reset(seed=0)
    action = np.zeros(6, dtype=np.float32)
    action[2] = np.nan
    with pytest.raises(gait.GaitError, match="action component 2 is NaN or infinite"):
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


def test_damaged_and_foreign_checkpoints(tmp_path, trained):
    checkpoint, _ = trained("ppo", "pendulum")
    data = bytearray(checkpoint.read_bytes())
    truncated = tmp_path / "truncated.safetensors"
    truncated.write_bytes(bytes(data[:len(data) // 2]))
    with pytest.raises(gait.GaitError, match="not a readable safetensors file"):
        gait.load_policy(truncated)
    foreign = tmp_path / "foreign.safetensors"
    foreign.write_bytes(b"\x02\x00\x00\x00\x00\x00\x00\x00{}")
    with pytest.raises(gait.GaitError, match="not a Gait agent checkpoint"):
        gait.load_policy(foreign)
    with pytest.raises(gait.GaitError, match="cannot read"):
        gait.load_policy(pathlib.Path(tmp_path / "missing.safetensors"))
    with pytest.raises(gait.GaitError, match="not a Gait run"):
        gait.load_policy(tmp_path)
    (tmp_path / "empty-run").mkdir()
    (tmp_path / "empty-run" / "config.json").write_text("{}")
    with pytest.raises(gait.GaitError, match="no checkpoints yet"):
        gait.load_policy(tmp_path / "empty-run")

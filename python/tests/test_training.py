"""gait.train runs Gait's own agents exactly as `gait train` does: the same files and records bit
for bit, a callback that sees each record and can stop training, exact resume, Ctrl-C."""
import csv
import json
import os
import signal
import subprocess
import threading
import time

import numpy as np
import pytest
from safetensors.numpy import load_file

import gait
from conftest import run_cli

SETTINGS = {"learning_starts": 200, "hidden_size": 32}
TIMES = ("wall_time", "steps_per_second")


def rows(run):
    """metrics.csv without the columns that measure time."""
    with open(run / "metrics.csv") as file:
        return [{name: value for name, value in row.items() if name not in TIMES} for row in csv.DictReader(file)]


def python_run(out, **extra):
    return gait.train("pendulum", agent="sac", steps=1200, seed=3, out=out, config=SETTINGS, eval_every=600,
                      eval_episodes=2, **extra)


@pytest.fixture(scope="module")
def cli_run(gait_cli, tmp_path_factory):
    run = tmp_path_factory.mktemp("cli") / "run"
    run_cli(gait_cli, "train", "pendulum", "--agent", "sac", "--steps", "1200", "--seed", "3", "--out", str(run),
            "--set", "learning_starts=200", "--set", "hidden_size=32", "--eval-every", "600", "--eval-episodes", "2")
    return run


def test_train_equals_the_command_line(cli_run, tmp_path):
    seen = []
    result = python_run(tmp_path / "run", callback=seen.append)
    assert not result.stopped and result.run == tmp_path / "run" and result.episodes == 2
    assert rows(result.run) == rows(cli_run)
    assert len(seen) == len(rows(cli_run)) and seen[-1]["step"] == 1200 and "eval_return" in seen[-1]
    mine, theirs = load_file(result.run / "checkpoints/1200.safetensors"), load_file(cli_run / "checkpoints/1200.safetensors")
    assert mine.keys() == theirs.keys() and all(np.array_equal(mine[key], theirs[key]) for key in mine)
    observation = np.zeros(3, dtype=np.float32)
    assert np.array_equal(result.policy()(observation), gait.load_policy(cli_run)(observation))


def test_a_callback_stops_training_and_resume_finishes_it_exactly(cli_run, tmp_path):
    result = python_run(tmp_path / "run", callback=lambda record: record["step"] < 600)
    assert result.stopped and result.mean_return is None
    assert (result.run / "checkpoints/training-state.safetensors").exists()
    finished = gait.train(resume=result.run)
    assert not finished.stopped and rows(finished.run) == rows(cli_run)


def test_ctrl_c_saves_a_checkpoint_then_raises(cli_run, tmp_path):
    def interrupt(record):
        if record["step"] >= 600:
            os.kill(os.getpid(), signal.SIGINT)

    with pytest.raises(KeyboardInterrupt):
        python_run(tmp_path / "run", callback=interrupt)
    assert (tmp_path / "run/checkpoints/training-state.safetensors").exists()
    assert rows(gait.train(resume=tmp_path / "run").run) == rows(cli_run)


def interrupt_in(seconds):
    """Sends this process Ctrl-C after ``seconds``, from another thread (so not inside a callback)."""
    timer = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    return timer


def test_ctrl_c_while_the_library_trains_saves_a_checkpoint_then_raises(tmp_path):
    timer = interrupt_in(1.0)
    try:
        with pytest.raises(KeyboardInterrupt):
            gait.train("pendulum", agent="ppo", steps=300_000, eval_every=300_000, out=tmp_path / "run")
    finally:
        timer.cancel()
    assert (tmp_path / "run/checkpoints/training-state.safetensors").exists()
    assert not (tmp_path / "run/checkpoints/300000.safetensors").exists()
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


def test_ctrl_c_stops_the_final_evaluation(tmp_path):
    checkpoint = tmp_path / "run/checkpoints/500.safetensors"

    def once_trained():
        deadline = time.monotonic() + 120
        while not checkpoint.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.2)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=once_trained, daemon=True).start()
    with pytest.raises(KeyboardInterrupt):
        gait.train("pendulum", agent="sac", steps=500, eval_episodes=20_000, out=tmp_path / "run",
                   config={"learning_starts": 100, "hidden_size": 16})
    assert checkpoint.exists() and not list((tmp_path / "run/episodes").glob("*.gaitep"))


def test_the_command_line_keeps_an_ignored_sighup_ignored(gait_cli, tmp_path):
    """Under ``nohup`` a closed terminal's SIGHUP must not stop training."""
    running = subprocess.Popen([gait_cli, "train", "pendulum", "--agent", "sac", "--steps", "3000", "--out", str(tmp_path / "run"),
                                "--set", "learning_starts=100", "--set", "hidden_size=16", "--eval-episodes", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
    checkpoint = tmp_path / "run/checkpoints"
    deadline = time.monotonic() + 60
    while not checkpoint.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    running.send_signal(signal.SIGHUP)
    out, err = running.communicate(timeout=300)
    assert running.returncode == 0 and "eval: mean_return=" in out, err


@pytest.mark.parametrize("buffer", [False, True])
def test_a_warm_start_equals_the_command_lines(gait_cli, cli_run, tmp_path, buffer):
    arguments = {"steps": 600, "seed": 4, "eval_every": 300, "eval_episodes": 1}
    run_cli(gait_cli, "train", "pendulum", "--warm-start", str(cli_run), "--out", str(tmp_path / "cli"),
            *[f"--{name.replace('_', '-')}={value}" for name, value in arguments.items()], *(["--warm-start-buffer"] if buffer else []))
    result = gait.train("pendulum", warm_start=cli_run, warm_start_buffer=buffer, out=tmp_path / "python", **arguments)
    assert rows(result.run) == rows(tmp_path / "cli")
    with open(result.run / "config.json") as file:
        config = json.load(file)
    assert config["warm_start"] == str(cli_run / "checkpoints/1200.safetensors") and config["hyperparameters"]["hidden_size"] == 32
    assert config.get("warm_start_buffer", False) == buffer
    with pytest.raises(gait.GaitError, match="holds a sac agent, not ppo"):
        gait.train("pendulum", agent="ppo", warm_start=cli_run, out=tmp_path / "refused")


def test_errors_are_gait_errors(tmp_path):
    with pytest.raises(gait.GaitError, match="unknown environment 'pendulm'"):
        gait.train("pendulm", agent="sac", out=tmp_path / "a")
    with pytest.raises(gait.GaitError, match="unknown agent"):
        gait.train("pendulum", agent="sax", out=tmp_path / "b")
    with pytest.raises(gait.GaitError, match="batch_size"):
        gait.train("pendulum", agent="sac", config={"batch_size": 0}, out=tmp_path / "c")
    with pytest.raises(TypeError, match="numbers"):
        gait.train("pendulum", agent="sac", config={"batch_size": "big"}, out=tmp_path / "d")
    with pytest.raises(TypeError, match="callback must be a function"):
        gait.train("pendulum", agent="sac", callback=5, out=tmp_path / "e")
    with pytest.raises(TypeError, match="config must be a dict"):
        gait.train("pendulum", agent="sac", config=[1, 2], out=tmp_path / "f")
    with pytest.raises(ValueError, match="2\\*\\*53"):
        gait.train("pendulum", agent="sac", seed=2 ** 53 + 1, out=tmp_path / "g")
    with pytest.raises(gait.GaitError, match="seed"):
        gait.train("pendulum", agent="sac", seed=2 ** 53, out=tmp_path / "g")
    with pytest.raises(TypeError, match="warm_start_buffer must be True or False"):
        gait.train("pendulum", agent="sac", warm_start="x", warm_start_buffer="no", out=tmp_path / "g")
    with pytest.raises(gait.GaitError, match="NUL"):
        gait.train("pendulum", agent="sac", out=str(tmp_path / "h\0i"))
    with pytest.raises(gait.GaitError, match="UTF-8"):
        gait.train("pendulum", agent="sac", out=bytes(tmp_path / "j") + b"\xff")
    with pytest.raises(gait.GaitError, match="batch_size is not on/off"):
        gait.train("pendulum", agent="sac", config={"batch_size": True}, out=tmp_path / "k")
    assert not any(tmp_path.iterdir())


def test_an_on_off_hyperparameter_takes_true_or_false(tmp_path):
    gait.train("pendulum", agent="sac", steps=300, out=tmp_path / "run", eval_every=300, eval_episodes=1,
               config={"learning_starts": 100, "hidden_size": 8, "layer_norm": np.True_, "normalize_observations": False})
    saved = json.loads((tmp_path / "run" / "config.json").read_text())["hyperparameters"]
    assert (saved["layer_norm"], saved["normalize_observations"]) == (1, 0)


def test_the_library_reads_a_training_request_whole_and_strictly(tmp_path):
    from gait._library import lib, take_json
    with pytest.raises(gait.GaitError, match="has no 'steps'.*go in settings"):
        take_json(lib.gait_train, b'{"environment": "pendulum", "agent": "sac", "steps": 5}', None, None)
    with pytest.raises(gait.GaitError, match="settings.batch_size"):
        take_json(lib.gait_train, b'{"environment": "pendulum", "agent": "sac", "settings": {"batch_size": "big"}}', None, None)
    # settings may be left out: every key is optional.
    with pytest.raises(gait.GaitError, match="unknown environment 'pendulm'"):
        take_json(lib.gait_train, b'{"environment": "pendulm", "agent": "sac"}', None, None)
    assert not any(tmp_path.iterdir())

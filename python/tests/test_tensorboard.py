"""Training writes TensorBoard event files that hold exactly what metrics.csv holds, under tags
grouped as Stable-Baselines3 groups them, in the run's folder so that TensorBoard names the run
by it."""
import csv

import numpy as np
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.backend.event_processing.event_multiplexer import EventMultiplexer

from conftest import run_cli

GROUPED = {"episode_return": "rollout/episode_return", "episode_length": "rollout/episode_length",
           "eval_return": "eval/mean_return", "eval_std": "eval/std_return", "steps_per_second": "time/steps_per_second"}


def tag(column):
    return GROUPED.get(column, "train/" + column)


def scalars(run):
    accumulator = EventAccumulator(str(run), size_guidance={"scalars": 0})
    accumulator.Reload()
    return {tag: [(event.step, event.value) for event in accumulator.Scalars(tag)] for tag in accumulator.Tags()["scalars"]}


def metrics(run):
    with open(run / "metrics.csv") as file:
        rows = list(csv.DictReader(file))
    columns = [name for name in rows[0] if name not in ("step", "wall_time")]
    return {name: [(int(row["step"]), float(row[name])) for row in rows if row[name]] for name in columns}


def assert_close(logged, expected, name):
    assert [step for step, _ in logged] == [step for step, _ in expected], name
    np.testing.assert_allclose([value for _, value in logged], np.array([value for _, value in expected], dtype=np.float32),
                               rtol=1e-6, err_msg=name)


def assert_same(run):
    logged, written = scalars(run), metrics(run)
    assert set(logged) == {tag(name) for name, values in written.items() if values} | {"rollout/ep_rew_mean"}
    for name, values in written.items():
        assert_close(logged.get(tag(name), []), values, name)
    returns = written["episode_return"]
    means = [(step, np.mean([value for _, value in returns[max(0, index - 99):index + 1]])) for index, (step, _) in enumerate(returns)]
    assert_close(logged["rollout/ep_rew_mean"], means, "ep_rew_mean")


def test_tensorboard_log_matches_metrics_and_follows_a_resume(gait_cli, tmp_path):
    run = tmp_path / "run"
    run_cli(gait_cli, "train", "pendulum", "--agent", "ppo", "--steps", "4096", "--set", "num_steps=1024",
            "--eval-every", "2048", "--eval-episodes", "2", "--checkpoint-every", "2048", "--out", str(run))
    assert_same(run)
    assert {"rollout/episode_return", "eval/mean_return", "train/policy_loss", "train/value_loss",
            "time/steps_per_second"} <= set(scalars(run))
    run_cli(gait_cli, "train", "--resume", str(run), "--steps", "6144")
    assert_same(run)
    assert max(step for step, _ in scalars(run)["eval/mean_return"]) == 6144
    assert len(list(run.glob("events.out.tfevents.*"))) == 1 and not (run / "tensorboard").exists()
    multiplexer = EventMultiplexer()
    multiplexer.AddRunsFromDirectory(str(tmp_path))
    multiplexer.Reload()
    assert set(multiplexer.Runs()) == {"run"}

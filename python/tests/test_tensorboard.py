"""Training writes TensorBoard event files that hold exactly what metrics.csv holds."""
import csv

import numpy as np
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

from conftest import run_cli


def scalars(run):
    accumulator = EventAccumulator(str(run / "tensorboard"), size_guidance={"scalars": 0})
    accumulator.Reload()
    return {tag: [(event.step, event.value) for event in accumulator.Scalars(tag)] for tag in accumulator.Tags()["scalars"]}


def metrics(run):
    with open(run / "metrics.csv") as file:
        rows = list(csv.DictReader(file))
    columns = [name for name in rows[0] if name not in ("step", "wall_time")]
    return {name: [(int(row["step"]), float(row[name])) for row in rows if row[name]] for name in columns}


def assert_same(run):
    logged, written = scalars(run), metrics(run)
    assert set(logged) == {name for name, values in written.items() if values}
    for name, values in written.items():
        steps, numbers = zip(*values) if values else ((), ())
        assert [step for step, _ in logged.get(name, [])] == list(steps), name
        np.testing.assert_allclose([value for _, value in logged.get(name, [])], np.array(numbers, dtype=np.float32), rtol=1e-6)


def test_tensorboard_log_matches_metrics_and_follows_a_resume(gait_cli, tmp_path):
    run = tmp_path / "run"
    run_cli(gait_cli, "train", "pendulum", "--agent", "ppo", "--steps", "4096", "--set", "num_steps=1024",
            "--eval-every", "2048", "--eval-episodes", "2", "--checkpoint-every", "2048", "--out", str(run))
    assert_same(run)
    assert {"episode_return", "eval_return", "policy_loss", "value_loss", "steps_per_second"} <= set(scalars(run))
    run_cli(gait_cli, "train", "--resume", str(run), "--steps", "6144")
    assert_same(run)
    assert max(step for step, _ in scalars(run)["eval_return"]) == 6144
    assert len(list((run / "tensorboard").glob("events.out.tfevents.*"))) == 1

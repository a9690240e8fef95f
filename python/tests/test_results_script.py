"""`scripts/results` runs a cell of BENCHMARKS.md's table and draws its curve without replacing
another seed's: run from a scratch copy of the checkout's layout, with a tiny budget."""
import os
import shutil
import subprocess

from conftest import REPOSITORY


def run_cell(checkout, gait_cli, *seeds):
    environment = dict(os.environ, GAIT=str(gait_cli), STEPS="400")
    arguments = [str(checkout / "scripts" / "results"), "pendulum", "sac", *seeds, "--", "--set", "learning_starts=100"]
    result = subprocess.run(arguments, capture_output=True, text=True, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_later_seeds_draw_their_own_curve_beside_seed_ones(tmp_path, gait_cli):
    (tmp_path / "scripts").mkdir()
    shutil.copy2(REPOSITORY / "scripts" / "results", tmp_path / "scripts" / "results")
    curves = tmp_path / "docs" / "results"

    summary = run_cell(tmp_path, gait_cli, "2")
    assert "seeds 2:" in summary and "curve docs/results/pendulum-sac-s2.svg" in summary, summary
    assert [path.name for path in curves.iterdir()] == ["pendulum-sac-s2.svg"]

    summary = run_cell(tmp_path, gait_cli, "1", "2")
    assert "seeds 1 2:" in summary and "curve docs/results/pendulum-sac.svg;" in summary, summary
    assert sorted(path.name for path in curves.iterdir()) == ["pendulum-sac-s2.svg", "pendulum-sac.svg"]
    assert (tmp_path / "results" / "pendulum" / "sac-s2" / "result.txt").exists(), "seed 2's finished run is reused"

"""Environments beyond the built-in ones reach Python: environment files (also those added while it
runs, without reinstalling) and out-of-tree plugins."""
import os
import subprocess
import sys

from conftest import REPOSITORY

PROGRAM = """
import gymnasium, gait
from gymnasium.utils.env_checker import check_env
env = gymnasium.make("gait/{id}-v1")
observation, _ = env.reset(seed=0)
observation, reward, terminated, truncated, info = env.step(env.action_space.sample())
check_env(gait.GaitEnv("{id}"), skip_render_check=True)
print("stepped", "{id}", observation.shape, sorted(info))
"""


def run_python(env_id, **variables):
    result = subprocess.run([sys.executable, "-c", PROGRAM.format(id=env_id)], capture_output=True, text=True,
                            env=dict(os.environ, **variables), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_environment_file_is_registered(gait_cli, tmp_path):
    store = tmp_path / "environments"
    definition = tmp_path / "tall-walker.yaml"
    definition.write_text("id: tall-walker\nsummary: The walker stands tall\nmodel: walker\ntask: stand\n"
                          "torso: torso\ntarget_height: 1.3\nepisode_steps: 300\n")
    subprocess.run([gait_cli, "envs", "add", str(definition)], check=True, capture_output=True,
                   env=dict(os.environ, GAIT_ENV_PATH=str(store)))
    output = run_python("tall-walker", GAIT_ENV_PATH=str(store))
    assert "stepped tall-walker (24,)" in output and "'stand'" in output


def test_out_of_tree_plugin_library(tmp_path):
    package = REPOSITORY / "Examples" / "CustomEnvironment"
    scratch = tmp_path / "build"
    build = subprocess.run(["swift", "build", "--package-path", str(package), "--scratch-path", str(scratch),
                            "--product", "CustomGait"], capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    output = run_python("mountain-car", GAIT_LIBRARY=str(scratch / "debug" / "libCustomGait.so"))
    assert "stepped mountain-car (2,)" in output


def test_environment_file_added_while_python_runs(gait_cli, tmp_path):
    definition = tmp_path / "late-walker.yaml"
    definition.write_text("id: late-walker\nsummary: Registered after import gait\nmodel: walker\ntask: stand\n"
                          "torso: torso\ntarget_height: 1.3\nepisode_steps: 300\n")
    program = f"""
import subprocess, gait
assert all(spec["id"] != "late-walker" for spec in gait.environments())
subprocess.run([{gait_cli!r}, "envs", "add", {str(definition)!r}], check=True, capture_output=True)
env = gait.make("late-walker")
env.reset(seed=0)
print("made", env.spec.id, env.spec.max_episode_steps)
"""
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, GAIT_ENV_PATH=str(tmp_path / "environments")))
    assert result.returncode == 0, result.stderr[-3000:]
    assert "made gait/late-walker-v1 300" in result.stdout

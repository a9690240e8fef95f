"""Environments and agents beyond the built-in ones reach Python: environment files (also those added
while it runs, without reinstalling) and out-of-tree plugins."""
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


# Trains the out-of-tree agent and computes its policy from the checkpoint, with no table of agents.
TRAIN_PROGRAM = """
import gait, numpy as np
from gait.policy import read_checkpoint
result = gait.train("lqr", agent="random-search", steps=4000, out={out!r}, eval_episodes=5,
                    config={{"n_delta": 4, "learning_rate": 0.1, "delta_std": 0.1}})
policy = result.policy()
tensors, _ = read_checkpoint(result.run / "checkpoints" / f"{{policy.step}}.safetensors")
observation = np.array([0.5, -0.25], dtype=np.float32)
expected = np.tanh(tensors["policy.0.weight"] @ observation + tensors["policy.0.bias"])
assert np.allclose(policy(observation), expected, atol=1e-6), (policy(observation), expected)
print("trained", policy.agent, round(result.mean_return, 1))
"""


def run_python(env_id, program=PROGRAM, out=None, **variables):
    result = subprocess.run([sys.executable, "-c", program.format(id=env_id, out=out)], capture_output=True, text=True,
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
    package = REPOSITORY / "Examples" / "CustomPlugins"
    scratch = tmp_path / "build"
    build = subprocess.run(["swift", "build", "--package-path", str(package), "--scratch-path", str(scratch),
                            "--product", "CustomGait"], capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    library = str(scratch / "debug" / "libCustomGait.so")
    output = run_python("mountain-car", GAIT_LIBRARY=library)
    assert "stepped mountain-car (2,)" in output
    output = run_python("lqr", TRAIN_PROGRAM, GAIT_LIBRARY=library, out=str(tmp_path / "run"))
    assert "trained random-search" in output


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


# An environment file's action repeat seen from Python: one step of it is two of the plain file's.
REPEAT_PROGRAM = """
import gymnasium, gait, numpy as np
plain, held = gymnasium.make("gait/walker-plain-v1"), gymnasium.make("gait/walker-held-v1")
assert np.array_equal(plain.reset(seed=3)[0], held.reset(seed=3)[0])
action = np.linspace(-1, 1, 6, dtype=np.float32)
first, second = plain.step(action), plain.step(action)
observation, reward, *_ = held.step(action)
assert np.array_equal(observation, second[0]) and reward == first[1] + second[1], (reward, first[1], second[1])
print("fps", plain.metadata["render_fps"], held.metadata["render_fps"], held.spec.max_episode_steps)
"""


def test_environment_file_action_repeat_holds_each_action(gait_cli, tmp_path):
    store = tmp_path / "environments"
    for env_id, extra in [("walker-plain", ""), ("walker-held", "action_repeat: 2\n")]:
        definition = tmp_path / f"{env_id}.yaml"
        definition.write_text(f"id: {env_id}\nmodel: walker\ntask: stand\n{extra}")
        subprocess.run([gait_cli, "envs", "add", str(definition)], check=True, capture_output=True,
                       env=dict(os.environ, GAIT_ENV_PATH=str(store)))
    assert "fps 40 20 500" in run_python("walker-held", REPEAT_PROGRAM, GAIT_ENV_PATH=str(store))

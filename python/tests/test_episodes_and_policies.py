"""Python reproduces the command line's episodes bit for bit, numpy policies act as gait eval, and
scripts/episode_observation.py reads recorded episodes."""
import subprocess
import sys

import numpy as np
import pytest

import gait
from conftest import REPOSITORY


@pytest.mark.parametrize("agent, env_id", [("ppo", "walker-run"), ("sac", "pendulum"), ("td3", "hopper-hop")])
def test_python_episode_equals_cli_episode(trained, agent, env_id):
    _, path = trained(agent, env_id)
    episode = gait.read_episode(path)
    assert episode.env_id == env_id and len(episode) > 0
    env = gait.make(env_id)
    observation, _ = env.reset(seed=episode.seed)
    assert observation.tobytes() == episode.initial_observation.tobytes()
    for step, action in enumerate(episode.actions):
        observation, reward, terminated, truncated, _ = env.step(action)
        assert observation.tobytes() == episode.observations[step].tobytes(), f"step {step}"
        assert reward == episode.rewards[step]
        assert (terminated, truncated) == (episode.terminated[step], episode.truncated[step])


@pytest.mark.parametrize("agent, env_id, settings", [
    ("ppo", "walker-run", ()), ("sac", "pendulum", ()), ("td3", "hopper-hop", ()), ("a3c", "cheetah-run", ()),
    # Off-policy observation statistics reach the numpy policy; layer-normalised critics leave the actor as it is.
    ("sac", "hopper-stand", ("--set", "normalize_observations=1", "--set", "layer_norm=1"))])
def test_load_policy_acts_as_gait_eval(trained, agent, env_id, settings):
    checkpoint, path = trained(agent, env_id, *settings)
    policy = gait.load_policy(checkpoint)
    assert (policy.agent, policy.env_id, policy.gym_id) == (agent, env_id, gait.gym_id(env_id))
    episode = gait.read_episode(path)
    seen = np.vstack([episode.initial_observation, episode.observations[:-1]])
    actions = policy(seen)
    # numpy's and Gait's matrix products may round differently in the last bits.
    np.testing.assert_allclose(actions, episode.actions, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(policy(seen[0]), episode.actions[0], rtol=1e-4, atol=1e-5)
    with pytest.raises(ValueError, match="shape"):
        policy(seen[None])
    with pytest.raises(ValueError, match="NaN or infinite"):
        policy(np.full_like(seen[0], np.nan))
    with pytest.raises(TypeError, match="real numbers"):
        policy(seen[0].astype(str))
    # A run directory means its latest checkpoint, as for gait eval.
    from_run = gait.load_policy(checkpoint.parent.parent)
    assert from_run.step == policy.step
    np.testing.assert_array_equal(from_run(seen), actions)


def run_episode_observation(*arguments):
    script = REPOSITORY / "scripts" / "episode_observation.py"
    return subprocess.run([sys.executable, str(script), *map(str, arguments)], capture_output=True, text=True)


def test_episode_observation_reads_parts_by_name(trained):
    _, path = trained("ppo", "walker-run")
    observations = gait.read_episode(path).observations[-50:]
    by_name = run_episode_observation(path, "--part", "height", "--last", 50)
    by_index = run_episode_observation(path, "--index", 14, "--last", 50)
    assert by_name.returncode == 0 and by_index.returncode == 0, by_name.stderr + by_index.stderr
    assert by_name.stdout.splitlines()[-1] == by_index.stdout.splitlines()[-1]
    assert f"{observations[:, 14].mean():.4f}" in by_name.stdout
    velocity = run_episode_observation(path, "--part", "velocity", "--last", 50)
    assert f"{np.linalg.norm(observations[:, 15:24], axis=1).mean():.4f}" in velocity.stdout
    share = run_episode_observation(path, "--part", "height", "--last", 50, "--above", 1.1)
    expected = 100 * np.mean(observations[:, 14] > 1.1)
    assert f"above 1.1 in {expected:.1f}% of the steps" in share.stdout, share.stdout + share.stderr
    assert share.stdout.splitlines()[-1].endswith(f"above 1.1 in {expected:.1f}% to {expected:.1f}% of each episode's steps")
    wrong = run_episode_observation(path, "--part", "head_height")
    assert wrong.returncode != 0 and "no observation part 'head_height'" in wrong.stderr and "height" in wrong.stderr

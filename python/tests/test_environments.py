"""Every Gait environment is a well-behaved Gymnasium environment."""
import gymnasium
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import gait

IDS = [spec["id"] for spec in gait.environments()]


@pytest.mark.parametrize("env_id", IDS)
def test_check_env_passes(env_id):
    env = gait.GaitEnv(env_id)
    check_env(env, skip_render_check=True)
    env.close()


@pytest.mark.parametrize("env_id", IDS)
def test_registered_under_gymnasium_grammar_with_true_spaces(env_id):
    spec = next(spec for spec in gait.environments() if spec["id"] == env_id)
    env = gymnasium.make(f"gait/{env_id}-v{spec['version']}")
    assert env.spec.max_episode_steps == spec["max_episode_steps"]
    assert env.observation_space.dtype == np.float32 and env.action_space.dtype == np.float32
    assert env.observation_space.shape == (spec["observation_dim"],)
    assert env.action_space.shape == (spec["action_dim"],)
    details = env.unwrapped.details
    low = [-np.inf if value is None else value for value in details["observation_low"]]
    assert np.array_equal(env.observation_space.low, np.array(low, dtype=np.float32))
    assert np.all(env.action_space.low == -1) and np.all(env.action_space.high == 1)
    env.close()


def test_info_holds_every_reward_term():
    env = gait.make("walker-run")
    env.reset(seed=3)
    _, reward, _, _, info = env.step(np.zeros(6, dtype=np.float32))
    assert {"standing", "upright", "stand", "move", "clipped_actions"} <= info.keys()
    assert isinstance(reward, float)
    _, _, _, _, info = env.step(np.full(6, 2.0, dtype=np.float32))
    assert info["clipped_actions"] == 6


def test_time_limit_truncates_at_the_episode_length():
    env = gait.make("pendulum")
    env.reset(seed=0)
    steps, truncated = 0, False
    while not truncated:
        _, _, terminated, truncated, _ = env.step(env.action_space.sample())
        assert not terminated
        steps += 1
    assert steps == env.spec.max_episode_steps


def test_snapshot_restore_continues_bit_for_bit():
    env = gait.GaitEnv("hopper-hop")
    env.reset(seed=11)
    actions = np.random.default_rng(0).uniform(-1, 1, (60, 4)).astype(np.float32)
    for action in actions[:20]:
        env.step(action)
    snapshot = env.snapshot()
    first = [env.step(action)[:2] for action in actions[20:]]
    env.restore(snapshot)
    second = [env.step(action)[:2] for action in actions[20:]]
    for (obs_a, reward_a), (obs_b, reward_b) in zip(first, second):
        assert obs_a.tobytes() == obs_b.tobytes() and reward_a == reward_b


def test_same_seed_same_episode():
    def episode(seed):
        env = gait.GaitEnv("cheetah-run")
        observations = [env.reset(seed=seed)[0]]
        for action in np.random.default_rng(1).uniform(-1, 1, (50, 6)).astype(np.float32):
            observations.append(env.step(action)[0])
        return np.array(observations)

    assert episode(5).tobytes() == episode(5).tobytes()
    assert episode(5).tobytes() != episode(6).tobytes()


def test_an_environment_made_on_one_thread_steps_on_another():
    import threading
    env = gait.GaitEnv("walker-walk")
    env.reset(seed=4)
    results = []
    worker = threading.Thread(target=lambda: results.extend(env.step(np.zeros(6, dtype=np.float32))[:2]))
    worker.start()
    worker.join()
    reference = gait.GaitEnv("walker-walk")
    reference.reset(seed=4)
    observation, reward = reference.step(np.zeros(6, dtype=np.float32))[:2]
    assert results[0].tobytes() == observation.tobytes() and results[1] == reward


def test_rgb_array_rendering():
    env = gait.make("cheetah-run", render_mode="rgb_array")
    env.reset(seed=2)
    first = env.render()
    assert first.shape == (360, 480, 3) and first.dtype == np.uint8
    for _ in range(20):
        env.step(np.ones(6, dtype=np.float32))
    moved = env.render()
    assert np.abs(moved.astype(int) - first).mean() > 0.5
    same = gait.make("cheetah-run", render_mode="rgb_array")
    same.reset(seed=2)
    same.render()  # the camera's distance is fitted to the first frame drawn
    for _ in range(20):
        same.step(np.ones(6, dtype=np.float32))
    assert same.render().tobytes() == moved.tobytes()
    small = gait.GaitEnv("pendulum", render_mode="rgb_array", width=64, height=48)
    small.reset(seed=0)
    assert small.render().shape == (48, 64, 3)
    assert gait.GaitEnv("pendulum").render() is None


def test_render_errors():
    with pytest.raises(ValueError, match="rgb_array"):
        gait.GaitEnv("pendulum", render_mode="human")
    with pytest.raises(ValueError, match="from 16 to 4096"):
        gait.GaitEnv("pendulum", render_mode="rgb_array", width=8)
    # An environment with nothing to draw offers no render mode, so Gymnasium's checker passes it whole.
    with pytest.raises(ValueError, match="lqr has nothing to draw"):
        gait.GaitEnv("lqr", render_mode="rgb_array")
    env = gymnasium.make(gait.gym_id("lqr")).unwrapped
    assert env.metadata["render_modes"] == [] and gait.GaitEnv("pendulum").metadata["render_modes"] == ["rgb_array"]
    check_env(env)

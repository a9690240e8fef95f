"""The vector environment equals single environments stepped one by one."""
import numpy as np
import pytest
from gymnasium.vector import AutoresetMode

import gait


@pytest.mark.parametrize("env_id, copies, threads", [("hopper-hop", 3, None), ("pendulum", 5, 2), ("pendulum", 2, 1)])
def test_same_step_vector_equals_single_environments(env_id, copies, threads):
    envs = gait.make_vec(env_id, copies, threads=threads, autoreset_mode=AutoresetMode.SAME_STEP)
    assert envs.metadata["autoreset_mode"] == AutoresetMode.SAME_STEP
    singles = [gait.GaitEnv(env_id) for _ in range(copies)]
    observations, _ = envs.reset(seed=40)
    expected = np.array([env.reset(seed=40 + index)[0] for index, env in enumerate(singles)])
    assert observations.tobytes() == expected.tobytes()
    rng = np.random.default_rng(2)
    ended = 0
    for _ in range(1050 if env_id == "hopper-hop" else 450):
        actions = rng.uniform(-1.2, 1.2, envs.action_space.shape).astype(np.float32)
        observations, rewards, terminated, truncated, infos = envs.step(actions)
        for index, env in enumerate(singles):
            observation, reward, single_terminated, single_truncated, info = env.step(actions[index])
            assert rewards[index] == reward
            assert (terminated[index], truncated[index]) == (single_terminated, single_truncated)
            if single_terminated or single_truncated:
                ended += 1
                assert infos["_final_obs"][index] and infos["final_obs"][index].tobytes() == observation.tobytes()
                assert all(infos["final_info"][key][index] == value for key, value in info.items())
                assert not infos[f"_{next(iter(info))}"][index]
                observation, _ = env.reset()
            else:
                assert all(infos[key][index] == value and infos[f"_{key}"][index] for key, value in info.items())
            assert observations[index].tobytes() == observation.tobytes()
    assert ended > 0


@pytest.mark.parametrize("env_id, copies", [("hopper-hop", 3), ("pendulum", 2)])
def test_next_step_vector_equals_single_environments(env_id, copies):
    """Gymnasium's default mode: the step after an episode's end resets the copy, ignoring its action."""
    envs = gait.make_vec(env_id, copies)
    assert envs.metadata["autoreset_mode"] == AutoresetMode.NEXT_STEP
    singles = [gait.GaitEnv(env_id) for _ in range(copies)]
    envs.reset(seed=40)
    for index, env in enumerate(singles):
        env.reset(seed=40 + index)
    pending = [False] * copies
    rng = np.random.default_rng(3)
    ended = 0
    for _ in range(1050 if env_id == "hopper-hop" else 450):
        actions = rng.uniform(-1.2, 1.2, envs.action_space.shape).astype(np.float32)
        observations, rewards, terminated, truncated, infos = envs.step(actions)
        assert "final_obs" not in infos
        for index, env in enumerate(singles):
            if pending[index]:
                observation, info = env.reset()
                reward, single_terminated, single_truncated = 0.0, False, False
            else:
                observation, reward, single_terminated, single_truncated, info = env.step(actions[index])
            assert observations[index].tobytes() == observation.tobytes()
            assert rewards[index] == reward and (terminated[index], truncated[index]) == (single_terminated, single_truncated)
            assert all(infos[key][index] == value and infos[f"_{key}"][index] for key, value in info.items())
            pending[index] = single_terminated or single_truncated
            ended += pending[index]
    assert ended > 0


def test_gymnasium_vector_wrappers_work_on_the_default_mode():
    from gymnasium.wrappers.vector import ClipAction, NormalizeObservation, RecordEpisodeStatistics, TransformObservation
    envs = RecordEpisodeStatistics(ClipAction(TransformObservation(NormalizeObservation(gait.make_vec("pendulum", 2)),
                                                                   lambda observation: np.clip(observation, -5, 5))))
    singles = [gait.GaitEnv("pendulum") for _ in range(2)]
    envs.reset(seed=7)
    for index, env in enumerate(singles):
        env.reset(seed=7 + index)
    rng = np.random.default_rng(4)
    returns, expected, running, pending = [], [], [0.0, 0.0], [False, False]
    for _ in range(450):
        actions = rng.uniform(-3, 3, (2, 1)).astype(np.float32)
        observations, _, terminated, truncated, infos = envs.step(actions)
        assert observations.shape == (2, 3) and np.abs(observations).max() <= 5
        if "episode" in infos:
            returns += [float(value) for value, done in zip(infos["episode"]["r"], infos["_episode"]) if done]
        for index, env in enumerate(singles):
            if pending[index]:
                env.reset()
                pending[index] = False
                continue
            _, reward, done, cut, _ = env.step(np.clip(actions[index], -1, 1))
            running[index] += reward
            assert (terminated[index] or truncated[index]) == (done or cut)
            if done or cut:
                expected.append(running[index])
                running[index], pending[index] = 0.0, True
    # Both copies finished two 200-step episodes; the statistics add the environment's own rewards.
    assert len(returns) == 4
    np.testing.assert_allclose(sorted(returns), sorted(expected), rtol=1e-5)


def test_vector_errors():
    with pytest.raises(gait.GaitError, match="the number of copies is 0"):
        gait.make_vec("pendulum", 0)
    envs = gait.make_vec("pendulum", 2)
    envs.reset(seed=0)
    with pytest.raises(ValueError, match="take"):
        envs.step(np.zeros((3, 1), dtype=np.float32))
    with pytest.raises(gait.GaitError, match="copy 1: action component 0 is NaN"):
        envs.step(np.array([[0.0], [np.nan]], dtype=np.float32))
    # The refused batch stepped no copy: the next good step continues from the same states.
    envs.reset(seed=0)
    with pytest.raises(gait.GaitError, match="copy 0"):
        envs.step(np.array([[np.inf], [0.5]], dtype=np.float32))
    stepped, *_ = envs.step(np.array([[0.5], [0.5]], dtype=np.float32))
    single = gait.make("pendulum")
    single.reset(seed=1)
    assert np.array_equal(stepped[1], single.step(np.array([0.5], dtype=np.float32))[0])
    with pytest.raises(ValueError, match="consecutive"):
        envs.reset(seed=[1, 5])
    with pytest.raises(ValueError, match="consecutive"):
        envs.reset(seed=[None, None])
    with pytest.raises(ValueError, match="below 2\\*\\*64"):
        envs.reset(seed=2 ** 64 - 1)
    with pytest.raises(TypeError, match="real numbers"):
        envs.step(np.array([["1"], ["2"]]))
    assert envs.np_random_seed == 0
    envs.close()


def test_gymnasium_make_vec_uses_gait_vector():
    import gymnasium
    envs = gymnasium.make_vec("gait/pendulum-v1", num_envs=2, vectorization_mode="vector_entry_point")
    assert isinstance(envs.unwrapped if hasattr(envs, "unwrapped") else envs, gait.GaitVectorEnv)
    observations, _ = envs.reset(seed=1)
    assert observations.shape == (2, 3)
    envs.close()

"""Stable-Baselines3 learns a Gait environment from Python."""
import gymnasium
import numpy as np
import torch
from stable_baselines3 import SAC

import gait  # noqa: F401 (registers the gait/ environments)


def mean_return(env, act, episodes=5):
    """The mean return of ``act`` over episodes with fixed seeds."""
    returns = []
    for episode in range(episodes):
        observation, _ = env.reset(seed=1000 + episode)
        total, done = 0.0, False
        while not done:
            observation, reward, terminated, truncated, _ = env.step(act(observation))
            total += reward
            done = terminated or truncated
        returns.append(total)
    return float(np.mean(returns))


def test_sac_learns_pendulum():
    torch.set_num_threads(1)
    env = gymnasium.make("gait/pendulum-v1")
    model = SAC("MlpPolicy", env, learning_starts=500, policy_kwargs={"net_arch": [64, 64]}, seed=0)
    model.learn(total_timesteps=7000)
    learned = mean_return(env, lambda observation: model.predict(observation, deterministic=True)[0])
    env.action_space.seed(0)
    random = mean_return(env, lambda observation: env.action_space.sample())
    # Measured: about -170 after 7,000 steps against about -1,250 for random actions.
    assert learned > random + 600, f"SAC: {learned:.1f}, random: {random:.1f}"


def test_ppo_learns_on_the_sb3_vector_environment():
    from stable_baselines3 import PPO
    from stable_baselines3.common.vec_env import VecMonitor

    import gait.sb3
    torch.set_num_threads(1)
    envs = gait.sb3.VecEnv("lqr", 4)
    envs.seed(3)
    first = envs.reset()
    again = gait.make_vec("lqr", 4)
    assert first.tobytes() == again.reset(seed=3)[0].tobytes()
    again.close()
    monitored = VecMonitor(envs)
    model = PPO("MlpPolicy", monitored, n_steps=256, batch_size=256, gamma=0.999, seed=0)
    env = gymnasium.make("gait/lqr-v1")
    before = mean_return(env, lambda observation: model.predict(observation, deterministic=True)[0])
    model.learn(total_timesteps=30_000)
    after = mean_return(env, lambda observation: model.predict(observation, deterministic=True)[0])
    assert after > before + 0.5 * abs(before), f"PPO on gait.sb3.VecEnv: {before:.1f} → {after:.1f}"
    # Episodes ended through SB3's conventions: terminal observations and episode statistics.
    assert len(model.ep_info_buffer) > 0
    envs.reset()
    for step in range(100):  # lqr's episodes last 100 steps
        observations, rewards, dones, infos = envs.step(np.zeros((4, 1), dtype=np.float32))
        assert rewards.dtype == np.float32 and dones.shape == (4,) and len(infos) == 4
        assert dones.all() == (step == 99)
    assert all(info["TimeLimit.truncated"] and info["terminal_observation"].shape == (2,) for info in infos)
    assert not np.array_equal(observations, np.stack([info["terminal_observation"] for info in infos]))

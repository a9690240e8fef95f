"""A policy trained in dm_control (MuJoCo) with Stable-Baselines3, run in Gait on the same seeds:
the reverse of policy_in_dm_control.py. The Gait environment's observation and action layout
must be dm_control's (walker, cheetah, hopper; the run, walk, stand and hop families on
dm_control's own files give it).

    python python/benchmarks/policy_in_gait.py walker stand walker-stand --steps 50000 --save sac-walker-stand.zip
    python python/benchmarks/policy_in_gait.py walker stand walker-stand --load sac-walker-stand.zip

Trains SB3's SAC with its defaults (or loads a saved one), then prints the policy's mean return
over the episodes (deterministic actions) in dm_control and in Gait, and their ratio. Needs
dm_control, Stable-Baselines3 and the `gait` package (scripts/setup --tests, then
`pip install stable-baselines3`; run it with .venv/bin/python).
"""
import argparse
import time

import gymnasium
import numpy as np
from dm_control import suite
from stable_baselines3 import SAC

import gait


class DMControlEnv(gymnasium.Env):
    """A dm_control suite task as a Gymnasium environment: observations flattened in dm_control's
    order; an episode that ends with discount 0 is terminated, otherwise truncated."""

    def __init__(self, domain, task, seed):
        self.environment = suite.load(domain, task, task_kwargs={"random": seed})
        size = sum(int(np.prod(spec.shape)) for spec in self.environment.observation_spec().values())
        self.observation_space = gymnasium.spaces.Box(-np.inf, np.inf, (size,), np.float64)
        action = self.environment.action_spec()
        self.action_space = gymnasium.spaces.Box(action.minimum.astype(np.float32), action.maximum.astype(np.float32))

    @staticmethod
    def flattened(step):
        return np.concatenate([np.ravel(part) for part in step.observation.values()])

    def reset(self, *, seed=None, options=None):
        super().reset(seed=seed)
        return self.flattened(self.environment.reset()), {}

    def step(self, action):
        step = self.environment.step(action)
        ended = step.last()
        return self.flattened(step), step.reward, ended and step.discount == 0, ended and step.discount != 0, {}


def mean_return(policy, make, episodes):
    """Mean and spread of the episodes' returns; episode ``i`` starts from seed ``i``."""
    returns = []
    for seed in range(episodes):
        environment = make(seed)
        observation, _ = environment.reset(seed=seed)
        total, ended = 0.0, False
        while not ended:
            observation, reward, terminated, truncated, _ = environment.step(policy(observation))
            total += reward
            ended = terminated or truncated
        environment.close()
        returns.append(total)
    return np.mean(returns), np.std(returns)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("domain")
    parser.add_argument("task")
    parser.add_argument("gait_env", help="the Gait environment with dm_control's layout, e.g. walker-stand")
    parser.add_argument("--steps", type=int, default=50_000, help="SAC training steps in dm_control")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", help="where to save the trained SB3 model (.zip)")
    parser.add_argument("--load", help="an SB3 SAC model saved by --save: evaluate it without training")
    parser.add_argument("--episodes", type=int, default=10)
    arguments = parser.parse_args()

    if arguments.load:
        model = SAC.load(arguments.load)
    else:
        model = SAC("MlpPolicy", DMControlEnv(arguments.domain, arguments.task, arguments.seed), seed=arguments.seed)
        start = time.perf_counter()
        model.learn(arguments.steps)
        print(f"SB3 SAC, {arguments.steps} steps in dm_control {arguments.domain}-{arguments.task}: "
              f"{time.perf_counter() - start:.0f} s")
        if arguments.save:
            model.save(arguments.save)

    def policy(observation):
        return model.predict(observation, deterministic=True)[0]

    in_mujoco, mujoco_spread = mean_return(
        policy, lambda seed: DMControlEnv(arguments.domain, arguments.task, seed), arguments.episodes)
    in_gait, gait_spread = mean_return(policy, lambda seed: gait.make(arguments.gait_env), arguments.episodes)
    print(f"in dm_control {arguments.domain}-{arguments.task}: {in_mujoco:.1f} ± {mujoco_spread:.1f}; "
          f"in Gait {arguments.gait_env}: {in_gait:.1f} ± {gait_spread:.1f} ({in_gait / in_mujoco:.0%} of dm_control's)")


if __name__ == "__main__":
    main()

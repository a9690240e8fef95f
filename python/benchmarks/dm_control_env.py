"""dm_control suite tasks as Gymnasium environments, and the mean return of a policy over seeded
episodes: shared by the transfer benchmarks (policy_in_dm_control.py, policy_in_gait.py)."""
import gymnasium
import numpy as np
from dm_control import suite


class DMControlEnv(gymnasium.Env):
    """A dm_control suite task as a Gymnasium environment: observations flattened in dm_control's
    order (Gait's for the same task); an episode that ends with discount 0 is terminated,
    otherwise truncated. With ``action_repeat`` n, each action is held for n control steps and
    their rewards summed (a Gait environment file's `action_repeat`)."""

    def __init__(self, domain, task, seed, action_repeat=1):
        self.environment = suite.load(domain, task, task_kwargs={"random": seed})
        self.action_repeat = action_repeat
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
        reward = 0.0
        for _ in range(self.action_repeat):
            step = self.environment.step(action)
            reward += step.reward
            if step.last():
                break
        ended = step.last()
        return self.flattened(step), reward, ended and step.discount == 0, ended and step.discount != 0, {}


def returns(policy, make, episodes):
    """The returns of `episodes` episodes of ``policy`` (observation → action); episode ``i`` runs
    in ``make(i)``, reset with seed ``i``."""
    totals = []
    for seed in range(episodes):
        environment = make(seed)
        observation, _ = environment.reset(seed=seed)
        total, ended = 0.0, False
        while not ended:
            observation, reward, terminated, truncated, _ = environment.step(policy(observation))
            total += reward
            ended = terminated or truncated
        environment.close()
        totals.append(total)
    return np.array(totals)

"""A policy trained in dm_control (MuJoCo) with Stable-Baselines3, run in Gait: the reverse of
policy_in_dm_control.py. Episodes are seeded alike in both (each simulator draws its own start
from a seed). The Gait environment's observation and action layout must be dm_control's
(walker, cheetah, hopper; the run, walk, stand and hop families on dm_control's own files give it).

    python python/benchmarks/policy_in_gait.py walker stand walker-stand --steps 50000 --save sac-walker-stand.zip
    python python/benchmarks/policy_in_gait.py walker stand walker-stand --load sac-walker-stand.zip

Trains SB3's SAC with its defaults (or loads a saved one), then prints the policy's mean return
over the episodes (deterministic actions) in dm_control and in Gait, and their ratio. Needs
dm_control, Stable-Baselines3 and the `gait` package (scripts/setup --tests, then
`pip install stable-baselines3`; run it with .venv/bin/python).
"""
import argparse
import time

from stable_baselines3 import SAC

import gait
from dm_control_env import DMControlEnv, returns


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

    in_mujoco = returns(policy, lambda seed: DMControlEnv(arguments.domain, arguments.task, seed), arguments.episodes)
    in_gait = returns(policy, lambda seed: gait.make(arguments.gait_env), arguments.episodes)
    print(f"in dm_control {arguments.domain}-{arguments.task}: {in_mujoco.mean():.1f} ± {in_mujoco.std():.1f}; "
          f"in Gait {arguments.gait_env}: {in_gait.mean():.1f} ± {in_gait.std():.1f} "
          f"({in_gait.mean() / in_mujoco.mean():.0%} of dm_control's)")


if __name__ == "__main__":
    main()

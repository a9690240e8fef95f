"""How violently random actions move a quadruped: Gait's quadruped beside Gymnasium's Ant-v5
(the robot it is written to), stepped at the same 5 ms physics step and 20 ms control step, with
the same uniform random actions. Prints the torso's mean turning rate (rad/s) and mean speed
(m/s) over every step of the episodes, for each, and their ratio. Then how Gait's random starts
settle with no torque applied for 1 s: on the feet, on the back, or between.

    python3 python/benchmarks/quadruped_motion.py [--episodes 5]

Needs ``gymnasium[mujoco]`` for Ant-v5 (installed for the comparison only). Ant-v5 starts upright
and Gait's quadruped in a random orientation, and Ant-v5's unhealthy-state termination is off, so
that both run whole 1000-step episodes.
"""
import argparse

import gymnasium
import numpy as np

import gait

STEPS = 1000
SETTLE_STEPS = 50


def part(env, name):
    """The observation slice of the part ``name`` of a Gait environment."""
    found = next(part for part in env.unwrapped.details["observation_parts"] if part["name"] == name)
    return slice(found["start"], found["start"] + found["size"])


def settled_upright(env, upright, seed):
    """torso_upright (at observation slice ``upright``) of quadruped-walk's start from ``seed``
    after 1 s (SETTLE_STEPS control steps) with no torque."""
    env.reset(seed=seed)
    for _ in range(SETTLE_STEPS):
        observation, *_ = env.step(np.zeros(8, dtype=np.float32))
    return observation[upright][0]


def gait_motion(episodes, seed):
    """Mean torso turning rate and speed of Gait's quadruped-walk under random actions."""
    env = gait.make("quadruped-walk")
    turning_part, speed_part = part(env, "torso_angular_velocity"), part(env, "torso_velocity")
    random = np.random.default_rng(seed)
    turning, speed = [], []
    for episode in range(episodes):
        env.reset(seed=seed + episode)
        for _ in range(STEPS):
            observation, *_ = env.step(random.uniform(-1, 1, 8).astype(np.float32))
            turning.append(np.linalg.norm(observation[turning_part]))
            speed.append(np.linalg.norm(observation[speed_part]))
    return np.mean(turning), np.mean(speed)


def settled_starts(count, seed):
    """How many of ``count`` random starts of quadruped-walk end on the feet (torso_upright above
    0.5), on the back (below −0.5) or between, after 50 steps with no torque."""
    env = gait.make("quadruped-walk")
    upright = part(env, "torso_upright")
    readings = np.array([settled_upright(env, upright, seed + start) for start in range(count)])
    return (readings > 0.5).sum(), (readings < -0.5).sum(), (np.abs(readings) <= 0.5).sum()


def ant_motion(episodes, seed):
    """The same for Gymnasium's Ant-v5 at Gait's timing."""
    env = gymnasium.make("Ant-v5", frame_skip=4, terminate_when_unhealthy=False, max_episode_steps=STEPS)
    env.unwrapped.model.opt.timestep = 0.005
    data = env.unwrapped.data
    random = np.random.default_rng(seed)
    turning, speed = [], []
    for episode in range(episodes):
        env.reset(seed=seed + episode)
        for _ in range(STEPS):
            env.step(random.uniform(-1, 1, 8))
            turning.append(np.linalg.norm(data.qvel[3:6]))
            speed.append(np.linalg.norm(data.qvel[0:3]))
    return np.mean(turning), np.mean(speed)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--episodes", type=int, default=5, help="episodes of 1000 steps each (default 5)")
    parser.add_argument("--seed", type=int, default=0)
    arguments = parser.parse_args()
    if not 1 <= arguments.episodes <= 1000:
        parser.error("--episodes must be from 1 to 1000")
    ours = gait_motion(arguments.episodes, arguments.seed)
    ant = ant_motion(arguments.episodes, arguments.seed)
    for name, (turning, speed) in (("gait quadruped-walk", ours), ("gymnasium Ant-v5", ant)):
        print(f"{name:20} turning {turning:7.3f} rad/s   speed {speed:6.3f} m/s")
    print(f"ratio                turning {ours[0] / ant[0]:7.2f}×       speed {ours[1] / ant[1]:6.2f}×")
    feet, back, between = settled_starts(100, arguments.seed)
    print(f"100 random starts of quadruped-walk, 1 s without torque: {feet} on the feet, {back} on the back, {between} between")


if __name__ == "__main__":
    main()

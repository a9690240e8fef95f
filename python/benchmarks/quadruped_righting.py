"""Can the quadruped turn itself over? quadruped-walk resets to a uniformly random orientation
(TASKS.md), and two starts in three settle on the back, where the reward is near 0. For starts
that settle on a side or on the back, this searches for an open-loop action sequence (3 s, each
action held for 0.1 s) that rights the robot, with the cross-entropy method, and prints the best
torso_upright it reached (1: upright, −1: on the back) over the sequence's last 0.5 s. The same
search then runs on Gymnasium's Ant-v5 (the robot Gait's quadruped is written to), laid on its
back, at Gait's 5 ms physics and 20 ms control steps.

    python3 python/benchmarks/quadruped_righting.py [--starts 2] [--iterations 40]

Needs ``gymnasium[mujoco]`` for Ant-v5 (installed for the comparison only).
"""

import gymnasium
import mujoco
import numpy as np

import gait
from open_loop_search import cross_entropy, first_starts, parse_search, search_parser
from quadruped_motion import SETTLE_STEPS, part, settled_upright

SEQUENCE_STEPS = 150
HOLD_STEPS = 5
FINAL_STEPS = 25
ACTIONS = 8


def upright_after(step, restore, knots):
    """torso_upright averaged over the last FINAL_STEPS control steps of ``knots`` (each held for
    HOLD_STEPS steps), after ``restore()``; ``step(action)`` returns torso_upright."""
    restore()
    readings = [step(knots[index // HOLD_STEPS]) for index in range(SEQUENCE_STEPS)]
    return float(np.mean(readings[-FINAL_STEPS:]))


class GaitQuadruped:
    """Gait's quadruped-walk, started from its own random resets."""

    def __init__(self):
        self.env = gait.make("quadruped-walk")
        self.upright = part(self.env, "torso_upright")

    def step(self, action):
        observation, *_ = self.env.step(np.asarray(action, dtype=np.float32))
        return float(observation[self.upright][0])

    def settled_starts(self, count, want, seed):
        """The first ``count`` seeds from ``seed`` on whose start settles after 1 s without
        torque on the back (``want`` "back": torso_upright below −0.5) or on a side ("side":
        within ±0.5): (seed, torso_upright, a function that restores the settled state)."""
        def settle(candidate):
            reading = settled_upright(self.env, self.upright, candidate)
            return reading if ((reading < -0.5) if want == "back" else (abs(reading) <= 0.5)) else None
        return first_starts(self.env, count, range(seed, seed + 10_000), settle, f"starts settle on the {want}")


class Ant:
    """Gymnasium's Ant-v5, stepped with MuJoCo directly at a 5 ms step, 4 steps per action."""

    def __init__(self):
        env = gymnasium.make("Ant-v5")
        self.env = env.unwrapped
        self.env.model.opt.timestep = 0.005
        self.torso = self.env.data.body("torso")

    def step(self, action):
        self.env.data.ctrl[:] = action
        mujoco.mj_step(self.env.model, self.env.data, nstep=4)
        return float(self.torso.xmat[8])

    def back_starts(self, count, seed):
        """``count`` starts laid on the back (turned half a turn about x from Ant-v5's reset of
        seed, seed + 1, …) and settled for 1 s without torque, as ``GaitQuadruped.settled_starts``."""
        found = []
        for candidate in range(seed, seed + count):
            self.env.reset(seed=candidate)
            position = self.env.data.qpos.copy()
            position[2] = 0.6
            position[3:7] = [0, 1, 0, 0]
            self.env.set_state(position, np.zeros_like(self.env.data.qvel))
            for _ in range(SETTLE_STEPS):
                reading = self.step(np.zeros(ACTIONS))
            state = (self.env.data.qpos.copy(), self.env.data.qvel.copy())
            found.append((candidate, reading, lambda state=state: self.env.set_state(*state)))
        return found


def main():
    parser = search_parser(__doc__, "starts of each kind (default 2)")
    arguments = parse_search(parser)
    random = np.random.default_rng(arguments.seed)
    quadruped, ant = GaitQuadruped(), Ant()
    runs = [("gait quadruped-walk", quadruped, want, start) for want in ("side", "back")
            for start in quadruped.settled_starts(arguments.starts, want, arguments.seed)]
    runs += [("gymnasium Ant-v5", ant, "back", start) for start in ant.back_starts(arguments.starts, arguments.seed)]
    for name, robot, want, (seed, reading, restore) in runs:
        best = cross_entropy(lambda knots: upright_after(robot.step, restore, knots),
                             (SEQUENCE_STEPS // HOLD_STEPS, ACTIONS), arguments.iterations, arguments.population, random)
        print(f"{name:20} seed {seed:3}, settled on the {want:4} (torso_upright {reading:+.2f}): "
              f"best torso_upright at the end {best:+.2f}", flush=True)


if __name__ == "__main__":
    main()

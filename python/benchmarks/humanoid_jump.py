"""How high can the humanoid throw its head from lying on its back? PPO on humanoid-getup learns
to spring up until the head is near 2 m and fall again, which raises the question whether Gait's
humanoid is stronger or bouncier than the one it is written to. For starts that settle on the back,
this searches, with the cross-entropy method, for an open-loop action sequence (2 s, each action
held for 0.1 s) that lifts the head as high as it can go, and prints the highest head height it
reached. The same search then runs on dm_control's humanoid (MuJoCo), laid on its back with its
joints at rest and settled the same way.

    python3 python/benchmarks/humanoid_jump.py [--starts 2] [--iterations 40]

The dm_control half runs in a Python of its own, by default this one (the checkout's ``.venv``,
made by ``scripts/setup --tests``, has dm-control 1.0.50 with mujoco 3.17.0); ``--dm-control-python``
names another. Both humanoids step 5 ms physics and 25 ms control steps.
"""
import pathlib
import subprocess
import sys

import numpy as np

from open_loop_search import cross_entropy, first_starts, parse_search, search_parser

SETTLE_STEPS = 40
SEQUENCE_STEPS = 80
HOLD_STEPS = 4
ACTIONS = 21


def highest_head(step, restore, knots):
    """The highest head height over SEQUENCE_STEPS control steps of ``knots`` (each held for
    HOLD_STEPS steps), after ``restore()``; ``step(action)`` returns the head height."""
    restore()
    return max(step(knots[index // HOLD_STEPS]) for index in range(SEQUENCE_STEPS))


class GaitHumanoid:
    """Gait's humanoid-getup, started from its own resets that lie on the back."""

    def __init__(self):
        import gait
        from quadruped_motion import part
        self.env = gait.make("humanoid-getup")
        self.head, self.vertical = part(self.env, "head_height"), part(self.env, "torso_vertical")

    def step(self, action):
        observation, *_ = self.env.step(np.asarray(action, dtype=np.float32))
        return float(observation[self.head][0])

    def back_starts(self, count, seed):
        """The first ``count`` seeds from ``seed`` whose start lies on the back (the torso's
        forward axis points up), settled for 1 s without torque: (seed, head height, a function
        that restores the settled state)."""
        def settle(candidate):
            observation, _ = self.env.reset(seed=candidate)
            if observation[self.vertical][0] < 0.5:
                return None
            for _ in range(SETTLE_STEPS):
                head = self.step(np.zeros(ACTIONS))
            return head
        return first_starts(self.env, count, range(seed, seed + 1000), settle, "of humanoid-getup's starts lie on the back")


class ControlSuiteHumanoid:
    """dm_control's humanoid, laid on its back at the lowest height free of contact."""

    def __init__(self):
        from dm_control import suite
        self.physics = suite.load("humanoid", "stand").physics

    def step(self, action):
        self.physics.set_control(action)
        self.physics.step(5)
        return float(self.physics.head_height())

    def back_start(self, seed):
        """One start on the back (turned a quarter turn about y, joints at rest; ``seed`` only
        numbers it), settled for 1 s without torque, as ``GaitHumanoid.back_starts``."""
        physics = self.physics
        pose = np.zeros(physics.model.nq)
        pose[3:7] = [np.cos(-np.pi / 4), 0, np.sin(-np.pi / 4), 0]
        while True:
            with physics.reset_context():  # resets everything, so the whole pose is set each time
                physics.data.qpos[:] = pose
            if physics.data.ncon == 0:
                break
            pose[2] += 0.005
        for _ in range(SETTLE_STEPS):
            head = self.step(np.zeros(ACTIONS))
        state = physics.get_state().copy()

        def restore():
            with physics.reset_context():
                physics.set_state(state)
        return seed, head, restore


def main():
    parser = search_parser(__doc__, "Gait's starts (default 2; dm_control's is always one)")
    parser.add_argument("--robot", choices=["both", "gait", "dm_control"], default="both")
    parser.add_argument("--dm-control-python", default=sys.executable,
                        help="the Python that has dm-control 1.0.50 (default: this one)")
    arguments = parse_search(parser)
    random = np.random.default_rng(arguments.seed)
    runs = []
    if arguments.robot != "dm_control":
        humanoid = GaitHumanoid()
        runs += [("gait humanoid-getup", humanoid, start) for start in humanoid.back_starts(arguments.starts, arguments.seed)]
    if arguments.robot == "dm_control":
        control_suite = ControlSuiteHumanoid()
        runs.append(("dm_control humanoid", control_suite, control_suite.back_start(arguments.seed)))
    for name, robot, (seed, head, restore) in runs:
        best = cross_entropy(lambda knots: highest_head(robot.step, restore, knots),
                             (SEQUENCE_STEPS // HOLD_STEPS, ACTIONS), arguments.iterations, arguments.population, random)
        print(f"{name:20} start {seed:3}, settled on the back (head {head:.2f} m): highest head {best:.2f} m", flush=True)
    if arguments.robot == "both":
        if not pathlib.Path(arguments.dm_control_python).exists():
            sys.exit(f"no Python at {arguments.dm_control_python} for the dm_control half: run "
                     "scripts/setup --tests or pass --dm-control-python")
        child = [arguments.dm_control_python, __file__, "--robot", "dm_control", "--seed", str(arguments.seed),
                 "--iterations", str(arguments.iterations), "--population", str(arguments.population)]
        sys.exit(subprocess.run(child).returncode)


if __name__ == "__main__":
    main()

"""A policy trained in Gait on dm_control's own quadruped, run in dm_control's quadruped-walk: how
much of its return survives the change of simulator.

    .venv/bin/python python/benchmarks/quadruped_in_dm_control.py model DIR
    gait envs add DIR/dmc-quadruped-walk.yaml
    gait train dmc-quadruped-walk --agent sac --steps 500000 --eval-every 25000
    .venv/bin/python python/benchmarks/quadruped_in_dm_control.py check
    .venv/bin/python python/benchmarks/quadruped_in_dm_control.py run RUN/checkpoints/500000.safetensors [--episodes 10]

`model` writes the model dm_control's walk task builds (quadruped.xml without its ball, walls,
terrain and rangefinders) and an environment file with Gait's `quadruped` family on it (dm_control's
Move reward at 0.5 m/s, 0.02 s control steps, 1000 steps). Gait's family observes its own parts
(joint angles and velocities, the torso's velocity, uprightness, vertical axis and angular
velocity in its frame, log(1 + normal force) on each toe), not dm_control's, so `run` computes
them from MuJoCo's state after every step (`gait_observation`) and maps actions in [-1, 1] onto
each actuator's control range, as Gait does; it prints the mean return over as many episodes as
`gait eval` runs (each with its own seeds). `check` compares `gait_observation` with Gait's own
observation in the same states (dm_control's, held as keyframes). Needs dm_control and the
`gait` package (scripts/setup --tests; run it with .venv/bin/python) and a release build of
`gait` (swift build -c release).
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import tempfile

import mujoco
import numpy as np
from dm_control import suite
from dm_control.suite import quadruped

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
GAIT = REPOSITORY / ".build/release/gait"
ENV_ID = "dmc-quadruped-walk"
TOES = ["toe_front_left", "toe_front_right", "toe_back_right", "toe_back_left"]


def write_model(folder, keyframes=()):
    """Writes the walk task's model as dm_control builds it (with `keyframes`: (name, qpos, qvel,
    act) each) beside a copy of the files it includes; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(pathlib.Path(suite.__file__).parent / "common", folder / "common", dirs_exist_ok=True)
    text = quadruped.make_model(floor_size=quadruped._DEFAULT_TIME_LIMIT * quadruped._WALK_SPEED).decode()
    if keyframes:
        numbers = lambda values: " ".join(repr(float(x)) for x in values)
        keys = "".join(f'<key name="{name}" qpos="{numbers(qpos)}" qvel="{numbers(qvel)}" act="{numbers(act)}"/>'
                       for name, qpos, qvel, act in keyframes)
        text = text.replace("</mujoco>", f"<keyframe>{keys}</keyframe></mujoco>")
    path = folder / "quadruped-walk.xml"
    path.write_text(text)
    return path


def write_environment(folder, env_id=ENV_ID, keyframe=None):
    """Writes the environment file of Gait's quadruped family on the model in `folder`."""
    lines = [f"id: {env_id}", "model: quadruped-walk.xml", "task: quadruped", "torso: torso",
             f"touch: [{', '.join(TOES)}]", "target_speed: 0.5", "substeps: 4", "episode_steps: 1000"]
    if keyframe:
        lines += [f"keyframe: {keyframe}", "reset_noise_scale: 0"]
    path = folder / f"{env_id}.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def gait_observation(physics):
    """Gait's quadruped-family observation of MuJoCo's current state (QuadrupedTask.observe). The
    toes' forces are those MuJoCo solves in this state (`mj_forward` on a copy: dm_control's step
    leaves the contacts of the new state beside the forces of the old), where Gait's are those
    of its last physics step."""
    model = physics.model.ptr
    data = mujoco.MjData(model)
    mujoco.mj_copyData(data, model, physics.data.ptr)
    mujoco.mj_forward(model, data)
    torso = mujoco.mj_name2id(model, mujoco.mjtObj.mjOBJ_BODY, "torso")
    rotation = data.xmat[torso].reshape(3, 3)
    velocity = np.zeros(6)
    mujoco.mj_objectVelocity(model, data, mujoco.mjtObj.mjOBJ_XBODY, torso, velocity, 1)
    forces = []
    for toe in TOES:
        geom, total, force = mujoco.mj_name2id(model, mujoco.mjtObj.mjOBJ_GEOM, toe), 0.0, np.zeros(6)
        for index in range(data.ncon):
            if geom in data.contact[index].geom:
                mujoco.mj_contactForce(model, data, index, force)
                total += force[0]
        forces.append(np.log1p(total))
    return np.concatenate([data.qpos[7:], data.qvel[6:], velocity[3:], [rotation[2, 2]], rotation[2],
                           velocity[:3], forces]).astype(np.float32)


def controls(physics, action):
    """Actions in [-1, 1] spanning each actuator's control range, as Gait's ActionMapping."""
    low, high = physics.model.actuator_ctrlrange.T
    return (low + high) / 2 + (high - low) / 2 * np.clip(action, -1, 1)


def run(arguments):
    import gait
    policy = gait.load_policy(arguments.checkpoint)
    returns = []
    for seed in range(arguments.episodes):
        environment = suite.load("quadruped", "walk", task_kwargs={"random": seed})
        step, total = environment.reset(), 0.0
        while not step.last():
            step = environment.step(controls(environment.physics, policy(gait_observation(environment.physics))))
            total += step.reward
        returns.append(total)
    returns = np.array(returns)
    evaluation = subprocess.run([str(GAIT), "eval", arguments.checkpoint, "--episodes", str(arguments.episodes)],
                                capture_output=True, text=True, check=True).stdout
    gait_mean = float(evaluation.strip().splitlines()[-1].split("mean_return=")[1].split()[0])
    print(f"{policy.env_id} in Gait: {gait_mean:.1f}; in dm_control quadruped-walk: {returns.mean():.1f} ± {returns.std():.1f} "
          f"({returns.mean() / gait_mean:.0%} of Gait's); per episode: {' '.join(f'{x:.0f}' for x in returns)}")


def check(arguments):
    """Gait's observation and gait_observation in the states of a dm_control episode under random
    actions, every `--every` steps: the largest difference of each part but the toes' forces
    (Gait reads them from its last physics step, which a keyframe start has not taken)."""
    environment = suite.load("quadruped", "walk", task_kwargs={"random": 0})
    rng = np.random.default_rng(0)
    environment.reset()
    states = []
    for index in range(arguments.states * arguments.every):
        environment.step(rng.uniform(-1, 1, environment.action_spec().shape))
        if index % arguments.every == arguments.every - 1:
            data = environment.physics.data
            states.append((f"s{len(states)}", data.qpos.copy(), data.qvel.copy(), data.act.copy(), gait_observation(environment.physics)))
    folder = pathlib.Path(tempfile.mkdtemp(prefix="quadruped-check-"))
    write_model(folder, [state[:4] for state in states])
    os.environ["GAIT_ENV_PATH"] = str(folder / "registered")
    for name, *_ in states:
        added = subprocess.run([str(GAIT), "envs", "add", str(write_environment(folder, f"check-{name}", name))],
                               capture_output=True, text=True, env=os.environ)
        if added.returncode != 0:
            raise SystemExit(added.stderr)
    import gait
    worst = {}
    for name, *_, expected in states:
        environment = gait.GaitEnv(f"check-{name}")
        observation = environment.reset()[0]
        for part in environment.details["observation_parts"]:
            if part["name"] != "foot_forces":
                piece = slice(part["start"], part["start"] + part["size"])
                worst[part["name"]] = max(worst.get(part["name"], 0), np.abs(observation[piece] - expected[piece]).max())
        environment.close()
    shutil.rmtree(folder)
    print(f"{len(states)} states of dm_control's quadruped-walk; largest difference between Gait's observation and gait_observation:")
    for part, difference in worst.items():
        print(f"  {part}: {difference:.2g}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    model = commands.add_parser("model", help="write the walk task's model and Gait's environment file into DIR")
    model.add_argument("folder", type=pathlib.Path)
    checking = commands.add_parser("check", help="compare gait_observation with Gait's observation in dm_control's states")
    checking.add_argument("--states", type=int, default=5)
    checking.add_argument("--every", type=int, default=40)
    running = commands.add_parser("run", help="run a checkpoint in dm_control's quadruped-walk")
    running.add_argument("checkpoint")
    running.add_argument("--episodes", type=int, default=10)
    arguments = parser.parse_args()
    if arguments.command == "model":
        write_model(arguments.folder)
        print(f"wrote {write_environment(arguments.folder)}; register it with: gait envs add {arguments.folder / (ENV_ID + '.yaml')}")
    elif arguments.command == "check":
        check(arguments)
    else:
        run(arguments)


if __name__ == "__main__":
    main()

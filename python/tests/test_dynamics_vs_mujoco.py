"""Gait's dynamics beside MuJoCo's on the same model files (MuJoCo 3.17 from PyPI), through
`gait model FILE --simulate`. Gait integrates with ODE's semi-implicit Euler, MuJoCo with the file's
integrator; contacts and joint limits are soft in both; the tolerances below are what the
difference amounts to, measured (docs/physics.md, Reading MJCF):

- chains without contact, 0.2 s under constant controls, largest generalized-position error:
  acrobot 0.016 (MuJoCo's RK4) / 0.0019 (MuJoCo's Euler), cartpole 0.0077 / 2.2e-5, Gymnasium's
  inverted double pendulum 0.034 / 0.0095, dm_control's humanoid in the air 0.0064 (Euler both);
- a body falling with damping on its free joint follows MuJoCo's Euler to 1.3e-4 m (damping 0.5),
  2e-5 (5) and 3e-11 (5000) over 1 s;
- couplings no one ODE row measures (two fingers that turn opposite ways), held in joint space:
  a thumb driven alone drags its mirrored finger as in MuJoCo to 1e-5 over 0.5 s; dm_control's
  manipulator and stacker close their fingers within 4e-5 of MuJoCo's (a leg swinging 1 rad under
  gravity holds such a sum 5-16 times looser than MuJoCo: the estimate of the other forces uses
  the reference configuration's mass matrix and leaves out velocity-dependent forces);
- dm_control's ball-in-cup (a string: a limited spatial tendon between two sites, MuJoCo's soft
  limit on their distance) within 4.4e-4..1.9e-3 over 1-2 s, stretching as far as MuJoCo's;
- Gymnasium's pusher (its goal marker a moving body of 4e-10 kg) within 7.1e-4 over 0.2 s;
- dm_control's fish (fluid forces, a spring on a fixed tendon between its fins) follows MuJoCo
  to 9.6e-4 over 1 s, its joints moving up to 1 rad; a tendon spring on a two-hinge chain to
  6.6e-5..1.5e-3 over 1 s (at rest where springref puts it, at a springlength, or slack
  between two);
- fluid forces (MuJoCo's inertia-box model: density, viscosity, wind): a tumbling body thrown
  through water, oil or wind is moved by them as MuJoCo's is within 1-3.4 % over 0.3 s;
  Gymnasium's swimmer (viscosity and density, armature on its root slides) within 1.3e-3 of
  MuJoCo's Euler over 0.2 s and 0.039 of its RK4, its joints moving 0.9 rad;
- a box dropped on the floor follows MuJoCo's height to 1e-10 m, sinking 17 mm on impact and
  resting 0.11 mm deep: contacts are MuJoCo's soft constraints mapped onto ODE's rows;
- a mesh (its convex hull) dropped flat onto the floor follows MuJoCo to 1e-13 m, and dropped
  tumbling to 1.2e-4, resting as deep: MuJoCo's plane-mesh contacts at up to four corners; a
  sphere comes to rest on a fixed mesh at MuJoCo's height, a box or capsule 4 mm deeper (ODE's
  convex colliders, at their deepest contact);
- an ellipsoid (a 128-face polyhedron touching at its deepest corner) dropped onto its pole
  follows MuJoCo to 1e-6 m; dropped tilted, it lies on its flat side after 8 s within 1.1 mm of
  MuJoCo's height (MuJoCo's smooth one still rocks a little);
- a pendulum with armature, damping, frictionloss and a limit: period 1.450 s against 1.457 s,
  the same loss of amplitude per swing within 5 %, and the same give at the limit within 0.05°;
- soft joint limits (solreflimit, solimplimit, margin): a slide falling onto its limit follows
  MuJoCo to 1e-15 m; an arm swinging into its limit to 1.8e-4..6e-4 rad over 0.5 s at a 2 ms step
  (the free swing alone differs by 1.5e-4: ODE's hinge is five constraint rows on a free body),
  2e-3..1.1e-2 at 10 ms, its deepest point within 2e-4 (2 ms) and 2e-3 (10 ms) of MuJoCo's;
  a three-hinge shoulder rests on two limits within 1e-4 of MuJoCo's resting angles; an arm
  whose range reaches past half a turn swings over the top into it within 0.011 rad of MuJoCo
  over 1.5 s, its deepest point within 0.5°;
- hinges without limits turn on past ±π as MuJoCo's qpos does (ODE measures within ±π; Gait
  counts the whole turns): a pendulum thrown over the top at 14 rad/s within 0.08..0.15 rad
  over 1.5 s and 2.8..3.1 turns (ODE's constraint corrections slow a fast-spinning arm a little),
  a planar body tumbling 3.6 turns in the air within 1.7e-3, and two arms coupled by a joint
  equality while one turns 1.7 times within 0.022;
- a keyframe's controls (`<key ctrl>`): a position servo holding an arm in its keyframe pose
  follows MuJoCo to 1.3e-3 rad over 1 s, and to 8.5e-3 from the keyframe without `ctrl`,
  swinging to 0;
- stiff position servos on light links (kv·h/m up to 22: unstable as explicit forces, in
  MuJoCo's Euler as in Gait's) under MuJoCo's implicitfast, which takes their velocity terms
  implicitly, as Gait then does: within 1e-7 rad over 1 s (with armature and damping too), 4e-7
  with each joint's actuator force clamped;
- actuators on fixed tendons (a motor and a position servo on a two-hinge chain; dm_control's
  point mass): 0.0014 rad over 0.5 s (1.4 rad of motion), the same chain driven through its
  joints to 1e-15; the point mass 1.2 mm over 1 s (5 cm of motion);
- equality constraints: a four-bar linkage closed by a connect follows MuJoCo within
  4e-3..1e-2 rad over 0.5 s (the loop open by at most 3e-4 m); a box hung by a connect sags
  as far as MuJoCo's to 4e-7 m, and swinging follows it within 0.012 over 1 s (its corner
  drifts up to 1.8 mm where MuJoCo's stays within 0.6 mm: ODE integrates the body at its centre
  of mass, MuJoCo at its frame origin, the hung corner); two free boxes welded together land and rest within 2.5 mm of
  MuJoCo's heights (ODE's fixed joint is stiffer than MuJoCo's soft weld);
- couplings (tendon and joint equalities): a leg of three parallel hinges below a yaw holds its
  sum within 9e-4 of where MuJoCo's holds it (8e-5 with MuJoCo's default softness) while the
  free sum wanders 0.3..1.9, its angles within 0.05 over 0.5 s; dm_control's quadruped in the
  air, its legs held by tendon couplings and driven through tendons, within 0.018 rad over
  0.08 s (0.015 without its couplings);
- height fields: rays meet a random, turned and tilted field where MuJoCo's do to 1e-7 m (the
  same rays hit), and a box dropped into a bowl rests within 0.6 mm of MuJoCo's height;
- activation dynamics (filter, filterexact, integrator with actrange, actearly): boxes on
  slides follow MuJoCo to 1e-9 m over 1 s;
- sensors (touch, frame, gyro, velocimeter, joint and subtree sensors, rangefinders) read what
  MuJoCo's read: within 0.02 after 0.1 s of a motor-driven arm (its motion differs by that
  much), and a resting box's touch within 0.1 %; accelerometers, which read the last step's
  acceleration in Gait and the next step's in MuJoCo (and framelinacc, frameangacc, force and
  torque, which follow from it), within 3 % on the swinging arm, and to 1e-6 on a box falling
  freely and at rest (a free body's force while it lands too; its torque then reaches 0.8 N·m
  against contact torques of about 40 N·m, where MuJoCo's stays 0).
"""
import json
import pathlib
import struct
import subprocess
import zlib

import dm_control
import gymnasium
import mujoco
import numpy as np
import pytest

from conftest import run_cli

SUITE = pathlib.Path(dm_control.__file__).parent / "suite"
GYMNASIUM = pathlib.Path(gymnasium.__file__).parent / "envs" / "mujoco" / "assets"


def gait_positions(gait_cli, path, seconds, controls=None, keyframe=None):
    """Gait's qpos after every physics step."""
    arguments = [gait_cli, "model", str(path), "--simulate", str(seconds), "--json"]
    if controls is not None:
        arguments.append("--controls=" + " ".join(map(str, controls)))
    if keyframe:
        arguments += ["--keyframe", keyframe]
    result = subprocess.run(arguments, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return np.array(json.loads(result.stdout)["qpos"])


def mujoco_positions(path, seconds, controls=None, keyframe=None, euler=False):
    """MuJoCo's qpos after every physics step (with the file's integrator, or Euler)."""
    model = mujoco.MjModel.from_xml_path(str(path))
    if euler:
        model.opt.integrator = mujoco.mjtIntegrator.mjINT_EULER
    data = mujoco.MjData(model)
    if keyframe:
        mujoco.mj_resetDataKeyframe(model, data, model.key(keyframe).id)
    if controls is not None:
        data.ctrl[:] = controls
    positions = []
    for _ in range(int(round(seconds / model.opt.timestep))):
        mujoco.mj_step(model, data)
        positions.append(data.qpos.copy())
    return np.array(positions)


def alternating(count, high, low):
    return [high if index % 2 else low for index in range(count)]


@pytest.mark.parametrize("path, controls, tolerance, euler_tolerance", [
    (SUITE / "acrobot.xml", [0.5], 0.025, 0.003),
    (SUITE / "cartpole.xml", [0.5], 0.012, 1e-4),
    (GYMNASIUM / "inverted_double_pendulum.xml", [0.5], 0.05, 0.015),
    (SUITE / "humanoid.xml", alternating(21, 0.05, -0.04), 0.01, 0.01),
    (GYMNASIUM / "swimmer.xml", [1.0, -0.6], 0.05, 0.002),
    (SUITE / "fish.xml", [1, -0.5, 0.8, 0.3, -0.6], 0.002, 0.002),
    (GYMNASIUM / "pusher_v5.xml", [0.5, -0.3, 0.2, 0.4, -0.5, 0.3, 0.1], 0.002, 0.002),
], ids=lambda value: value.name if isinstance(value, pathlib.Path) else None)
def test_chain_follows_mujoco_without_contact(gait_cli, path, controls, tolerance, euler_tolerance):
    gait = gait_positions(gait_cli, path, 0.2, controls)
    assert np.abs(gait - mujoco_positions(path, 0.2, controls)).max() < tolerance
    assert np.abs(gait - mujoco_positions(path, 0.2, controls, euler=True)).max() < euler_tolerance


BOX = """<mujoco model="box"><option timestep="0.002"/><worldbody><geom type="plane" size="5 5 0.1"/>
<body pos="0 0 0.5"><freejoint/><geom type="box" size="0.1 0.15 0.05" density="800"/></body></worldbody></mujoco>"""

PENDULUM = """<mujoco model="pendulum"><option timestep="0.002"/><worldbody><body pos="0 0 1">
<joint axis="0 1 0" armature="0.05" damping="0.02" frictionloss="0.01" range="-60 85"/>
<geom type="capsule" fromto="0 0 0 0 0 -0.5" size="0.03"/><geom type="sphere" pos="0 0 -0.5" size="0.06"/>
</body></worldbody><keyframe><key name="raised" qpos="1.4"/></keyframe></mujoco>"""


def test_dropped_box_sinks_in_and_comes_to_rest_as_in_mujoco(gait_cli, tmp_path):
    path = tmp_path / "box.xml"
    path.write_text(BOX)
    gait, reference = gait_positions(gait_cli, path, 2)[:, 2], mujoco_positions(path, 2)[:, 2]
    assert abs(gait[-1] - reference[-1]) < 1e-6, "the same resting height, sunk into the floor as MuJoCo's soft contact lets it"
    assert abs(gait[-1] - 0.05) > 1e-4
    assert abs(gait.min() - reference.min()) < 1e-6, "the same impact: the box sinks 17 mm in both"
    assert np.abs(gait - reference).max() < 1e-6


ELLIPSOID = """<mujoco model="ellipsoid"><option timestep="0.002"/><worldbody><geom type="plane" size="5 5 0.1"/>
<body pos="0 0 0.4" euler="{euler}"><freejoint/><geom type="{shape}" size="{size}" density="800"/></body></worldbody></mujoco>"""


def test_a_dropped_ellipsoid_lands_and_rests_as_in_mujoco(gait_cli, tmp_path):
    path = tmp_path / "ellipsoid.xml"
    path.write_text(ELLIPSOID.format(euler="0 0 0", shape="ellipsoid", size="0.1 0.15 0.05"))
    gait, reference = gait_positions(gait_cli, path, 2), mujoco_positions(path, 2)
    assert np.abs(gait - reference).max() < 1e-6, "landing on its pole, it touches at one point, as MuJoCo's"
    path.write_text(ELLIPSOID.format(euler="10 20 30", shape="ellipsoid", size="0.1 0.15 0.05"))
    gait, reference = gait_positions(gait_cli, path, 8)[-1, 2], mujoco_positions(path, 8)[-1, 2]
    assert abs(gait - 0.05) < 2e-3 and abs(gait - reference) < 2e-3, "dropped tilted, it comes to lie on its flat side"
    path.write_text(ELLIPSOID.format(euler="10 20 30", shape="ellipsoid", size="0.1 0.1 0.1"))
    round_one = gait_positions(gait_cli, path, 2)[:, 2]
    path.write_text(ELLIPSOID.format(euler="10 20 30", shape="sphere", size="0.1"))
    sphere = gait_positions(gait_cli, path, 2)[:, 2]
    assert np.abs(round_one - sphere).max() < 4e-3, "a round ellipsoid falls and rests as a sphere, within its facets' depth (3.8 mm)"


MESH_BOX = """<mujoco model="mesh box"><option timestep="0.002"/><asset><mesh name="box" vertex="{vertices}"/></asset>
<worldbody><geom type="plane" size="5 5 0.1"/>{ground}<body pos="0.02 0.03 {height}" euler="{euler}"><freejoint/>{geom}</body>
</worldbody></mujoco>"""
# A box of half extents 0.1 × 0.15 × 0.05 given by its corners and a point inside, which is no corner of its hull.
BOX_CORNERS = " ".join(f"{x} {y} {z}" for x in (-0.1, 0.1) for y in (-0.15, 0.15) for z in (-0.05, 0.05)) + " 0 0 0.02"


def mesh_box(tmp_path, geom='<geom type="mesh" mesh="box" density="800"/>', euler="0 0 0", height=0.5, ground=""):
    path = tmp_path / "mesh_box.xml"
    path.write_text(MESH_BOX.format(vertices=BOX_CORNERS, geom=geom, euler=euler, height=height, ground=ground))
    return path


def test_a_mesh_dropped_on_the_floor_lands_and_rests_as_in_mujoco(gait_cli, tmp_path):
    """A mesh collides as its convex hull, touching a plane at up to four corners spread over where it rests, as
    MuJoCo 3.17's plane-mesh contacts do: dropped flat it follows MuJoCo to 1e-13 m (measured), tumbling from a tilt to
    1.2e-4 over 4 s, and rests as deep."""
    path = mesh_box(tmp_path)
    assert np.abs(gait_positions(gait_cli, path, 2) - mujoco_positions(path, 2)).max() < 1e-10
    for euler in ["10 20 30", "40 0 0"]:
        path = mesh_box(tmp_path, euler=euler)
        gait, reference = gait_positions(gait_cli, path, 4), mujoco_positions(path, 4)
        assert np.abs(gait - reference).max() < 3e-4, euler
        assert abs(gait[-1, 2] - reference[-1, 2]) < 1e-9, f"{euler}: the same resting height, 0.1 mm into the floor"


@pytest.mark.parametrize("shape, depth", [
    ('type="sphere" size="0.05"', 1e-8),
    ('type="box" size="0.03 0.03 0.03"', 5e-3),
    ('type="capsule" size="0.02 0.05" euler="0 90 0"', 5e-3),
])
def test_a_shape_dropped_on_a_fixed_mesh_rests_on_it_near_mujocos_height(gait_cli, tmp_path, shape, depth):
    """Against a sphere a mesh's hull touches as in MuJoCo; against a box or capsule at the deepest of ODE's contacts,
    which rests them 4.1 and 4.2 mm deeper than MuJoCo (measured; the notice says so)."""
    path = mesh_box(tmp_path, geom=f'<geom {shape} density="800"/>', height=0.4,
                    ground='<geom type="mesh" mesh="box" pos="0 0 0.05"/>')
    gait, reference = gait_positions(gait_cli, path, 1.5)[-1], mujoco_positions(path, 1.5)[-1]
    assert 0 <= reference[2] - gait[2] < depth, f"Gait rests at {gait[2]}, MuJoCo at {reference[2]}"


# Damping on a free joint slows all six velocities, implicitly as MuJoCo's Euler integrator
# does (5000 would make an explicit force overshoot); its force acts at the body's frame origin,
# 0.2 m from the centre of mass, so the falling body also turns.
DAMPED_FALL = """<mujoco model="damped fall"><option timestep="0.002"/><worldbody><body pos="0 0 10">
<joint type="free" damping="{damping}"/><geom type="box" size="0.1 0.05 0.05" pos="0.2 0 0" mass="1"/></body></worldbody></mujoco>"""


WELDED_SHELL = """<mujoco model="shell"><option timestep="0.002"/><worldbody><body name="root" pos="0 0 1"><freejoint/>
<body name="shell"><geom type="box" size="0.1 0.1 0.1"/></body>
<body name="arm" pos="0.2 0 0"><joint name="swing" axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.03"/></body>
</body></worldbody><actuator><motor joint="swing"/></actuator></mujoco>"""


def test_a_free_body_whose_mass_is_all_in_a_welded_child_moves_as_in_mujoco(gait_cli, tmp_path):
    """MuJoCo accepts a moving body without mass of its own when a body welded to it has some."""
    path, own = tmp_path / "shell.xml", tmp_path / "own.xml"
    path.write_text(WELDED_SHELL)
    own.write_text(WELDED_SHELL.replace('<body name="shell"><geom type="box" size="0.1 0.1 0.1"/></body>', '<geom type="box" size="0.1 0.1 0.1"/>'))
    gait, reference = gait_positions(gait_cli, path, 0.3, [0.5]), mujoco_positions(path, 0.3, [0.5], euler=True)
    assert abs(reference[-1, -1]) > 0.5, "the motor swings the arm and turns the body"
    assert np.abs(gait - gait_positions(gait_cli, own, 0.3, [0.5])).max() < 1e-12, "as if the shell were the body's own geom"
    assert np.abs(gait - reference).max() < 2e-3, "measured: 1.4e-3 rad of the arm's 1.7, either way"


@pytest.mark.parametrize("damping", [0.5, 5.0, 5000.0])
def test_free_joint_damping_slows_and_turns_a_falling_body_as_in_mujoco(gait_cli, tmp_path, damping):
    path = tmp_path / "fall.xml"
    path.write_text(DAMPED_FALL.format(damping=damping))
    gait, reference = gait_positions(gait_cli, path, 1), mujoco_positions(path, 1, euler=True)
    assert 10 - reference[-1, 2] < 0.5 * 9.81 * 0.95, "MuJoCo's body falls slower than a free one"
    assert abs(reference[-1, 3]) < 0.99 or damping > 1000, "and turns"
    assert np.abs(gait - reference).max() < 1e-3, np.abs(gait - reference).max(axis=0)


THROWN_IN_FLUID = """<mujoco model="thrown"><option timestep="0.002" density="{density}" viscosity="{viscosity}" wind="{wind}"/>
<worldbody><body pos="0 0 10" euler="20 -35 50"><freejoint/><geom type="box" size="0.2 0.05 0.1" euler="10 30 0" density="2000"/>
<geom type="sphere" pos="0.15 0.1 -0.05" size="0.06" density="5000"/></body></worldbody>
<keyframe><key name="thrown" qpos="0 0 10 1 0 0 0" qvel="2 -1 3 4 -6 5"/></keyframe></mujoco>"""


@pytest.mark.parametrize("density, viscosity, wind", [(1000, 0, "0 0 0"), (0, 5, "0 0 0"), (1.2, 0.5, "3 0 -1"), (300, 0.2, "2 -1 0")])
def test_a_body_thrown_through_a_fluid_is_slowed_and_turned_as_in_mujoco(gait_cli, tmp_path, density, viscosity, wind):
    """MuJoCo's inertia-box model on a tumbling body whose principal axes are turned from its frame.
    The fluid's effect (the trajectory less the one without fluid) is compared, which leaves out
    how differently the two integrate a tumbling body (6e-3 over 0.3 s, with or without fluid)."""
    def trajectories(**fluid):
        path = tmp_path / "thrown.xml"
        path.write_text(THROWN_IN_FLUID.format(**fluid))
        return gait_positions(gait_cli, path, 0.3, keyframe="thrown"), mujoco_positions(path, 0.3, keyframe="thrown", euler=True)
    gait_free, mujoco_free = trajectories(density=0, viscosity=0, wind="0 0 0")
    gait, reference = trajectories(density=density, viscosity=viscosity, wind=wind)
    effect = np.abs(reference - mujoco_free).max()
    assert effect > 0.01, "the fluid moves MuJoCo's body"
    assert np.abs((gait - gait_free) - (reference - mujoco_free)).max() < 0.05 * effect, "measured: within 1-3.4 %"


SPRUNG_CHAIN = """<mujoco model="sprung"><option timestep="0.002" gravity="0 0 0"/><worldbody>
<body><joint name="a" axis="0 1 0" springref="10"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.03"/>
<body pos="0.3 0 0"><joint name="b" axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.03"/></body></body></worldbody>
<tendon><fixed name="t" stiffness="{stiffness}" {length}><joint joint="a" coef="1"/><joint joint="b" coef="-0.5"/></fixed></tendon>
<actuator><motor joint="b"/></actuator></mujoco>"""


@pytest.mark.parametrize("length", ["", 'springlength="0.3"', 'springlength="-0.2 0.3"'])
def test_a_tendon_spring_pulls_its_joints_as_in_mujoco(gait_cli, tmp_path, length):
    """A spring on a fixed tendon: at rest where the joints' springrefs put it, or at its
    springlength, or slack between two lengths."""
    path = tmp_path / "sprung.xml"
    path.write_text(SPRUNG_CHAIN.format(stiffness=0, length=length))
    slack = mujoco_positions(path, 1, [0.02], euler=True)
    path.write_text(SPRUNG_CHAIN.format(stiffness=2, length=length))
    gait, reference = gait_positions(gait_cli, path, 1, [0.02]), mujoco_positions(path, 1, [0.02], euler=True)
    assert np.abs(reference - slack).max() > 0.2, "the spring moves MuJoCo's joints"
    assert np.abs(gait - reference).max() < 3e-3, "measured: 6.6e-5..1.5e-3"


@pytest.mark.parametrize("seconds, controls", [(1, [0, 0]), (1, [0.5, -0.3]), (2, [1, 1])])
def test_dm_controls_ball_hangs_and_swings_on_its_string_as_in_mujoco(gait_cli, seconds, controls):
    """dm_control's ball-in-cup: the ball falls until the string (a limited spatial tendon
    between two sites) is taut, then swings from the moving cup on it."""
    path = SUITE / "ball_in_cup.xml"
    gait, reference = gait_positions(gait_cli, path, seconds, controls), mujoco_positions(path, seconds, controls, euler=True)
    string = lambda q: np.hypot(q[:, 2] - q[:, 0], 0.2 + q[:, 3] - (0.6 - 0.108 + q[:, 1]))  # ball site to cup site
    assert string(reference).max() > 0.3, "MuJoCo's string is taut"
    assert np.abs(gait - reference).max() < 3e-3, "measured: 4.4e-4 (hanging), 1.0e-3 (1 s driven), 1.9e-3 (2 s)"
    assert abs(string(gait).max() - string(reference).max()) < 1e-3, "it stretches as far as MuJoCo's"


PINCH = """<mujoco model="pinch"><option timestep="0.001"/><default><joint damping="0.05"/>
<geom type="capsule" size="0.01" contype="0" conaffinity="0"/></default><worldbody>
<body name="hand" pos="0 0 1"><joint name="wrist" axis="0 0 1"/><geom fromto="0 0 0 0 0 0.05"/>
<body name="thumb" pos="0.03 0 0.05" euler="0 -90 0"><joint name="thumb" axis="0 1 0"/><geom fromto="0 0 0 0.06 0 0"/></body>
<body name="finger" pos="-0.03 0 0.05" euler="0 90 180"><joint name="finger" axis="0 1 0"/><geom fromto="0 0 0 0.05 0 0.01"/></body>
</body></worldbody><tendon><fixed name="coupling"><joint joint="thumb" coef="-0.5"/><joint joint="finger" coef="0.5"/></fixed></tendon>
{equality}<actuator><motor joint="thumb" gear="0.05"/><motor joint="wrist" gear="0.5"/></actuator></mujoco>"""


@pytest.mark.parametrize("controls", [[1, 0.3], [-0.7, 0.2]])
def test_mirrored_fingers_coupled_in_joint_space_follow_mujoco(gait_cli, tmp_path, controls):
    """Two fingers that turn opposite ways (as dm_control's manipulator's), only the thumb driven,
    held equal by a tendon equality (the manipulator's softness): no one ODE row measures their
    difference, so Gait holds it by a force in joint space."""
    path = tmp_path / "pinch.xml"
    path.write_text(PINCH.format(equality=""))
    free = mujoco_positions(path, 0.5, controls, euler=True)
    assert np.abs(free[:, 1] - free[:, 2]).max() > 0.3, "without the coupling only the thumb moves"
    path.write_text(PINCH.format(equality='<equality><tendon tendon1="coupling" solref=".005 .5" solimp="0.95 0.99 0.001"/></equality>'))
    gait, reference = gait_positions(gait_cli, path, 0.5, controls), mujoco_positions(path, 0.5, controls, euler=True)
    assert np.abs(reference[:, 2] - reference[0, 2]).max() > 0.15, "MuJoCo's finger follows the thumb"
    assert np.abs(gait - reference).max() < 1e-4, "measured: below 1e-5"


@pytest.mark.parametrize("name", ["manipulator.xml", "stacker.xml"])
def test_dm_controls_manipulator_closes_its_coupled_fingers_as_mujoco(gait_cli, name):
    """Arm moving and grasp half closed, 0.5 s, before the fingers touch anything."""
    path, controls = SUITE / name, [0.3, -0.2, 0.4, 0.1, 0.5]
    gait, reference = gait_positions(gait_cli, path, 0.5, controls), mujoco_positions(path, 0.5, controls, euler=True)
    model = mujoco.MjModel.from_xml_path(str(path))
    fingers = [model.jnt_qposadr[model.joint(name).id] for name in ("thumb", "finger")]
    assert np.abs(reference[:, fingers[1]] - reference[0, fingers[1]]).max() > 0.4, "MuJoCo's fingers close"
    assert np.abs(gait[:, fingers] - reference[:, fingers]).max() < 5e-4, "measured: 4e-5"


def swings(angles, timestep):
    """The period (from sign changes) and the peak of each half swing."""
    crossings = np.where(np.diff(np.sign(angles)) != 0)[0]
    peaks = np.array([np.abs(angles[a:b]).max() for a, b in zip(crossings[:-1], crossings[1:])])
    return 2 * timestep * np.diff(crossings).mean(), peaks


def test_pendulum_with_armature_damping_friction_and_limit_keeps_mujocos_period_and_decay(gait_cli, tmp_path):
    path = tmp_path / "pendulum.xml"
    path.write_text(PENDULUM)
    gait = gait_positions(gait_cli, path, 6, keyframe="raised")[:, 0]
    reference = mujoco_positions(path, 6, keyframe="raised")[:, 0]
    period, peaks = swings(gait, 0.002)
    reference_period, reference_peaks = swings(reference, 0.002)
    assert abs(period / reference_period - 1) < 0.01
    assert gait.min() < np.radians(-60.5), "the soft limit gives a little"
    assert abs(gait.min() - reference.min()) < np.radians(0.05), "as much as MuJoCo's"
    loss, reference_loss = -np.diff(peaks[:6]).mean(), -np.diff(reference_peaks[:6]).mean()
    assert abs(loss / reference_loss - 1) < 0.05


SERVO_ARM = """<mujoco model="servo arm"><option timestep="0.002"/><worldbody><body pos="0 0 1">
<joint name="shoulder" axis="0 1 0" damping="0.5"/><geom type="capsule" fromto="0 0 0 0.4 0 0" size="0.03"/></body></worldbody>
<actuator><position joint="shoulder" kp="20" ctrlrange="-2 2"/></actuator>
<keyframe><key name="held" qpos="-0.6" ctrl="-0.6"/><key name="released" qpos="-0.6"/></keyframe></mujoco>"""


def test_a_keyframe_holds_its_pose_with_its_controls_as_in_mujoco(gait_cli, tmp_path):
    path = tmp_path / "servo_arm.xml"
    path.write_text(SERVO_ARM)
    model = mujoco.MjModel.from_xml_path(str(path))
    keyframes = json.loads(subprocess.run([gait_cli, "model", str(path), "--json"], capture_output=True, text=True,
                                          check=True).stdout)["keyframes"]
    assert [key["ctrl"] for key in keyframes] == model.key_ctrl.tolist(), "the file's ctrl, zeros where it gives none"
    held, released = (gait_positions(gait_cli, path, 1, keyframe=name)[:, 0] for name in ("held", "released"))
    assert np.abs(held - mujoco_positions(path, 1, keyframe="held")[:, 0]).max() < 2e-3
    assert np.abs(released - mujoco_positions(path, 1, keyframe="released")[:, 0]).max() < 1e-2
    assert abs(held[-1] + 0.6) < 0.15 and abs(released[-1]) < 0.2, "the servo holds the keyframe's pose; with ctrl 0 it swings to 0"


# Stiff servos on light links (kv·h/m about 20 at the knee): one explicit step of their velocity
# terms overshoots and the motion grows without bound (MuJoCo's Euler too); under MuJoCo's
# implicitfast integrator they are taken implicitly, and so Gait takes them. A servo's force range
# drops its kv from MuJoCo's implicit step in the steps it clamps the force (where the stiffest
# chatter between their bounds, MuJoCo's as Gait's), and so Gait drops it.
STIFF_LEG = """<mujoco model="stiff leg"><option timestep="0.002" integrator="implicitfast"/><worldbody><body pos="0 0 1">
<joint name="hip" axis="0 1 0" {extra}/><geom type="capsule" fromto="0 0 0 0 0 -0.3" size="0.02" density="500"/>
<body pos="0 0 -0.3"><joint name="knee" axis="0 1 0" {extra}/><geom type="capsule" fromto="0 0 0 0.25 0 0" size="0.015" density="500"/>
</body></body></worldbody><actuator><position joint="hip" kp="60" kv="40" {servo}/><position joint="knee" kp="30" kv="20" {servo}/>
</actuator></mujoco>"""


@pytest.mark.parametrize("extra, servo, tolerance", [
    ("", "", 1e-5),  # measured 9e-8
    ('armature="0.002" damping="0.3"', "", 1e-5),  # 9e-8
    ('actuatorfrcrange="-1 1"', "", 1e-5),  # 4e-7
    ('armature="0.002" damping="0.3"', 'forcerange="-3 3"', 1e-5),  # 1.1e-6 (0.19 with kv explicit in every step)
    ('armature="0.002"', 'forcerange="-10 10"', 2e-3),  # 2.8e-4, chattering (1.14 with kv explicit in every step)
], ids=["servos", "armature-and-damping", "clamped-at-the-joint", "clamped-by-the-servos", "chattering-at-the-servos-bounds"])
def test_stiff_servos_are_taken_implicitly_as_mujocos_implicitfast_takes_them(gait_cli, tmp_path, extra, servo, tolerance):
    path = tmp_path / "stiff_leg.xml"
    def notices(text):
        path.write_text(text)
        result = subprocess.run([gait_cli, "model", str(path)], capture_output=True, text=True, check=True)
        return result.stdout + result.stderr
    text = STIFF_LEG.format(extra=extra, servo=servo)
    assert "velocity terms (kv)" in notices(text.replace(' integrator="implicitfast"', "")), \
        "at MuJoCo's default (Euler) the servos are explicit, and too stiff for it"
    assert "velocity terms (kv)" not in notices(text)
    controls = [0.5, -0.8]
    gait, reference = gait_positions(gait_cli, path, 1, controls), mujoco_positions(path, 1, controls)
    assert np.abs(gait - reference).max() < tolerance
    assert np.abs(reference[-1]).min() > 0.3, "both joints creep most of the way to their targets (overdamped)"
    if servo:
        model = mujoco.MjModel.from_xml_path(str(path))
        data = mujoco.MjData(model)
        data.ctrl[:] = controls
        clamped = 0
        for _ in range(500):
            mujoco.mj_step(model, data)
            clamped += np.sum(np.abs(data.actuator_force) >= model.actuator_forcerange[:, 1])
        assert clamped >= 10, "MuJoCo's servos are clamped in some steps"


# MuJoCo's elliptic friction cone: a box held on a slope by friction, a capsule dragged across
# another that it turns by friction alone (two moving bodies), and a box sliding across the
# contact frame's axes until friction stops it. Each differs from MuJoCo's pyramidal cone.
ELLIPTIC = {
    "sticks-on-a-slope": ("""<mujoco><option timestep="0.002" cone="elliptic" impratio="IMPRATIO" gravity="2.5 0 -9.5"/><worldbody>
<geom type="plane" size="5 5 0.1"/><body pos="0 0 0.05"><freejoint/><geom type="box" size="0.1 0.1 0.05" friction="0.5"/></body>
</worldbody><keyframe><key name="k" qpos="0 0 0.0499 1 0 0 0"/></keyframe></mujoco>""", 1e-6),
    "turns-a-capsule": ("""<mujoco><option timestep="0.002" cone="elliptic" impratio="IMPRATIO" gravity="0 0 0"/><worldbody>
<body><joint name="spin" axis="0 0 1" damping="0.01"/><geom type="capsule" size="0.05 0.2" euler="0 90 0" mass="1"/></body>
<body pos="0.1 0 0.099"><joint name="down" type="slide" axis="0 0 1"/><joint name="across" type="slide" axis="0 1 0"/>
<geom type="capsule" size="0.05 0.05" euler="90 0 0" mass="0.5"/></body></worldbody>
<actuator><motor joint="down"/><motor joint="across"/></actuator><keyframe><key name="k" qpos="0 0 0" ctrl="-20 3"/></keyframe></mujoco>""", 5e-3),
    "slides-to-a-stop": ("""<mujoco><option timestep="0.002" cone="elliptic" impratio="IMPRATIO"/><worldbody>
<geom type="plane" size="5 5 0.1"/><body pos="0 0 0.05"><freejoint/><geom type="box" size="0.1 0.1 0.05" friction="0.5"/></body>
</worldbody><keyframe><key name="k" qpos="0 0 0.0499 1 0 0 0" qvel="1.5 0.8 0 0 0 0"/></keyframe></mujoco>""", 0.02),
}


@pytest.mark.parametrize("impratio", [1, 100])
@pytest.mark.parametrize("case", ELLIPTIC)
def test_friction_on_mujocos_elliptic_cone_as_mujocos(gait_cli, tmp_path, case, impratio):
    text, tolerance = ELLIPTIC[case]
    path = tmp_path / "elliptic.xml"
    path.write_text(text.replace("IMPRATIO", str(impratio)).replace('cone="elliptic"', 'cone="pyramidal"'))
    pyramidal = mujoco_positions(path, 1, keyframe="k")
    path.write_text(text.replace("IMPRATIO", str(impratio)))
    gait, reference = gait_positions(gait_cli, path, 1, keyframe="k"), mujoco_positions(path, 1, keyframe="k")
    gap = np.abs(gait - reference).max()
    # measured: sticks 0 (pyramidal in Gait 6.5e-4, 1e-4), turns 5.5e-4 and 2.8e-3 (0.12, 0.047), slides 0.016 and 0.013 (0.043, 0.044)
    assert gap < tolerance, f"{gap} from MuJoCo's elliptic cone"
    assert np.abs(pyramidal - reference).max() > max(tolerance, 1e-4) > gap, "the pyramidal cone moves it otherwise"


# Soft joint limits: a box on a vertical slide falls onto its lower limit, an arm swings into its
# upper limit pushed by gravity and a motor, and a three-hinge shoulder (a gimbal) is pushed onto
# two of its limits and held there.
SLIDE = """<mujoco model="slide"><option timestep="0.002"/><worldbody><body pos="0 0 1">
<joint name="lift" type="slide" axis="0 0 1" range="-0.1 0.2" {extra}/><geom type="box" size="0.05 0.05 0.05" mass="2"/>
</body></worldbody><actuator><motor joint="lift"/></actuator></mujoco>"""
ARM = """<mujoco model="arm"><option timestep="{timestep}"/><worldbody><body pos="0 0 1">
<joint name="swing" axis="0 1 0" range="-30 40" {extra}/><geom type="capsule" fromto="0 0 0 0.4 0 0" size="0.03"/>
</body></worldbody><actuator><motor joint="swing"/></actuator></mujoco>"""
SHOULDER = """<mujoco model="shoulder"><option timestep="0.002"/><worldbody><body pos="0 0 1">
<joint name="x" axis="1 0 0" range="-20 25"/><joint name="y" axis="0 1 0" range="-20 25" solreflimit="0.03 0.7"/>
<joint name="z" axis="0 0 1" range="-20 25"/><geom type="capsule" fromto="0 0 0 0.3 0.1 -0.2" size="0.04"/>
</body></worldbody><actuator><motor joint="x"/><motor joint="y"/><motor joint="z"/></actuator></mujoco>"""
SOFTNESS = ["", 'solreflimit="0.05 0.3"', 'solreflimit="-5000 -20"', 'solimplimit="0.5 0.99 0.05"']


@pytest.mark.parametrize("extra, margin", [(extra, 0) for extra in SOFTNESS] + [('margin="0.02" solimplimit="0.8 0.9 0.01"', 0.02)])
def test_a_slide_sinks_into_its_soft_limit_exactly_as_in_mujoco(gait_cli, tmp_path, extra, margin):
    path = tmp_path / "slide.xml"
    path.write_text(SLIDE.format(extra=extra))
    gait, reference = gait_positions(gait_cli, path, 0.5, [5]), mujoco_positions(path, 0.5, [5])
    assert reference.min() < -0.1 + margin - 0.005, "MuJoCo's limit gives"
    assert np.abs(gait - reference).max() < 1e-9


@pytest.mark.parametrize("timestep", [0.002, 0.01])
@pytest.mark.parametrize("extra, margin", [(extra, 0) for extra in SOFTNESS] + [('margin="0.1"', 0.1)])
def test_an_arm_swings_into_its_soft_limit_as_in_mujoco(gait_cli, tmp_path, timestep, extra, margin):
    path = tmp_path / "arm.xml"
    path.write_text(ARM.format(timestep=timestep, extra=extra))
    gait, reference = gait_positions(gait_cli, path, 0.5, [0.3]), mujoco_positions(path, 0.5, [0.3], euler=True)
    stop = np.radians(40) - margin
    assert reference.max() > stop + 0.03, "MuJoCo's limit gives by more than the tolerance"
    assert abs(gait.max() - reference.max()) < (3e-4 if timestep < 0.005 else 3e-3)
    assert np.abs(gait - reference).max() < (1e-3 if timestep < 0.005 else 0.015)


def test_a_shoulder_rests_on_two_soft_limits_as_in_mujoco(gait_cli, tmp_path):
    path = tmp_path / "shoulder.xml"
    path.write_text(SHOULDER)
    controls = [0.5, -0.3, 0.4]
    gait, reference = gait_positions(gait_cli, path, 1, controls), mujoco_positions(path, 1, controls, euler=True)
    beyond = reference[-1, 1:] - np.radians([25, -20])
    assert beyond[0] > 1.5e-3 and beyond[1] < -5e-4, "held a little beyond the y and z limits"
    assert np.abs(gait[-1, 1:] - reference[-1, 1:]).max() < 2e-4
    assert np.abs(gait - reference).max() < 0.005


@pytest.mark.parametrize("joint, control", [('range="-250 40"', -4), ('range="-40 250" ref="30"', 4)])
def test_an_arm_swings_past_half_a_turn_into_its_limit_as_in_mujoco(gait_cli, tmp_path, joint, control):
    """A range reaching beyond ±180° (dm_control's cheetah foot: −230° to 50°) is simulated as
    written: the motor swings the arm over the top into the far limit, as MuJoCo's."""
    path = tmp_path / "arm.xml"
    path.write_text(ARM.format(timestep=0.002, extra="").replace('range="-30 40"', joint))
    gait, reference = gait_positions(gait_cli, path, 1.5, [control]), mujoco_positions(path, 1.5, [control], euler=True)
    assert np.abs(reference).max() > np.radians(250), "MuJoCo's arm reaches its limit past half a turn"
    assert abs(np.abs(gait).max() - np.abs(reference).max()) < np.radians(1)
    assert abs(gait[-1] - reference[-1]) < 1e-4, "rests on the limit where MuJoCo's rests"
    assert np.abs(gait - reference).max() < 0.02


WIDE = """<mujoco model="wide"><option timestep="0.002"/><worldbody><body pos="0 0 1">
<joint name="swing" axis="0 1 0" range="{range}" damping="2"/><geom type="capsule" fromto="0 0 0 0.4 0 0" size="0.03"/>
</body></worldbody><actuator><motor joint="swing"/><position joint="swing" kp="{kp}" inheritrange="1"/></actuator></mujoco>"""


@pytest.mark.parametrize("joint_range, kp, controls", [("-540 540", 100, [0, 3]), ("-100 400", 20, [0, 6.5]),
                                                        ("-540 540", 0, [-12, 0]), ("-100 400", 0, [12, 0])])
def test_a_hinge_whose_range_is_wider_than_a_turn_keeps_it_as_in_mujoco(gait_cli, tmp_path, joint_range, kp, controls):
    """Menagerie's ANYmal turns its legs 1.5 turns either way (±540°): a servo holds such an arm
    past half a turn (its control range inherited from the joint's), and a motor turns it round
    into a limit, where it rests as MuJoCo's does (ODE's angle wraps at ±180°)."""
    path = tmp_path / "wide.xml"
    path.write_text(WIDE.format(range=joint_range, kp=kp))
    gait, reference = gait_positions(gait_cli, path, 3, controls), mujoco_positions(path, 3, controls, euler=True)
    assert np.abs(reference).max() > np.pi, "MuJoCo's arm turned past half a turn"
    assert abs(np.abs(gait).max() - np.abs(reference).max()) < 0.02, "swings as far"
    assert abs(gait[-1, 0] - reference[-1, 0]) < 1e-6, "rests where MuJoCo's rests"


SPINNING = """<mujoco model="spinning"><option timestep="0.002"/><worldbody><body pos="0 0 1">
<joint axis="0 1 0" damping="0.01"/><geom type="capsule" fromto="0 0 0 0 0 -0.5" size="0.03"/><geom type="sphere" pos="0 0 -0.5" size="0.06"/>
</body><body pos="2 0 3"><joint type="slide" axis="1 0 0"/><joint type="slide" axis="0 0 1"/><joint axis="0 1 0"/>
<geom type="box" size="0.2 0.05 0.1"/></body></worldbody>
<keyframe><key name="forward" qvel="14 1 3 15"/><key name="backward" qpos="3 0 0 0" qvel="-14 -1 3 -15"/></keyframe></mujoco>"""


@pytest.mark.parametrize("keyframe", ["forward", "backward"])
def test_hinges_without_limits_turn_on_past_half_a_turn_as_in_mujoco(gait_cli, tmp_path, keyframe):
    """A pendulum thrown over the top and a planar body tumbling in the air turn 2-3 times in
    1.5 s: their angles grow as MuJoCo's qpos does rather than wrapping at ±π as ODE reads them."""
    path = tmp_path / "spinning.xml"
    path.write_text(SPINNING)
    gait, reference = gait_positions(gait_cli, path, 1.5, keyframe=keyframe), mujoco_positions(path, 1.5, keyframe=keyframe)
    assert np.abs(reference[-1, [0, 3]]).min() > 4 * np.pi, "both turned at least twice in MuJoCo"
    assert np.abs(gait[:, 0] - reference[:, 0]).max() < 0.3
    assert np.abs(gait[:, 1:] - reference[:, 1:]).max() < 0.005


COUPLED_SPINNING = """<mujoco model="coupled spinning"><option timestep="0.002" gravity="0 0 0"/><default><geom contype="0" conaffinity="0"/></default>
<worldbody><body pos="0 0 1"><joint name="a" axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.03"/>
<body pos="0.3 0 0"><joint name="b" axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0.2 0 0" size="0.03"/></body></body></worldbody>
<equality><joint joint1="b" joint2="a" polycoef="0.5 -1 0 0 0"/></equality><actuator><motor joint="a" gear="1"/></actuator></mujoco>"""


def test_a_coupling_holds_hinges_that_turn_past_half_a_turn_as_in_mujoco(gait_cli, tmp_path):
    """b = 0.5 − a holds the second arm's direction while a motor spins the first 1.7 turns: the
    coupling's row reads each hinge's whole angle, as MuJoCo does, rather than yanking the arms
    round a full turn each time one passes ±π."""
    path = tmp_path / "coupled.xml"
    path.write_text(COUPLED_SPINNING)
    gait, reference = gait_positions(gait_cli, path, 2, [0.5]), mujoco_positions(path, 2, [0.5])
    assert reference[-1, 0] > 3 * np.pi, "the motor turns the first arm more than one and a half turns"
    assert np.abs(gait - reference).max() < 0.05


# Equality constraints: a four-bar linkage closed by a connect between two links, a box hung
# from the world by a connect at its corner, and two free boxes welded together falling onto
# the floor.
FOUR_BAR = """<mujoco model="four bar"><option timestep="0.002"/><default><geom contype="0" conaffinity="0"/></default>
<worldbody><body name="crank" pos="0 0 1"><joint name="crank" axis="0 1 0" damping="0.01"/><geom type="capsule" fromto="0 0 0 0.2 0 0" size="0.02"/>
<body name="coupler" pos="0.2 0 0"><joint axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0.3 0 0.25" size="0.02"/></body></body>
<body name="rocker" pos="0.4 0 1"><joint axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0.1 0 0.25" size="0.02"/></body>
</worldbody><equality><connect body1="coupler" body2="rocker" anchor="0.3 0 0.25" {extra}/></equality>
<actuator><motor joint="crank" gear="0.2"/></actuator></mujoco>"""
HUNG = """<mujoco model="hung"><option timestep="0.002"/><worldbody><body name="box" pos="0 0 1" euler="0 0 30"><freejoint/>
<geom type="box" size="0.2 0.05 0.05" pos="0.2 0 0" mass="2"/></body></worldbody>
<equality><connect body1="box" anchor="0 0 0"/></equality></mujoco>"""
HUNG_STILL = HUNG.replace('pos="0.2 0 0"', 'pos="0 0 -0.2"').replace('size="0.2 0.05 0.05"', 'size="0.05 0.05 0.2"')
WELDED = """<mujoco model="welded"><option timestep="0.002"/><worldbody><geom type="plane" size="5 5 0.1"/>
<body name="a" pos="0 0 0.5" euler="20 10 0"><freejoint/><geom type="box" size="0.1 0.1 0.05" mass="1"/></body>
<body name="b" pos="0.25 0 0.5" euler="20 10 0"><freejoint/><geom type="box" size="0.1 0.05 0.05" mass="3"/></body>
</worldbody><contact><exclude body1="a" body2="b"/></contact><equality><weld body1="a" body2="b"/></equality></mujoco>"""


@pytest.mark.parametrize("extra", ["", 'solref="0.005 1"', 'solref="0.05 0.5"', 'solimp="0.99 0.999 0.001"'])
def test_a_four_bar_linkage_closed_by_a_connect_moves_as_in_mujoco(gait_cli, tmp_path, extra):
    path = tmp_path / "four_bar.xml"
    path.write_text(FOUR_BAR.format(extra=extra))
    gait, reference = gait_positions(gait_cli, path, 0.5, [1]), mujoco_positions(path, 0.5, [1])
    assert np.ptp(reference[:, 0]) > 1, "the crank turns"
    assert np.abs(gait - reference).max() < 0.015
    model, data = mujoco.MjModel.from_xml_path(str(path)), None
    data = mujoco.MjData(model)
    gaps = []
    for positions in gait:
        data.qpos[:] = positions
        mujoco.mj_kinematics(model, data)
        ends = [data.xpos[body] + data.xmat[body].reshape(3, 3) @ end for body, end in [(2, [0.3, 0, 0.25]), (3, [0.1, 0, 0.25])]]
        gaps.append(np.linalg.norm(ends[0] - ends[1]))
    assert max(gaps) < 2e-3, "the loop stays closed"


def test_a_box_hung_by_a_connect_sags_and_swings_as_in_mujoco(gait_cli, tmp_path):
    path = tmp_path / "hung.xml"
    path.write_text(HUNG_STILL)
    sag, reference_sag = 1 - gait_positions(gait_cli, path, 1)[-1, 2], 1 - mujoco_positions(path, 1)[-1, 2]
    assert reference_sag > 2e-4, "MuJoCo's soft connect gives under the weight"
    assert abs(sag - reference_sag) < 1e-6, "as much as Gait's"
    path.write_text(HUNG)
    gait, reference = gait_positions(gait_cli, path, 1), mujoco_positions(path, 1)
    assert np.abs(reference[:, 3:] - reference[0, 3:]).max() > 0.3, "it swings"
    assert np.abs(gait[:, :3] - [0, 0, 1]).max() < 3e-3, "its corner stays where it was hung"
    assert np.abs(gait - reference).max() < 0.02
    path.write_text(HUNG.replace('<option timestep="0.002"/>', '<option timestep="0.002"><flag equality="disable"/></option>'))
    gait, reference = gait_positions(gait_cli, path, 0.5), mujoco_positions(path, 0.5)
    assert gait[-1, 2] < 0 and np.abs(gait - reference).max() < 1e-6, "with equality constraints off, it falls freely in both"


def test_two_welded_boxes_fall_and_rest_as_one_as_in_mujoco(gait_cli, tmp_path):
    path = tmp_path / "welded.xml"
    path.write_text(WELDED)
    gait, reference = gait_positions(gait_cli, path, 2), mujoco_positions(path, 2)
    offset = gait[:, 7:10] - gait[:, :3]
    assert np.abs(np.linalg.norm(offset, axis=1) - 0.25).max() < 2e-3, "the weld holds them apart"
    assert np.abs(gait[-1, [2, 9]] - reference[-1, [2, 9]]).max() < 3e-3, "and they rest at MuJoCo's heights"
    assert np.abs(gait - reference).max() < 0.05


# Couplings (joint and tendon equalities): a leg of three parallel hinges below a yaw, held at a
# weighted sum of its angles (the last hinge's axis reversed, the middle link bent), driven or not.
# Held as one angular row between the hip's parent and the foot (Reading MJCF).
COUPLED = """<mujoco model="coupled leg"><option timestep="0.002"/><default><geom type="capsule" size="0.04" contype="0" conaffinity="0"/>
<joint axis="0 1 0" damping="0.1"/></default><worldbody><body name="hip" pos="0 0 2">
<joint name="yaw" axis="0 0 1"/><joint name="pitch"/><geom fromto="0 0 0 0.3 0 0"/>
<body name="shin" pos="0.3 0 0" euler="0 30 0"><joint name="knee"/><geom fromto="0 0 0 0.3 0 0"/>
<body name="foot" pos="0.3 0 0"><joint name="ankle" axis="0 -1 0"/><geom fromto="0 0 0 0.3 0 -0.1"/></body></body></body></worldbody>
<tendon><fixed name="sum"><joint joint="pitch" coef="{c}"/><joint joint="knee" coef="{c}"/><joint joint="ankle" coef="-{c}"/></fixed></tendon>
<equality>{equality}</equality><actuator><motor joint="yaw" gear="1"/><motor joint="knee" gear="1"/></actuator></mujoco>"""


@pytest.mark.parametrize("scale, equality, offset", [
    (1 / 3, '<tendon tendon1="sum"/>', 0),
    (1, '<tendon tendon1="sum" polycoef="0.1 0 0 0 0" solref="0.005 0.5" solimp="0.95 0.99 0.01"/>', 0.1),
    (0.5, '<tendon tendon1="sum" solref="0.05 0.3"/>', 0),
    (1, '<joint joint1="knee" joint2="ankle" polycoef="0.2"/>', 0.2),  # MuJoCo's 0 1 0 0 0 after the 0.2
], ids=["tendon", "tendon-offset-stiff", "tendon-soft", "joints"])
@pytest.mark.parametrize("controls", [[0, 0], [0.5, 1]], ids=["hanging", "driven"])
def test_a_coupled_leg_holds_its_sum_as_in_mujoco(gait_cli, tmp_path, scale, equality, offset, controls):
    coefficients = [scale, scale, -scale] if "tendon" in equality else [0, 1, -1]
    path = tmp_path / "leg.xml"
    path.write_text(COUPLED.format(c=scale, equality=""))
    free = mujoco_positions(path, 0.5, controls)[:, 1:] @ coefficients - offset
    path.write_text(COUPLED.format(c=scale, equality=equality))
    gait, reference = gait_positions(gait_cli, path, 0.5, controls), mujoco_positions(path, 0.5, controls)
    held, reference_held = gait[:, 1:] @ coefficients - offset, reference[:, 1:] @ coefficients - offset
    assert np.abs(free).max() > 0.3, "left free, the sum wanders"
    assert np.abs(held - reference_held).max() < 2e-3, "held, it gives where MuJoCo's gives"
    assert np.abs(gait - reference).max() < 0.06, "and the leg swings as MuJoCo's (the free leg alone differs by 0.12)"


def test_dm_control_quadruped_moves_its_coupled_legs_as_mujoco_in_the_air(gait_cli):
    """dm_control's quadruped.xml under random controls, for the 0.08 s before its toes touch: its
    lift and extend actuators act through tendons on legs held by tendon couplings."""
    controls = list(np.random.default_rng(0).uniform(-0.8, 0.8, 12).round(3))
    path = SUITE / "quadruped.xml"
    gait, reference = gait_positions(gait_cli, path, 0.08, controls), mujoco_positions(path, 0.08, controls)
    hinges = slice(7, 23)
    assert np.ptp(reference[:, hinges], axis=0).max() > 0.15, "the legs move"
    assert np.abs(gait[:, hinges] - reference[:, hinges]).max() < 0.025


# A keyframe's velocities: a free body carrying a ball-jointed arm, a hinge and a slide, started
# moving (free linear velocity in world coordinates, free and ball angular velocity in body
# coordinates, as MuJoCo's qvel holds them) with gravity off, follows MuJoCo's path.
MOVING = """<mujoco><option timestep="0.001" gravity="0 0 0"/><worldbody>
<body pos="0 0 1"><freejoint/><geom type="box" size="0.1 0.05 0.03" mass="2"/>
<body pos="0.1 0 0"><joint type="ball"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.03" mass="1"/>
<body pos="0.3 0 0"><joint type="hinge" axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0 0 -0.2" size="0.02" mass="0.5"/>
<body pos="0 0 -0.2"><joint type="slide" axis="1 0 0"/><geom type="sphere" size="0.04" mass="0.3"/></body></body></body></body>
</worldbody><keyframe><key name="moving" qpos="{qpos}" qvel="{qvel}"/></keyframe></mujoco>"""


def test_a_keyframe_starts_a_model_moving_as_mujoco_does(gait_cli, tmp_path):
    rng = np.random.default_rng(3)
    turn, bend = rng.normal(size=4), rng.normal(size=4)
    qpos = np.concatenate([[0.1, -0.2, 1], turn / np.linalg.norm(turn), bend / np.linalg.norm(bend), [0.4, 0.05]])
    path = tmp_path / "moving.xml"
    path.write_text(MOVING.format(qpos=" ".join(map(str, qpos)), qvel=" ".join(map(str, rng.uniform(-2, 2, 11)))))
    gait, reference = gait_positions(gait_cli, path, 0.02, keyframe="moving"), mujoco_positions(path, 0.02, keyframe="moving")
    for quaternion in (slice(3, 7), slice(7, 11)):  # q and -q are one turn
        for path_ in (gait, reference):
            path_[:, quaternion] *= np.sign(path_[:, quaternion][:, :1])
    assert np.abs(reference[-1] - reference[0]).max() > 0.02, "every part moves"
    assert np.abs(gait - reference).max() < 5e-4


@pytest.mark.parametrize("turn, bend", [("0 0 0 0", "0 0 0 2"), ("1e-300 -1e-300 0 0", "0 0 0 0")])
def test_a_keyframes_quaternions_are_normalised_as_mujocos_compiler_does(gait_cli, tmp_path, turn, bend):
    """An all-zero quaternion is 1 0 0 0; any other is scaled to length 1 (Menagerie's talos_position.xml has a zero one)."""
    path = tmp_path / "zero.xml"
    path.write_text(MOVING.format(qpos=f"0.1 -0.2 1 {turn} {bend} 0.4 0.05", qvel="0 0 0 1 -1 0.5 0 0 0 0 0"))
    gait, reference = gait_positions(gait_cli, path, 0.02, keyframe="moving"), mujoco_positions(path, 0.02, keyframe="moving")
    assert np.abs(gait - reference).max() < 5e-4


# Friction is MuJoCo's pyramidal cone of soft constraints: a box or a capsule resting on a 20°
# slope creeps down it as in MuJoCo where μ holds it (μ above tan 20° = 0.36: a few mm in 2 s,
# measured to 1e-6 m) and slides about as far as in MuJoCo where it does not (1-3 % further in
# Gait, and a sliding box turns and drifts sideways by up to 1 %); a capsule's cone turns with
# its axis, as MuJoCo turns it.
SLOPE = """<mujoco><option timestep="0.005" {option}/><worldbody><geom type="plane" size="5 5 .1" zaxis="{s} 0 {c}" friction="{mu}"/>
<body pos="{x} 0 {z}" zaxis="{s} 0 {c}"><freejoint/><geom {geom} mass="1" friction="{mu}"/></body></worldbody></mujoco>"""


@pytest.mark.parametrize("geom, height, mu, option", [
    ('type="box" size="0.1 0.1 0.1"', 0.1, 1.0, ""),
    ('type="box" size="0.1 0.1 0.1"', 0.1, 1.0, 'impratio="4"'),
    ('type="box" size="0.1 0.1 0.1" euler="0 0 30"', 0.1, 0.5, ""),
    ('type="box" size="0.1 0.1 0.1"', 0.1, 0.3, ""),
    ('type="capsule" size="0.05 0.2" euler="0 90 0"', 0.05, 1.0, ""),
    ('type="capsule" size="0.05 0.2" euler="0 90 0"', 0.05, 0.5, ""),
    ('type="capsule" size="0.05 0.2" euler="0 90 0"', 0.05, 0.4, ""),  # ODE's solver meets a tie: the step is taken again
])
def test_a_body_on_a_slope_creeps_or_slides_as_in_mujoco(gait_cli, tmp_path, geom, height, mu, option):
    slope = np.radians(20)
    path = tmp_path / "slope.xml"
    drop = height + 0.001
    path.write_text(SLOPE.format(s=np.sin(slope), c=np.cos(slope), x=drop * np.sin(slope), z=drop * np.cos(slope),
                                 geom=geom, mu=mu, option=option))
    gait, reference = gait_positions(gait_cli, path, 2), mujoco_positions(path, 2)
    moved = reference[-1, 0] - reference[0, 0]
    assert moved > 0.001, "it creeps or slides down"
    assert np.abs(gait[-1, :3] - reference[-1, :3]).max() < (1e-5 if mu > np.tan(slope) else 0.03 * moved)


def test_the_quadruped_settles_on_its_legs_as_in_mujoco(gait_cli):
    """Gait's quadruped (Ant-like legs splayed on capsule feet) sinks as its feet creep outwards,
    as MuJoCo's does with the same file: a cone turned wrongly lets the legs splay to their stops."""
    path = pathlib.Path(__file__).parents[2] / "Assets" / "robots" / "quadruped.xml"
    gait, reference = gait_positions(gait_cli, path, 3), mujoco_positions(path, 3)
    assert np.abs(gait[:, 2] - reference[:, 2]).max() < 0.01


@pytest.mark.parametrize("robot", ["walker", "cheetah", "hopper", "humanoid"])
def test_a_built_in_robot_moves_as_dm_controls_own_file(gait_cli, robot):
    """Gait's walker, cheetah, hopper and humanoid are dm_control's, written out (the cheetah's
    masses from densities where dm_control sets the total mass: the same to 1e-9)."""
    builtin = pathlib.Path(__file__).parents[2] / "Assets" / "robots" / f"{robot}.xml"
    count = mujoco.MjModel.from_xml_path(str(builtin)).nu
    controls = [round(np.sin(1.7 * index + 0.3), 3) for index in range(count)]
    ours, theirs = gait_positions(gait_cli, builtin, 1, controls), gait_positions(gait_cli, SUITE / f"{robot}.xml", 1, controls)
    assert np.abs(ours - theirs).max() < 1e-6


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def png_image(pixels, depth, color_type=0, palette=b"", interlaced=False):
    """A PNG of `pixels` (rows of pixels, each a tuple of samples below 2**depth) of PNG colour type
    `color_type`, each row under another of PNG's five filters in turn, so that reading it undoes all
    of them; Adam7-interlaced if `interlaced` (each pass's rows filtered on their own)."""
    def packed(row):
        samples = [value for pixel in row for value in pixel]
        if depth == 16:
            return b"".join(struct.pack(">H", int(value)) for value in samples)
        if depth == 8:
            return bytes(int(value) for value in samples)
        bits = "".join(format(int(value), f"0{depth}b") for value in samples)
        bits += "0" * (-len(bits) % 8)
        return bytes(int(bits[i:i + 8], 2) for i in range(0, len(bits), 8))

    step = max(1, depth * len(pixels[0][0]) // 8)

    def filtered(rows):
        raw, previous = b"", None
        for index, row in enumerate(rows):
            line, kind = packed(row), index % 5
            above = previous or bytes(len(line))
            out = bytearray()
            for i, x in enumerate(line):
                a = line[i - step] if i >= step else 0
                b, c = above[i], (above[i - step] if i >= step else 0)
                p = a + b - c
                paeth = a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c) else b if abs(p - b) <= abs(p - c) else c
                out.append((x - [0, a, b, (a + b) // 2, paeth][kind]) % 256)
            raw += bytes([kind]) + bytes(out)
            previous = line
        return raw

    passes = [[row[x0::dx] for row in pixels[y0::dy]] for x0, y0, dx, dy in ADAM7] if interlaced else [pixels]
    raw = b"".join(filtered(rows) for rows in passes if rows and rows[0])

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", len(pixels[0]), len(pixels), depth, color_type, 0, 0, int(interlaced))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + (chunk(b"PLTE", palette) if palette else b"")
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def png_of_kind(levels, source):
    """`levels` (4 × 5 values in [0, 1]) as the PNG image `source` names: grey of 16, 8 or 2 bits, colour (the
    red channel the height, green and blue other numbers), a palette (an entry per pixel, but one pixel's index is
    past the palette), or an interlaced one."""
    kind, interlaced = source.removeprefix("adam7-"), source.startswith("adam7-")
    if kind == "palette8":
        reds = (levels - levels.min()) / (levels.max() - levels.min()) * 255  # the lowest 0: a 0 past the palette adds no new low
        palette = bytes(value for red in reds.ravel() for value in (round(red), 7, 200))
        indices = [[(levels.size if (r, c) == (2, 2) else 5 * r + c,) for c in range(5)] for r in range(4)]
        return png_image(indices, 8, 3, palette, interlaced)
    depth = int(kind.removeprefix("png").removeprefix("rgba").removeprefix("rgb"))
    samples = (levels * (2 ** depth - 1)).round().astype(int)
    others = {"rgb": 2, "rgba": 3}.get(kind.removesuffix(str(depth)), 0)
    pixels = [[(int(value),) + tuple((int(value) * 7 + 3 + k) % 2 ** depth for k in range(others)) for value in row] for row in samples]
    return png_image(pixels, depth, {0: 0, 2: 2, 3: 6}[others], interlaced=interlaced)


def first_readings(gait_cli, path):
    """The sensors of the model at `path` as Gait reads them in its first step's state (reported as floats) and as MuJoCo
    reads them in the same state (before any step: the model must stand still)."""
    result = subprocess.run([gait_cli, "model", str(path), "--simulate", "0.002", "--json"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    model = mujoco.MjModel.from_xml_path(str(path))
    data = mujoco.MjData(model)
    mujoco.mj_forward(model, data)
    return np.array(json.loads(result.stdout)["sensordata"][0]), data.sensordata


# Height fields: rays cast down onto a random field, turned and tilted, meet it where MuJoCo's
# meet it (the grid, its row order and each cell's two triangles); a box dropped into a bowl
# comes to rest at MuJoCo's height. The field's heights are given in its elevation attribute, in
# a file of MuJoCo's binary format or in a PNG image, grey of 16, 8 or 2 bits, colour, palette or
# interlaced (found in the compiler's meshdir).
@pytest.mark.parametrize("source", ["elevation", "file", "png16", "png8", "png2", "rgb16", "rgba8", "palette8", "adam7-png2",
                                    "adam7-rgba8", "adam7-palette8"])
def test_rays_meet_a_height_field_where_mujocos_meet_it(gait_cli, tmp_path, source):
    values = np.random.default_rng(1).uniform(0, 1, 20).round(3)
    if source == "file":
        (tmp_path / "terrain").mkdir()
        (tmp_path / "terrain" / "field.bin").write_bytes(struct.pack("<ii", 4, 5) + values.astype("<f4").tobytes())
        field = 'file="field.bin"'
    elif source != "elevation":
        (tmp_path / "terrain").mkdir()
        (tmp_path / "terrain" / "field.png").write_bytes(png_of_kind(values.reshape(4, 5), source))
        field = 'file="field.png"'
    else:
        field = f'nrow="4" ncol="5" elevation="{" ".join(f"{value:.3f}" for value in values)}"'
    points = [(x, y) for x in np.linspace(-1.1, 1.3, 9) for y in np.linspace(-0.9, 0.7, 7)]
    sites = "".join(f'<site name="s{i}" pos="{x:.4f} {y:.4f} 2" zaxis="0.1 0.05 -1"/>' for i, (x, y) in enumerate(points))
    path = tmp_path / "rays.xml"
    path.write_text(f"""<mujoco model="rays"><compiler meshdir="terrain"/><asset><hfield name="h" {field} size="1 0.8 0.5 0.1"/></asset>
<worldbody><geom type="hfield" hfield="h" pos="0.2 -0.1 0.05" euler="5 -8 30"/><body name="eyes">{sites}</body></worldbody>
<sensor>{"".join(f'<rangefinder site="s{i}"/>' for i in range(len(points)))}</sensor></mujoco>""")
    gait, reference = first_readings(gait_cli, path)
    assert 20 < (reference > 0).sum() < len(points), "some rays meet the field, some pass it"
    assert np.array_equal(gait > 0, reference > 0)
    assert np.abs(gait - reference).max() < 1e-6


WEIGHTLESS_SENSORS = """<mujoco><option gravity="0 0 0"/><worldbody>
<body name="arm" pos="0 0 1" euler="10 0 20"><joint axis="0 1 0"/><geom size="0.1" pos="0.2 0 0"/>
<body name="mount" pos="0.3 0.1 0.2"><site name="s"/></body>
<frame pos="0.5 0.5 0" euler="0 0 90"><body name="framed" pos="0.3 0.1 0.2"/></frame>
<body name="speck" pos="-0.1 0.2 0"><geom size="0.001" mass="5e-15" pos="0.05 0 0"/></body></body></worldbody>
<sensor><subtreecom body="mount"/><subtreelinvel body="mount"/><subtreeangmom body="mount"/><framepos objtype="body" objname="mount"/>
<framequat objtype="body" objname="mount"/><framepos objtype="body" objname="framed"/><framequat objtype="body" objname="framed"/><framepos objtype="body" objname="speck"/>
<subtreecom body="arm"/></sensor></mujoco>"""


def test_sensors_on_weightless_bodies_read_as_in_mujoco(gait_cli, tmp_path):
    """Bodies that weigh nothing (a camera mount, one in a <frame>, one whose geom weighs less than MuJoCo's mjEPS) are
    centred where MuJoCo's compiler leaves them, and the subtree sensors of a weightless subtree read its centre and no
    velocity or momentum, as MuJoCo's do."""
    path = tmp_path / "weightless.xml"
    path.write_text(WEIGHTLESS_SENSORS)
    gait, reference = first_readings(gait_cli, path)
    assert np.abs(gait - reference).max() < 1e-6, f"Gait {gait}, MuJoCo {reference}"


BOWL = """<mujoco model="bowl"><option timestep="0.002"/><asset><hfield name="h" nrow="5" ncol="5" size="1 0.8 0.5 0.1"
elevation="4 3 2 3 4 3 2 1 2 3 2 1 0 1 2 3 2 1 2 4 4 3 2 4 5"/></asset><worldbody><geom type="hfield" hfield="h" pos="0.3 -0.2 0.1"/>
<body pos="0.3 -0.2 1.2"><freejoint/><geom type="box" size="0.1 0.1 0.1" friction="2"/></body></worldbody></mujoco>"""


def test_a_box_dropped_into_a_height_field_bowl_rests_as_in_mujoco(gait_cli, tmp_path):
    path = tmp_path / "bowl.xml"
    path.write_text(BOWL)
    gait, reference = gait_positions(gait_cli, path, 3), mujoco_positions(path, 3)
    assert reference[-1, 2] > 0.2, "it rests in the bowl, not on the floor of the field"
    assert np.abs(gait[-1, :3] - reference[-1, :3]).max() < 1e-3


# Explicit contact pairs: three boxes slide along a floor. The first touches it by its bits too, but its pair's
# friction and stiffer solref replace that contact: friction="0.3" is MuJoCo's prefix of 1 1 ..., so 0.3 along the
# contact's first tangent (y, across which it slides) and 1 along the second (x). The second box's bits and an
# <exclude> keep it from the floor but for its frictionless pair (condim 1, through a class); the third has no pair
# and falls through.
PAIRED = """<mujoco model="paired"><option timestep="0.002"/><default><default class="slippery"><pair condim="1"/></default>
<geom type="box" size="0.1 0.1 0.1" friction="1"/></default><worldbody><geom name="floor" type="plane" size="5 5 0.1"/>
<body name="a" pos="0 0 0.1"><freejoint/><geom name="a"/></body>
<body name="b" pos="0 1 0.1"><freejoint/><geom name="b" contype="0" conaffinity="0"/></body>
<body name="c" pos="0 2 0.1"><freejoint/><geom name="c" contype="0" conaffinity="0"/></body></worldbody>
<contact><exclude body1="world" body2="b"/><pair name="grip" geom1="a" geom2="floor" friction="0.3" solref="0.01 1"/>
<pair geom1="floor" geom2="b" class="slippery" friction="0.7 0.7"/></contact>
<keyframe><key name="push" qpos="0 0 0.1 1 0 0 0 0 1 0.1 1 0 0 0 0 2 0.1 1 0 0 0" qvel="0.3 2 0 0 0 0 2 0 0 0 0 0 2 0 0 0 0 0"/></keyframe>
</mujoco>"""


@pytest.mark.parametrize("friction, tolerance, slide", [("0.3", 1e-2, (0.5, 1)), ("0.3 0.3", 1e-3, (0.5, 1)),
                                                        ("0 1", 1e-2, (1.9, 2.1))])
def test_contact_pairs_touch_with_their_own_settings_as_in_mujoco(gait_cli, tmp_path, friction, tolerance, slide):
    """Anisotropic friction (0.3 and 1) ends within 6 mm of MuJoCo's after the 0.7 m slide, isotropic within 0.3 mm;
    a first friction of 0 keeps the cone (MuJoCo's least friction, 1e-5) and the second's grip along x."""
    path = tmp_path / "paired.xml"
    path.write_text(PAIRED.replace('friction="0.3"', f'friction="{friction}"'))
    gait, reference = gait_positions(gait_cli, path, 1, keyframe="push"), mujoco_positions(path, 1, keyframe="push")
    assert reference[-1, 2] > 0.09 and reference[-1, 9] > 0.09 and reference[-1, 16] < -1, "a and b rest on the floor, c fell"
    assert slide[0] < reference[-1, 1] < slide[1] and reference[-1, 0] < 0.25 and reference[-1, 7] > 1.9, "a slides across y; b freely"
    assert np.abs(gait[-1, [0, 1, 2, 7, 8, 9]] - reference[-1, [0, 1, 2, 7, 8, 9]]).max() < tolerance
    assert gait[-1, 16] < -1
    model, m = json.loads(run_cli(gait_cli, "model", str(path), "--json")), mujoco.MjModel.from_xml_path(str(path))
    names = [geom["name"] for geom in model["geoms"]]
    assert len(model["pairs"]) == m.npair
    for p, pair in enumerate(model["pairs"]):
        assert {names[pair["geom1"]], names[pair["geom2"]]} == {m.geom(m.pair_geom1[p]).name, m.geom(m.pair_geom2[p]).name}
        assert pair["condim"] == min(m.pair_dim[p], 3) and pair["friction"] == m.pair_friction[p][:2].tolist()
        assert np.allclose(pair["solref"], m.pair_solref[p]) and np.allclose(pair["solimp"], m.pair_solimp[p])


# Activation dynamics: four boxes on frictionless slides, each driven through one kind of
# activation (a filter, an exactly integrated filter, an integrator clamped to its range, and a
# filter acting early on a position servo's affine bias).
ACTIVATED = """<mujoco model="activated"><option timestep="0.002" gravity="0 0 0"/><default><joint type="slide" axis="1 0 0"/>
<geom type="box" size="0.05 0.05 0.05" mass="1"/></default><worldbody>
<body pos="0 0 0"><joint name="a"/><geom/></body><body pos="0 1 0"><joint name="b"/><geom/></body>
<body pos="0 2 0"><joint name="c"/><geom/></body><body pos="0 3 0"><joint name="d"/><geom/></body></worldbody><actuator>
<general joint="a" dyntype="filter" dynprm="0.05" gainprm="2"/><general joint="b" dyntype="filterexact" dynprm="0.01"/>
<general joint="c" dyntype="integrator" actlimited="true" actrange="-0.3 0.5" gainprm="3"/>
<general joint="d" dyntype="filter" dynprm="0.02" actearly="true" biastype="affine" gainprm="5" biasprm="0 -5 -1"/>
</actuator></mujoco>"""


def test_activation_dynamics_drive_the_joints_as_mujocos(gait_cli, tmp_path):
    path = tmp_path / "activated.xml"
    path.write_text(ACTIVATED)
    controls = [1, -0.7, 0.8, 0.4]
    gait, reference = gait_positions(gait_cli, path, 1, controls), mujoco_positions(path, 1, controls)
    assert np.abs(reference[-1]).min() > 0.05, "every box moves"
    assert np.abs(gait - reference).max() < 1e-9


# Joints whose actuators' total force is clamped (actuatorfrcrange): boxes on frictionless slides,
# one motor beyond its joint's limit, two motors whose sum is, a joint that says the range does not
# apply, and (with servos) a position servo clamped on one side of an asymmetric range.
FORCE_LIMITED = """<mujoco model="force-limited"><option timestep="0.002" gravity="0 0 0"/><default><joint type="slide" axis="1 0 0"/>
<geom type="box" size="0.05 0.05 0.05" mass="1"/></default><worldbody>
<body pos="0 0 0"><joint name="a" actuatorfrcrange="-0.5 0.5"/><geom/></body>
<body pos="0 1 0"><joint name="b" actuatorfrcrange="-0.6 0.6"/><geom/></body>
<body pos="0 2 0"><joint name="c" actuatorfrcrange="-0.1 0.1" actuatorfrclimited="false"/><geom/></body>
<body pos="0 3 0"><joint name="d" actuatorfrcrange="-1 2"/><geom/></body></worldbody><actuator>
<motor joint="a"/><motor joint="b"/><motor joint="b" gear="2"/><motor joint="c"/>SERVO
</actuator></mujoco>"""


@pytest.mark.parametrize("servo", ["", '<position joint="d" kp="10" kv="1"/>'], ids=["motors", "servo"])
def test_actuator_force_ranges_clamp_each_joints_total_as_mujocos(gait_cli, tmp_path, servo):
    path = tmp_path / "limited.xml"
    path.write_text(FORCE_LIMITED.replace("SERVO", servo))
    controls = [1, 0.3, 0.2, 0.4] + ([0.5] if servo else [])
    gait, reference = gait_positions(gait_cli, path, 1, controls), mujoco_positions(path, 1, controls)
    steps = len(reference)
    assert abs(reference[-1, 0] - 0.5 * 0.002**2 * steps * (steps + 1) / 2) < 1e-9, "Euler's 1 s under the clamped 0.5 N"
    assert np.abs(gait - reference).max() < 1e-9


SENSORS = """<mujoco model="sensors"><option timestep="0.002"/><worldbody><geom type="plane" size="5 5 0.1"/>
<body name="box" pos="0 0 0.3" euler="10 20 30"><freejoint/><geom type="box" size="0.1 0.15 0.05" density="800"/>
<site name="bottom" type="box" pos="0 0 -0.05" size="0.12 0.17 0.02"/><site name="below" euler="180 0 0"/></body>
<site name="above" pos="0.02 0.03 2" euler="180 0 0"/><site name="sky" pos="0 0 2"/><site name="beam" type="capsule" size="0.01" fromto="-0.03 0.02 1.5 -0.03 0.02 2.5"/>
<body name="arm" pos="1 0 1" euler="0 15 0"><joint name="swing" axis="1 1 0" damping="0.01"/>
<geom name="rod" type="capsule" fromto="0 0 0 0.3 0 -0.1" size="0.03"/><site name="tip" pos="0.3 0 -0.1" euler="0 30 10"/>
<site name="eye" pos="0.3 0 -0.1" euler="170 0 0"/></body>
</worldbody><actuator><motor joint="swing" gear="2"/></actuator>
<sensor><touch name="touch" site="bottom"/><framepos name="tip_pos" objtype="site" objname="tip"/>
<framequat name="tip_quat" objtype="site" objname="tip"/><framequat name="box_quat" objtype="body" objname="box"/>
<gyro name="gyro" site="tip"/><velocimeter name="velocimeter" site="tip"/><framelinvel name="linvel" objtype="site" objname="tip"/>
<frameangvel name="angvel" objtype="site" objname="tip"/><jointpos name="swing_pos" joint="swing"/>
<jointvel name="swing_vel" joint="swing"/><subtreecom name="com" body="arm"/><subtreelinvel name="com_vel" body="box"/>
<rangefinder name="box_to_floor" site="below" cutoff="0.2"/><rangefinder name="down_to_box" site="above"/>
<rangefinder name="up" site="sky" cutoff="0.5"/><rangefinder name="beam_down" site="beam"/>
<framepos name="arm_com" objtype="body" objname="arm"/><framelinvel name="arm_com_vel" objtype="body" objname="arm"/>
<framepos name="arm_origin" objtype="xbody" objname="arm"/><framequat name="arm_quat" objtype="xbody" objname="arm"/>
<framexaxis name="tip_x" objtype="site" objname="tip"/><frameyaxis name="rod_y" objtype="geom" objname="rod"/>
<framezaxis name="box_z" objtype="body" objname="box"/><subtreeangmom name="arm_spin" body="arm"/>
<subtreeangmom name="box_spin" body="box"/><subtreeangmom name="all_spin" body="world"/>
<accelerometer name="box_accel" site="below"/><accelerometer name="tip_accel" site="tip"/>
<framelinacc name="tip_linacc" objtype="site" objname="tip"/><frameangacc name="arm_angacc" objtype="xbody" objname="arm"/>
<framelinacc name="box_linacc" objtype="body" objname="box"/>
<force name="arm_force" site="tip"/><torque name="arm_torque" site="tip"/><force name="box_force" site="bottom"/>
<torque name="box_torque" site="bottom"/>
<rangefinder name="arm_down" site="eye"/><gyro name="gyro_cut" site="tip" cutoff="0.5"/>
</sensor></mujoco>"""


def test_sensors_read_what_mujocos_read(gait_cli, tmp_path):
    path = tmp_path / "sensors.xml"
    path.write_text(SENSORS)
    result = subprocess.run([gait_cli, "model", str(path), "--simulate", "1.5", "--controls=0.3", "--json"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    trajectory = json.loads(result.stdout)
    model = mujoco.MjModel.from_xml_path(str(path))
    assert trajectory["sensors"] == [model.sensor(index).name for index in range(model.nsensor)]
    data = mujoco.MjData(model)
    data.ctrl[:] = 0.3
    readings = []
    for _ in trajectory["time"]:
        mujoco.mj_step(model, data)
        mujoco.mj_forward(model, data)  # MuJoCo's sensors then read the state after the step, as Gait's
        readings.append(data.sensordata.copy())
    gait, reference = np.array(trajectory["sensordata"]), np.array(readings)
    columns = {model.sensor(index).name: slice(model.sensor_adr[index], model.sensor_adr[index] + model.sensor_dim[index])
               for index in range(model.nsensor)}
    kinds = mujoco.mjtSensor
    accelerations = [column for index in range(model.nsensor)
                     if model.sensor_type[index] in [int(kinds.mjSENS_ACCELEROMETER), int(kinds.mjSENS_FRAMELINACC),
                                                     int(kinds.mjSENS_FRAMEANGACC), int(kinds.mjSENS_FORCE), int(kinds.mjSENS_TORQUE)]
                     for column in range(model.sensor_adr[index], model.sensor_adr[index] + 3)]
    assert np.abs(np.delete(gait[50] - reference[50], accelerations)).max() < 0.02
    assert reference[-1][0] > 40 and abs(gait[-1][0] / reference[-1][0] - 1) < 1e-3, "the resting box's weight on its touch site"
    box_to_floor, down_to_box, up, arm_down, beam_down = (model.sensor_adr[model.sensor(name).id]
                                                           for name in ["box_to_floor", "down_to_box", "up", "arm_down", "beam_down"])
    rays = [box_to_floor, down_to_box, up, beam_down]
    assert reference[-1, beam_down] > 1, "a fromto site looks from its 'to' end towards its 'from' end: down, at the box"
    assert np.abs(gait[:, rays] - reference[:, rays]).max() < 0.01, "rangefinders, the box falling and at rest"
    assert reference[:, box_to_floor].max() == 0.2 and reference[-1, box_to_floor] < 0.06, "cut off while the box falls"
    assert (reference[:, up] == -0.5).all(), "a ray that meets nothing reads -1, cut off to -0.5"
    for name in ["arm_com", "arm_origin", "arm_quat", "tip_x", "rod_y", "box_z", "arm_spin", "box_spin", "all_spin"]:
        ours, theirs = gait[:50, columns[name]], reference[:50, columns[name]]
        assert np.abs(ours - theirs).max() <= 0.01 * np.abs(theirs).max() + 1e-6, f"{name} before the box lands, within 1 %"
    # Gait's accelerometer reads the last step's acceleration, MuJoCo's the next one's.
    for name in ["tip_accel", "tip_linacc", "arm_angacc", "arm_force", "arm_torque"]:
        ours, theirs = gait[:50, columns[name]], reference[:50, columns[name]]
        assert np.abs(ours - theirs).max() < 0.03 * np.abs(theirs).max(), f"{name} on the swinging arm"
    for name, rest in [("box_accel", [0, 0, -9.81]), ("box_linacc", [0, 0, 9.81])]:
        box = columns[name]
        assert np.abs(gait[:50, box]).max() < 1e-9 and np.abs(reference[:50, box]).max() < 1e-9, f"{name} falling freely: no reading"
        assert np.abs(gait[-100:, box] - reference[-100:, box]).max() < 1e-6 and np.allclose(reference[-1, box], rest), f"{name} at rest"
    # Nothing holds a free body: the contacts on it are external forces.
    assert np.abs(gait[:, columns["box_force"]]).max() < 1e-6, "falling, landing and at rest"
    steady = np.r_[0:50, len(gait) - 100:len(gait)]
    assert np.abs(gait[steady, columns["box_torque"]]).max() < 1e-6, "falling and at rest (landing turns the box)"
    assert np.linalg.norm(reference[:, columns["arm_com"]] - reference[:, columns["arm_origin"]], axis=1).min() > 0.1, "objtype body: the centre of mass"
    # A ray from the swinging arm grazes the floor: it follows MuJoCo while the arm does.
    assert np.abs(gait[:60, arm_down] - reference[:60, arm_down]).max() < 0.01


TENDONS = """<mujoco model="tendons"><option timestep="0.002" gravity="0 0 0" integrator="Euler"/><worldbody>
<body name="a"><joint name="j1" axis="0 1 0"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.03"/>
<body name="b" pos="0.3 0 0"><joint name="j2" axis="0 1 0" ref="0.2"/>
<geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.03"/></body></body></worldbody>
<tendon><fixed name="sum"><joint joint="j1" coef="0.5"/><joint joint="j2" coef="-1"/></fixed>
<fixed name="second"><joint joint="j1" coef="0"/><joint joint="j2" coef="1.5"/></fixed></tendon>
ACTUATORS</mujoco>"""
# The same forces through the joints: the tendon "sum" as two motors, "second" as a servo of gear 1.5 × 0.8.
ON_TENDONS = '<actuator><motor tendon="sum" gear="2"/><position tendon="second" kp="0.5" kv="0.05" gear="0.8"/></actuator>'
ON_JOINTS = ('<actuator><motor joint="j1" gear="1"/><motor joint="j2" gear="-2"/>'
             '<position joint="j2" kp="0.5" kv="0.05" gear="1.2"/></actuator>')


def test_actuators_on_fixed_tendons_move_the_joints_as_mujocos(gait_cli, tmp_path):
    tendons, joints = tmp_path / "tendons.xml", tmp_path / "joints.xml"
    tendons.write_text(TENDONS.replace("ACTUATORS", ON_TENDONS))
    joints.write_text(TENDONS.replace("ACTUATORS", ON_JOINTS))
    gait = gait_positions(gait_cli, tendons, 0.5, [0.3, -0.7])
    reference = mujoco_positions(tendons, 0.5, [0.3, -0.7], euler=True)
    assert np.abs(reference[-1] - reference[0]).max() > 1, "the controls move the joints"
    assert np.abs(gait - reference).max() < 2e-3
    assert np.abs(gait - gait_positions(gait_cli, joints, 0.5, [0.3, 0.3, -0.7])).max() < 1e-12, "as through the joints"
    # dm_control's point mass: two motors on tendons of one slide each (MuJoCo's Euler damps implicitly).
    path = SUITE / "point_mass.xml"
    gait, reference = gait_positions(gait_cli, path, 1, [0.3, -0.7]), mujoco_positions(path, 1, [0.3, -0.7], euler=True)
    assert np.abs(reference[-1] - reference[0]).max() > 0.04 and np.abs(gait - reference).max() < 2e-3

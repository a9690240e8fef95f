"""Real robot models, read from the installed PyPI packages (never copied here): dm_control's suite
(and its Kinova arm and hand, which collide with meshes) and Gymnasium's MuJoCo assets. Every one without plugins (the dog's bones weigh as meshes) loads
and compiles to what MuJoCo's own compiler makes of the same file (masses, centres of mass, inertia tensors, body
frames, inverse weights, joints, tendons, actuators, to 1e-9 relative). The legged robots
register as environments of their task family, pass the checker and train."""
import hashlib
import json
import pathlib
import struct
import subprocess

import dm_control
import gymnasium
import mujoco
import numpy as np
import pytest

from conftest import run_cli

SUITE = pathlib.Path(dm_control.__file__).parent / "suite"
GYMNASIUM = pathlib.Path(gymnasium.__file__).parent / "envs" / "mujoco" / "assets"

GYMNASIUM_MODELS = sorted(set(GYMNASIUM.glob("*_v5.xml")) | {GYMNASIUM / name for name in [
    "half_cheetah.xml", "hopper.xml", "ant.xml", "humanoid.xml", "humanoidstandup.xml", "inverted_pendulum.xml",
    "inverted_double_pendulum.xml", "reacher.xml", "swimmer.xml"]})
# dm_control's Kinova arm and hand collide with meshes (as their convex hulls).
KINOVA = [SUITE.parent / "third_party" / "kinova" / name for name in ["jaco_arm.xml", "jaco_hand.xml"]]
MODELS = sorted(SUITE.glob("*.xml")) + GYMNASIUM_MODELS + KINOVA


def compiled(gait_cli, path):
    """`gait model --json` on `path`: (the compiled model, None) or (None, the error)."""
    result = subprocess.run([gait_cli, "model", str(path), "--json"], capture_output=True, text=True)
    if result.returncode != 0:
        return None, result.stderr
    return json.loads(result.stdout), None


def compiled_as_mujoco_compiles(gait_cli, path, text, inertia_tolerance=1e-9):
    """`text` written to `path`, compiled by Gait and checked against MuJoCo's compile of it: Gait's model."""
    path.write_text(text)
    model, error = compiled(gait_cli, path)
    assert model is not None, error
    assert_matches_mujoco(model, path, inertia_tolerance)
    return model


def assert_close(gait, mujoco_value, what, tolerance=1e-9):
    gait, mujoco_value = np.asarray(gait, float), np.asarray(mujoco_value, float)
    scale = np.maximum(1.0, np.maximum(np.abs(gait), np.abs(mujoco_value)))
    assert np.all(np.abs(gait - mujoco_value) <= tolerance * scale), f"{what}: Gait {gait}, MuJoCo {mujoco_value}"


# MuJoCo diagonalises a mesh's inertia with Jacobi rotations that stop once the largest off-diagonal
# entry is below 1e-12; Gait keeps the exact tensor. The two differ by about 1e-8 of the tensor,
# and so do the inverse weights (and a springdamper's stiffness and damping) computed from it.
MESH_INERTIA_TOLERANCE = 1e-7


def assert_matches_mujoco(model, path, inertia_tolerance=1e-9):
    m = mujoco.MjModel.from_xml_path(str(path))
    assert (m.nbody, m.njnt, m.nu, m.nq, m.nv) == (len(model["bodies"]), len(model["joints"]), len(model["actuators"]),
                                                   model["nq"], model["nv"])
    assert_close(model["timestep"], m.opt.timestep, "timestep")
    assert_close(model["gravity"], m.opt.gravity, "gravity")
    for i, body in enumerate(model["bodies"][1:], start=1):
        name = f"body {m.body(i).name}"
        assert body["name"] == m.body(i).name and body["parent"] == m.body_parentid[i], name
        assert_close(body["pos"], m.body_pos[i], f"{name} pos")
        quat = np.asarray(body["quat"])
        assert_close(quat * np.sign(quat @ m.body_quat[i]), m.body_quat[i], f"{name} quat")
        assert_close(body["mass"], m.body_mass[i], f"{name} mass")
        assert_close(body["center"], m.body_ipos[i], f"{name} centre of mass")
        rotation = np.zeros(9)
        mujoco.mju_quat2Mat(rotation, m.body_iquat[i])
        rotation = rotation.reshape(3, 3)
        assert_close(body["inertia"], (rotation @ np.diag(m.body_inertia[i]) @ rotation.T).ravel(), f"{name} inertia",
                     inertia_tolerance)
        assert_close(body["invweight"], m.body_invweight0[i], f"{name} inverse weight (soft contacts scale by it)", inertia_tolerance)
    assert_close(model["dof_invweight"], m.dof_invweight0, "degrees of freedom's inverse weights", inertia_tolerance)
    assert len(model["sites"]) == m.nsite
    for s, site in enumerate(model["sites"]):  # both list sites body by body
        name = f"site {m.site(s).name or s}"
        assert site["name"] == m.site(s).name, name
        assert site["body"] == m.site_bodyid[s], name
        assert_close(site["pos"], m.site_pos[s], f"{name} pos")
        used = {int(mujoco.mjtGeom.mjGEOM_SPHERE): 1, int(mujoco.mjtGeom.mjGEOM_CAPSULE): 2, int(mujoco.mjtGeom.mjGEOM_CYLINDER): 2}
        count = used.get(int(m.site_type[s]), 3)  # the sizes the site's shape uses
        assert_close(site["size"][:count], m.site_size[s][:count], f"{name} size")
        quat = np.asarray(site["quat"])
        assert_close(quat * np.sign(quat @ m.site_quat[s]), m.site_quat[s], f"{name} quat")
    assert_geoms_match(model, m)
    kinds = {int(mujoco.mjtJoint.mjJNT_FREE): "free", int(mujoco.mjtJoint.mjJNT_BALL): "ball",
             int(mujoco.mjtJoint.mjJNT_SLIDE): "slide", int(mujoco.mjtJoint.mjJNT_HINGE): "hinge"}
    for j, joint in enumerate(model["joints"]):
        name, dof, address = f"joint {m.joint(j).name}", m.jnt_dofadr[j], m.jnt_qposadr[j]
        assert joint["type"] == kinds[int(m.jnt_type[j])] and joint["body"] == m.jnt_bodyid[j], name
        assert_close(joint["pos"], m.jnt_pos[j], f"{name} pos")
        if joint["type"] in ("hinge", "slide"):
            assert_close(joint["axis"], m.jnt_axis[j], f"{name} axis")
            assert_close(joint["ref"], m.qpos0[address], f"{name} ref")
            assert_close(joint["springref"], m.qpos_spring[address], f"{name} springref")
        assert ("range" in joint) == bool(m.jnt_limited[j]), f"{name} limited"
        assert ("actfrcrange" in joint) == bool(m.jnt_actfrclimited[j]), f"{name} actuatorfrclimited"
        if "actfrcrange" in joint:
            assert_close(joint["actfrcrange"], m.jnt_actfrcrange[j], f"{name} actuatorfrcrange")
        if "range" in joint:
            assert_close(joint["range"], m.jnt_range[j], f"{name} range")
        assert_close([joint["damping"], joint["stiffness"], joint["armature"]],
                     [m.dof_damping[dof], m.jnt_stiffness[j], m.dof_armature[dof]], f"{name} damping, stiffness, armature",
                     inertia_tolerance)
    kinds = [mujoco.mjtEq(m.eq_type[e]).name.removeprefix("mjEQ_").lower() for e in range(m.neq)]
    assert [equality["type"] for equality in model["equalities"]] == [
        "coupling" if kind in ("joint", "tendon") else kind for kind in kinds]
    for e, equality in enumerate(model["equalities"]):
        if kinds[e] == "tendon" and m.eq_obj2id[e] < 0:
            assert_close(equality["weight"], m.tendon_invweight0[m.eq_obj1id[e]], f"equality {m.equality(e).name} inverse weight")
    tendons = {tendon["name"]: tendon for tendon in model["tendons"]}
    for t in range(m.ntendon):
        name = f"tendon {m.tendon(t).name}"
        if m.tendon_stiffness[t] > 0:
            tendon = tendons[m.tendon(t).name]
            assert_close([tendon["stiffness"], *tendon["springlength"]], [m.tendon_stiffness[t], *m.tendon_lengthspring[t]], f"{name} spring")
        if m.tendon_limited[t]:
            tendon = tendons[m.tendon(t).name]
            assert_close([*tendon["range"], tendon["margin"]], [*m.tendon_range[t], m.tendon_margin[t]], f"{name} range and margin")
            assert_close(tendon["weight"], m.tendon_invweight0[t], f"{name} inverse weight")
    for u, actuator in enumerate(model["actuators"]):
        name = f"actuator {m.actuator(u).name}"
        if m.actuator_trntype[u] == mujoco.mjtTrn.mjTRN_TENDON:
            tendon = m.actuator_trnid[u][0]
            assert actuator["tendon"] == m.tendon(tendon).name, name
            wraps = range(m.tendon_adr[tendon], m.tendon_adr[tendon] + m.tendon_num[tendon])
            assert actuator["transmission"] == [[m.wrap_objid[w], m.wrap_prm[w]] for w in wraps if m.wrap_prm[w] != 0], name
        else:
            assert actuator["joint"] == m.actuator_trnid[u][0], name
        affine = m.actuator_biastype[u] == mujoco.mjtBias.mjBIAS_AFFINE  # without a bias MuJoCo keeps but ignores biasprm
        assert_close([actuator["gear"], actuator["gain"], *actuator["bias"]],
                     [m.actuator_gear[u][0], m.actuator_gainprm[u][0], *(m.actuator_biasprm[u][:3] * affine)], f"{name} gear, gain, bias")
        dyntype = mujoco.mjtDyn(m.actuator_dyntype[u]).name.removeprefix("mjDYN_").lower()
        assert actuator.get("dyntype", "none") == dyntype, f"{name} dyntype"
        if dyntype.startswith("filter"):
            assert_close([actuator["timeconst"]], [m.actuator_dynprm[u][0]], f"{name} time constant")
        if dyntype != "none":
            assert actuator["actearly"] == bool(m.actuator_actearly[u]), f"{name} actearly"
        ranges = [("ctrlrange", m.actuator_ctrllimited[u], m.actuator_ctrlrange[u]),
                  ("forcerange", m.actuator_forcelimited[u], m.actuator_forcerange[u])]
        if dyntype != "none":
            ranges.append(("actrange", m.actuator_actlimited[u], m.actuator_actrange[u]))
        for key, limited, bounds in ranges:
            assert (key in actuator) == bool(limited), f"{name} {key}"
            if key in actuator:
                assert_close(actuator[key], bounds, f"{name} {key}")


def mujoco_hull_corners(m, g):
    """The corners of the convex hull MuJoCo collides mesh geom `g` as, in its body's frame: the vertices its mesh
    graph names (MuJoCo keeps a mesh's vertices in the mesh's own frame, at its centre of mass on its principal axes)."""
    mesh = m.geom_dataid[g]
    vertices = m.mesh_vert[m.mesh_vertadr[mesh]:m.mesh_vertadr[mesh] + m.mesh_vertnum[mesh]].astype(float)
    graph = m.mesh_graphadr[mesh]
    if graph >= 0:
        count = m.mesh_graph[graph]
        vertices = vertices[m.mesh_graph[graph + 2 + count:graph + 2 + 2 * count]]
    rotation = np.zeros(9)
    mujoco.mju_quat2Mat(rotation, m.geom_quat[g])
    return vertices @ rotation.reshape(3, 3).T + m.geom_pos[g]


def assert_same_corners(gait, mujoco_corners, what):
    """The same set of points to MuJoCo's float precision, in any order."""
    gait = np.asarray(gait, float)
    assert len(gait) == len(mujoco_corners), f"{what}: {len(gait)} corners in Gait, {len(mujoco_corners)} in MuJoCo"
    scale = max(1.0, np.abs(mujoco_corners).max())
    nearest = np.abs(gait[:, None, :] - mujoco_corners[None, :, :]).max(axis=2).min(axis=1)
    assert nearest.max() < 1e-6 * scale, f"{what}: a Gait corner lies {nearest.max()} from every MuJoCo corner"


def assert_geoms_match(model, m):
    """Each body's geoms, in order, have MuJoCo's shapes, sizes, frames and contact settings (Gait leaves out mesh geoms
    that collide with nothing, and turns a capsule or cylinder given by fromto the other way along its axis, which its
    shape cannot tell). A colliding mesh's convex hull has MuJoCo's corners, where its body carries them."""
    mesh, sdf = int(mujoco.mjtGeom.mjGEOM_MESH), int(mujoco.mjtGeom.mjGEOM_SDF)
    kept = [g for g in range(m.ngeom) if int(m.geom_type[g]) != sdf
            and not (int(m.geom_type[g]) == mesh and m.geom_contype[g] == 0 and m.geom_conaffinity[g] == 0)]
    assert [geom["body"] for geom in model["geoms"]] == list(m.geom_bodyid[kept])  # both list geoms body by body
    for geom, g in zip(model["geoms"], kept):
        name = f"geom {m.geom(g).name or g} of body {m.body(m.geom_bodyid[g]).name}"
        kind = mujoco.mjtGeom(m.geom_type[g]).name.removeprefix("mjGEOM_").lower()
        assert (geom["name"], geom["type"]) == (m.geom(g).name, kind), name
        if "size" in geom:
            assert_close(geom["size"], m.geom_size[g][:len(geom["size"])], f"{name} size")
        gait_rotation, mujoco_rotation = np.zeros(9), np.zeros(9)
        mujoco.mju_quat2Mat(gait_rotation, np.asarray(geom["quat"], float))
        mujoco.mju_quat2Mat(mujoco_rotation, m.geom_quat[g])
        gait_rotation, mujoco_rotation = gait_rotation.reshape(3, 3), mujoco_rotation.reshape(3, 3)
        if kind == "mesh":
            corners = np.asarray(geom["hull"], float) @ gait_rotation.T + np.asarray(geom["pos"], float)
            assert_same_corners(corners, mujoco_hull_corners(m, g), f"{name} hull")
        else:
            assert_close(geom["pos"], m.geom_pos[g], f"{name} pos")
        if kind in ("capsule", "cylinder"):
            z = gait_rotation[:, 2]
            assert_close(z * np.sign(z @ mujoco_rotation[:, 2]), mujoco_rotation[:, 2], f"{name} axis")
        elif kind != "mesh":
            assert_close(gait_rotation, mujoco_rotation, f"{name} orientation")
        assert_close(geom["friction"], m.geom_friction[g][0], f"{name} friction")
        assert_close([*geom["solref"], *geom["solimp"]], [*m.geom_solref[g], *m.geom_solimp[g]], f"{name} solref, solimp")
        assert (geom["contype"], geom["conaffinity"], geom["condim"]) == (
            m.geom_contype[g], m.geom_conaffinity[g], min(m.geom_condim[g], 3)), f"{name} contact bits and condim"


@pytest.mark.parametrize("path", MODELS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_compiles_as_mujoco_does(gait_cli, path):
    """Every model of the suite (its dog's bones weigh as meshes) and every Gymnasium asset that uses no plugin."""
    text = path.read_text()
    if "<plugin" in text:
        pytest.skip("uses plugins")
    model, error = compiled(gait_cli, path)
    assert model is not None, error
    assert_matches_mujoco(model, path, MESH_INERTIA_TOLERANCE if "<mesh" in text else 1e-9)


TWO_WORLDBODIES = """<mujoco><worldbody><body name="robot" pos="0 0 1"><freejoint/><geom size="0.1"/><site name="top" pos="0 0 0.1"/>
</body></worldbody><worldbody><geom name="floor" type="plane" size="1 1 0.1"/><site name="mark" pos="1 0 0"/>
<body name="ball" pos="0.5 0 0.2"><freejoint/><geom size="0.05"/></body></worldbody></mujoco>"""


def test_a_second_worldbody_lists_its_world_geoms_first_as_mujoco_does(gait_cli, tmp_path):
    """A scene's floor in a <worldbody> after its robot's (Menagerie's scene.xml after its include) is the world's
    first geom and site in MuJoCo's compiled model, and so in Gait's."""
    model = compiled_as_mujoco_compiles(gait_cli, tmp_path / "two.xml", TWO_WORLDBODIES)
    assert model["geoms"][0]["name"] == "floor" and model["sites"][0]["name"] == "mark"


SERVOS = """<mujoco><default><position kv="3"/><default class="critical"><position dampratio="1" kp="9"/></default></default>
<worldbody><body pos="0 0 1"><joint name="h" axis="0 1 0" armature="0.05"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.05"/>
<body pos="0.3 0 0"><joint name="k" axis="0 1 0" actuatorfrcrange="-3 3"/><geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.04"/></body></body></worldbody>
<tendon><fixed name="t"><joint joint="h" coef="1.5"/><joint joint="k" coef="-0.5"/></fixed></tendon>
<actuator><position joint="h" kp="40" dampratio="0.7" gear="2" timeconst="0.05"/><position tendon="t" class="critical"/>
<position joint="k" class="critical" kv="2"/><position joint="k" dampratio="0.5"/>
<general joint="h" biastype="affine" gainprm="20" biasprm="0 -20 0.8"/><general joint="k" biastype="affine" gainprm="20" biasprm="0 -15 0.8"/>
</actuator></mujoco>"""


def test_damped_position_servos_compile_as_mujoco_does(gait_cli, tmp_path):
    """A position servo's dampratio becomes the kv MuJoCo works out from the mass its joint or tendon moves at the
    reference pose, and timeconst a filterexact activation; kv and dampratio replace each other's defaults, and both
    on one element are refused, as MuJoCo refuses them. A general servo's positive biasprm[2] is a damping ratio too
    (and a plain velocity term where the gain is not the position term's opposite). One joint also limits its
    actuators' force."""
    compiled_as_mujoco_compiles(gait_cli, tmp_path / "servos.xml", SERVOS)
    both = tmp_path / "both.xml"
    both.write_text(SERVOS.replace('dampratio="0.5"', 'dampratio="0.5" kv="1"'))
    with pytest.raises(ValueError, match="kv and dampratio"):
        mujoco.MjModel.from_xml_path(str(both))
    model, error = compiled(gait_cli, both)
    assert model is None and "kv and dampratio cannot both be given" in error


# Each class writes one actuator default of one kind (or two, the later one winning), nested so that each kind's
# own parameters must be looked for up the chain; every element kind is used with classes written by the others.
MIXED_CLASSES = """<default class="general"><general gainprm="50" biastype="affine" biasprm="0.4 -50 -5" dyntype="filterexact"
dynprm="0.2"/><default class="velocity_in_general"><velocity kv="2" ctrlrange="-2 2"/></default></default>
<default class="filtered"><general dyntype="filter" dynprm="0.1" biastype="affine" biasprm="0.5 0 0.3"/></default>
<default class="position"><position kp="9" dampratio="0.5" timeconst="0.3" gear="2"/><default class="velocity"><velocity kv="2"/>
<default class="motor"><motor/><default class="general_over_all"><general biasprm="1"/></default>
<default class="position_again"><position kv="3"/></default></default></default></default>
<default class="overwritten"><velocity kv="4"/><position kp="7"/></default>
<default class="slow"><general dynprm="0.7"/>""" + "".join(
    f'<default class="{kind}_over_slow"><{kind}/><default class="filter_after_{kind}"><general dyntype="filter"/></default></default>'
    for kind in ["motor", "position", "velocity"]) + "</default>"
MIXED = (f"""<mujoco><default>{MIXED_CLASSES}</default><worldbody><body pos="0 0 1"><joint name="h" axis="0 1 0" range="-1 1"/>
<geom type="capsule" fromto="0 0 0 0.3 0 0" size="0.05"/></body></worldbody><actuator>"""
         + "".join(f'<{kind} name="{kind}_in_{name}" joint="h" class="{name}"/>' for name in
                   ["general", "velocity_in_general", "filtered", "position", "velocity", "motor", "general_over_all",
                    "position_again", "overwritten", "filter_after_motor", "filter_after_position", "filter_after_velocity"] for kind in ["general", "motor", "position", "velocity"])
         + '<position name="kp_given" joint="h" class="general" kp="4"/></actuator></mujoco>')


def test_actuator_defaults_of_every_kind_reach_every_kind_as_in_mujoco(gait_cli, tmp_path):
    """An actuator default of one kind (general, motor, position, velocity) gives an actuator of another kind what
    MuJoCo 3.17 gives it: a position servo takes kp, kv or dampratio and timeconst from the nearest class up its chain
    that a position or general default wrote (a general default's gain, bias and filterexact time constant too), a
    velocity servo likewise, a general actuator the last law any kind wrote, a motor none of them. A shortcut kind
    rewrites the filter's time constant too, so a later general default that turns a filter on does not find an older one."""
    model = compiled_as_mujoco_compiles(gait_cli, tmp_path / "mixed.xml", MIXED)
    gains = {actuator["name"]: actuator["gain"] for actuator in model["actuators"]}
    assert (gains["position_in_general"], gains["position_in_velocity"], gains["position_in_motor"],
            gains["velocity_in_position_again"], gains["velocity_in_overwritten"]) == (50, 9, 9, 2, 1)


FRAMED = """<mujoco><compiler angle="radian"/><default><default class="light"><geom density="500"/></default></default><worldbody>
<frame pos="0 0 1" euler="0.3 0 0"><body name="a" pos="0.1 0 0"><freejoint/><geom type="box" size="0.1 0.2 0.05"/>
<frame pos="0 0.2 0" quat="0.9 0 0.2 0.1" childclass="light"><geom type="capsule" fromto="0 0 0 0.3 0 0.1" size="0.03"/>
<site name="s" pos="0.1 0 0" euler="0 0.5 0"/><body name="b" pos="0.3 0 0"><joint axis="0 1 0"/><geom type="sphere" size="0.05" pos="0.02 0 0"/>
<frame euler="0 0 1.2"><frame pos="0.05 0 0"><geom type="cylinder" size="0.02 0.1" pos="0 0.1 0"/>
<joint name="inside" type="slide" pos="0.1 0 0" axis="1 0 0"/></frame></frame></body></frame></body></frame>
<frame pos="1 0 0" class="light"><body name="c"><joint axis="0 0 1"/><geom type="box" size="0.1 0.1 0.1"/>
<site name="box_site" type="box" size="0.02" fromto="0 0 0 0.1 0.2 0.3"/><site name="ellipsoid_site" type="ellipsoid" size="0.03" fromto="0 0 0 0 0 0.2"/></body></frame>
<geom type="plane" size="1 1 0.1"/></worldbody></mujoco>"""


def test_frames_place_what_they_hold_as_mujocos_compiler_does(gait_cli, tmp_path):
    """Nested <frame>s, in the world and in bodies, with a childclass or a class, move the bodies, joints, geoms (a fromto
    one too) and sites inside them: the bodies' frames and mass properties, the joints and the sites (box and ellipsoid
    ones given by fromto too) compile to MuJoCo's."""
    compiled_as_mujoco_compiles(gait_cli, tmp_path / "framed.xml", FRAMED)


PARTIAL = """<mujoco><default><default class="b"><geom type="box" size="0.1 0.2 0.3" friction="0.5 0.01 0.002" solref="0.03 2"/>
<site type="box" size="0.1 0.2 0.3"/><general gear="2 0 0 0 0 1" biastype="affine" gainprm="5 1 1" biasprm="0 -5 -1"/>
<default class="c"><geom size="0.2 0.3"/></default></default></default><worldbody>
<body name="a" childclass="b" pos="0 0 1"><joint name="j" axis="0 1 0"/><geom name="g" size="0.05" friction="0.9" solref="0.05"/>
<geom name="h" class="c" size="0.04"/><site name="s" size="0.07"/><geom name="long_box" fromto="0 0 0 0.3 0.2 0.1" size="0.03"/>
<geom name="egg" type="ellipsoid" fromto="0.1 0 0 0.1 0.4 -0.2" size="0.05 9 9"/>
<geom name="upright" type="box" fromto="0 0 0 1e-11 0 0.2" size="0.02"/><geom name="blank" class="c" size=" "/></body>
<body name="flipped" pos="2 0 1" zaxis="1e-8 0 -10"><geom name="f" size="0.01" pos="0 0.1 0"/></body>
<body name="plain" pos="1 0 1"><freejoint/><geom name="p" size="0.1" solref="0.05" solimp="0.8 0.85"/></body></worldbody>
<actuator><general class="b" joint="j" gear="3" gainprm="7" biasprm="1"/></actuator></mujoco>"""


def test_partial_arrays_and_fromto_boxes_compile_as_mujoco_does(gait_cli, tmp_path):
    """An element giving fewer numbers than its class (sizes, solref, bias terms) keeps the class's others, and one giving
    fewer than MuJoCo's defaults (solref, solimp) keeps theirs, and one giving none keeps its class's, as MuJoCo reads them;
    a box or ellipsoid geom given by fromto (one all but upright too), and a short zaxis all but down, are turned and
    sized as MuJoCo's compiler does it. A fromto beside a pos, or on a
    sphere, is refused as MuJoCo refuses it."""
    model = compiled_as_mujoco_compiles(gait_cli, tmp_path / "partial.xml", PARTIAL)
    sizes = {geom["name"]: geom["size"] for geom in model["geoms"]}
    assert sizes["g"] == [0.05, 0.2, 0.3] and sizes["h"] == [0.04, 0.3, 0.3] and sizes["blank"] == [0.2, 0.3, 0.3]
    for wrong, message in [('fromto="0 0 0 0.3 0.2 0.1"', ("pos", "no pos beside fromto")),
                           ('type="ellipsoid" fromto', ("sphere", "a sphere has no length"))]:
        bad = tmp_path / "bad.xml"
        bad.write_text(PARTIAL.replace(wrong, wrong + ' pos="0 0 0.1"' if message[0] == "pos" else 'type="sphere" fromto'))
        with pytest.raises(ValueError, match="fromto"):
            mujoco.MjModel.from_xml_path(str(bad))
        model, error = compiled(gait_cli, bad)
        assert model is None and message[1] in error, error


WEIGHTLESS = """<mujoco><compiler inertiafromgeom="true" inertiagrouprange="0 3" settotalmass="7"/>
<asset><mesh name="tetra" vertex="0 0 0 0.2 0 0 0 0.3 0 0 0 0.1" face="0 2 1 0 1 3 0 3 2 1 2 3"/></asset>
<worldbody><geom type="plane" size="1 1 0.1" density="-5"/><body name="torso" pos="0 0 1"><freejoint/><geom size="0.1"/>
<body name="camera" pos="0.3 0.1 0.2" quat="1 -1 1 -1"><site name="lens"/><body name="inner" pos="0.1 0 0"/></body>
<body name="weightless" pos="-0.2 0 0.1" euler="0 30 0"><geom size="0.05" mass="0"/></body>
<body name="fallback" pos="0 0.2 0"><inertial pos="0.01 0 0" mass="0.5" diaginertia="0.01 0.02 0.03"/>
<geom size="0.05" group="5" density="-1"/><geom size="0.05" group="4" mass="-2"/></body>
<frame pos="0.5 0.5 0" euler="0 0 90"><body name="framed" pos="0.3 0.1 0.2"/></frame>
<body name="speck" pos="0 0 0.3"><inertial pos="0 0.02 0" mass="0.1" diaginertia="0.001 0.001 0.001"/><geom size="0.001" mass="5e-15"/></body>
<body name="meshy" pos="0 -0.2 0"><joint axis="0 1 0"/><geom type="mesh" mesh="tetra" contype="0" conaffinity="0" density="300"/></body>
</body></worldbody></mujoco>"""


def test_weightless_bodies_and_total_mass_as_in_mujoco(gait_cli, tmp_path):
    """Bodies that weigh nothing (no geoms, or geoms of no mass) have their centre where their frame sits in their parent,
    as MuJoCo's compiler leaves it (their inverse weights follow); under inertiafromgeom="true" a body whose geoms weigh
    nothing (mjEPS or less) keeps its <inertial>; geoms that do not weigh may carry any mass or density; settotalmass scales mesh geoms'
    mass with the rest. All as MuJoCo compiles it."""
    model = compiled_as_mujoco_compiles(gait_cli, tmp_path / "weightless.xml", WEIGHTLESS, MESH_INERTIA_TOLERANCE)
    centres = {body["name"]: body["center"] for body in model["bodies"]}
    assert centres["camera"] == [0.3, 0.1, 0.2] and centres["inner"] == [0.1, 0, 0] and centres["fallback"] == [0.01, 0, 0]
    assert centres["framed"] == [0.3, 0.1, 0.2] and centres["speck"] == [0, 0.02, 0]


def write_boxes_stl(path, boxes):
    """A binary STL file of closed, outward-wound boxes, each (centre, half extents): as a whole, not convex."""
    corners = np.array([[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)], float)
    triangles = [(0, 1, 3), (0, 3, 2), (4, 6, 7), (4, 7, 5), (0, 4, 5), (0, 5, 1),
                 (2, 3, 7), (2, 7, 6), (0, 2, 6), (0, 6, 4), (1, 5, 7), (1, 7, 3)]
    records = [corners * half + centre for centre, half in boxes]
    with open(path, "wb") as out:
        out.write(bytes(80) + struct.pack("<I", 12 * len(records)))
        for vertices in records:
            for triangle in triangles:
                out.write(struct.pack("<3f", 0, 0, 0) + b"".join(struct.pack("<3f", *vertices[i]) for i in triangle) + bytes(2))


def write_boxes_obj(path, boxes):
    """The same boxes as OBJ quads, indices counted from 1."""
    corners = np.array([[x, y, z] for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)], float)
    quads = [(1, 2, 4, 3), (5, 7, 8, 6), (1, 5, 6, 2), (3, 4, 8, 7), (1, 3, 7, 5), (2, 6, 8, 4)]
    lines = []
    for b, (centre, half) in enumerate(boxes):
        lines += [f"v {x} {y} {z}" for x, y, z in corners * half + centre]
        lines += ["f " + " ".join(f"{8 * b + i}/1" for i in quad) for quad in quads]
    path.write_text("vt 0 0\n" + "\n".join(lines) + "\n")


MESHES = """<mujoco><compiler meshdir="parts"/>
<default><mesh scale="1 1 1"/><default class="big"><mesh scale="1.5 -1 2"/></default></default>
<asset><mesh name="legacy" file="boxes.stl"/><mesh name="exact" file="boxes.stl" inertia="exact"/>
<mesh name="shell" file="boxes.obj" inertia="shell"/><mesh name="mirrored" class="big" file="boxes.obj"/>
<mesh name="hulled" file="boxes.stl" inertia="convex"/>
<mesh name="moved" file="moved.stl" refpos="0.1 -0.2 0.05" refquat="0.9 0.1 -0.3 0.2"/>
<mesh name="tetra" vertex="0 0 0 0.2 0 0 0 0.3 0 0 0 0.1" face="0 2 1 0 1 3 0 3 2 1 2 3"/></asset>
<worldbody><body name="a" pos="0 0 1"><freejoint/><geom type="mesh" mesh="legacy" contype="0" conaffinity="0" pos="0.1 0 0" euler="10 20 30"/>
<geom type="mesh" mesh="tetra" contype="0" conaffinity="0" density="300"/><geom size="0.05"/>
<body name="b" pos="0.4 0 0"><joint name="h" axis="0 1 0" springdamper="0.1 0.7"/><geom type="mesh" mesh="exact" contype="0" conaffinity="0" mass="2"/>
<body name="c" pos="0.4 0 0"><joint name="s" type="slide" springdamper="0.3 2"/><geom type="mesh" mesh="shell" contype="0" conaffinity="0" density="5"/>
<body name="d" pos="0.4 0 0"><joint name="k" axis="1 0 0" springdamper="0 0" stiffness="3"/><geom type="mesh" mesh="mirrored" contype="0" conaffinity="0" quat="0 1 0 0"/>
<body name="e" pos="0.4 0 0"><joint axis="0 0 1"/><geom type="mesh" mesh="moved" contype="0" conaffinity="0"/>
<geom type="mesh" mesh="legacy" contype="0" conaffinity="0" group="4"/><geom type="mesh" mesh="hulled" contype="0" conaffinity="0" density="200"/></body></body></body></body></body></worldbody></mujoco>"""


def test_mesh_geoms_weigh_as_in_mujoco(gait_cli, tmp_path):
    """Mesh geoms that do not collide weigh as MuJoCo's compiler weighs them: from binary STL, OBJ polygons or inline
    vertices and faces; by each of the legacy (MuJoCo's default: two boxes apart weigh more than their volume), exact,
    convex (the two boxes' convex hull) and shell inertias; scaled (a mirroring scale, from a mesh class), moved by refpos and refquat (a file of its own: MuJoCo
    caches a file's mesh, refpos and refquat aside), placed by the geom, by its
    density or its mass, and left out of the mass outside inertiagrouprange. Joints given by springdamper get MuJoCo's
    stiffness and damping for the inertia they move."""
    (tmp_path / "parts").mkdir()
    boxes = [((0.3, 0.0, 0.0), (0.1, 0.1, 0.1)), ((-0.3, 0.0, 0.1), (0.1, 0.2, 0.1))]
    write_boxes_stl(tmp_path / "parts" / "boxes.stl", boxes)
    write_boxes_stl(tmp_path / "parts" / "moved.stl", boxes)
    write_boxes_obj(tmp_path / "parts" / "boxes.obj", boxes)
    model = compiled_as_mujoco_compiles(gait_cli, tmp_path / "meshes.xml", MESHES, MESH_INERTIA_TOLERANCE)
    assert model["geoms"] == [geom for geom in model["geoms"] if geom["type"] == "sphere"], "meshes that do not collide are left out"
    m = mujoco.MjModel.from_xml_path(str(tmp_path / "meshes.xml"))
    assert m.jnt_stiffness[1] > 0 and m.dof_damping[m.jnt_dofadr[2]] > 0 and m.jnt_stiffness[3] == 3, "springdamper set the first two"
    bad = tmp_path / "bad.xml"
    bad.write_text(MESHES.replace('vertex="0 0 0 0.2 0 0 0 0.3 0 0 0 0.1"', 'inertia="exact" vertex="0 0 0 0.2 0 0 0 0.3 0 0 0 0.1"')
                   .replace('face="0 2 1 0 1 3 0 3 2 1 2 3"', 'face="0 1 2 0 3 1 0 2 3 1 3 2"'))
    model, error = compiled(gait_cli, bad)
    assert model is None and "negative" in error, error
    with pytest.raises(ValueError, match="negative"):
        mujoco.MjModel.from_xml_path(str(bad))


def test_obj_quads_split_as_in_mujoco(gait_cli, tmp_path):
    """A quad of an OBJ file is split along its shorter diagonal, as MuJoCo's loader splits it: a pyramid whose base is a
    bent quad, written from each of its corners, weighs what MuJoCo weighs (legacy and shell inertia)."""
    base = ["0 0 0", "3 0 0.5", "2 2 0", "0 3 0.5"]
    for start in range(4):
        corners = [(start + i) % 4 + 1 for i in range(4)]
        (tmp_path / f"pyramid{start}.obj").write_text("v " + "\nv ".join(base) + "\nv 1 1 2\n"
                                             + f"f {' '.join(map(str, reversed(corners)))}\nf 1 2 5\nf 2 3 5\nf 3 4 5\nf 4 1 5\n")
        for inertia in ("legacy", "shell"):
            (tmp_path / f"quad-{start}-{inertia}.xml").write_text(
                f'<mujoco><asset><mesh file="pyramid{start}.obj" inertia="{inertia}"/></asset><worldbody><body><freejoint/>'
                f'<geom type="mesh" mesh="pyramid{start}" contype="0" conaffinity="0"/></body></worldbody></mujoco>')
            model, error = compiled(gait_cli, tmp_path / f"quad-{start}-{inertia}.xml")
            assert model is not None, error
            assert_matches_mujoco(model, tmp_path / f"quad-{start}-{inertia}.xml")



TETRAHEDRON = "v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nvt 0 0\n"


def tetrahedron_faces(*suffixes, extra=""):
    """The tetrahedron's four faces, each corner of face i written with suffixes[i] (a normal or texture index)."""
    faces = ["1 3 2", "1 2 4", "1 4 3", "2 3 4"]
    return extra + "".join("f " + " ".join(corner + suffix for corner in face.split()) + "\n" for face, suffix in zip(faces, suffixes))


@pytest.mark.parametrize("text", [
    tetrahedron_faces(*["//1"] * 4),  # normal indices without any vn: ignored
    tetrahedron_faces(*["//0"] * 4),
    "vn 0 0 1\n" + tetrahedron_faces(*["//1"] * 4),
    "vn 0 0 1\n" + tetrahedron_faces(*["//-1"] * 4),
    "vn 0 0 1\nvn 0 1 0\n" + tetrahedron_faces(*["/1/2"] * 4),
    tetrahedron_faces(*["//1"] * 4) + "vn 0 0 1\n",  # normals after the faces that name them
    "vn 0 0 1\n" + tetrahedron_faces(*["//1"] * 4, extra="f 1//0 2//0\n"),  # a face of two corners is dropped
    "vn\n" + tetrahedron_faces(*[""] * 4),  # a bare vn is no normal
    tetrahedron_faces(*["abc"] * 4).replace("f 1abc", "f 1"),  # an index read as atoi reads it
    "vn 0 0 1\n" + tetrahedron_faces(*["//2"] * 4),  # beyond the file's normals
    "vn 0 0 1\n" + tetrahedron_faces(*[""] * 4),  # normals given, named by no corner
    "vn 0 0 1\n" + tetrahedron_faces("//1", "", "", ""),
    "vn 0 0 1\n" + tetrahedron_faces(*["//0"] * 4),
    "vn 0 0 1\n" + tetrahedron_faces(*["//-2"] * 4),  # counted back past the first normal
    tetrahedron_faces(*["/1/1/1"] * 4),  # four indices to a corner
    tetrahedron_faces(*["/-2"] * 4),  # counted back past the one texture coordinate
    tetrahedron_faces(*[""] * 4, extra="f 1/-3 2/-3\n"),  # so, on a face of two corners
])
def test_obj_faces_and_normals_accepted_and_refused_as_in_mujoco(gait_cli, tmp_path, text):
    """An OBJ file's normals are not read, but once it has any, MuJoCo refuses a face corner that names none of them (or
    one past them), and indices are read as C's atoi reads them: Gait loads what MuJoCo loads, with the same mass, and
    refuses what it refuses."""
    name = "tetrahedron" + hashlib.sha256(text.encode()).hexdigest()[:12]  # a file of its own: MuJoCo caches meshes by file
    (tmp_path / f"{name}.obj").write_text(TETRAHEDRON + text)
    path = tmp_path / f"{name}.xml"
    path.write_text(f'<mujoco><asset><mesh file="{name}.obj"/></asset><worldbody><body><freejoint/>'
                    f'<geom type="mesh" mesh="{name}" contype="0" conaffinity="0"/></body></worldbody></mujoco>')
    model, error = compiled(gait_cli, path)
    try:
        mujoco.MjModel.from_xml_path(str(path))
    except ValueError:
        assert model is None and ("normal" in error or "indices" in error or "texture" in error), "MuJoCo refuses the file; Gait loaded it"
        return
    assert model is not None, error
    assert_matches_mujoco(model, path)


# The twelve legged robots of dm_control and Gymnasium, and dm_control's CMU humanoid, each with its task family and the names
# the family needs where the model's differ from the defaults.
ROBOTS = {
    "dmc-walker": (SUITE / "walker.xml", "task: walk"),
    "dmc-cheetah": (SUITE / "cheetah.xml", "task: run"),
    "dmc-hopper": (SUITE / "hopper.xml", "task: hop"),  # its touch_toe and touch_heel sensors, as the built-in hopper
    "dmc-humanoid": (SUITE / "humanoid.xml", "task: humanoid"),
    "dmc-quadruped": (SUITE / "quadruped.xml", "task: quadruped\ntouch: [toe_front_left, toe_front_right, toe_back_right, toe_back_left]"),
    "dmc-cmu-humanoid": (SUITE / "humanoid_CMU.xml", "task: humanoid\ntorso: thorax\nhead: head\nextremities: [lhand, rhand, lfoot, rfoot]"),
    # its bones weigh as meshes; a paw's first collision capsule is its foot
    "dmc-dog": (SUITE / "dog.xml", "task: quadruped\ntouch: [finger_L0_collision, finger_R0_collision, toe_L0_collision, toe_R0_collision]"),
    "gym-walker": (GYMNASIUM / "walker2d_v5.xml", "task: walk"),
    "gym-cheetah": (GYMNASIUM / "half_cheetah.xml", "task: run"),
    "gym-hopper": (GYMNASIUM / "hopper.xml", "task: hop\ntouch: [foot_geom]"),
    "gym-ant": (GYMNASIUM / "ant.xml", "task: quadruped\ntouch: [left_ankle_geom, right_ankle_geom, third_ankle_geom, fourth_ankle_geom]"),
    "gym-humanoid": (GYMNASIUM / "humanoid.xml", "task: humanoid"),
    "gym-standup": (GYMNASIUM / "humanoidstandup.xml", "task: getup"),
}


@pytest.mark.parametrize("env_id", sorted(ROBOTS))
def test_real_robot_registers_checks_and_steps(gait_cli, env_id, tmp_path, monkeypatch):
    monkeypatch.setenv("GAIT_ENV_PATH", str(tmp_path / "store"))
    model, fields = ROBOTS[env_id]
    definition = tmp_path / f"{env_id}.yaml"
    definition.write_text(f"id: {env_id}\nmodel: {model}\n{fields}\n")
    assert f"added {env_id}" in run_cli(gait_cli, "envs", "add", str(definition))
    assert "passed" in run_cli(gait_cli, "check", env_id).splitlines()[-1]
    import gait
    env = gait.make(env_id)
    env.reset(seed=0)
    for _ in range(1000):
        observation, reward, terminated, truncated, _ = env.step(env.action_space.sample())
        assert np.all(np.isfinite(observation)) and np.isfinite(reward)
        if terminated or truncated:
            env.reset()
    env.close()


def test_a_time_step_too_large_for_the_model_is_named_as_the_cause(gait_cli, tmp_path, monkeypatch):
    """dm_control's walker at a 1 s time step comes apart within the checker's first steps: the
    refusal says so, rather than calling its own snapshot damaged."""
    monkeypatch.setenv("GAIT_ENV_PATH", str(tmp_path / "store"))
    text = (SUITE / "walker.xml").read_text()
    assert 'timestep="0.0025"' in text
    (tmp_path / "walker.xml").write_text(text.replace('timestep="0.0025"', 'timestep="1"'))
    for include in (SUITE / "common").glob("*.xml"):
        (tmp_path / "common").mkdir(exist_ok=True)
        (tmp_path / "common" / include.name).write_text(include.read_text())
    definition = tmp_path / "slow-walker.yaml"
    definition.write_text("id: slow-walker\nmodel: walker.xml\ntask: stand\n")
    result = subprocess.run([gait_cli, "envs", "add", str(definition)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "come apart" in result.stderr and "timestep" in result.stderr, result.stderr

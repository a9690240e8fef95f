// What Swift cannot call in ODE directly: the dInfinity macro, the variadic message hooks and a
// collision near-callback that creates contact joints. Everything here is internal to GaitPhysics.
#ifndef GAIT_CODE_SHIMS_H
#define GAIT_CODE_SHIMS_H

#include <ode/ode.h>
#include <stdint.h>

/// ODE's dInfinity (a macro Swift cannot import).
double gait_ode_infinity(void);

/// Initialises ODE once per process and ODE's per-thread data once per calling thread.
/// Cheap after the first call on a thread; call it before any ODE work on a thread.
void gait_ode_prepare_thread(void);

/// How many times ODE's LCP solver gave up on this thread (it then leaves part of a step's
/// constraint forces at 0).
unsigned long gait_ode_lcp_failures(void);

/// The numbers gait_bodies_save keeps per body: position, quaternion, linear and angular
/// velocity, and the force and torque accumulated for the next step.
enum { GAIT_SAVED_PER_BODY = 19 };

/// Saves `count` bodies' states into `values` (GAIT_SAVED_PER_BODY numbers each), so that
/// gait_bodies_restore can take a step back.
void gait_bodies_save(const dBodyID *bodies, int count, double *values);

/// Puts back the states gait_bodies_save saved.
void gait_bodies_restore(const dBodyID *bodies, int count, const double *values);

/// The most contact rows (contact joints) among the groups of `count` bodies that joints and
/// contacts bind together: ODE's islands, which its stepper solves one by one. `scratch` holds
/// 2 × count ints. Sets each body's user data to its index.
int gait_largest_island_contacts(const dBodyID *bodies, int count, int *scratch);

/// The text of the last message ODE reported on this thread ("" if none).
const char *gait_ode_last_message(void);

/// What ODE reported when it last failed (an error or an internal assertion) in a guarded call
/// on this thread: gait_world_step or gait_collide. Outside those calls a failure still ends
/// the process, as ODE does.
const char *gait_ode_failure(void);

/// Steps `world` by `step` seconds (dWorldStep); returns 0, or -1 when ODE failed (see
/// gait_ode_failure): the world's state is then unusable until it is set again.
int gait_world_step(dWorldID world, double step);

/// How many contacts gait_collide asks ODE for between a convex geom and another (it keeps the
/// deepest): at least a convex's corner count, since ODE lists its corners in index order.
enum { GAIT_MAX_CONVEX_CONTACTS = 128 };

/// One row of MuJoCo's soft constraint mapped onto ODE for a time step: its ERP and CFM, and the
/// share of the row's current velocity its target keeps.
typedef struct {
    double erp;    ///< k·d·h²: the share of the violation corrected in one step
    double cfm;    ///< h·R, R = (1 − d)/d · weight: the regulariser
    double keep;   ///< 1 − b·h: the target velocity is keep × the current one (plus erp's correction)
} GaitSoftRow;

/// MuJoCo's soft constraint (mj_makeImpedance) for one row: impedance d from `solimp` (5 numbers)
/// at violation `depth`, stiffness k and damping b from `solref` (2 numbers), for a time step and
/// the row's inverse weight (MuJoCo's invweight0). See gait_collide.
GaitSoftRow gait_soft_row(const double *solref, const double *solimp, double depth, double timestep, double weight);

/// Adds to `group` one frictionless unilateral row between bodies `a` and `b` (0: the world) at
/// `position` along `normal` (ODE frame; `a` is pushed along it), `depth` into its violation,
/// with `row`'s ERP and CFM and the target normal velocity `motion`.
void gait_add_soft_row(dWorldID world, dJointGroupID group, dBodyID a, dBodyID b, const double *position,
                       const double *normal, double depth, GaitSoftRow row, double motion);

/// One contact row created by gait_collide, with the force ODE applied through it.
typedef struct {
    int geom1;                 ///< index of the geom the normal points into
    int geom2;                 ///< index of the other geom
    int leads;                 ///< 1 on the first row of a contact point, 0 on the others
    double normal[3];          ///< the point's contact normal (ODE world frame), pointing into geom1
    double position[3];        ///< contact point (ODE world frame)
    dJointFeedback feedback;   ///< filled by the next world step; f1 acts on geom1's body
} GaitContact;

/// A pair of geoms whose bounding boxes overlap, lower geom index first.
typedef struct {
    int index1, index2;
    dGeomID geom1, geom2;
    int explicitIndex;                 ///< its explicit contact pair, or -1
} GaitGeomPair;

/// Everything the near-callback needs, and the contacts it created.
typedef struct {
    dWorldID world;
    dJointGroupID group;
    const unsigned int *contype;       ///< per geom index
    const unsigned int *conaffinity;   ///< per geom index
    const double *friction;            ///< per geom index (sliding friction)
    const int *condim;                 ///< per geom index: 1 frictionless, 3 sliding friction
    const int *groups;                 ///< per geom index: the rigid body group carrying it, -1 for the world
    const int *parentGroups;           ///< per group: the group of its parent body, -1 for the world
    const int *bodies;                 ///< per geom index: its model body
    const uint64_t *excluded;          ///< excluded body pairs, ascending, each lower body << 32 | higher body
    int excludedCount;
    double timestep;                   ///< the physics step, for the contacts' softness
    double impratio;                   ///< MuJoCo's impratio: a cone edge's (or an elliptic cone's friction's) regulariser is divided by it
    int elliptic;                      ///< nonzero: MuJoCo's elliptic cone (see gait_collide), else its pyramidal one
    const double *solref;              ///< per geom: 2 numbers (MuJoCo's solref)
    const double *solimp;              ///< per geom: 5 numbers (MuJoCo's solimp)
    const double *solmix;              ///< per geom
    const int *priority;               ///< per geom
    const double *weight;              ///< per geom: its body's translational inverse weight (MuJoCo's body_invweight0)
    const uint64_t *explicitKeys;      ///< explicit contact pairs (MuJoCo's <pair>), ascending, each lower geom << 32 | higher geom
    int explicitCount;
    const double *explicitFriction;    ///< per explicit pair: sliding friction along the first and the second tangent
    const int *explicitCondim;         ///< per explicit pair: 1 frictionless, 3 sliding friction
    const double *explicitSolref;      ///< per explicit pair: 2 numbers
    const double *explicitSolimp;      ///< per explicit pair: 5 numbers
    const int *hullStart;              ///< per geom: its mesh's first corner in hullCorners, or -1 (not a mesh)
    const int *hullCount;              ///< per geom: its mesh's hull corner count
    const double *hullCorners;         ///< every mesh's hull corners in its geom's frame, 3 numbers each
    GaitGeomPair *pairs;               ///< pairCapacity entries, owned by the caller
    int pairCapacity;
    int pairCount;                     ///< pairs found by the last gait_collide
    GaitContact *contacts;             ///< capacity entries, owned by the caller
    int capacity;
    int count;                         ///< contact rows recorded by the last gait_collide
    int unrecorded;                    ///< contact rows created beyond capacity (no force feedback)
    int points;                        ///< contact points found by the last gait_collide
    int breakTies;                     ///< nonzero: rows' CFMs differ by parts in 10⁶ (see gait_collide)
} GaitCollision;

/// Collides every pair of geoms in `space` (geom data holds the geom index) and creates contact
/// joints in `collision->group`, in the order of the pairs' geom indices: ODE's space reorders its
/// geoms as they move, and a history-dependent contact order would break bit-exact replay. Pairs on the same group, on a group and its parent group
/// (the world excepted), of excluded body pairs, or
/// whose contype/conaffinity bits do not match are skipped, unless they are an explicit pair (one on
/// a single group is skipped all the same: nothing there moves apart), whose friction (μ₁, μ₂
/// along the two tangents, each at least 1e-5), condim, solref and solimp are its own. Friction μ is
/// otherwise the larger of the two geoms', along both tangents.
/// A contact is MuJoCo's pyramidal friction cone: four unilateral rows along the unit directions
/// (n ± μ·t)/√(1 + μ²), t each of MuJoCo's two contact tangents (mju_makeFrame); when both geoms
/// have condim 1 it is its normal row n alone. Each row is MuJoCo's soft constraint for a time
/// step h: with impedance d (from solimp at the penetration), stiffness k and damping b (from
/// solref) and regulariser R = (1 − d)/d · (w₁ + w₂) (2·μ²/impratio times that on a cone's
/// normalised edge, as MuJoCo's 2·μ²·(1 + μ²)/impratio on its unnormalised one), ODE's row gets ERP = k·d·h²,
/// CFM = h·R and a target velocity (1 − b·h)·v along it, so
/// that its force is MuJoCo's (aref − a₀)/(A + R) with aref = −b·v + k·d·depth (the depth
/// scaled by 1/√(1 + μ²) on an edge). Under MuJoCo's elliptic cone (`elliptic`) a contact is instead its
/// normal row and two friction rows bounded by μ₁ and μ₂ times the normal force, regularised as MuJoCo's
/// frictional dimensions (R/impratio along the first, times (μ₁/μ₂)² along the second; target (1 − b·h)·v).
/// Two geoms' parameters mix by solmix, unless one has the higher
/// priority (its parameters and friction are taken). Returns 0; or, when more pairs overlap than
/// `pairs` holds, the number needed (and creates nothing): call it again with a larger buffer;
/// or -1 when ODE failed (see gait_ode_failure).
int gait_collide(dSpaceID space, GaitCollision *collision);

#endif

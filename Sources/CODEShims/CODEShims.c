#include "CODEShims.h"

#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { GAIT_MAX_CONTACTS_PER_PAIR = 4 };

static pthread_once_t ode_once = PTHREAD_ONCE_INIT;
static _Thread_local int thread_ready = 0;
static _Thread_local unsigned long lcp_failures = 0;
static _Thread_local char last_message[512] = "";

double gait_ode_infinity(void) { return dInfinity; }

static void record_message(int errnum, const char *format, va_list arguments) {
    if (errnum == d_ERR_LCP) lcp_failures += 1;
    vsnprintf(last_message, sizeof last_message, format, arguments);
}

/// Where ODE's error and debug (assertion) handlers return to: set around the guarded calls.
static _Thread_local jmp_buf *escape = NULL;
static _Thread_local char failure_text[512] = "";

/// ODE aborts the process once its error or debug handler returns; inside a guarded call the
/// handler jumps back to the guard instead, which reports the failure.
static void record_failure(int errnum, const char *format, va_list arguments) {
    (void)errnum;
    vsnprintf(failure_text, sizeof failure_text, format, arguments);
    if (escape) longjmp(*escape, 1);
    fprintf(stderr, "ODE failed outside a guarded call: %s\n", failure_text);
}

static void initialise_ode(void) {
    dInitODE2(0);
    dSetMessageHandler(record_message);
    dSetErrorHandler(record_failure);
    dSetDebugHandler(record_failure);
}

const char *gait_ode_failure(void) { return failure_text; }

/// Runs work(context) with ODE's failures caught: its result, or -1 when ODE failed.
static int guarded(int (*work)(void *), void *context) {
    jmp_buf here;
    jmp_buf *outer = escape;
    escape = &here;
    if (setjmp(here)) {
        escape = outer;
        return -1;
    }
    int result = work(context);
    escape = outer;
    return result;
}

typedef struct {
    dWorldID world;
    double step;
} StepArguments;

static int step_world(void *context) {
    StepArguments *arguments = context;
    if (dWorldStep(arguments->world, arguments->step)) return 0;
    snprintf(failure_text, sizeof failure_text, "it could not allocate the memory for the step (nothing moved)");
    return -1;
}

int gait_world_step(dWorldID world, double step) {
    StepArguments arguments = {world, step};
    return guarded(step_world, &arguments);
}

void gait_ode_prepare_thread(void) {
    if (thread_ready) return;
    pthread_once(&ode_once, initialise_ode);
    dAllocateODEDataForThread(dAllocateMaskAll);
    thread_ready = 1;
}

unsigned long gait_ode_lcp_failures(void) { return lcp_failures; }

void gait_bodies_save(const dBodyID *bodies, int count, double *values) {
    for (int i = 0; i < count; i++, values += GAIT_SAVED_PER_BODY) {
        const dReal *parts[6] = {dBodyGetPosition(bodies[i]), dBodyGetQuaternion(bodies[i]), dBodyGetLinearVel(bodies[i]),
                                 dBodyGetAngularVel(bodies[i]), dBodyGetForce(bodies[i]), dBodyGetTorque(bodies[i])};
        int sizes[6] = {3, 4, 3, 3, 3, 3}, at = 0;
        for (int part = 0; part < 6; part++) for (int k = 0; k < sizes[part]; k++) values[at++] = parts[part][k];
    }
}

void gait_bodies_restore(const dBodyID *bodies, int count, const double *v) {
    for (int i = 0; i < count; i++, v += GAIT_SAVED_PER_BODY) {
        dBodySetPosition(bodies[i], v[0], v[1], v[2]);
        dQuaternion q = {v[3], v[4], v[5], v[6]};
        dBodySetQuaternion(bodies[i], q);
        dBodySetLinearVel(bodies[i], v[7], v[8], v[9]);
        dBodySetAngularVel(bodies[i], v[10], v[11], v[12]);
        dBodySetForce(bodies[i], v[13], v[14], v[15]);
        dBodySetTorque(bodies[i], v[16], v[17], v[18]);
    }
}

const char *gait_ode_last_message(void) { return last_message; }

static int island_root(int *parent, int body) {
    while (parent[body] != body) body = parent[body] = parent[parent[body]];
    return body;
}

int gait_largest_island_contacts(const dBodyID *bodies, int count, int *scratch) {
    int *parent = scratch, *rows = scratch + count, largest = 0;
    for (int i = 0; i < count; i++) {
        dBodySetData(bodies[i], (void *)(intptr_t)i);
        parent[i] = i;
        rows[i] = 0;
    }
    for (int i = 0; i < count; i++) {
        for (int k = 0, joints = dBodyGetNumJoints(bodies[i]); k < joints; k++) {
            dJointID joint = dBodyGetJoint(bodies[i], k);
            dBodyID first = dJointGetBody(joint, 0), second = dJointGetBody(joint, 1);
            dBodyID other = first == bodies[i] ? second : first;
            if (other) parent[island_root(parent, i)] = island_root(parent, (int)(intptr_t)dBodyGetData(other));
        }
    }
    for (int i = 0; i < count; i++) {
        for (int k = 0, joints = dBodyGetNumJoints(bodies[i]); k < joints; k++) {
            dJointID joint = dBodyGetJoint(bodies[i], k);
            dBodyID first = dJointGetBody(joint, 0);
            // A contact between two bodies is listed on both: counted on its first one.
            if (dJointGetType(joint) != dJointTypeContact || (first && first != bodies[i])) continue;
            int root = island_root(parent, i);
            if (++rows[root] > largest) largest = rows[root];
        }
    }
    return largest;
}

static int geom_index(dGeomID geom) { return (int)(intptr_t)dGeomGetData(geom); }

static int compare_keys(const void *left, const void *right) {
    uint64_t x = *(const uint64_t *)left, y = *(const uint64_t *)right;
    return (x > y) - (x < y);
}

static uint64_t pair_key(int first, int second) {
    return first < second ? (uint64_t)first << 32 | (uint32_t)second : (uint64_t)second << 32 | (uint32_t)first;
}

static void record_pair(void *data, dGeomID a, dGeomID b) {
    GaitCollision *collision = (GaitCollision *)data;
    int ia = geom_index(a), ib = geom_index(b);
    int ga = collision->groups[ia], gb = collision->groups[ib];
    if (ga == gb) return;  // one rigid body (or both static): nothing can move apart
    int explicitIndex = -1;
    if (collision->explicitCount > 0) {
        uint64_t key = pair_key(ia, ib);
        const uint64_t *found = bsearch(&key, collision->explicitKeys, (size_t)collision->explicitCount, sizeof(uint64_t), compare_keys);
        if (found) explicitIndex = (int)(found - collision->explicitKeys);
    }
    if (explicitIndex < 0) {
        if (!((collision->contype[ia] & collision->conaffinity[ib]) ||
              (collision->contype[ib] & collision->conaffinity[ia]))) return;
        if (ga >= 0 && gb >= 0 && (collision->parentGroups[ga] == gb || collision->parentGroups[gb] == ga)) return;
        if (collision->excludedCount > 0) {
            uint64_t key = pair_key(collision->bodies[ia], collision->bodies[ib]);
            if (bsearch(&key, collision->excluded, (size_t)collision->excludedCount, sizeof(uint64_t), compare_keys)) return;
        }
    }
    // Past the capacity, pairs are only counted: gait_collide then asks for a larger buffer.
    if (collision->pairCount++ >= collision->pairCapacity) return;
    GaitGeomPair *pair = &collision->pairs[collision->pairCount - 1];
    if (ia < ib) {
        *pair = (GaitGeomPair){ia, ib, a, b, explicitIndex};
    } else {
        *pair = (GaitGeomPair){ib, ia, b, a, explicitIndex};
    }
}

static int compare_pairs(const void *left, const void *right) {
    const GaitGeomPair *x = left, *y = right;
    if (x->index1 != y->index1) return x->index1 < y->index1 ? -1 : 1;
    return (x->index2 > y->index2) - (x->index2 < y->index2);
}

enum { GAIT_SOLREF = 2, GAIT_SOLIMP = 5 };
static const double gait_min_impedance = 0.0001, gait_max_impedance = 0.9999;
/// The speed (m/s) above which an elliptic cone's contact slides (see add_elliptic_friction).
static const double gait_sliding_speed = 1e-3;

static double clamp(double x, double lo, double hi) { return x < lo ? lo : x > hi ? hi : x; }

/// MuJoCo's impedance d at penetration `depth` (getimpedance, without its derivative).
static double impedance(const double *solimp, double depth) {
    if (solimp[0] == solimp[1] || solimp[2] <= 1e-15) return 0.5 * (solimp[0] + solimp[1]);
    double x = depth / solimp[2];
    if (x >= 1 || x <= 0) return x >= 1 ? solimp[1] : solimp[0];
    double y;
    if (solimp[4] == 1) {
        y = x;
    } else if (x <= solimp[3]) {
        y = pow(x, solimp[4]) / pow(solimp[3], solimp[4] - 1);
    } else {
        y = 1 - pow(1 - x, solimp[4]) / pow(1 - solimp[3], solimp[4] - 1);
    }
    return solimp[0] + y * (solimp[1] - solimp[0]);
}

/// Two geoms' solref and solimp for their contacts (MuJoCo's mj_contactParam): the higher
/// priority's, else mixed by solmix (solref of the direct kind, negative, by minimum).
static void mix_parameters(const GaitCollision *c, int ia, int ib, double *solref, double *solimp) {
    const double *ra = c->solref + GAIT_SOLREF * ia, *rb = c->solref + GAIT_SOLREF * ib;
    const double *ma = c->solimp + GAIT_SOLIMP * ia, *mb = c->solimp + GAIT_SOLIMP * ib;
    if (c->priority[ia] != c->priority[ib]) {
        int first = c->priority[ia] > c->priority[ib];
        memcpy(solref, first ? ra : rb, sizeof(double) * GAIT_SOLREF);
        memcpy(solimp, first ? ma : mb, sizeof(double) * GAIT_SOLIMP);
        return;
    }
    double sa = c->solmix[ia], sb = c->solmix[ib];
    double mix = sa < 1e-15 && sb < 1e-15 ? 0.5 : sa < 1e-15 ? 0 : sb < 1e-15 ? 1 : sa / (sa + sb);
    for (int k = 0; k < GAIT_SOLREF; k++) {
        solref[k] = ra[0] > 0 && rb[0] > 0 ? mix * ra[k] + (1 - mix) * rb[k] : fmin(ra[k], rb[k]);
    }
    for (int k = 0; k < GAIT_SOLIMP; k++) solimp[k] = mix * ma[k] + (1 - mix) * mb[k];
}

GaitSoftRow gait_soft_row(const double *solref, const double *solimp, double depth, double timestep, double weight) {
    double h = timestep;
    double d = clamp(impedance(solimp, depth), gait_min_impedance, gait_max_impedance);
    double dmax = clamp(solimp[1], gait_min_impedance, gait_max_impedance);
    double k, b;
    if (solref[0] > 0) {
        double timeconst = fmax(solref[0], 2 * h), dampratio = solref[1];
        b = 2 / (dmax * timeconst);
        k = 1 / (dmax * dmax * timeconst * timeconst * dampratio * dampratio);
    } else {
        b = -solref[1] / dmax;
        k = -solref[0] / (dmax * dmax);
    }
    double regulariser = (1 - d) / d * weight;
    return (GaitSoftRow){k * d * h * h, h * regulariser, 1 - b * h};
}

void gait_add_soft_row(dWorldID world, dJointGroupID group, dBodyID a, dBodyID b, const double *position,
                       const double *normal, double depth, GaitSoftRow row, double motion) {
    dContact contact;
    memset(&contact, 0, sizeof contact);
    for (int k = 0; k < 3; k++) {
        contact.geom.pos[k] = position[k];
        contact.geom.normal[k] = normal[k];
    }
    contact.geom.depth = depth;
    contact.surface.mode = dContactSoftERP | dContactSoftCFM | dContactMotionN;
    contact.surface.soft_erp = row.erp;
    contact.surface.soft_cfm = row.cfm;
    contact.surface.motionN = motion;
    dJointAttach(dJointCreateContact(world, group, &contact), a, b);
}

/// The velocity of body `ba`'s point `p` relative to body `bb`'s (a missing body stands still).
static void relative_velocity(dBodyID ba, dBodyID bb, const dReal *p, double relative[3]) {
    dVector3 va = {0, 0, 0}, vb = {0, 0, 0};
    if (ba) dBodyGetPointVel(ba, p[0], p[1], p[2], va);
    if (bb) dBodyGetPointVel(bb, p[0], p[1], p[2], vb);
    for (int k = 0; k < 3; k++) relative[k] = va[k] - vb[k];
}

/// Makes a contact row MuJoCo's soft constraint of `solref` and `solimp` (see gait_collide): its
/// impedance is taken at the contact's `depth`, its regulariser from the bodies' inverse weights
/// times `weightScale`, its target from the bodies' `relative` velocity at the contact.
static GaitSoftRow soften(const GaitCollision *c, int ia, int ib, const double relative[3], dContact *contact,
                          double depth, double weightScale, const double *solref, const double *solimp) {
    GaitSoftRow row = gait_soft_row(solref, solimp, depth, c->timestep, weightScale * (c->weight[ia] + c->weight[ib]));
    const dReal *n = contact->geom.normal;
    double normalVelocity = relative[0] * n[0] + relative[1] * n[1] + relative[2] * n[2];
    double motion = row.keep * normalVelocity;
    // A state already blowing up (or a body that hardly moves anything) keeps ODE's own row, so
    // that no NaN reaches the solver; the step's instability check reports the blow-up.
    if (!isfinite(row.erp) || !isfinite(row.cfm) || !isfinite(motion) || row.cfm < 0) return (GaitSoftRow){0, 0, NAN};
    contact->surface.mode |= dContactSoftERP | dContactSoftCFM | dContactMotionN;
    contact->surface.soft_erp = row.erp;
    contact->surface.soft_cfm = row.cfm;
    contact->surface.motionN = motion;
    return row;
}

/// The sliding friction of MuJoCo's elliptic cone on `contact`'s normal row `row`: two rows, each
/// bounded by μ (μ₂) times the normal force (a square about the cone's circle), regularised as
/// MuJoCo's frictional dimensions, by the normal's regulariser over impratio, and soft on their
/// own velocity alone (its reference acceleration −b·v, no position term); the second's
/// regulariser is the first's times (μ/μ₂)², as MuJoCo's. They lie along `frame` (MuJoCo's
/// contact frame) while the contact sticks; while it slides (faster than 1 mm/s) and μ₂ = μ, the
/// first lies along the sliding, so that the friction against it is μ times the normal force, as
/// on the cone, whichever way it slides. Without a soft normal row (a state blowing up) the
/// contact keeps no friction.
static void add_elliptic_friction(const GaitCollision *c, const double relative[3], dContact *contact, GaitSoftRow row,
                                  double mu, double mu2, double frame[2][3]) {
    if (!isfinite(row.keep)) return;
    double tangents[2][3];
    memcpy(tangents, frame, sizeof tangents);
    double sliding[2];
    for (int t = 0; t < 2; t++) {
        sliding[t] = 0;
        for (int i = 0; i < 3; i++) sliding[t] += relative[i] * tangents[t][i];
    }
    if (!isfinite(sliding[0]) || !isfinite(sliding[1])) return;
    double speed = sqrt(sliding[0] * sliding[0] + sliding[1] * sliding[1]);
    if (mu == mu2 && speed > gait_sliding_speed) {
        double turned[2][3];
        for (int i = 0; i < 3; i++) {
            turned[0][i] = (sliding[0] * tangents[0][i] + sliding[1] * tangents[1][i]) / speed;
            turned[1][i] = (-sliding[1] * tangents[0][i] + sliding[0] * tangents[1][i]) / speed;
        }
        memcpy(tangents, turned, sizeof turned);
        sliding[0] = speed;
        sliding[1] = 0;
    }
    contact->surface.mode |= dContactApprox1 | dContactMu2 | dContactFDir1 | dContactSlip1 | dContactSlip2
        | dContactMotion1 | dContactMotion2;
    contact->surface.mu = mu;
    contact->surface.mu2 = mu2;
    for (int i = 0; i < 3; i++) contact->fdir1[i] = tangents[0][i];
    contact->surface.slip1 = row.cfm / c->impratio;
    contact->surface.slip2 = contact->surface.slip1 * (mu * mu) / (mu2 * mu2);
    contact->surface.motion1 = row.keep * sliding[0];
    contact->surface.motion2 = row.keep * sliding[1];
}

/// MuJoCo's contact frame (mju_makeFrame) for `normal`, in the model's coordinates, z up
/// (Gait's ODE world is the model turned -90° about x): the first tangent is `hint` (a capsule's
/// axis on a plane, as mjc_PlaneCapsule gives it; ODE coordinates) or else y (z, when the normal
/// leans towards y), made orthogonal to the normal (x when nothing is left); the second is
/// normal × first.
static void contact_tangents(const dReal *normal, const dReal *hint, double first[3], double second[3]) {
    double n[3] = {normal[0], -normal[2], normal[1]};
    double e[3] = {0, fabs(n[1]) < 0.5, fabs(n[1]) >= 0.5};
    if (hint) { e[0] = hint[0]; e[1] = -hint[2]; e[2] = hint[1]; }
    double along = n[0] * e[0] + n[1] * e[1] + n[2] * e[2], t[3];
    for (int k = 0; k < 3; k++) t[k] = e[k] - along * n[k];
    double length = sqrt(t[0] * t[0] + t[1] * t[1] + t[2] * t[2]);
    if (length < 1e-15) { t[0] = 1; t[1] = 0; t[2] = 0; length = 1; }
    for (int k = 0; k < 3; k++) t[k] /= length;
    double u[3] = {n[1] * t[2] - n[2] * t[1], n[2] * t[0] - n[0] * t[2], n[0] * t[1] - n[1] * t[0]};
    first[0] = t[0]; first[1] = t[2]; first[2] = -t[1];
    second[0] = u[0]; second[1] = u[2]; second[2] = -u[1];
}

/// Creates one unilateral soft row along `direction` at `found`'s point, and records it with the
/// contact's own normal. `scale` shrinks the penetration the row corrects (an edge's 1/√(1 + μ²)).
/// With friction coefficients `mu` (μ, μ₂), the row is an elliptic cone's normal and carries its
/// friction along `tangents` too.
static void create_row(GaitCollision *collision, const dContactGeom *found, int ia, int ib, dBodyID ba, dBodyID bb,
                       const double direction[3], double scale, double weightScale, const double *solref,
                       const double *solimp, int leads, const double *mu, double tangents[2][3]) {
    dContact contact;
    memset(&contact, 0, sizeof contact);
    contact.geom = *found;
    for (int k = 0; k < 3; k++) contact.geom.normal[k] = direction[k];
    contact.geom.depth = found->depth * scale;
    double relative[3];
    relative_velocity(ba, bb, contact.geom.pos, relative);
    GaitSoftRow row = soften(collision, ia, ib, relative, &contact, found->depth, weightScale, solref, solimp);
    if (mu) add_elliptic_friction(collision, relative, &contact, row, mu[0], mu[1], tangents);
    // ODE's Dantzig solver gives up ("LCP internal error, s <= 0", leaving the step's contact
    // forces at 0) on exact ties between the rows of a symmetric contact; a step taken again with
    // breakTies gives each row a CFM a part in 10⁶ from the next one's, which breaks them.
    if (collision->breakTies) {
        double tie = 1 + 1e-6 * (collision->count % 8);
        contact.surface.soft_cfm *= tie;
        contact.surface.slip1 *= tie;
        contact.surface.slip2 *= tie;
    }
    dJointID joint = dJointCreateContact(collision->world, collision->group, &contact);
    dJointAttach(joint, ba, bb);
    if (collision->count < collision->capacity) {
        GaitContact *record = &collision->contacts[collision->count++];
        record->geom1 = ia;
        record->geom2 = ib;
        record->leads = leads;
        for (int k = 0; k < 3; k++) {
            record->normal[k] = found->normal[k];
            record->position[k] = found->pos[k];
        }
        dJointSetFeedback(joint, &record->feedback);
    } else {
        collision->unrecorded += 1;
    }
}

// A hull corner (in its geom's frame) in the world, and its signed distance above a plane
// (n·x = d: params n, d).
static double corner_above(const dReal *position, const dReal *rotation, const double *corner, const dReal *params,
                           double world[3]) {
    double distance = -params[3];
    for (int i = 0; i < 3; i++) {
        world[i] = position[i] + rotation[4 * i] * corner[0] + rotation[4 * i + 1] * corner[1] + rotation[4 * i + 2] * corner[2];
        distance += params[i] * world[i];
    }
    return distance;
}

// MuJoCo's plane-mesh contacts: of the mesh hull's corners below the plane, up to four spread
// over where it rests: the deepest (a), the one farthest from it (b), the one farthest from the
// line ab (c), and the one farthest from the lines ac and bc together (d), each once.
static int mesh_plane_contacts(const GaitCollision *collision, dGeomID mesh, int index, dGeomID plane, dContactGeom *found) {
    dVector4 params;
    dGeomPlaneGetParams(plane, params);
    const dReal *position = dGeomGetPosition(mesh), *rotation = dGeomGetRotation(mesh);
    const double *corners = collision->hullCorners + 3 * collision->hullStart[index];
    int count = collision->hullCount[index], chosen[4] = {-1, -1, -1, -1};
    double world[3], point[4][3], depth = INFINITY, best[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (int k = 0; k < count; k++) {
        double distance = corner_above(position, rotation, corners + 3 * k, params, world);
        if (distance < depth) { chosen[0] = k; depth = distance; memcpy(point[0], world, sizeof world); }
    }
    if (depth > 0) return 0;
    for (int pick = 1; pick < 4; pick++) {
        for (int k = 0; k < count; k++) {
            if (corner_above(position, rotation, corners + 3 * k, params, world) > 0) continue;
            double score = 0, across[3], offset[3], other[3];
            if (pick == 1) {
                for (int i = 0; i < 3; i++) score += (world[i] - point[0][i]) * (world[i] - point[0][i]);
            } else {
                // |(p − a)·(n × (a − q))|, q = b for c; for d, the same about a and c plus about b and c.
                for (int pair = 0; pair < (pick == 2 ? 1 : 2); pair++) {
                    const double *from = point[pair], *to = point[pick == 2 ? 1 : 2];
                    for (int i = 0; i < 3; i++) { offset[i] = from[i] - to[i]; other[i] = world[i] - from[i]; }
                    across[0] = params[1] * offset[2] - params[2] * offset[1];
                    across[1] = params[2] * offset[0] - params[0] * offset[2];
                    across[2] = params[0] * offset[1] - params[1] * offset[0];
                    score += fabs(across[0] * other[0] + across[1] * other[1] + across[2] * other[2]);
                }
            }
            if (score > best[pick - 1]) { best[pick - 1] = score; chosen[pick] = k; memcpy(point[pick], world, sizeof world); }
        }
    }
    int n = 0;
    for (int pick = 0; pick < 4; pick++) {
        int repeated = 0;
        for (int earlier = 0; earlier < pick; earlier++) repeated |= chosen[earlier] == chosen[pick];
        if (repeated) continue;
        double distance = corner_above(position, rotation, corners + 3 * chosen[pick], params, world);
        for (int i = 0; i < 3; i++) {
            found[n].pos[i] = world[i] - 0.5 * distance * params[i];
            found[n].normal[i] = params[i];
        }
        found[n].depth = -distance;
        found[n].g1 = mesh;
        found[n].g2 = plane;
        found[n].side1 = found[n].side2 = -1;
        n++;
    }
    return n;
}

static void create_contacts(GaitCollision *collision, const GaitGeomPair *pair) {
    dGeomID a = pair->geom1, b = pair->geom2;
    int ia = pair->index1, ib = pair->index2;
    dBodyID ba = dGeomGetBody(a), bb = dGeomGetBody(b);
    if (!ba) {  // keep the dynamic body first, so that feedback f1 is the force on geom1
        dGeomID g = a; a = b; b = g;
        int i = ia; ia = ib; ib = i;
        dBodyID body = ba; ba = bb; bb = body;
    }
    // A mesh on a plane touches at up to four corners, as in MuJoCo. Otherwise an ellipsoid or
    // a mesh (convex polyhedra) touches as MuJoCo's do, at one point: the deepest of ODE's
    // contacts. ODE lists a convex's corners in index order, so it gets room for many.
    dContactGeom found[GAIT_MAX_CONVEX_CONTACTS];
    int convex = dGeomGetClass(a) == dConvexClass || dGeomGetClass(b) == dConvexClass;
    int meshOnPlane = collision->hullStart[ia] >= 0 && dGeomGetClass(b) == dPlaneClass;
    int n = meshOnPlane ? mesh_plane_contacts(collision, a, ia, b, found)
        : dCollide(a, b, convex ? GAIT_MAX_CONVEX_CONTACTS : GAIT_MAX_CONTACTS_PER_PAIR, found, sizeof(dContactGeom));
    if (convex && n > 1 && !meshOnPlane) {
        int deepest = 0;
        for (int k = 1; k < n; k++) if (found[k].depth > found[deepest].depth) deepest = k;
        found[0] = found[deepest];
        n = 1;
    }
    int e = pair->explicitIndex;
    double solref[GAIT_SOLREF], solimp[GAIT_SOLIMP], mu, mu2;
    if (e >= 0) {
        // MuJoCo keeps a pair's cone whatever its friction, each coefficient at least 1e-5.
        int frictionless = collision->explicitCondim[e] == 1;
        mu = frictionless ? 0 : fmax(collision->explicitFriction[2 * e], 1e-5);
        mu2 = frictionless ? 0 : fmax(collision->explicitFriction[2 * e + 1], 1e-5);
        memcpy(solref, collision->explicitSolref + GAIT_SOLREF * e, sizeof solref);
        memcpy(solimp, collision->explicitSolimp + GAIT_SOLIMP * e, sizeof solimp);
    } else {
        int frictionless = collision->condim[ia] == 1 && collision->condim[ib] == 1;
        mu = frictionless ? 0
            : collision->priority[ia] == collision->priority[ib] ? fmax(collision->friction[ia], collision->friction[ib])
            : collision->friction[collision->priority[ia] > collision->priority[ib] ? ia : ib];
        mu2 = mu;
        mix_parameters(collision, ia, ib, solref, solimp);
    }
    // MuJoCo's pyramidal friction cone: each contact is four unilateral rows along n ± μ·t1 and
    // n ± μ₂·t2 (μ₂ = μ but in an explicit pair), each soft on its own velocity, with MuJoCo's
    // regulariser for every edge, 2·μ²·(1 + μ²)/impratio times the normal row's, which is
    // 2·μ²·(1 + μ²)/((1 + μₖ²)·impratio) once the row along μₖ is normalised (2·μ²/impratio when
    // μ₂ = μ); a frictionless contact is its normal row alone. Under MuJoCo's elliptic cone a
    // contact is its normal row and two friction rows (add_elliptic_friction).
    dReal axis[3];
    const dReal *hint = NULL;
    int capsuleFirst = dGeomGetClass(a) == dCapsuleClass && dGeomGetClass(b) == dPlaneClass;
    if (capsuleFirst || (dGeomGetClass(b) == dCapsuleClass && dGeomGetClass(a) == dPlaneClass)) {
        const dReal *rotation = dGeomGetRotation(capsuleFirst ? a : b);
        axis[0] = rotation[2]; axis[1] = rotation[6]; axis[2] = rotation[10];
        hint = axis;
    }
    for (int k = 0; k < n; k++) {
        const dReal *normal = found[k].normal;
        collision->points += 1;
        double tangents[2][3], along[2] = {mu, mu2}, alongNormal[3] = {normal[0], normal[1], normal[2]};
        if (mu == 0 || collision->elliptic) {
            if (mu != 0) contact_tangents(normal, hint, tangents[0], tangents[1]);
            create_row(collision, &found[k], ia, ib, ba, bb, alongNormal, 1, 1, solref, solimp, 1, mu == 0 ? NULL : along, tangents);
            continue;
        }
        contact_tangents(normal, hint, tangents[0], tangents[1]);
        for (int edge = 0; edge < 4; edge++) {
            double sign = edge % 2 ? -1 : 1, direction[3], m = along[edge / 2], scale = 1 / sqrt(1 + m * m);
            for (int i = 0; i < 3; i++) direction[i] = (normal[i] + sign * m * tangents[edge / 2][i]) * scale;
            // MuJoCo gives every edge the first friction's regulariser, before the row is normalised.
            double weightScale = 2 * mu * mu / collision->impratio * ((1 + mu * mu) / (1 + m * m));
            create_row(collision, &found[k], ia, ib, ba, bb, direction, scale, weightScale, solref, solimp, edge == 0, NULL, NULL);
        }
    }
}

static int collide(dSpaceID space, GaitCollision *collision) {
    collision->count = 0;
    collision->unrecorded = 0;
    collision->points = 0;
    collision->pairCount = 0;
    dSpaceCollide(space, collision, record_pair);
    if (collision->pairCount > collision->pairCapacity) {
        int needed = collision->pairCount;
        collision->pairCount = 0;
        return needed;
    }
    qsort(collision->pairs, (size_t)collision->pairCount, sizeof(GaitGeomPair), compare_pairs);
    for (int k = 0; k < collision->pairCount; k++) create_contacts(collision, &collision->pairs[k]);
    return 0;
}

typedef struct {
    dSpaceID space;
    GaitCollision *collision;
} CollideArguments;

static int collide_space(void *context) {
    CollideArguments *arguments = context;
    return collide(arguments->space, arguments->collision);
}

int gait_collide(dSpaceID space, GaitCollision *collision) {
    CollideArguments arguments = {space, collision};
    return guarded(collide_space, &arguments);
}

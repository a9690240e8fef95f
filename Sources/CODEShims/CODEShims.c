#include "CODEShims.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { GAIT_MAX_CONTACTS_PER_PAIR = 4 };

static pthread_once_t ode_once = PTHREAD_ONCE_INIT;
static _Thread_local int thread_ready = 0;
static _Thread_local unsigned long message_count = 0;
static _Thread_local char last_message[512] = "";

double gait_ode_infinity(void) { return dInfinity; }

static void record_message(int errnum, const char *format, va_list arguments) {
    (void)errnum;
    message_count += 1;
    vsnprintf(last_message, sizeof last_message, format, arguments);
}

static void initialise_ode(void) {
    dInitODE2(0);
    dSetMessageHandler(record_message);
}

void gait_ode_prepare_thread(void) {
    if (thread_ready) return;
    pthread_once(&ode_once, initialise_ode);
    dAllocateODEDataForThread(dAllocateMaskAll);
    thread_ready = 1;
}

unsigned long gait_ode_message_count(void) { return message_count; }

const char *gait_ode_last_message(void) { return last_message; }

static int geom_index(dGeomID geom) { return (int)(intptr_t)dGeomGetData(geom); }

static void record_pair(void *data, dGeomID a, dGeomID b) {
    GaitCollision *collision = (GaitCollision *)data;
    int ia = geom_index(a), ib = geom_index(b);
    if (!((collision->contype[ia] & collision->conaffinity[ib]) ||
          (collision->contype[ib] & collision->conaffinity[ia]))) return;
    if (collision->excluded && collision->excluded[ia * collision->geomCount + ib]) return;
    int ga = collision->groups[ia], gb = collision->groups[ib];
    if (ga == gb) return;
    if (ga >= 0 && gb >= 0 && (collision->parentGroups[ga] == gb || collision->parentGroups[gb] == ga)) return;
    if (collision->pairCount >= collision->pairCapacity) return;
    GaitGeomPair *pair = &collision->pairs[collision->pairCount++];
    if (ia < ib) {
        *pair = (GaitGeomPair){ia, ib, a, b};
    } else {
        *pair = (GaitGeomPair){ib, ia, b, a};
    }
}

static int compare_pairs(const void *left, const void *right) {
    const GaitGeomPair *x = left, *y = right;
    if (x->index1 != y->index1) return x->index1 < y->index1 ? -1 : 1;
    return (x->index2 > y->index2) - (x->index2 < y->index2);
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
    dContactGeom found[GAIT_MAX_CONTACTS_PER_PAIR];
    int n = dCollide(a, b, GAIT_MAX_CONTACTS_PER_PAIR, found, sizeof(dContactGeom));
    int frictionless = collision->condim[ia] == 1 && collision->condim[ib] == 1;
    double mu = frictionless ? 0 : fmax(collision->friction[ia], collision->friction[ib]);
    for (int k = 0; k < n; k++) {
        dContact contact;
        memset(&contact, 0, sizeof contact);
        contact.surface.mode = dContactApprox1;
        contact.surface.mu = mu;
        contact.geom = found[k];
        const dReal *normal = contact.geom.normal;
        double tangent = sqrt(normal[0] * normal[0] + normal[1] * normal[1]);
        if (collision->planar && tangent > 1e-9 && !frictionless) {
            contact.surface.mode |= dContactMu2 | dContactFDir1;
            contact.surface.mu2 = 0;
            contact.fdir1[0] = normal[1] / tangent;
            contact.fdir1[1] = -normal[0] / tangent;
            contact.fdir1[2] = 0;
        }
        dJointID joint = dJointCreateContact(collision->world, collision->group, &contact);
        dJointAttach(joint, ba, bb);
        if (collision->count < collision->capacity) {
            GaitContact *record = &collision->contacts[collision->count++];
            record->geom1 = ia;
            record->geom2 = ib;
            record->normal[0] = normal[0];
            record->normal[1] = normal[1];
            record->normal[2] = normal[2];
            dJointSetFeedback(joint, &record->feedback);
        } else {
            collision->unrecorded += 1;
        }
    }
}

void gait_collide(dSpaceID space, GaitCollision *collision) {
    collision->count = 0;
    collision->unrecorded = 0;
    collision->pairCount = 0;
    dSpaceCollide(space, collision, record_pair);
    qsort(collision->pairs, (size_t)collision->pairCount, sizeof(GaitGeomPair), compare_pairs);
    for (int k = 0; k < collision->pairCount; k++) create_contacts(collision, &collision->pairs[k]);
}

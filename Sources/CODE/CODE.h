// The Open Dynamics Engine, double precision (Debian's libode-dev).
#include <ode/ode.h>

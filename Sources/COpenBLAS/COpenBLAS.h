// OpenBLAS's CBLAS interface (Debian's libopenblas-dev).
#include <cblas.h>

#ifndef CSQLITE_CONFIG_H
#define CSQLITE_CONFIG_H

#include <sqlite3.h>

/* SQLite's configuration calls are variadic, which Swift cannot call, so these functions make them. */

/* Turns off SQLite's memory statistics for the process. Call it before the first connection opens. */
int csqlite_disable_memory_statistics(void);

#endif

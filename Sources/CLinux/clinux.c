#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "clinux.h"

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif

int clinux_rename_noreplace(int old_dir, const char *old_path, int new_dir, const char *new_path) {
    return (int)syscall(SYS_renameat2, old_dir, old_path, new_dir, new_path, RENAME_NOREPLACE);
}

int clinux_take_read_lease(int fd) {
    return fcntl(fd, F_SETLEASE, F_RDLCK);
}

int clinux_release_lease(int fd) {
    return fcntl(fd, F_SETLEASE, F_UNLCK);
}

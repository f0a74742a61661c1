#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
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

int clinux_signalfd(const int *signals, int count) {
    sigset_t set;
    sigemptyset(&set);
    for (int index = 0; index < count; index++) {
        sigaddset(&set, signals[index]);
    }
    return signalfd(-1, &set, SFD_CLOEXEC);
}

int clinux_read_signal(int fd) {
    struct signalfd_siginfo info;
    for (;;) {
        ssize_t length = read(fd, &info, sizeof info);
        if (length == (ssize_t)sizeof info) {
            return (int)info.ssi_signo;
        }
        if (length < 0 && errno == EINTR) {
            continue;
        }
        if (length >= 0) {
            errno = EIO;
        }
        return -1;
    }
}

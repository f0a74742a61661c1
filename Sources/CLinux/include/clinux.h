#ifndef SMARKETD_CLINUX_H
#define SMARKETD_CLINUX_H

/* Linux calls that Swift's Glibc module does not expose: renameat2, file leases and signalfd. */

/* Renames like renameat(2) but fails with EEXIST instead of replacing an existing target. */
int clinux_rename_noreplace(int old_dir, const char *old_path, int new_dir, const char *new_path);

/* Takes a read lease on an open file: returns 0, or -1 with errno EAGAIN while a writer has it open. */
int clinux_take_read_lease(int fd);

/* Releases a lease taken with clinux_take_read_lease. */
int clinux_release_lease(int fd);

/* Creates a blocking, close-on-exec signalfd for the given signals, which the caller must have blocked
   in every thread: returns the descriptor, or -1 with errno. */
int clinux_signalfd(const int *signals, int count);

/* Waits for one signal on a signalfd: returns its number, or -1 with errno (never EINTR). */
int clinux_read_signal(int fd);

#endif

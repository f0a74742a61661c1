#!/usr/bin/env python3
"""Fault test: a database whose file system turns read-only keeps files in the inbox.

    tests/faults/read_only.py           (root only: it mounts an ext4 image)

The state folder is a 64 MiB ext4 image on a loop device, mounted with
errors=remount-ro inside this test's own temporary folder. After a first file is
processed, writing to /sys/fs/ext4/DEVICE/trigger_fs_error makes the kernel turn the
file system read-only under the running daemon, as it does after a disk error; even
the descriptors the daemon holds open then fail with EROFS. A feed dropped then must
stay in the inbox, the log and STATUS must name it, and the daemon must stay up and
stop on SIGTERM. ext4 allows no way back to read-write while mounted, so recovery is
what an administrator does: unmount, e2fsck, mount and start the daemon again, which
must then ingest the waiting feed with every lead.
"""

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "bench"))
import harness  # noqa: E402
from disk_full import drop_and_expect_retry, expect_recovery  # noqa: E402


def mount_image(image, state):
    subprocess.run(["mount", "-o", "loop,errors=remount-ro", image, state], check=True)
    source = subprocess.run(["findmnt", "-n", "-o", "SOURCE", state], check=True,
                            capture_output=True, text=True).stdout.strip()
    return os.path.basename(source)


def main():
    tally = harness.Tally("read-only")
    if os.geteuid() != 0:
        print("read-only: needs root to mount an ext4 image; skipped")
        tally.finish()
    if not (shutil.which("mkfs.ext4") and os.path.exists("/dev/loop-control")):
        print("read-only: needs mkfs.ext4 and loop devices; skipped")
        tally.finish()
    folder = tempfile.mkdtemp(prefix="smarketd-readonly-")
    config = harness.write_config(folder)
    state = harness.state_path(folder)
    inbox = harness.inbox_path(folder)
    database = harness.database_path(folder)
    log_path = os.path.join(folder, "smarketd.log")
    image = os.path.join(folder, "state.ext4")
    subprocess.run(["truncate", "-s", "64M", image], check=True)
    subprocess.run(["mkfs.ext4", "-q", "-F", image], check=True)
    try:
        device = mount_image(image, state)
    except subprocess.CalledProcessError as error:
        # A container may offer /dev/loop-control without a free loop device.
        print(f"read-only: cannot mount an ext4 image here ({error}); skipped")
        shutil.rmtree(folder, ignore_errors=True)
        tally.finish()
    if not os.path.exists(f"/sys/fs/ext4/{device}/trigger_fs_error"):
        print(f"read-only: the kernel has no /sys/fs/ext4/{device}/trigger_fs_error; skipped")
        subprocess.run(["umount", state], check=False)
        shutil.rmtree(folder, ignore_errors=True)
        tally.finish()
    mounted = True
    daemon = None
    try:
        daemon = harness.Daemon(config, log_path).start()
        harness.drop_file(b"Email,First Name\nwarmup@contoso.example,Anna\n", inbox, "warmup.csv")
        tally.check(harness.wait_until(
            lambda: os.path.exists(os.path.join(inbox, "processed", "warmup.csv")), 10),
            "a file is processed before the fault")

        with open(f"/sys/fs/ext4/{device}/trigger_fs_error", "w") as trigger:
            trigger.write("smarketd read-only fault test\n")
        summary = drop_and_expect_retry(tally, daemon, inbox, folder, "readonly.csv", "read-only")
        status = daemon.stop()
        tally.check(status is not None and status >= 0, "read-only: the daemon stops on SIGTERM",
                    f"status {status}")
        daemon = None

        subprocess.run(["umount", state], check=True)
        mounted = False
        subprocess.run(["e2fsck", "-fy", image], check=False, capture_output=True)
        mount_image(image, state)
        mounted = True
        daemon = harness.Daemon(config, log_path).start()
        expect_recovery(tally, inbox, database, "readonly.csv", summary, "read-only",
                        cause="the file system is writable again")
        status = daemon.stop()
        tally.check(status == 0, "daemon exits 0 on SIGTERM after recovery", f"exit {status}")
        daemon = None
    except Exception as error:  # noqa: BLE001 - any harness error is one failed check
        tally.check(False, "test ran to the end", repr(error))
    finally:
        if daemon:
            daemon.stop()
        if mounted:
            subprocess.run(["umount", state], check=False)
        if tally.failed:
            print(f"read-only: kept {folder} (log: {log_path})")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    tally.finish()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Fault test: SIGTERM sent right after READY=1 stops the daemon with exit 0.

    tests/faults/stop_after_ready.py

systemd may send SIGTERM at any moment after READY=1 (a quick `systemctl restart`).
Each of 20 rounds starts the daemon on an empty inbox, sends SIGTERM as soon as the
READY=1 datagram arrives, and expects exit 0 within 5 seconds.
"""

import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "bench"))
import harness  # noqa: E402


def main():
    tally = harness.Tally("stop-after-ready")
    folder = tempfile.mkdtemp(prefix="smarketd-stop-")
    config = harness.write_config(folder)
    log_path = os.path.join(folder, "smarketd.log")
    statuses = []
    for _ in range(20):
        daemon = harness.Daemon(config, log_path).start()
        statuses.append(daemon.stop(timeout=5))
    failed = [status for status in statuses if status != 0]
    # -9 means the daemon was still running after 5 s and got SIGKILL; anything else is its exit status.
    tally.check(not failed, "SIGTERM right after READY=1 stops the daemon with exit 0 in 20 of 20 rounds",
                f"statuses {statuses}")
    if failed:
        print(f"stop-after-ready: kept {folder} (log: {log_path})")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    tally.finish()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measures the daemon with 1,000,000 pending SLA deadlines: resident memory over an empty daemon,
restart-to-ready time, and the lateness of timers that fall due after the restart.

usage: bench/sla-daemon/run.py [--deadlines N] [--near-due N] [--binary PATH] [--keep]

Prints figures next to their goals (memory under 100 MB, ready under 2 s, lateness under 1 s).
It asserts nothing about time: it is a benchmark, run on demand, never a test.
"""
import argparse
import shutil
import os
import socket
import sqlite3
import subprocess
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG = """state_dir: state
timezone: Europe/Berlin
inboxes:
  - {name: web, path: spool/web, kind: leads}
reps:
  - {id: ann, name: Ann, email: ann@corp.example, team: sales}
  - {id: ben, name: Ben, email: ben@corp.example, team: sales}
teams:
  - {id: sales, strategy: round_robin}
routing:
  rules:
    - {team: sales}
sla: {first_touch: 24h, warn_before: 4h}
journal: {per_file_limit: 100000}
"""


def rfc3339(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Daemon:
    """Starts `smarketd run` with a notify socket of its own and records when READY=1 arrives."""

    def __init__(self, binary, folder):
        self.folder = folder
        self.socket_path = os.path.join(folder, "notify.sock")
        if os.path.exists(self.socket_path):
            os.unlink(self.socket_path)
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(self.socket_path)
        self.ready_at = None
        self.breaches = []  # (arrival time, due text)
        environment = dict(os.environ, NOTIFY_SOCKET=self.socket_path, SMARKETD_LOG="stderr")
        self.started_at = time.time()
        self.process = subprocess.Popen(
            [binary, "--config", os.path.join(folder, "config.yaml"), "run"],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=environment, text=True)
        threading.Thread(target=self._read_notify, daemon=True).start()
        threading.Thread(target=self._read_log, daemon=True).start()

    def _read_notify(self):
        while True:
            message = self.socket.recv(4096).decode()
            if "READY=1" in message and self.ready_at is None:
                self.ready_at = time.time()

    def _read_log(self):
        for line in self.process.stderr:
            marker = "missed the first-touch deadline "
            if marker in line:
                self.breaches.append((time.time(), line.split(marker)[1][:20]))

    def wait_ready(self, timeout=600):
        deadline = time.time() + timeout
        while self.ready_at is None and time.time() < deadline:
            time.sleep(0.005)
        return self.ready_at

    def rss_megabytes(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=60)
        self.socket.close()


def fill(database_path, count, near_due, start):
    """Adds `count` leads with one open deadline each; `near_due` of them fall due 4 to 8 s after `start`."""
    connection = sqlite3.connect(database_path)
    connection.execute("PRAGMA journal_mode = WAL")
    now = rfc3339(start)
    connection.execute("BEGIN")
    connection.execute(
        """INSERT INTO leads (identity, email, stage, created_at, updated_at, owner, team, assigned_at)
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
        SELECT 'lead' || i || '@bench.example', 'lead' || i || '@bench.example', 'lead', ?, ?,
            CASE i % 2 WHEN 0 THEN 'ann' ELSE 'ben' END, 'sales', ? FROM n""",
        (count, now, now, now))
    far = [rfc3339(start + timedelta(hours=1, seconds=i * 7 % 2_500_000)) for i in range(1000)]
    near = [rfc3339(start + timedelta(seconds=4 + 4 * i / max(near_due, 1))) for i in range(near_due)]
    rows = []
    for lead_id in range(1, count + 1):
        if lead_id <= near_due:
            due = near[lead_id - 1]
            rows.append((lead_id, now, due, None, 1, due))
        else:
            due = far[lead_id % 1000]
            rows.append((lead_id, now, due, due, 0, due))
        if len(rows) == 100_000:
            insert(connection, rows)
            rows = []
    insert(connection, rows)
    connection.execute("COMMIT")
    connection.close()


def insert(connection, rows):
    connection.executemany(
        """INSERT INTO sla_deadlines (lead_id, owner, team, assigned_at, due_at, warn_at, state, next_step,
            next_fire_at, revision)
        VALUES (?, 'ann', 'sales', ?, ?, ?, 'open', ?, ?, 1)""", rows)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--deadlines", type=int, default=1_000_000)
    parser.add_argument("--near-due", type=int, default=400)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/smarketd"))
    parser.add_argument("--keep", action="store_true", help="keep the state folder for a look afterwards")
    arguments = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="smarketd-sla-bench-")
    with open(os.path.join(folder, "config.yaml"), "w") as config:
        config.write(CONFIG)

    empty = Daemon(arguments.binary, folder)
    empty.wait_ready()
    time.sleep(0.5)
    empty_rss = empty.rss_megabytes()
    empty_ready = empty.ready_at - empty.started_at
    empty.stop()

    print(f"filling {arguments.deadlines:,} pending deadlines ...", flush=True)
    start = datetime.now(timezone.utc) + timedelta(seconds=20)
    fill(os.path.join(folder, "state", "smarketd.db"), arguments.deadlines, arguments.near_due, start)
    while datetime.now(timezone.utc) < start - timedelta(seconds=3):
        time.sleep(0.05)

    loaded = Daemon(arguments.binary, folder)
    loaded.wait_ready()
    ready_seconds = loaded.ready_at - loaded.started_at
    time.sleep(1)
    loaded_rss = loaded.rss_megabytes()
    deadline = time.time() + 30
    while len(loaded.breaches) < arguments.near_due and time.time() < deadline:
        time.sleep(0.05)
    lateness = []
    for arrival, due_text in loaded.breaches:
        due = datetime.strptime(due_text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp()
        lateness.append((arrival - due) * 1000)
    loaded.stop()

    print(f"machine: {os.cpu_count()} cores; binary {arguments.binary}")
    print(f"empty daemon: RSS {empty_rss:.1f} MiB, ready after {empty_ready * 1000:.0f} ms")
    print(f"{arguments.deadlines:,} deadlines: RSS {loaded_rss:.1f} MiB, "
          f"{loaded_rss - empty_rss:.1f} MiB over empty (goal under 100 MB)")
    print(f"restart to READY=1: {ready_seconds:.2f} s (goal under 2 s)")
    print(f"timers fired: {len(lateness)} of {arguments.near_due}; lateness p50 {percentile(lateness, 0.5):.0f} ms, "
          f"p99 {percentile(lateness, 0.99):.0f} ms, max {max(lateness, default=float('nan')):.0f} ms "
          "(goal under 1 s)")
    if arguments.keep:
        print(f"state kept in {folder}")
    else:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()

"""Run smarketd from benchmarks and fault tests: configuration, start, readiness, checks.

Standard library only. The daemon is started with `SMARKETD_LOG=stderr` (journal lines
go to a log file) and with `NOTIFY_SOCKET` pointing at a datagram socket that this
module owns, so `READY=1` tells when start-up is done, as it would tell systemd.
"""

import os
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE_CONFIG = os.path.join(ROOT, "config", "local.yaml")


def smarketd_binary(build="release"):
    """Return the smarketd executable: $SMARKETD_BIN, or .build/BUILD/smarketd."""
    path = os.environ.get("SMARKETD_BIN") or os.path.join(ROOT, ".build", build, "smarketd")
    if not os.access(path, os.X_OK):
        sys.exit(f"smarketd not found at {path}: run `swift build -c {build}` "
                 "or set SMARKETD_BIN")
    return path


def write_config(folder, extra=""):
    """Write config/local.yaml with every `../var/` path moved under FOLDER/var.

    Returns the configuration path. The inboxes are FOLDER/var/spool/smarketd/web
    (leads) and .../activity (events); the state folder is FOLDER/var/lib/smarketd.
    EXTRA is appended to the YAML text, for keys such as `limits`.
    """
    with open(EXAMPLE_CONFIG, encoding="utf-8") as source:
        text = source.read()
    text = text.replace("../var/", os.path.join(folder, "var") + "/")
    if extra:
        text = re.sub(r"^limits:.*?\n(?=\S)", "", text, flags=re.S | re.M) + extra
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "smarketd.yaml")
    with open(path, "w", encoding="utf-8") as output:
        output.write(text)
    for inbox in ("web", "activity"):
        os.makedirs(inbox_path(folder, inbox), exist_ok=True)
    os.makedirs(os.path.join(folder, "var", "lib", "smarketd"), exist_ok=True)
    return path


class FeedCounts:
    """The counts that generate.py prints for a feed it wrote."""

    def __init__(self, line):
        numbers = dict((name, int(value)) for value, name in re.findall(
            r"(\d+) (rows|accepted|rejected|distinct emails|repeats)", line))
        self.rows = numbers["rows"]
        self.rejected = numbers["rejected"]
        self.distinct_emails = numbers["distinct emails"]
        self.repeats = numbers["repeats"]


def generate_in_child(path, *arguments):
    """Write a feed with generate.py in a child process and return its FeedCounts.

    A benchmark that measured peak memory with the feed's emails in its own memory reported
    that memory as the child's: Linux keeps ru_maxrss across fork and exec, so the parent stays
    small by generating in a process of its own.
    """
    generator = os.path.join(os.path.dirname(os.path.abspath(__file__)), "generate.py")
    result = subprocess.run([sys.executable, generator, *arguments, "-o", path],
                            check=True, capture_output=True, text=True)
    return FeedCounts(result.stderr.strip().splitlines()[-1])


def report_goal(tally, strict, label, figure, goal, met):
    """Print FIGURE against GOAL; with STRICT (SMARKETD_BENCH_STRICT=1) a missed goal fails."""
    print(f"{label} {figure} (goal {goal}): {'goal met' if met else 'goal missed'}")
    if strict:
        tally.check(met, f"{label} {goal}", figure)


def inbox_path(folder, name="web"):
    return os.path.join(folder, "var", "spool", "smarketd", name)


def state_path(folder):
    return os.path.join(folder, "var", "lib", "smarketd")


def database_path(folder):
    return os.path.join(state_path(folder), "smarketd.db")


class Daemon:
    """One `smarketd run` child with its log file and a notify socket for READY=1."""

    def __init__(self, config, log_path, environment=None, binary=None):
        self.config = config
        self.log_path = log_path
        self.environment = dict(os.environ, SMARKETD_LOG="stderr")
        self.environment.update(environment or {})
        self.binary = binary or smarketd_binary()
        self.process = None
        self.notify = None
        self.messages = []
        self.messages_changed = threading.Condition()

    def start(self, wait_ready=True, timeout=30.0):
        self.messages = []
        folder = os.path.dirname(self.log_path)
        socket_path = os.path.join(folder, f"notify-{os.getpid()}.sock")
        if os.path.exists(socket_path):
            os.unlink(socket_path)
        self.notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.notify.bind(socket_path)
        self.environment["NOTIFY_SOCKET"] = socket_path
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [self.binary, "--config", self.config, "run"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=self.environment)
        log.close()
        # The kernel queues only net.unix.max_dgram_qlen datagrams (10 by default) and then
        # blocks the sender, so a reader drains the socket as systemd would.
        threading.Thread(target=self._read_notifications, args=(self.notify,),
                         daemon=True).start()
        if wait_ready:
            self.wait_for_message("READY=1", timeout)
        return self

    def _read_notifications(self, notify):
        while True:
            try:
                message = notify.recv(4096).decode(errors="replace")
            except OSError:
                return
            with self.messages_changed:
                self.messages.append(message)
                self.messages_changed.notify_all()

    def wait_for_message(self, text, timeout, after=0):
        """Wait for a sd_notify datagram, from index AFTER on, that contains TEXT.

        Raises RuntimeError when the daemon exits first or TIMEOUT seconds pass.
        """
        deadline = time.monotonic() + timeout
        with self.messages_changed:
            while True:
                if any(text in message for message in self.messages[after:]):
                    return
                if self.process.poll() is not None:
                    raise RuntimeError(f"smarketd exited with {self.process.returncode} "
                                       f"before {text}; see {self.log_path}")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise RuntimeError(f"smarketd sent no {text} within {timeout} s; "
                                       f"see {self.log_path}")
                self.messages_changed.wait(min(remaining, 0.2))

    def kill(self, signal_number=9):
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal_number)

    def stop(self, timeout=30.0):
        """Send SIGTERM and wait; returns the exit status."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.notify:
            path = self.notify.getsockname()
            self.notify.shutdown(socket.SHUT_RDWR)
            self.notify.close()
            self.notify = None
            if path and os.path.exists(path):
                os.unlink(path)
        return self.process.returncode

    def log_text(self):
        with open(self.log_path, encoding="utf-8", errors="replace") as log:
            return log.read()


def drop_file(source_bytes, inbox, name):
    """Write a file under a dot name in INBOX and rename it in, as writers should."""
    temporary = os.path.join(inbox, "." + name + ".part")
    with open(temporary, "wb") as output:
        output.write(source_bytes)
    os.rename(temporary, os.path.join(inbox, name))


def visible_entries(inbox):
    """Return the names in INBOX that the daemon should still take (no dot or .part names)."""
    return [name for name in os.listdir(inbox)
            if not name.startswith(".") and name not in ("processed", "failed")
            and not name.endswith((".tmp", ".part"))]


def wait_until(predicate, timeout, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def query(database, sql, parameters=()):
    """Run a read-only query on the daemon's database and return every row."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


class Tally:
    """PASS/FAIL lines and the closing `N passed, M failed` line."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0

    def check(self, condition, label, detail=""):
        if condition:
            self.passed += 1
            print(f"PASS {self.name}: {label}", flush=True)
        else:
            self.failed += 1
            suffix = f": {detail}" if detail else ""
            print(f"FAIL {self.name}: {label}{suffix}", flush=True)
        return condition

    def finish(self):
        print(f"{self.passed} passed, {self.failed} failed", flush=True)
        sys.exit(1 if self.failed else 0)

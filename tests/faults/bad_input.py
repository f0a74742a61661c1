#!/usr/bin/env python3
"""Fault test: bad files and odd inbox entries each get a clear error; the daemon goes on.

    tests/faults/bad_input.py

Every file of Tests/Fixtures/corpus/bad/ and a generated set (a 5 MB line, NUL bytes,
UTF-16 without a BOM, a gzip bomb, 100,000 columns, invalid UTF-8 in a header, a file
cut off mid-row, a file growing while read, a symbolic link to a file outside the
inbox, a hard link and a FIFO) is put into the inbox of one running daemon, one after
another. For each entry the test prints where it ended and the error text, and checks:

- a regular file leaves the inbox; in failed/ it has a non-empty NAME.error;
- a symbolic link or a FIFO gets a log line that names it, and the file a link
  points to is left unchanged;
- the file growing while read is processed whole once its writer closes it;
- after all of them, the daemon is still running and ingests a good file.
"""

import os
import shutil
import sys
import tempfile
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import harness  # noqa: E402

BAD_CORPUS = os.path.join(ROOT, "Tests", "Fixtures", "corpus", "bad")
HEADER = "Email,First Name,Last Name,Company,Country\n"
# A small unpacked-size cap, so the gzip bomb reaches it in a moment.
LIMITS = ("limits: {max_file_size: 1GiB, max_unpacked_size: 64MiB, max_line_length: 1MiB,\n"
          "         max_columns: 1000}\n")


def rows(count, prefix):
    return "".join(f"{prefix}{number}@contoso.example,Anna,Novak,Contoso GmbH,Germany\n"
                   for number in range(count))


def gzip_bomb(path, unpacked_bytes, fill=b"\0", header=b""):
    """Write a gzip member of HEADER and then FILL bytes up to UNPACKED_BYTES, in 1 MiB steps."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = fill * (1 << 20)
    with open(path, "wb") as output:
        output.write(compressor.compress(header))
        for _ in range(unpacked_bytes >> 20):
            output.write(compressor.compress(block))
        output.write(compressor.flush())


def generated_files(folder):
    """Return (name, bytes) pairs of generated bad files that are plain regular files."""
    good_rows = rows(3, "plain")
    return [
        ("long-line.csv", (HEADER + "a" * (5 * 1000 * 1000) + "\n").encode()),
        ("nul-bytes.csv", (HEADER + rows(2, "nul")).encode().replace(b"Anna", b"An\0na")),
        ("utf16-no-bom.csv", (HEADER + rows(3, "utf16")).encode("utf-16-le")),
        ("columns-100000.csv",
         (",".join(f"column{number}" for number in range(100_000)) + "\n"
          + ",".join("x" for _ in range(100_000)) + "\n").encode()),
        ("bad-utf8-header.csv", b"E\xffmail\xfe,First Name\n" + b"head8@contoso.example,Anna\n"),
        ("truncated-row.csv",
         (HEADER + good_rows + '"cut@contoso.example","An').encode()),
        ("not-gzip.csv.gz", b"\x1f\x8b\x08\x00garbage that is not deflate data"),
        ("empty.ndjson", b""),
        ("bad-json.json", b'[{"Email": "json@contoso.example", "First Name": '),
    ]


def main():
    tally = harness.Tally("bad-input")
    folder = tempfile.mkdtemp(prefix="smarketd-bad-")
    config = harness.write_config(folder, extra=LIMITS)
    inbox = harness.inbox_path(folder)
    outside = os.path.join(folder, "outside")
    os.makedirs(outside)
    daemon = harness.Daemon(config, os.path.join(folder, "smarketd.log")).start()
    try:
        for name in sorted(os.listdir(BAD_CORPUS)):
            with open(os.path.join(BAD_CORPUS, name), "rb") as source:
                data = source.read()
            harness.drop_file(data, inbox, "corpus-" + name)
            check_regular(tally, daemon, inbox, "corpus-" + name)

        for name, data in generated_files(folder):
            harness.drop_file(data, inbox, name)
            check_regular(tally, daemon, inbox, name)

        bomb = os.path.join(outside, ".bomb.csv.gz")
        gzip_bomb(bomb, 1 << 30)
        os.rename(bomb, os.path.join(inbox, "bomb.csv.gz"))
        check_regular(tally, daemon, inbox, "bomb.csv.gz", timeout=60)
        # Blank lines pass the NUL and line checks, so only the unpacked-size cap stops them.
        bomb = os.path.join(outside, ".bomb-lines.csv.gz")
        gzip_bomb(bomb, 1 << 30, fill=b"\n", header=HEADER.encode())
        os.rename(bomb, os.path.join(inbox, "bomb-lines.csv.gz"))
        check_regular(tally, daemon, inbox, "bomb-lines.csv.gz", timeout=120)
        tally.check(outcome(inbox, "bomb-lines.csv.gz") == "failed",
                    "bomb-lines.csv.gz goes to failed/")

        check_growing(tally, daemon, inbox)
        check_hard_link(tally, daemon, inbox, outside)
        check_symbolic_link(tally, daemon, inbox, outside)
        check_fifo(tally, daemon, inbox)

        harness.drop_file((HEADER + rows(2, "after")).encode(), inbox, "good-after.csv")
        arrived = harness.wait_until(
            lambda: os.path.exists(os.path.join(inbox, "processed", "good-after.csv")), 10)
        tally.check(daemon.process.poll() is None, "daemon still running after the bad input")
        tally.check(arrived, "a good file dropped afterwards is processed")
    finally:
        fifo = os.path.join(inbox, "pipe.csv")
        if os.path.exists(fifo):
            os.unlink(fifo)
        time.sleep(0.2)
        daemon.stop()
        if tally.failed:
            print(f"bad-input: kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    tally.finish()


def outcome(inbox, name):
    for place in ("processed", "failed"):
        if os.path.exists(os.path.join(inbox, place, name)):
            return place
    return None


def check_regular(tally, daemon, inbox, name, timeout=15):
    """Wait until NAME leaves the inbox, print where it went, and check its error text."""
    place = None
    if harness.wait_until(lambda: outcome(inbox, name) is not None, timeout):
        place = outcome(inbox, name)
    if not tally.check(place is not None, f"{name} leaves the inbox",
                       f"still in the inbox after {timeout} s"):
        return
    if place == "failed":
        error_path = os.path.join(inbox, "failed", name + ".error")
        text = ""
        if os.path.exists(error_path):
            with open(error_path, encoding="utf-8", errors="replace") as error:
                text = error.read().strip()
        print(f"  {name}: failed/: {text[:200]}")
        tally.check(bool(text), f"{name} has a non-empty {name}.error in failed/")
    else:
        lines = [line for line in daemon.log_text().splitlines() if f"/{name}:" in line]
        print(f"  {name}: processed/: {lines[-1][:200] if lines else '(no log line)'}")


def check_growing(tally, daemon, inbox):
    """Write a file in place over two seconds; it must be taken whole after close."""
    name = "growing.csv"
    count = 200

    def write_slowly():
        with open(os.path.join(inbox, name), "w", encoding="utf-8") as output:
            output.write(HEADER)
            for number in range(count):
                output.write(f"grow{number}@contoso.example,Anna,Novak,Contoso GmbH,Germany\n")
                output.flush()
                if number % 20 == 0:
                    time.sleep(0.2)

    writer = threading.Thread(target=write_slowly)
    writer.start()
    writer.join()
    check_regular(tally, daemon, inbox, name)
    grown = harness.query(harness.database_path(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.dirname(inbox))))),
        "SELECT COUNT(*) FROM leads WHERE email LIKE 'grow%@contoso.example'")[0][0]
    tally.check(grown == count, f"{name}: all {count} rows ingested", f"{grown} leads")


def check_hard_link(tally, daemon, inbox, outside):
    target = os.path.join(outside, "linked.csv")
    with open(target, "w", encoding="utf-8") as output:
        output.write(HEADER + rows(2, "hardlink"))
    os.link(target, os.path.join(inbox, "hard-link.csv"))
    check_regular(tally, daemon, inbox, "hard-link.csv")
    tally.check(outcome(inbox, "hard-link.csv") == "failed", "hard-link.csv goes to failed/")


def log_mentions(daemon, name):
    return [line for line in daemon.log_text().splitlines() if name in line]


def check_symbolic_link(tally, daemon, inbox, outside):
    target = os.path.join(outside, "target.csv")
    content = HEADER + rows(2, "symlink")
    with open(target, "w", encoding="utf-8") as output:
        output.write(content)
    os.symlink(target, os.path.join(inbox, "symbolic-link.csv"))
    found = harness.wait_until(lambda: log_mentions(daemon, "symbolic-link.csv"), 10)
    lines = log_mentions(daemon, "symbolic-link.csv")
    print(f"  symbolic-link.csv: {outcome(inbox, 'symbolic-link.csv') or 'inbox'}: "
          f"{lines[-1][:200] if lines else '(no log line)'}")
    tally.check(bool(found), "symbolic-link.csv gets a log line")
    with open(target, encoding="utf-8") as source:
        tally.check(source.read() == content, "the file a link points to is unchanged")
    leads = harness.query(harness.database_path(os.path.dirname(os.path.dirname(
        os.path.dirname(os.path.dirname(inbox))))),
        "SELECT COUNT(*) FROM leads WHERE email LIKE 'symlink%'")[0][0]
    tally.check(leads == 0, "rows behind a symbolic link are not ingested", f"{leads} leads")


def check_fifo(tally, daemon, inbox):
    os.mkfifo(os.path.join(inbox, "pipe.csv"))
    found = harness.wait_until(lambda: log_mentions(daemon, "pipe.csv"), 10)
    lines = log_mentions(daemon, "pipe.csv")
    print(f"  pipe.csv: {lines[-1][:200] if lines else '(no log line)'}")
    tally.check(bool(found), "a FIFO gets a log line")


if __name__ == "__main__":
    main()

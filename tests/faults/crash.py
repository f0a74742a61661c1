#!/usr/bin/env python3
"""Fault test: SIGKILL the daemon at random moments and check that every row lands once.

    tests/faults/crash.py                  # 150 kills
    SMARKETD_FAULT_KILLS=100 tests/faults/crash.py

The daemon runs with SMARKETD_FAULT=chunk-rows=50, so most files commit in several
chunks. Each round starts the daemon, waits for READY=1, drops one to three new
files (CSV, TSV, NDJSON or JSON, 1 to 2,000 rows, with repeats of earlier emails
across files and rejected rows), and now and then a copy of an earlier file under a
new name, then kills the daemon with SIGKILL after a random 0-250 ms. A last run
drains the inbox. The checks then compare the database with what was written:

- every file is in processed/, none in failed/ and none left in the inbox;
- each file's row in `files` is `done` with the accepted, rejected and row counts
  written, and a copy dropped again adds no row;
- the leads are exactly the distinct emails written, and the leads created over
  all files add up to that number (a chunk applied twice would raise it);
- the `rejects` rows per file match the rejected rows written, and one rejects file
  per content lists them;
- tasks and open SLA deadlines are not doubled per lead (checked when the tables
  have rows, that is once the rules engine creates them).
"""

import hashlib
import io
import os
import random
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "bench"))
import harness  # noqa: E402
from generate import FeedSummary, LeadGenerator, render_rows  # noqa: E402

FORMATS = [("csv", ".csv"), ("tsv", ".tsv"), ("ndjson", ".ndjson"), ("json", ".json")]


class FeedMaker:
    """Make feed files from one generator, so later files repeat emails of earlier ones."""

    def __init__(self, seed):
        self.random = random.Random(seed)
        self.generator = LeadGenerator(seed=seed, repeat_rate=0.2, reject_rate=0.05)
        self.number = 0

    def next_file(self):
        roll = self.random.random()
        rows = (self.random.randint(1, 20) if roll < 0.4 else
                self.random.randint(50, 400) if roll < 0.9 else
                self.random.randint(1000, 2000))
        kind, extension = self.random.choice(FORMATS)
        summary = FeedSummary()
        leads = []
        for _ in range(rows):
            lead = self.generator.next_lead()
            leads.append(lead)
            summary.rows += 1
            if lead.email is None:
                summary.rejected += 1
            else:
                summary.accepted += 1
                summary.emails.add(lead.email)
        data = "".join(render_rows(kind, leads)).encode("utf-8")
        self.number += 1
        return f"feed-{self.number:04d}{extension}", data, summary


def main():
    kills = int(os.environ.get("SMARKETD_FAULT_KILLS", "150"))
    seed = int(os.environ.get("SMARKETD_FAULT_SEED", str(int(time.time()))))
    print(f"crash: {kills} kills, seed {seed}")
    rng = random.Random(seed)
    tally = harness.Tally("crash")
    folder = tempfile.mkdtemp(prefix="smarketd-crash-")
    config = harness.write_config(folder)
    inbox = harness.inbox_path(folder)
    log_path = os.path.join(folder, "smarketd.log")
    environment = {"SMARKETD_FAULT": "chunk-rows=50"}
    maker = FeedMaker(seed)
    written = {}       # name -> (digest, summary)
    copies = []        # names of files whose content was dropped before under another name
    all_emails = set()
    started = time.monotonic()
    daemon = None
    try:
        for _ in range(kills):
            daemon = harness.Daemon(config, log_path, environment)
            daemon.start()
            for _ in range(rng.randint(1, 3)):
                name, data, summary = maker.next_file()
                written[name] = (hashlib.sha256(data).hexdigest(), summary)
                all_emails |= summary.emails
                harness.drop_file(data, inbox, name)
            if written and rng.random() < 0.05:
                original = rng.choice(sorted(written))
                copy_name = "copy-of-" + original
                if copy_name not in written and copy_name not in copies:
                    with open(os.path.join(inbox_or_processed(inbox, original)), "rb") as source:
                        harness.drop_file(source.read(), inbox, copy_name)
                    copies.append(copy_name)
            time.sleep(rng.uniform(0, 0.25))
            daemon.kill()
            daemon.process.wait()
            daemon.stop()

        daemon = harness.Daemon(config, log_path, environment).start()
        drained = harness.wait_until(lambda: not harness.visible_entries(inbox), 300, 0.1)
        status = daemon.stop()
        print(f"crash: {kills} kills and the final drain took {time.monotonic() - started:.0f} s")
        tally.check(drained, "inbox drained after the last restart",
                    f"left: {harness.visible_entries(inbox)[:5]}")
        tally.check(status == 0, "last daemon exits 0 on SIGTERM", f"exit {status}")
        check_folders(tally, inbox, list(written) + copies)
        check_database(tally, harness.database_path(folder), written, all_emails)
        check_rejects_files(tally, inbox, written, copies)
    except Exception as error:  # noqa: BLE001 - any harness error is one failed check
        tally.check(False, "test ran to the end", repr(error))
    finally:
        if daemon:
            daemon.stop()
        if tally.failed or os.environ.get("SMARKETD_FAULT_KEEP") == "1":
            print(f"crash: kept {folder} (log: {log_path})")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    tally.finish()


def inbox_or_processed(inbox, name):
    """Return the path of NAME in the inbox, or in processed/ once the daemon moved it."""
    for candidate in (os.path.join(inbox, name), os.path.join(inbox, "processed", name)):
        if os.path.exists(candidate):
            return candidate
    raise FileNotFoundError(f"{name} is neither in {inbox} nor in its processed/ folder")


def check_folders(tally, inbox, names):
    processed = set(os.listdir(os.path.join(inbox, "processed")))
    failed_folder = os.path.join(inbox, "failed")
    failed = set(os.listdir(failed_folder)) if os.path.isdir(failed_folder) else set()
    missing = [name for name in names if name not in processed]
    tally.check(not missing, f"all {len(names)} files in processed/", f"missing: {missing[:5]}")
    tally.check(not failed, "no file in failed/", f"failed: {sorted(failed)[:5]}")
    tally.check(not harness.visible_entries(inbox), "no file left in the inbox")
    extra = sorted(name for name in processed
                   if name not in names and not name.endswith(".rejects.csv"))
    tally.check(not extra, "no unexpected names in processed/", f"extra: {extra[:5]}")


def check_rejects_files(tally, inbox, written, copies):
    """Compare the data lines of each NAME.rejects.csv with the rejected rows written.

    A copy and its original share one content, which is ingested under whichever name the
    daemon took first; that name alone gets the rejects file.
    """
    by_content = {}
    for name, (digest, summary) in sorted(written.items()):
        by_content.setdefault(digest, (summary, []))[1].append(name)
    for copy in copies:
        digest = written[copy[len("copy-of-"):]][0]
        by_content[digest][1].append(copy)
    wrong = []
    for summary, names in by_content.values():
        counts = {}
        for name in names:
            path = os.path.join(inbox, "processed", name + ".rejects.csv")
            if os.path.exists(path):
                with open(path, encoding="utf-8", errors="replace") as rejects:
                    counts[name] = max(0, sum(1 for _ in rejects) - 1)
        expected = {} if summary.rejected == 0 else None
        if expected == {} and counts:
            wrong.append(f"{names}: rejects files {counts} for a file without rejected rows")
        elif expected is None and sorted(counts.values()) != [summary.rejected]:
            wrong.append(f"{names}: rejects files {counts} for {summary.rejected} rejected rows")
    tally.check(not wrong, "each rejects file lists its rejected rows once", "; ".join(wrong[:3]))


def check_database(tally, database, written, all_emails):
    rows = harness.query(database, "SELECT digest, name, state, records_done, accepted, "
                                   "rejected, leads_created, id FROM files")
    by_digest = {row[0]: row for row in rows}
    tally.check(len(rows) == len(written), "one files row per distinct content",
                f"{len(rows)} rows for {len(written)} files")
    wrong = []
    for name, (digest, summary) in sorted(written.items()):
        row = by_digest.get(digest)
        expected = ("done", summary.rows, summary.accepted, summary.rejected)
        if row is None or (row[2], row[3], row[4], row[5]) != expected:
            wrong.append(f"{name}: expected {expected}, found {row and row[2:6]}")
    tally.check(not wrong, "per-file state and counts match the generator",
                "; ".join(wrong[:3]))

    lead_emails = {row[0] for row in harness.query(database, "SELECT email FROM leads")}
    tally.check(lead_emails == all_emails, "leads are exactly the distinct emails written",
                f"{len(lead_emails - all_emails)} extra, {len(all_emails - lead_emails)} missing")
    created = sum(row[6] for row in rows)
    tally.check(created == len(all_emails), "leads created add up to the distinct emails",
                f"{created} created for {len(all_emails)} emails")

    reject_counts = dict(harness.query(database,
                                       "SELECT file_id, COUNT(*) FROM rejects GROUP BY file_id"))
    wrong_rejects = [f"{row[1]}: {reject_counts.get(row[7], 0)} rejects rows, {row[5]} rejected"
                     for row in rows if reject_counts.get(row[7], 0) != row[5]]
    tally.check(not wrong_rejects, "rejects rows match rejected counts",
                "; ".join(wrong_rejects[:3]))

    for table, condition in (("tasks", ""), ("sla_deadlines", "WHERE state = 'open'")):
        if harness.query(database, f"SELECT COUNT(*) FROM {table}")[0][0] == 0:
            print(f"crash: {table} is empty, so its doubling check is skipped")
            continue
        doubled = harness.query(database, f"SELECT lead_id, COUNT(*) FROM {table} {condition} "
                                          "GROUP BY lead_id HAVING COUNT(*) > 1")
        tally.check(not doubled, f"no lead with two {table} rows", f"{doubled[:5]}")


if __name__ == "__main__":
    main()

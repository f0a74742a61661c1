#!/usr/bin/env python3
"""The write floor of an import: the time SQLite alone needs to store what smarketd stored.

`copy_rows` takes the database of a finished `smarketd import` and copies its rows, table by
table in rowid order, into an empty database with the same schema, indexes and triggers, in one
transaction with smarketd's own settings (WAL, synchronous=FULL, foreign keys, an 8 MiB page
cache, a checkpoint every 10,000 pages). It does no CSV reading, no normalizing, no lookups and
no decisions, and it writes each row once with its final values, in the order that suits each
b-tree best. An import that stores the same rows through SQLite with the same settings is
unlikely to be faster, so a goal below the floor is out of reach for that data, whatever the
engine does.

`rep_load` is not copied: its triggers fill it from the copied leads and deadlines, as they do
in smarketd, and the copy checks that they end with the same counts. Other tables that a trigger
writes into (`counters` counts failed files) are copied with `INSERT OR REPLACE`, so the stored
value wins over the one the trigger wrote while the files were copied.

Run alone, it copies a kept database (`SMARKETD_BENCH_KEEP=1 bench/ingest.py` keeps its work
folder) and can vary the settings that the floor depends on, one run at a time:

    bench/write_floor.py SOURCE.db TARGET.db [--journal wal|delete] [--cache-kib N]
                         [--secure-delete on|off] [--foreign-keys on|off]
"""

import argparse
import os
import re
import sqlite3
import subprocess
import sys
import time


def settings(journal="wal", cache_kib=8192, secure_delete=None, foreign_keys=True):
    """Return the PRAGMA lines of the copy; the defaults are smarketd's writer (Database+Schema.swift).

    SECURE_DELETE None keeps the SQLite build's default, as smarketd does (Debian's is on).
    """
    lines = [f"PRAGMA journal_mode = {journal.upper()};", "PRAGMA synchronous = FULL;",
             f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'};", f"PRAGMA cache_size = -{cache_kib};",
             "PRAGMA wal_autocheckpoint = 10000;"]
    if secure_delete is not None:
        lines.append(f"PRAGMA secure_delete = {'ON' if secure_delete else 'OFF'};")
    return "\n".join(lines) + "\n"


SETTINGS = settings()

# Filled by the triggers on leads and sla_deadlines instead of being copied.
DERIVED_TABLES = {"rep_load"}


class Floor:
    """The time and row count of one copy, whether the triggers rebuilt `rep_load` alike, and the
    seconds of each table's copy and of the commit."""

    def __init__(self, seconds, rows, derived_match, table_seconds):
        self.seconds = seconds
        self.rows = rows
        self.derived_match = derived_match
        self.table_seconds = table_seconds

    def by_table(self, shortest=0.0):
        """Return the tables and the commit, slowest first, as `name 1.23 s`, leaving out those under SHORTEST
        seconds."""
        slowest = sorted(self.table_seconds.items(), key=lambda entry: -entry[1])
        return ", ".join(f"{name} {spent:.2f} s" for name, spent in slowest if spent >= shortest)


def schema_statements(database):
    """Return DATABASE's CREATE statements (tables first), its tables with every table after those its
    foreign keys refer to, and the tables triggers write."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
        parents = {name: {row[2] for row in connection.execute(f'PRAGMA foreign_key_list("{name}")')} - {name}
                   for kind, name, _ in rows if kind == "table"}
    finally:
        connection.close()
    order = {"table": 0, "index": 1, "trigger": 2, "view": 3}
    ordered = sorted(rows, key=lambda row: order.get(row[0], 4))
    tables = parents_first(parents)
    trigger_targets = {target for kind, _, sql in ordered if kind == "trigger"
                       for target in re.findall(r"INSERT INTO (\w+)", sql)}
    return [sql for _, _, sql in ordered], tables, trigger_targets


def parents_first(parents):
    """Order the tables of PARENTS (table -> tables its foreign keys refer to) so that each comes after
    its parents, and otherwise in the given order. A table copied before its parent fails its foreign
    key, and a schema step that rebuilds a table (`events`) moves it to the end of `sqlite_master`."""
    placed = []
    while len(placed) < len(parents):
        ready = [table for table in parents if table not in placed and parents[table] <= set(placed)]
        if not ready:
            raise RuntimeError(f"write floor copy failed: the foreign keys of {sorted(set(parents) - set(placed))} "
                               "refer to each other in a cycle, so no table order satisfies them")
        placed.append(ready[0])
    return placed


def row_counts(database, tables):
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for table in tables}
    finally:
        connection.close()


def copy_rows(source, target, pragmas=None):
    """Copy SOURCE's rows into a new database at TARGET with the sqlite3 shell; return a Floor.

    PRAGMAS, from `settings()`, replace smarketd's settings.

    Only the copy is timed: the empty schema is created first, in a run of its own.
    """
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    statements, tables, trigger_targets = schema_statements(source)
    subprocess.run(["sqlite3", target], input=";\n".join(statements) + ";\n", text=True, check=True)

    copied = [table for table in tables if table not in DERIVED_TABLES]
    # `.timer on` makes the shell print one "Run Time:" line per statement after it, so each copy
    # and the commit get their own time.
    script = (pragmas or SETTINGS) + f"ATTACH '{source}' AS source;\nBEGIN;\n.timer on\n"
    for table in copied:
        verb = "INSERT OR REPLACE" if table in trigger_targets else "INSERT"
        script += f'{verb} INTO main."{table}" SELECT * FROM source."{table}" ORDER BY rowid;\n'
    script += "COMMIT;\n"

    start = time.monotonic()
    result = subprocess.run(["sqlite3", target], input=script, text=True, check=True, capture_output=True)
    seconds = time.monotonic() - start
    timings = [float(line.split()[3]) for line in result.stdout.splitlines() if line.startswith("Run Time:")]
    if len(timings) != len(copied) + 1:
        raise RuntimeError(f"write floor copy failed: expected {len(copied) + 1} statement times from "
                           f"the sqlite3 shell, got {len(timings)}")
    table_seconds = dict(zip(copied + ["COMMIT"], timings))

    source_counts = row_counts(source, tables)
    target_counts = row_counts(target, tables)
    if source_counts != target_counts:
        raise RuntimeError(f"write floor copy failed: the copy contains {target_counts} rows, "
                           f"the source {source_counts}")
    derived_match = all(_table_rows(source, table) == _table_rows(target, table)
                        for table in DERIVED_TABLES if table in tables)
    return Floor(seconds, sum(source_counts[table] for table in copied), derived_match, table_seconds)


def _table_rows(database, table):
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall())
    finally:
        connection.close()


def main():
    parser = argparse.ArgumentParser(description="Time the write floor: copy a finished smarketd "
                                     "database's rows into an empty database with the same schema.")
    parser.add_argument("source", help="the database of a finished import (read only)")
    parser.add_argument("target", help="the new database; an existing file there is replaced")
    parser.add_argument("--journal", choices=["wal", "delete"], default="wal")
    parser.add_argument("--cache-kib", type=int, default=8192, help="page cache in KiB (default 8192)")
    parser.add_argument("--secure-delete", choices=["on", "off"], help="default: the SQLite build's")
    parser.add_argument("--foreign-keys", choices=["on", "off"], default="on")
    options = parser.parse_args()
    if not os.path.isfile(options.source):
        sys.exit(f"write_floor: {options.source} is not a file: give the database of a finished import")
    pragmas = settings(options.journal, options.cache_kib,
                       None if options.secure_delete is None else options.secure_delete == "on",
                       options.foreign_keys == "on")
    copy = copy_rows(options.source, options.target, pragmas)
    print(f"write floor: {copy.rows:,} rows copied in {copy.seconds:.2f} s")
    print("by table: " + copy.by_table(shortest=0.005))
    if not copy.derived_match:
        sys.exit("write_floor: the triggers did not rebuild the same rep_load as the source's")


if __name__ == "__main__":
    main()

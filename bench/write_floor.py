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
"""

import os
import re
import sqlite3
import subprocess
import time

# The settings of smarketd's writer (Database+Schema.swift).
SETTINGS = """\
PRAGMA journal_mode = WAL;
PRAGMA synchronous = FULL;
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -8192;
PRAGMA wal_autocheckpoint = 10000;
"""

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


def schema_statements(database):
    """Return DATABASE's CREATE statements (tables first), its tables, and the tables triggers write."""
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT type, name, sql FROM sqlite_master "
            "WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
    finally:
        connection.close()
    order = {"table": 0, "index": 1, "trigger": 2, "view": 3}
    ordered = sorted(rows, key=lambda row: order.get(row[0], 4))
    tables = [name for kind, name, _ in ordered if kind == "table"]
    trigger_targets = {target for kind, _, sql in ordered if kind == "trigger"
                       for target in re.findall(r"INSERT INTO (\w+)", sql)}
    return [sql for _, _, sql in ordered], tables, trigger_targets


def row_counts(database, tables):
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return {table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for table in tables}
    finally:
        connection.close()


def copy_rows(source, target):
    """Copy SOURCE's rows into a new database at TARGET with the sqlite3 shell; return a Floor.

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
    script = SETTINGS + f"ATTACH '{source}' AS source;\nBEGIN;\n.timer on\n"
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

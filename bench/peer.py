#!/usr/bin/env python3
"""Ingest a lead CSV into SQLite the plain way, as the peer that smarketd is compared with.

Standard library only (csv, sqlite3, re). It does the per-lead work of smarketd's
pipeline with the example rules of config/local.yaml, in one transaction:
normalize email, phone and country, merge repeats into one row per email, score the
job title, route round robin within the team the country picks, and create one task
and one SLA deadline per new lead.

    peer.py FEED.csv DATABASE
"""

import csv
import re
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

COUNTRY_CODES = {
    "germany": "DE", "deutschland": "DE", "de": "DE", "austria": "AT", "österreich": "AT",
    "at": "AT", "switzerland": "CH", "schweiz": "CH", "ch": "CH", "france": "FR", "fr": "FR",
    "united kingdom": "GB", "uk": "GB", "gb": "GB", "netherlands": "NL", "nl": "NL",
    "spain": "ES", "españa": "ES", "es": "ES", "italy": "IT", "it": "IT", "poland": "PL",
    "pl": "PL", "ireland": "IE", "ie": "IE", "united states": "US", "usa": "US", "us": "US",
    "sweden": "SE", "se": "SE", "denmark": "DK", "dk": "DK",
}
TEAMS = {"dach": ["alice", "bob"], "emea": ["dave", "erin"]}
SENIOR_TITLE = re.compile(r"(?i)\b(head|director|vp|chief)\b")
EMAIL_SHAPE = re.compile(r"^[^@\s,;<>()\[\]\\\"]+@[^@\s.]+(\.[^@\s.]+)+$")

SCHEMA = """
CREATE TABLE leads (id INTEGER PRIMARY KEY, email TEXT UNIQUE, phone TEXT, first_name TEXT,
    last_name TEXT, company TEXT, job_title TEXT, country TEXT, source TEXT, campaign TEXT,
    form TEXT, score REAL NOT NULL DEFAULT 0, owner TEXT, created_at TEXT, updated_at TEXT);
CREATE TABLE tasks (id INTEGER PRIMARY KEY, lead_id INTEGER, owner TEXT, title TEXT,
    type TEXT, due_at TEXT, state TEXT);
CREATE TABLE sla_deadlines (id INTEGER PRIMARY KEY, lead_id INTEGER, owner TEXT,
    assigned_at TEXT, due_at TEXT, state TEXT);
CREATE TABLE rejects (id INTEGER PRIMARY KEY, line INTEGER, reason TEXT);
"""


def normalize_email(value):
    address = value.strip().lower()
    return address if EMAIL_SHAPE.match(address) else None


def normalize_phone(value):
    digits = re.sub(r"[^\d+]", "", value)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    return digits if digits.startswith("+") and 8 <= len(digits) <= 16 else None


def main():
    feed_path, database_path = sys.argv[1], sys.argv[2]
    database = sqlite3.connect(database_path, isolation_level=None)
    database.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + SCHEMA)
    now = datetime.now(timezone.utc)
    stamp = now.isoformat(timespec="seconds")
    task_due = (now + timedelta(hours=4)).isoformat(timespec="seconds")
    sla_due = (now + timedelta(hours=24)).isoformat(timespec="seconds")
    rotation = {team: 0 for team in TEAMS}
    created = merged = rejected = 0

    database.execute("BEGIN")
    with open(feed_path, newline="", encoding="utf-8-sig") as feed:
        reader = csv.DictReader(feed)
        for line, row in enumerate(reader, start=2):
            email = normalize_email(row.get("Email", ""))
            phone = normalize_phone(row.get("Phone", ""))
            if email is None and phone is None:
                database.execute("INSERT INTO rejects (line, reason) VALUES (?, ?)",
                                 (line, "no valid email or phone"))
                rejected += 1
                continue
            country = COUNTRY_CODES.get(row.get("Country", "").strip().lower())
            title = row.get("Job Title", "")
            score = 20 if SENIOR_TITLE.search(title) else 0
            fields = (phone, row.get("First Name"), row.get("Last Name"), row.get("Company"),
                      title, country, row.get("Source"), row.get("Campaign"), row.get("Form"),
                      score, stamp)
            existing = database.execute("SELECT id FROM leads WHERE email = ?",
                                        (email,)).fetchone()
            if existing:
                database.execute(
                    "UPDATE leads SET phone=?, first_name=?, last_name=?, company=?, job_title=?,"
                    " country=?, source=?, campaign=?, form=?, score=?, updated_at=? WHERE id=?",
                    fields + (existing[0],))
                merged += 1
                continue
            team = "dach" if country in ("DE", "AT", "CH") else "emea"
            reps = TEAMS[team]
            owner = reps[rotation[team] % len(reps)]
            rotation[team] += 1
            cursor = database.execute(
                "INSERT INTO leads (phone, first_name, last_name, company, job_title, country,"
                " source, campaign, form, score, updated_at, email, owner, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                fields + (email, owner, stamp))
            lead_id = cursor.lastrowid
            database.execute(
                "INSERT INTO tasks (lead_id, owner, title, type, due_at, state)"
                " VALUES (?, ?, ?, 'call', ?, 'open')",
                (lead_id, owner, f"Call {row.get('First Name')} at {row.get('Company')}",
                 task_due))
            database.execute(
                "INSERT INTO sla_deadlines (lead_id, owner, assigned_at, due_at, state)"
                " VALUES (?, ?, ?, ?, 'open')", (lead_id, owner, stamp, sla_due))
            created += 1
    database.execute("COMMIT")
    database.close()
    print(f"peer: {created} created, {merged} merged, {rejected} rejected", file=sys.stderr)


if __name__ == "__main__":
    main()

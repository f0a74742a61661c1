#!/usr/bin/env python3
"""Generate realistic lead feed files for benchmarks and fault tests.

Standard library only. The same seed and arguments give the same bytes. Every email
and website uses a `.example` domain, so no generated address can reach a real person.

    generate.py --leads 1000000 --repeat-rate 0.1 --format csv -o leads.csv
    generate.py --leads 5000 --format ndjson --gzip -o leads.ndjson.gz
    generate.py --size 1GiB --format csv -o big.csv

Other scripts import `LeadGenerator` and `write_feed` to know exactly which rows a
file holds: `write_feed` returns a `FeedSummary` with the accepted emails.
"""

import argparse
import csv
import gzip
import io
import json
import random
import sys
from dataclasses import dataclass, field

FIRST_NAMES = [
    "Anna", "Jonas", "Lea", "Lukas", "Mia", "Finn", "Emma", "Paul", "Sofia", "Felix",
    "Hannah", "Noah", "Marie", "Elias", "Laura", "Ben", "Julia", "Leon", "Clara", "David",
    "Olivia", "James", "Amelia", "Oliver", "Chloe", "Lucas", "Camille", "Hugo", "Inès",
    "Louis", "Giulia", "Marco", "Chiara", "Luca", "Sara", "Mateo", "Lucía", "Pablo",
    "Zoé", "Jörg", "Søren", "Agnieszka", "Piotr", "Aoife", "Seán", "Kateřina", "Tomáš",
    "Fatima", "Omar", "Priya", "Arjun", "Mei", "Wei", "Yuki", "Haruto", "Chidi", "Ngozi",
]
LAST_NAMES = [
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
    "Hoffmann", "Novak", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
    "Martin", "Bernard", "Dubois", "Durand", "Rossi", "Russo", "Ferrari", "García",
    "Fernández", "López", "Kowalski", "Nowak", "Jensen", "Nielsen", "O'Brien", "Murphy",
    "Svoboda", "Dvořák", "Khan", "Patel", "Sharma", "Wang", "Li", "Tanaka", "Sato",
    "Okafor", "Adeyemi", "van der Berg", "de Vries", "Janssen",
]
COMPANIES = [
    ("Contoso", "GmbH"), ("Fabrikam", "AG"), ("Northwind Traders", "Ltd"),
    ("Wide World Importers", "Inc"), ("Proseware", "SA"), ("Adventure Works", "LLC"),
    ("Tailspin Toys", "GmbH"), ("Litware", "Inc"), ("Woodgrove Bank", "plc"),
    ("Lucerne Publishing", "AG"), ("Fourth Coffee", "Ltd"), ("Alpine Ski House", "GmbH"),
    ("Blue Yonder Airlines", "SE"), ("Coho Winery", "SARL"), ("Margie's Travel", "BV"),
    ("Trey Research", "Inc"), ("VanArsdel", "Ltd"), ("Wingtip Toys", "AB"),
    ("Graphic Design Institute", "eV"), ("Humongous Insurance", "SpA"),
    ("School of Fine Art", "Oy"), ("City Power & Light", "AS"), ("Consolidated Messenger", "SL"),
]
JOB_TITLES = [
    "Head of Marketing", "Marketing Manager", "VP Sales", "Sales Director",
    "Chief Technology Officer", "CTO", "Software Engineer", "Student", "Office Manager",
    "Director of Operations", "Procurement Lead", "IT Administrator", "Founder & CEO",
    "Chief Financial Officer", "Account Executive", "Consultant", "Data Analyst",
    "Head of IT", "Product Manager", "Werkstudent", "Geschäftsführer", "Einkaufsleiter",
]
# (how the country is written in feeds, ISO code, calling code, national digits)
COUNTRIES = [
    ("Germany", "DE", "49", 10), ("Deutschland", "DE", "49", 10), ("DE", "DE", "49", 10),
    ("Austria", "AT", "43", 10), ("Österreich", "AT", "43", 10), ("Switzerland", "CH", "41", 9),
    ("Schweiz", "CH", "41", 9), ("France", "FR", "33", 9), ("United Kingdom", "GB", "44", 10),
    ("UK", "GB", "44", 10), ("Netherlands", "NL", "31", 9), ("Spain", "ES", "34", 9),
    ("España", "ES", "34", 9), ("Italy", "IT", "39", 10), ("Poland", "PL", "48", 9),
    ("Ireland", "IE", "353", 9), ("United States", "US", "1", 10), ("USA", "US", "1", 10),
    ("Sweden", "SE", "46", 9), ("Denmark", "DK", "45", 8),
]
SOURCES = ["website", "linkedin", "meta", "google_ads", "webinar", "partner", "trade_show"]
CAMPAIGNS = ["spring-launch", "q4-retarget", "demo-week", "whitepaper-2026", "newsletter", ""]
FORMS = ["contact", "demo", "newsletter", "download", "pricing"]

COLUMNS = [
    "Email", "First Name", "Last Name", "Company", "Job Title", "Phone", "Country",
    "Source", "Campaign", "Form", "Created At",
]


def ascii_slug(text):
    """Return TEXT in lower-case ASCII letters and digits, for email local parts and domains."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e",
                           "ø": "o", "ř": "r", "á": "a", "í": "i", "ó": "o", "ú": "u",
                           "ě": "e", "š": "s", "č": "c", "ñ": "n", "'": "", "&": "and"})
    lowered = text.lower().translate(table)
    return "".join(ch for ch in lowered if ch.isascii() and ch.isalnum())


@dataclass
class Lead:
    """One generated row; `email` is None for a row the daemon must reject."""
    values: dict
    email: str | None


@dataclass
class FeedSummary:
    """What a written feed holds: row counts and the normalized emails of accepted rows."""
    rows: int = 0
    accepted: int = 0
    rejected: int = 0
    repeats: int = 0
    emails: set = field(default_factory=set)
    bytes_written: int = 0


class LeadGenerator:
    """Produce lead rows: new people, repeats of earlier emails, and rejected rows.

    `start` offsets the running number in every new email, so feeds made with
    different starts never share an address.
    """

    def __init__(self, seed=1, repeat_rate=0.0, reject_rate=0.0, start=0):
        self.random = random.Random(seed)
        self.repeat_rate = repeat_rate
        self.reject_rate = reject_rate
        self.next_number = start
        self.earlier = []

    def new_lead(self):
        rng = self.random
        first = rng.choice(FIRST_NAMES)
        last = rng.choice(LAST_NAMES)
        company, suffix = rng.choice(COMPANIES)
        domain = ascii_slug(company) + ".example"
        number = self.next_number
        self.next_number += 1
        email = f"{ascii_slug(first)}.{ascii_slug(last)}{number}@{domain}"
        country, _, calling, digits = rng.choice(COUNTRIES)
        national = "".join(str(rng.randrange(10)) for _ in range(digits))
        phone = f"+{calling} {national[:3]} {national[3:]}"
        created = (f"2026-{rng.randrange(1, 12):02d}-{rng.randrange(1, 29):02d} "
                   f"{rng.randrange(24):02d}:{rng.randrange(60):02d}")
        values = {
            "Email": email if rng.random() > 0.05 else email.upper(),
            "First Name": first,
            "Last Name": last,
            "Company": f"{company} {suffix}",
            "Job Title": rng.choice(JOB_TITLES),
            "Phone": phone,
            "Country": country,
            "Source": rng.choice(SOURCES),
            "Campaign": rng.choice(CAMPAIGNS),
            "Form": rng.choice(FORMS),
            "Created At": created,
        }
        if len(self.earlier) < 200_000:
            self.earlier.append(values)
        else:
            self.earlier[rng.randrange(len(self.earlier))] = values
        return Lead(values, email)

    def repeat_lead(self):
        """Return an earlier person with a new job title, phone or campaign."""
        rng = self.random
        values = dict(rng.choice(self.earlier))
        changed = rng.choice(["Job Title", "Campaign", "Phone", "Company"])
        if changed == "Job Title":
            values["Job Title"] = rng.choice(JOB_TITLES)
        elif changed == "Campaign":
            values["Campaign"] = rng.choice(CAMPAIGNS)
        elif changed == "Phone":
            values["Phone"] = values["Phone"][:-2] + f"{rng.randrange(100):02d}"
        else:
            values["Company"] = values["Company"].upper()
        return Lead(values, values["Email"].lower())

    def rejected_lead(self):
        """Return a row with neither a valid email nor a phone number."""
        rng = self.random
        values = {column: "" for column in COLUMNS}
        values["First Name"] = rng.choice(FIRST_NAMES)
        values["Last Name"] = rng.choice(LAST_NAMES)
        values["Email"] = rng.choice(["", "not-an-email", "n/a", "someone@localhost"])
        values["Phone"] = rng.choice(["", "n/a", "12"])
        values["Company"] = "Unknown"
        return Lead(values, None)

    def next_lead(self):
        roll = self.random.random()
        if roll < self.reject_rate:
            return self.rejected_lead()
        if self.earlier and roll < self.reject_rate + self.repeat_rate:
            return self.repeat_lead()
        return self.new_lead()


def render_rows(kind, leads):
    """Yield the feed's text in pieces: the header first, then one piece per row."""
    if kind in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if kind == "csv" else "\t",
                            lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(COLUMNS)
        yield buffer.getvalue()
        for lead in leads:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow([lead.values[column] for column in COLUMNS])
            yield buffer.getvalue()
    elif kind == "ndjson":
        for lead in leads:
            yield json.dumps(lead.values, ensure_ascii=False) + "\n"
    elif kind == "json":
        yield "[\n"
        first = True
        for lead in leads:
            yield ("" if first else ",\n") + json.dumps(lead.values, ensure_ascii=False)
            first = False
        yield "\n]\n"
    else:
        raise ValueError(f"unknown format {kind!r}: use csv, tsv, ndjson or json")


def write_feed(path, kind="csv", leads=1000, size=None, seed=1, repeat_rate=0.0,
               reject_rate=0.0, start=0, compress=False):
    """Write a feed to PATH and return its FeedSummary.

    With SIZE (bytes), rows are written until the file holds at least that many
    bytes before compression, and LEADS is ignored.
    """
    generator = LeadGenerator(seed=seed, repeat_rate=repeat_rate,
                              reject_rate=reject_rate, start=start)
    summary = FeedSummary()

    def leads_to_write():
        while size is not None or summary.rows < leads:
            if size is not None and summary.bytes_written >= size:
                return
            lead = generator.next_lead()
            summary.rows += 1
            if lead.email is None:
                summary.rejected += 1
            else:
                summary.accepted += 1
                if lead.email in summary.emails:
                    summary.repeats += 1
                summary.emails.add(lead.email)
            yield lead

    opener = gzip.open if compress else open
    with opener(path, "wb") as output:
        pending = []
        pending_bytes = 0
        for piece in render_rows(kind, leads_to_write()):
            data = piece.encode("utf-8")
            summary.bytes_written += len(data)
            pending.append(data)
            pending_bytes += len(data)
            if pending_bytes >= 1 << 20:
                output.write(b"".join(pending))
                pending.clear()
                pending_bytes = 0
        output.write(b"".join(pending))
    return summary


def parse_size(text):
    units = {"k": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mib": 1 << 20,
             "g": 1 << 30, "gib": 1 << 30}
    lowered = text.strip().lower()
    for unit, factor in sorted(units.items(), key=lambda item: -len(item[0])):
        if lowered.endswith(unit):
            return int(float(lowered[: -len(unit)]) * factor)
    return int(lowered)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=1000, help="number of rows (default 1000)")
    parser.add_argument("--size", type=parse_size,
                        help="write rows until the uncompressed text reaches this size "
                             "(bytes, or with KiB, MiB, GiB); overrides --leads")
    parser.add_argument("--repeat-rate", type=float, default=0.0,
                        help="share of rows that repeat an earlier email with changed fields")
    parser.add_argument("--reject-rate", type=float, default=0.0,
                        help="share of rows with neither a valid email nor a phone number")
    parser.add_argument("--format", choices=["csv", "tsv", "ndjson", "json"], default="csv")
    parser.add_argument("--gzip", action="store_true", help="compress the output with gzip")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--start", type=int, default=0,
                        help="first running number in new emails, to keep feeds apart")
    parser.add_argument("-o", "--output", required=True, help="output file")
    arguments = parser.parse_args()

    summary = write_feed(arguments.output, kind=arguments.format, leads=arguments.leads,
                         size=arguments.size, seed=arguments.seed,
                         repeat_rate=arguments.repeat_rate, reject_rate=arguments.reject_rate,
                         start=arguments.start, compress=arguments.gzip)
    print(f"generate: {arguments.output}: {summary.rows} rows, {summary.accepted} accepted, "
          f"{summary.rejected} rejected, {len(summary.emails)} distinct emails, "
          f"{summary.repeats} repeats, {summary.bytes_written} bytes before compression",
          file=sys.stderr)


if __name__ == "__main__":
    main()

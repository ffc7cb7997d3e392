#!/usr/bin/env python3
"""peer_import.py: the Python peer of `spil import measurements`, for scripts/bench (issue 6).

Usage: peer_import.py DB CSV

What an analyst would write: the csv module and sqlite3's executemany, into the measurement
table of a copy of the same spil database, with the same indicator code -> id mapping, the
same pragmas as spil (foreign keys, WAL, synchronous NORMAL) and one transaction. Values are
bound as the strings the csv module yields (an empty field as NULL) and SQLite's column
affinity stores them as REAL and INTEGER, exactly as the typed binds of limit_import do; that
is the cheapest honest way in Python. No validation beyond the indicator lookup.
"""
import csv
import sqlite3
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: peer_import.py DB CSV")
    db_path, csv_path = sys.argv[1], sys.argv[2]
    con = sqlite3.connect(db_path, isolation_level=None)
    con.execute("PRAGMA busy_timeout = 5000")
    con.execute("PRAGMA foreign_keys = ON")
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    ids = {code: i for i, code in con.execute(
        "SELECT id, code FROM indicator WHERE region IS NULL")}

    with open(csv_path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader)  # the header
        rows = ((ids[ind], area, period, value or None, num or None, den or None, src or None)
                for ind, area, period, value, num, den, src in reader)
        con.execute("BEGIN IMMEDIATE")
        con.execute("PRAGMA defer_foreign_keys = ON")
        try:
            cur = con.executemany(
                "INSERT INTO measurement(indicator, area, period, value, numerator, "
                "denominator, source) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    print(f"{cur.rowcount} rows")
    con.close()


if __name__ == "__main__":
    main()

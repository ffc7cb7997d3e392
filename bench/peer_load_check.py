#!/usr/bin/env python3
"""peer_load_check.py: the Python peer of `spil load` + `spil check`, for scripts/bench (issue 6).

Usage: peer_load_check.py --db DB [--schema-only] [REGION_DIR...]

What an analyst would write to do spil's job without spil: read each REGION_DIR/region.yaml
with PyYAML's C loader (yaml.CSafeLoader), insert the rows into a SQLite database of its own
(a plain schema: regions, municipalities, organisations, people, roles, programmes, bodies,
members, agreements, topics, parties, funding, responsibilities, meetings, agenda,
evaluations, indicators) in one transaction, then run the readiness checks of each region's
current programme step as SQL queries and print one line per region with its finding count.

The checks are those of stdlib/programmes/kngg.lua and kansrijke_start.lua (with the helpers
of stdlib/spil/checks.lua), one SQL expression each, counting findings the same way; their
ids are spil's. It does not validate the files (spil does, completely), does not log events,
and does not run region Lua: it is the cheap way, so a fair floor for "the analyst's script".
The date checked against is $SPIL_NOW's (as spil's), else today.

--schema-only creates the schema and exits, so scripts/bench can give this peer a template
database to copy, as spil gets one from `spil init`.
"""
import calendar
import datetime
import os
import re
import sqlite3
import sys

import yaml

SCHEMA = """
CREATE TABLE IF NOT EXISTS regions(id TEXT PRIMARY KEY, name TEXT);
CREATE TABLE IF NOT EXISTS municipalities(region TEXT, code TEXT, status TEXT, since TEXT,
  until TEXT, PRIMARY KEY (region, code));
CREATE TABLE IF NOT EXISTS organisations(region TEXT, id TEXT, ord INTEGER, name TEXT,
  kind TEXT, municipality TEXT, PRIMARY KEY (region, id));
CREATE TABLE IF NOT EXISTS people(region TEXT, id TEXT, name TEXT, organisation TEXT,
  PRIMARY KEY (region, id));
CREATE TABLE IF NOT EXISTS roles(region TEXT, person TEXT, role TEXT, municipality TEXT,
  hours REAL, since TEXT, until TEXT, formal_assignment INTEGER);
CREATE TABLE IF NOT EXISTS programmes(region TEXT, programme TEXT, step TEXT, since TEXT,
  PRIMARY KEY (region, programme));
CREATE TABLE IF NOT EXISTS bodies(region TEXT, id TEXT, ord INTEGER, name TEXT, kind TEXT,
  meetings_per_year INTEGER, PRIMARY KEY (region, id));
CREATE TABLE IF NOT EXISTS members(region TEXT, body TEXT, organisation TEXT, person TEXT,
  membership TEXT, function TEXT, mandate INTEGER);
CREATE TABLE IF NOT EXISTS agreements(region TEXT, id TEXT, ord INTEGER, title TEXT,
  kind TEXT, since TEXT, until TEXT, PRIMARY KEY (region, id));
CREATE TABLE IF NOT EXISTS topics(region TEXT, agreement TEXT, topic TEXT);
CREATE TABLE IF NOT EXISTS parties(region TEXT, agreement TEXT, organisation TEXT,
  status TEXT, date TEXT, signatory TEXT);
CREATE TABLE IF NOT EXISTS funding(region TEXT, id TEXT, source TEXT, purpose TEXT,
  amount REAL, funder TEXT, since TEXT, until TEXT, status TEXT);
CREATE TABLE IF NOT EXISTS responsibilities(region TEXT, task TEXT, organisation TEXT,
  level TEXT, person TEXT);
CREATE TABLE IF NOT EXISTS meetings(region TEXT, id TEXT, body TEXT, date TEXT);
CREATE TABLE IF NOT EXISTS agenda(region TEXT, meeting TEXT, item TEXT);
CREATE TABLE IF NOT EXISTS evaluations(region TEXT, id TEXT, date TEXT);
CREATE TABLE IF NOT EXISTS indicators(region TEXT, code TEXT, kind TEXT, source TEXT);
"""


def s(v):
    """A YAML scalar as SQLite gets it: dates (PyYAML makes date objects) as ISO text."""
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, bool):
        return int(v)
    return v


def load(con, path):
    with open(path, "rb") as f:
        doc = yaml.load(f, Loader=yaml.CSafeLoader)
    r = doc["region"]["id"]
    con.execute("INSERT INTO regions VALUES (?, ?)", (r, doc["region"].get("name")))

    def rows(section):
        return doc.get(section) or []

    con.executemany("INSERT INTO municipalities VALUES (?, ?, ?, ?, ?)",
                    [(r, m["code"], m.get("status"), s(m.get("since")), s(m.get("until")))
                     for m in rows("municipalities")])
    con.executemany("INSERT INTO organisations VALUES (?, ?, ?, ?, ?, ?)",
                    [(r, o["id"], i, o.get("name"), o.get("kind"), o.get("municipality"))
                     for i, o in enumerate(rows("organisations"))])
    con.executemany("INSERT INTO people VALUES (?, ?, ?, ?)",
                    [(r, p["id"], p.get("name"), p.get("organisation")) for p in rows("people")])
    con.executemany("INSERT INTO roles VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r, x["person"], x["role"], x.get("municipality"), x.get("hours"),
                      s(x.get("since")), s(x.get("until")), s(x.get("formal_assignment", False)))
                     for x in rows("roles")])
    con.executemany("INSERT INTO programmes VALUES (?, ?, ?, ?)",
                    [(r, p["programme"], str(p["step"]), s(p.get("since")))
                     for p in rows("programmes")])
    for i, b in enumerate(rows("bodies")):
        con.execute("INSERT INTO bodies VALUES (?, ?, ?, ?, ?, ?)",
                    (r, b["id"], i, b.get("name"), b.get("kind"), b.get("meetings_per_year")))
        con.executemany("INSERT INTO members VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(r, b["id"], m["organisation"], m.get("person"), m.get("membership"),
                          m.get("function"), s(m.get("mandate"))) for m in b.get("members") or []])
    for i, a in enumerate(rows("agreements")):
        con.execute("INSERT INTO agreements VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (r, a["id"], i, a.get("title"), a.get("kind"), s(a.get("since")),
                     s(a.get("until"))))
        con.executemany("INSERT INTO topics VALUES (?, ?, ?)",
                        [(r, a["id"], t) for t in a.get("topics") or []])
        con.executemany("INSERT INTO parties VALUES (?, ?, ?, ?, ?, ?)",
                        [(r, a["id"], p["organisation"], p.get("status"), s(p.get("date")),
                          p.get("signatory")) for p in a.get("parties") or []])
    con.executemany("INSERT INTO funding VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(r, f["id"], f.get("source"), f.get("purpose"), f.get("amount"),
                      f.get("funder"), s(f.get("since")), s(f.get("until")), f.get("status"))
                     for f in rows("funding")])
    con.executemany("INSERT INTO responsibilities VALUES (?, ?, ?, ?, ?)",
                    [(r, x["task"], x.get("organisation"), x.get("level"), x.get("person"))
                     for x in rows("responsibilities")])
    for m in rows("meetings"):
        con.execute("INSERT INTO meetings VALUES (?, ?, ?, ?)",
                    (r, m["id"], m.get("body"), s(m.get("date"))))
        con.executemany("INSERT INTO agenda VALUES (?, ?, ?)",
                        [(r, m["id"], item) for item in m.get("agenda") or []])
    con.executemany("INSERT INTO evaluations VALUES (?, ?, ?)",
                    [(r, e["id"], s(e.get("date"))) for e in rows("evaluations")])
    con.executemany("INSERT INTO indicators VALUES (?, ?, ?, ?)",
                    [(r, x["code"], x.get("kind"), x.get("source")) for x in rows("indicators")])


def months_before(today, months):
    """spil.checks.months_before: the same day `months` earlier, clamped to the month's end."""
    y, m, d = (int(x) for x in today.split("-"))
    m -= months
    while m < 1:
        m, y = m + 12, y - 1
    return "%04d-%02d-%02d" % (y, m, min(d, calendar.monthrange(y, m)[1]))


def active(t, today):
    return f"({t}.since IS NULL OR {t}.since <= '{today}') AND " \
           f"({t}.until IS NULL OR {t}.until >= '{today}')"


def views(today):
    """Helper views over the data as of today (a checked YYYY-MM-DD, so safe to inline)."""
    return f"""
CREATE TEMP VIEW member AS SELECT * FROM municipalities m
  WHERE coalesce(m.status, 'member') = 'member' AND {active('m', today)};
CREATE TEMP VIEW live_agreement AS SELECT * FROM agreements a WHERE {active('a', today)};
CREATE TEMP VIEW first_agreement AS SELECT * FROM live_agreement a
  WHERE a.ord = (SELECT min(b.ord) FROM live_agreement b WHERE b.region = a.region AND b.kind = a.kind);
CREATE TEMP VIEW first_body AS SELECT * FROM bodies a
  WHERE a.ord = (SELECT min(b.ord) FROM bodies b WHERE b.region = a.region AND b.kind = a.kind);
CREATE TEMP VIEW seated AS SELECT DISTINCT region, organisation FROM members;
CREATE TEMP VIEW gemeente_of AS SELECT * FROM organisations a WHERE a.kind = 'gemeente'
  AND a.ord = (SELECT min(b.ord) FROM organisations b
               WHERE b.region = a.region AND b.kind = 'gemeente' AND b.municipality = a.municipality);
CREATE TEMP VIEW live_role AS SELECT * FROM roles x WHERE {active('x', today)};
CREATE TEMP VIEW live_funding AS SELECT * FROM funding f
  WHERE f.status IN ('agreed', 'granted') AND {active('f', today)};
CREATE TEMP VIEW covered AS SELECT DISTINCT t.region, t.topic FROM topics t
  JOIN live_agreement a ON a.region = t.region AND a.id = t.agreement;
"""


def q(values):
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def missing(values, have_sql):
    """How many of values are not in have_sql (a query returning one column for region r)."""
    rows = ", ".join("(" + q([v]) + ")" for v in values)
    return f"(SELECT count(*) FROM (VALUES {rows}) WHERE column1 NOT IN ({have_sql}))"


def no_agreement(kind):
    return f"NOT EXISTS (SELECT 1 FROM first_agreement WHERE region = r.id AND kind = '{kind}')"


def sso_parties_in(kind="samenwerkingsovereenkomst"):
    return f"""SELECT p.* FROM parties p JOIN first_agreement a ON a.region = p.region
      AND a.id = p.agreement AND a.kind = '{kind}'
      WHERE p.region = r.id AND p.status NOT IN ('declined', 'withdrawn')"""


def agreement_signed(kind):
    return f"""CASE WHEN {no_agreement(kind)} THEN 1 ELSE
  (SELECT count(*) = 0 FROM parties p JOIN first_agreement a ON a.region = p.region
     AND a.id = p.agreement AND a.kind = '{kind}' WHERE p.region = r.id)
  + (SELECT count(*) FROM parties p JOIN first_agreement a ON a.region = p.region
     AND a.id = p.agreement AND a.kind = '{kind}'
     WHERE p.region = r.id AND p.status <> 'signed' AND NOT EXISTS (
       SELECT 1 FROM organisations o JOIN municipalities m ON m.region = o.region
         AND m.code = o.municipality
       WHERE o.region = p.region AND o.id = p.organisation AND o.kind = 'gemeente'
         AND m.status = 'candidate'))
  + (SELECT count(*) FROM member m WHERE m.region = r.id AND NOT EXISTS (
       SELECT 1 FROM gemeente_of g JOIN parties p ON p.region = g.region
         AND p.organisation = g.id
       JOIN first_agreement a ON a.region = p.region AND a.id = p.agreement
         AND a.kind = '{kind}'
       WHERE g.region = m.region AND g.municipality = m.code))
END"""


def agreement_covers(kind, topics):
    return f"""CASE WHEN {no_agreement(kind)} THEN 1 ELSE {missing(topics,
        f"SELECT t.topic FROM topics t JOIN first_agreement a ON a.region = t.region "
        f"AND a.id = t.agreement AND a.kind = '{kind}' WHERE t.region = r.id")} END"""


def afspraken_over(topics):
    return missing(topics, "SELECT topic FROM covered WHERE region = r.id")


def body_exists(kind, member_kinds, chair=False):
    full = f"""SELECT o.kind FROM first_body b JOIN members m ON m.region = b.region
      AND m.body = b.id JOIN organisations o ON o.region = m.region AND o.id = m.organisation
      WHERE b.region = r.id AND b.kind = '{kind}' AND m.membership = 'member'"""
    has_chair = f"""(SELECT count(*) = 0 FROM first_body b JOIN members m ON m.region = b.region
      AND m.body = b.id WHERE b.region = r.id AND b.kind = '{kind}' AND m.function = 'chair')"""
    return f"""CASE WHEN NOT EXISTS (SELECT 1 FROM first_body WHERE region = r.id
      AND kind = '{kind}') THEN 1 ELSE {missing(member_kinds, full)}
      {('+ ' + has_chair) if chair else ''} END"""


def body_has(kind, cond):
    """1 when the first body of kind exists and none of its members satisfies cond."""
    return f"""(EXISTS (SELECT 1 FROM first_body WHERE region = r.id AND kind = '{kind}')
      AND NOT EXISTS (SELECT 1 FROM first_body b JOIN members m ON m.region = b.region
        AND m.body = b.id LEFT JOIN organisations o ON o.region = m.region
        AND o.id = m.organisation WHERE b.region = r.id AND b.kind = '{kind}' AND {cond}))"""


def role_per_municipality(role):
    return f"""(SELECT count(*) FROM member m WHERE m.region = r.id AND NOT EXISTS (
      SELECT 1 FROM live_role x WHERE x.region = m.region AND x.municipality = m.code
        AND x.role = '{role}'))"""


def funding_agreed(purposes):
    return missing(purposes, "SELECT purpose FROM live_funding WHERE region = r.id")


def responsibilities(tasks, level):
    return missing(tasks, f"SELECT lower(task) FROM responsibilities WHERE region = r.id "
                          f"AND level = '{level}'")


def within(table, months_ago, today):
    return f"""NOT EXISTS (SELECT 1 FROM {table} WHERE region = r.id
      AND date >= '{months_ago}' AND date <= '{today}')"""


UITVOERING = ["ggd", "jgz", "cjg", "sociaal-wijkteam", "huisartsen", "ziekenhuis", "welzijn",
              "paramedici"]
KARTREKKER = "('regiocoordinator', 'netwerkregisseur', 'kwartiermaker')"


def checks(today):
    """{(programme, step): [(check id, severity, SQL expression over region r.id)]}."""
    year_ago, half_year_ago = months_before(today, 12), months_before(today, 6)
    rc = "FROM live_role WHERE region = r.id AND role = 'regiocoordinator' " \
         "AND municipality IS NULL"
    kt = f"FROM live_role WHERE region = r.id AND role IN {KARTREKKER} AND municipality IS NULL"
    seated_kinds = "SELECT o.kind FROM seated z JOIN organisations o ON o.region = z.region " \
                   "AND o.id = z.organisation WHERE z.region = r.id"
    involved = f"""SELECT o.kind FROM organisations o WHERE o.region = r.id AND (
      o.id IN (SELECT organisation FROM seated WHERE region = r.id)
      OR o.id IN (SELECT organisation FROM ({sso_parties_in()})))"""
    sso = "samenwerkingsovereenkomst"
    return {
        ("kngg", "1-5"): [
            ("regiocoordinator", "blocking",
             f"CASE WHEN NOT EXISTS (SELECT 1 {rc}) THEN 1 "
             f"WHEN NOT EXISTS (SELECT 1 {rc} AND formal_assignment) THEN 1 ELSE 0 END"),
            ("rc-uren", "advisory",
             f"EXISTS (SELECT 1 {rc}) AND NOT EXISTS (SELECT 1 {rc} AND hours > 0)"),
            ("draagvlak-gemeenten", "blocking",
             "(SELECT count(*) FROM member WHERE region = r.id) < 2"),
            ("kandidaat-gemeenten", "advisory",
             f"(SELECT count(*) FROM municipalities m WHERE m.region = r.id "
             f"AND m.status = 'candidate' AND {active('m', today)})"),
        ],
        ("kngg", "6"): [
            ("sso-getekend", "blocking", agreement_signed(sso)),
            ("sso-bindend", "blocking", agreement_covers(sso, [
                "verantwoordelijkheden", "financiering", "mandaat", "monitoring",
                "besluitvorming"])),
            ("draagvlak-uitvoering", "advisory", missing(
                ["ggd", "jgz", "sociaal-wijkteam", "huisartsen", "ziekenhuis"], involved)),
        ],
        ("kngg", "7"): [
            ("kerngroep", "blocking", body_exists("kerngroep", ["gemeente"]) + " + " + body_has(
                "kerngroep", f"m.membership = 'member' AND o.kind IN ({q(UITVOERING)})")),
            ("kerngroep-mandaat", "advisory",
             "(SELECT count(*) FROM first_body b JOIN members m ON m.region = b.region "
             "AND m.body = b.id WHERE b.region = r.id AND b.kind = 'kerngroep' "
             "AND m.membership = 'member' AND coalesce(m.mandate, 0) <> 1)"),
            ("stakeholders-vertegenwoordigd", "blocking",
             f"""CASE WHEN {no_agreement(sso)} THEN 1 ELSE
               (SELECT count(*) FROM ({sso_parties_in()}) p LEFT JOIN organisations o
                  ON o.region = p.region AND o.id = p.organisation
                WHERE coalesce(o.kind, '') <> 'gemeente' AND p.organisation NOT IN
                  (SELECT organisation FROM seated WHERE region = r.id))
               + (EXISTS (SELECT 1 FROM ({sso_parties_in()}) p JOIN organisations o
                    ON o.region = p.region AND o.id = p.organisation WHERE o.kind = 'gemeente')
                  AND NOT EXISTS (SELECT 1 FROM ({sso_parties_in()}) p JOIN organisations o
                    ON o.region = p.region AND o.id = p.organisation WHERE o.kind = 'gemeente'
                    AND o.id IN (SELECT organisation FROM seated WHERE region = r.id)))
             END"""),
            ("domeinen", "advisory", missing(
                ["gemeente", "ziekenhuis", "ggd", "jgz", "zorgverzekeraar", "huisartsen",
                 "paramedici"], seated_kinds)),
            ("werkagenda", "blocking", afspraken_over(["werkagenda"])),
            ("inzet-vastgelegd", "blocking",
             f"""(SELECT count(*) FROM ({sso_parties_in()}) p WHERE p.organisation NOT IN
               (SELECT organisation FROM responsibilities WHERE region = r.id
                AND organisation IS NOT NULL))"""),
            ("taken-rc", "blocking", responsibilities(
                ["coördinatie", "stakeholdermanagement", "regionale besluitvorming"],
                "strategic")),
            ("taken-lokaal", "blocking", responsibilities(
                ["lokale borging", "verwijzing", "registratie"], "operational")),
        ],
        ("kngg", "8"): [
            ("projectleider-per-gemeente", "blocking", role_per_municipality("projectleider")),
            ("czv-per-gemeente", "blocking", role_per_municipality("czv")),
            ("financiering", "blocking", funding_agreed(
                ["rc", "m&e", "training", "communicatie", "materiaal", "czv-indirect"])),
            ("me-afspraken", "blocking", afspraken_over(["monitoring", "evaluatie"])),
            ("indicatoren", "blocking", missing(
                ["process", "result"], "SELECT kind FROM indicators WHERE region = r.id")),
            ("indicatoren-bestaande-sets", "advisory",
             "NOT EXISTS (SELECT 1 FROM indicators WHERE region = r.id AND ("
             "lower(source) LIKE '%rivm%' OR lower(source) LIKE '%kngg-monitor%' "
             "OR lower(source) LIKE '%kngg monitor%'))"),
            ("communicatie-afspraken", "blocking", afspraken_over(["communicatie"])),
            ("communicatie-wie-doet-wat", "advisory",
             "NOT EXISTS (SELECT 1 FROM responsibilities WHERE region = r.id "
             "AND lower(task) LIKE '%communicatie%')"),
        ],
        ("kngg", "fase-2"): [
            ("evaluatie", "advisory", within("evaluations", year_ago, today)),
            ("regelmatig-overleg", "advisory", within("meetings", half_year_ago, today)),
            ("heldere-communicatie", "advisory", afspraken_over(["communicatie"])),
            ("bestuurlijk-commitment", "advisory",
             f"""(SELECT count(*) FROM municipalities WHERE region = r.id AND status = 'left'
                  AND (until IS NULL OR until >= '{year_ago}'))
               + (SELECT count(*) FROM parties p JOIN first_agreement a ON a.region = p.region
                  AND a.id = p.agreement AND a.kind = '{sso}'
                  WHERE p.region = r.id AND p.status = 'withdrawn')"""),
            # Agreed indicators measured in the last 12 months: this benchmark imports no
            # figures, so each agreed indicator is a finding, and none agreed is one.
            ("indicatoren-gemeten", "advisory",
             "max(1, (SELECT count(*) FROM indicators WHERE region = r.id))"),
        ],
        ("kansrijke-start", "verkenning"): [
            ("kartrekker", "blocking", f"NOT EXISTS (SELECT 1 {kt})"),
            ("kartrekker-opdracht", "advisory",
             f"""EXISTS (SELECT 1 {kt}) * ((NOT EXISTS (SELECT 1 {kt} AND formal_assignment))
               + (NOT EXISTS (SELECT 1 {kt} AND hours > 0)))"""),
            ("gemeenten", "blocking", "(SELECT count(*) FROM member WHERE region = r.id) < 2"),
        ],
        ("kansrijke-start", "coalitie"): [
            ("coalitie", "blocking", body_exists(
                "coalitie", ["gemeente", "ggd", "jgz", "vsv", "huisartsen", "zorgverzekeraar",
                             "ouders"], chair=True) + " + "
             + body_has("coalitie", "m.function = 'secretary'")),
            ("vergaderfrequentie", "advisory",
             "EXISTS (SELECT 1 FROM first_body WHERE region = r.id AND kind = 'coalitie' "
             "AND coalesce(meetings_per_year, 0) < 4)"),
            ("rondje-lokaal", "advisory",
             "(SELECT count(*) FROM meetings m JOIN first_body b ON b.region = m.region "
             "AND b.id = m.body AND b.kind = 'coalitie' WHERE m.region = r.id AND NOT EXISTS ("
             "SELECT 1 FROM agenda a WHERE a.region = m.region AND a.meeting = m.id "
             "AND lower(a.item) LIKE '%lokale ontwikkelingen%'))"),
            ("regioplan", "blocking", agreement_signed("regioplan")),
            ("regioplan-inhoud", "advisory", agreement_covers("regioplan",
                                                              ["doel", "werkagenda"])),
        ],
        ("kansrijke-start", "uitvoering"): [
            ("financiering", "blocking", funding_agreed(["rc", "programma"])),
            ("evaluatie", "advisory", within("evaluations", year_ago, today)),
            ("indicatoren", "advisory",
             "NOT EXISTS (SELECT 1 FROM indicators WHERE region = r.id)"),
        ],
    }


def main():
    args = sys.argv[1:]
    if len(args) < 2 or args[0] != "--db":
        sys.exit("usage: peer_load_check.py --db DB [--schema-only] [REGION_DIR...]")
    db, dirs = args[1], args[2:]
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.executescript(SCHEMA)  # a no-op on the template database scripts/bench gives
    if dirs[:1] == ["--schema-only"]:
        return
    today = (os.environ.get("SPIL_NOW") or datetime.date.today().isoformat())[:10]
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", today):
        sys.exit(f"peer_load_check.py: bad SPIL_NOW {today!r}")

    con.execute("BEGIN IMMEDIATE")
    for d in dirs:
        load(con, os.path.join(d, "region.yaml"))
    con.execute("COMMIT")

    con.executescript(views(today))
    findings = {}
    for (programme, step), defs in checks(today).items():
        cols = ", ".join(f"({sql})" for _, _, sql in defs)
        for row in con.execute(f"SELECT r.id, {cols} FROM regions r JOIN programmes p "
                               f"ON p.region = r.id WHERE p.programme = ? AND p.step = ?",
                               (programme, step)):
            f = findings.setdefault((row[0], programme), [step, 0, 0])
            for (_, severity, _), n in zip(defs, row[1:]):
                f[1 if severity == "blocking" else 2] += n
    for (region, programme), (step, blocking, advisory) in sorted(findings.items()):
        print(f"{region}: {programme} step {step}: {blocking + advisory} findings "
              f"({blocking} blocking, {advisory} advisory)")
    con.close()


if __name__ == "__main__":
    main()

/*
** store.c: the only code that talks to SQLite (see store.h).
**
** Owns: opening the database (WAL, foreign_keys=ON, busy timeout), the schema and its forward
** migrations keyed on PRAGMA user_version, one BEGIN IMMEDIATE transaction per writing command,
** the generic row statements generated from the data model, and the append-only event log.
**
** NOTES ON THE DESIGN
** - Region-owned tables are keyed by (region, natural key) with text ids, so the loader can diff a
**   region file against the database without knowing any table by name. Children reference
**   their parent with ON DELETE CASCADE; references to organisations, people and bodies are plain
**   foreign keys, checked at commit (the loader sets defer_foreign_keys), so a load may write
**   rows in any order.
** - Enumerations are checked by the loader, not by CHECK constraints: adding a value to an
**   enumeration must not need a table rebuild (SQLite cannot alter a CHECK).
** - Generated SQL quotes every identifier; identifiers come only from the compiled-in model.
** - Statements are prepared once per store and reused (cache indexed by entity and operation).
** Measurements, the one large table, have their statements in measure.c; one-off read-only
** queries are store_sql.c's, the readiness remembered for the day store_readiness.c's (all
** through store_impl.h).
** Does not: parse YAML, touch Lua, format output.
*/
#include "store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "bug.h"
#include "catalogue.h"
#include "model.h"
#include "refdata.h"
#include "store_impl.h"

enum {
    OP_SELECT = STORE_OP_SELECT,
    OP_INSERT = STORE_OP_INSERT,
    OP_UPDATE = STORE_OP_UPDATE,
    OP_DELETE = STORE_OP_DELETE,
    OP_POS = STORE_OP_POS,
    NOPS = STORE_NOPS
};

#define MAX_ENTITIES STORE_MAX_ENTITIES
#define MAX_FIELDS   STORE_MAX_FIELDS

/* The order of every list of a region file (issue #12): a `pos` column in each table whose rows
** form a list (model_ordered). NULL in rows written before it: they sort first, by key, as every
** export wrote them. Its place in `migrations` below is its schema version (one line to move). */
static const char migration_list_order[] =
    "ALTER TABLE region_script ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE region_municipality ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE organisation ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE organisation_area ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE person ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE role_assignment ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE region_programme ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE programme_step ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE programme_parameter ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE link ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE body ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE body_member ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE body_represented ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE agreement ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE agreement_topic ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE agreement_party ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE document ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE decision ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE decision_position ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE funding ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE responsibility ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE theme ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE theme_relevance ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE meeting ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE meeting_agenda ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE action ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE activity ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE evaluation ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE evaluation_finding ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE evaluation_followup ADD COLUMN pos INTEGER;\n"
    "ALTER TABLE indicator ADD COLUMN pos INTEGER;\n";

/* The schema, one entry per version: migrations[v] takes a database from version v to v + 1. */
static const char *const migrations[] = {
    /* 0 -> 1: the shared data model. */
    "CREATE TABLE municipality(\n"
    "  code TEXT PRIMARY KEY CHECK (code GLOB 'GM[0-9][0-9][0-9][0-9]'),\n"
    "  name TEXT NOT NULL, province TEXT NOT NULL, ggd_region TEXT NOT NULL,\n"
    "  safety_region TEXT, valid_from TEXT NOT NULL, valid_until TEXT\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE programme(id TEXT PRIMARY KEY, name TEXT NOT NULL);\n"
    "CREATE TABLE region(id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT);\n"
    "CREATE TABLE region_script(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, file TEXT NOT NULL,\n"
    "  source TEXT NOT NULL, PRIMARY KEY (region, file));\n"
    "CREATE TABLE region_municipality(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE,\n"
    "  code TEXT NOT NULL REFERENCES municipality(code), status TEXT, since TEXT, until TEXT,\n"
    "  PRIMARY KEY (region, code));\n"
    "CREATE TABLE organisation(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  name TEXT NOT NULL, kind TEXT NOT NULL, municipality TEXT,\n"
    "  PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, municipality) REFERENCES region_municipality(region, code));\n"
    "CREATE TABLE person(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  name TEXT NOT NULL, organisation TEXT, email TEXT,\n"
    "  PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id));\n"
    "CREATE TABLE role_assignment(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE,\n"
    "  person TEXT NOT NULL, role TEXT NOT NULL, municipality TEXT, hours REAL,\n"
    "  since TEXT, until TEXT, formal_assignment INTEGER CHECK (formal_assignment IN (0, 1)),\n"
    "  FOREIGN KEY (region, person) REFERENCES person(region, id),\n"
    "  FOREIGN KEY (region, municipality) REFERENCES region_municipality(region, code));\n"
    "CREATE UNIQUE INDEX role_assignment_key\n"
    "  ON role_assignment(region, person, role, coalesce(municipality, ''));\n"
    "CREATE TABLE region_programme(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE,\n"
    "  programme TEXT NOT NULL REFERENCES programme(id), step TEXT, since TEXT,\n"
    "  PRIMARY KEY (region, programme));\n"
    "CREATE TABLE programme_step(\n"
    "  region TEXT NOT NULL, programme TEXT NOT NULL, step TEXT NOT NULL,\n"
    "  entered TEXT NOT NULL, left TEXT,\n"
    "  PRIMARY KEY (region, programme, step, entered),\n"
    "  FOREIGN KEY (region, programme) REFERENCES region_programme(region, programme)\n"
    "    ON DELETE CASCADE);\n"
    "CREATE TABLE body(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  name TEXT NOT NULL, kind TEXT NOT NULL, meetings_per_year INTEGER,\n"
    "  PRIMARY KEY (region, id));\n"
    "CREATE TABLE body_member(\n"
    "  region TEXT NOT NULL, body TEXT NOT NULL, organisation TEXT NOT NULL, person TEXT,\n"
    "  membership TEXT NOT NULL, function TEXT, mandate INTEGER CHECK (mandate IN (0, 1)),\n"
    "  PRIMARY KEY (region, body, organisation),\n"
    "  FOREIGN KEY (region, body) REFERENCES body(region, id) ON DELETE CASCADE,\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id),\n"
    "  FOREIGN KEY (region, person) REFERENCES person(region, id));\n"
    "CREATE TABLE agreement(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  title TEXT NOT NULL, kind TEXT NOT NULL, date TEXT, since TEXT, until TEXT,\n"
    "  document TEXT, PRIMARY KEY (region, id));\n"
    "CREATE TABLE agreement_topic(\n"
    "  region TEXT NOT NULL, agreement TEXT NOT NULL, topic TEXT NOT NULL,\n"
    "  PRIMARY KEY (region, agreement, topic),\n"
    "  FOREIGN KEY (region, agreement) REFERENCES agreement(region, id) ON DELETE CASCADE);\n"
    "CREATE TABLE agreement_party(\n"
    "  region TEXT NOT NULL, agreement TEXT NOT NULL, organisation TEXT NOT NULL,\n"
    "  status TEXT NOT NULL, date TEXT, signatory TEXT,\n"
    "  PRIMARY KEY (region, agreement, organisation),\n"
    "  FOREIGN KEY (region, agreement) REFERENCES agreement(region, id) ON DELETE CASCADE,\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id),\n"
    "  FOREIGN KEY (region, signatory) REFERENCES person(region, id));\n"
    "CREATE TABLE decision(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  body TEXT NOT NULL, date TEXT NOT NULL, subject TEXT NOT NULL, kind TEXT NOT NULL,\n"
    "  outcome TEXT, PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, body) REFERENCES body(region, id));\n"
    "CREATE TABLE decision_position(\n"
    "  region TEXT NOT NULL, decision TEXT NOT NULL, organisation TEXT NOT NULL, person TEXT,\n"
    "  position TEXT NOT NULL, mandate INTEGER CHECK (mandate IN (0, 1)),\n"
    "  PRIMARY KEY (region, decision, organisation),\n"
    "  FOREIGN KEY (region, decision) REFERENCES decision(region, id) ON DELETE CASCADE,\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id),\n"
    "  FOREIGN KEY (region, person) REFERENCES person(region, id));\n"
    "CREATE TABLE funding(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  source TEXT NOT NULL, purpose TEXT NOT NULL, amount REAL, funder TEXT,\n"
    "  since TEXT, until TEXT, status TEXT NOT NULL, PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, funder) REFERENCES organisation(region, id));\n"
    "CREATE TABLE responsibility(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, task TEXT NOT NULL,\n"
    "  organisation TEXT NOT NULL, level TEXT NOT NULL, person TEXT,\n"
    "  PRIMARY KEY (region, task, organisation, level),\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id),\n"
    "  FOREIGN KEY (region, person) REFERENCES person(region, id));\n"
    "CREATE TABLE theme(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  name TEXT NOT NULL, description TEXT, PRIMARY KEY (region, id));\n"
    "CREATE TABLE theme_relevance(\n"
    "  region TEXT NOT NULL, theme TEXT NOT NULL, organisation TEXT NOT NULL,\n"
    "  relevant INTEGER NOT NULL CHECK (relevant IN (0, 1)),\n"
    "  PRIMARY KEY (region, theme, organisation),\n"
    "  FOREIGN KEY (region, theme) REFERENCES theme(region, id) ON DELETE CASCADE,\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id));\n"
    "CREATE TABLE meeting(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  body TEXT NOT NULL, date TEXT NOT NULL, title TEXT, PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, body) REFERENCES body(region, id));\n"
    "CREATE TABLE meeting_agenda(\n"
    "  region TEXT NOT NULL, meeting TEXT NOT NULL, item TEXT NOT NULL,\n"
    "  PRIMARY KEY (region, meeting, item),\n"
    "  FOREIGN KEY (region, meeting) REFERENCES meeting(region, id) ON DELETE CASCADE);\n"
    "CREATE TABLE action(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  title TEXT NOT NULL, owner TEXT, due TEXT, status TEXT, meeting TEXT,\n"
    "  PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, owner) REFERENCES person(region, id),\n"
    "  FOREIGN KEY (region, meeting) REFERENCES meeting(region, id));\n"
    "CREATE TABLE evaluation(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  date TEXT NOT NULL, subject TEXT NOT NULL, PRIMARY KEY (region, id));\n"
    "CREATE TABLE evaluation_finding(\n"
    "  region TEXT NOT NULL, evaluation TEXT NOT NULL, finding TEXT NOT NULL,\n"
    "  PRIMARY KEY (region, evaluation, finding),\n"
    "  FOREIGN KEY (region, evaluation) REFERENCES evaluation(region, id) ON DELETE CASCADE);\n"
    "CREATE TABLE evaluation_followup(\n"
    "  region TEXT NOT NULL, evaluation TEXT NOT NULL, followup TEXT NOT NULL,\n"
    "  PRIMARY KEY (region, evaluation, followup),\n"
    "  FOREIGN KEY (region, evaluation) REFERENCES evaluation(region, id) ON DELETE CASCADE);\n"
    /* Indicators: region NULL for the national catalogues (a later issue), else the region's
    ** own. Measurements are the large table: integer indicator key, no rowid. */
    "CREATE TABLE indicator(\n"
    "  id INTEGER PRIMARY KEY, region TEXT REFERENCES region(id) ON DELETE CASCADE,\n"
    "  code TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, unit TEXT, level TEXT,\n"
    "  numerator TEXT, denominator TEXT, source TEXT NOT NULL);\n"
    "CREATE UNIQUE INDEX indicator_key ON indicator(coalesce(region, ''), code);\n"
    "CREATE TABLE measurement(\n"
    "  indicator INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,\n"
    "  area TEXT NOT NULL, period TEXT NOT NULL, value REAL, numerator INTEGER,\n"
    "  denominator INTEGER, source TEXT,\n"
    "  PRIMARY KEY (indicator, area, period)) WITHOUT ROWID;\n"
    /* The event log: append-only; region is not a foreign key so history outlives a region. */
    "CREATE TABLE event(\n"
    "  id INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, region TEXT,\n"
    "  command TEXT NOT NULL, action TEXT NOT NULL, entity TEXT, key TEXT, detail TEXT,\n"
    "  reason TEXT);\n"
    "CREATE INDEX event_region ON event(region, id);\n" EVENT_NO_UPDATE EVENT_NO_DELETE
    "INSERT INTO programme(id, name) VALUES\n"
    "  ('kngg', 'Kind naar Gezonder Gewicht'), ('kansrijke-start', 'Kansrijke Start'),\n"
    "  ('jzojp', 'Juiste Zorg op de Juiste Plek (werkstructuur)');\n",
    /* 1 -> 2: monitoring. Areas (nation, provinces, GGD regions, municipalities) with the
    ** municipalities that make them up; a region is an area too, through region_municipality.
    ** Indicators get their catalogue and programme, and a region may adopt a catalogue
    ** indicator by code alone, so name, kind and source become optional (a table rebuild:
    ** SQLite cannot drop NOT NULL; run with foreign keys off, see migrate()). A measurement
    ** remembers the import event that last wrote it. */
    "CREATE TABLE area(\n"
    "  code TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE area_municipality(\n"
    "  area TEXT NOT NULL REFERENCES area(code),\n"
    "  municipality TEXT NOT NULL REFERENCES municipality(code),\n"
    "  PRIMARY KEY (area, municipality)) WITHOUT ROWID;\n"
    "CREATE VIEW area_member(area, municipality) AS\n"
    "  SELECT area, municipality FROM area_municipality\n"
    "  UNION ALL SELECT code, code FROM municipality\n"
    "  UNION ALL SELECT region, code FROM region_municipality\n"
    "    WHERE status IS NOT 'left';\n"
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;\n"
    "CREATE TABLE indicator_v2(\n"
    "  id INTEGER PRIMARY KEY, region TEXT REFERENCES region(id) ON DELETE CASCADE,\n"
    "  code TEXT NOT NULL, name TEXT, kind TEXT, unit TEXT, level TEXT,\n"
    "  numerator TEXT, denominator TEXT, source TEXT, note TEXT, catalogue TEXT,\n"
    "  programme TEXT);\n"
    "INSERT INTO indicator_v2(id, region, code, name, kind, unit, level, numerator,\n"
    "  denominator, source) SELECT id, region, code, name, kind, unit, level, numerator,\n"
    "  denominator, source FROM indicator;\n"
    "DROP TABLE indicator;\n"
    "ALTER TABLE indicator_v2 RENAME TO indicator;\n"
    "CREATE UNIQUE INDEX indicator_key ON indicator(coalesce(region, ''), code);\n"
    "ALTER TABLE measurement ADD COLUMN loaded_by INTEGER;\n"
    /* Figures are never deleted by removing their indicator (the load says so first). */
    "CREATE TRIGGER indicator_keeps_figures BEFORE DELETE ON indicator\n"
    "  WHEN EXISTS (SELECT 1 FROM measurement WHERE indicator = OLD.id)\n"
    "  BEGIN SELECT RAISE(ABORT, 'an indicator that has figures cannot be removed'); END;\n"
    /* The readiness a check found today, so that status need not check again: valid for its
    ** day, its stdlib (engine) and until the region or any figure changes (store.c forgets). */
    "CREATE TABLE readiness(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, programme TEXT NOT NULL,\n"
    "  step TEXT NOT NULL, day TEXT NOT NULL, engine TEXT NOT NULL,\n"
    "  blocking INTEGER NOT NULL, advisory INTEGER NOT NULL,\n"
    "  PRIMARY KEY (region, programme)) WITHOUT ROWID;\n",
    /* 2 -> 3: what the guidance speaks of (docs/region-format.md gives the reason for each).
    ** New: an organisation's work area, a programme's parameters, links to other collaborations,
    *the organisations a
    ** member speaks for, documents, activities. Extended: a municipality's size; a role's
    ** tasks, mandate, focus and review; a body's link; a member's level and decision right; an
    ** agreement's status and municipality; a decision by an organisation (so body becomes
    ** optional: a table rebuild, as in 1 -> 2) with its organ and topic; an evaluation's
    ** agreement. Tables that gain a reference are rebuilt so that it is a foreign key. */
    "ALTER TABLE region_municipality ADD COLUMN inhabitants INTEGER;\n"
    "CREATE TABLE organisation_area(\n"
    "  region TEXT NOT NULL, organisation TEXT NOT NULL, municipality TEXT NOT NULL,\n"
    "  PRIMARY KEY (region, organisation, municipality),\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id)\n"
    "    ON DELETE CASCADE,\n"
    "  FOREIGN KEY (region, municipality) REFERENCES region_municipality(region, code));\n"
    "ALTER TABLE role_assignment ADD COLUMN tasks TEXT;\n"
    "ALTER TABLE role_assignment ADD COLUMN mandate TEXT;\n"
    "ALTER TABLE role_assignment ADD COLUMN focus TEXT;\n"
    "ALTER TABLE role_assignment ADD COLUMN reviewed TEXT;\n"
    "CREATE TABLE programme_parameter(\n"
    "  region TEXT NOT NULL, programme TEXT NOT NULL, name TEXT NOT NULL,\n"
    "  value INTEGER NOT NULL, PRIMARY KEY (region, programme, name),\n"
    "  FOREIGN KEY (region, programme) REFERENCES region_programme(region, programme)\n"
    "    ON DELETE CASCADE);\n"
    "CREATE TABLE link(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  kind TEXT NOT NULL, name TEXT NOT NULL, person TEXT, since TEXT, until TEXT,\n"
    "  description TEXT, PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, person) REFERENCES person(region, id));\n"
    "CREATE TABLE body_v3(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  name TEXT NOT NULL, kind TEXT NOT NULL, meetings_per_year INTEGER, link TEXT,\n"
    "  PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, link) REFERENCES link(region, id));\n"
    "INSERT INTO body_v3(region, id, name, kind, meetings_per_year)\n"
    "  SELECT region, id, name, kind, meetings_per_year FROM body;\n"
    "DROP TABLE body;\n"
    "ALTER TABLE body_v3 RENAME TO body;\n"
    "ALTER TABLE body_member ADD COLUMN level TEXT;\n"
    "ALTER TABLE body_member ADD COLUMN decides INTEGER CHECK (decides IN (0, 1));\n"
    "CREATE TABLE body_represented(\n"
    "  region TEXT NOT NULL, body TEXT NOT NULL, organisation TEXT NOT NULL,\n"
    "  via TEXT NOT NULL, PRIMARY KEY (region, body, organisation),\n"
    "  FOREIGN KEY (region, body) REFERENCES body(region, id) ON DELETE CASCADE,\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id),\n"
    "  FOREIGN KEY (region, body, via) REFERENCES body_member(region, body, organisation));\n"
    "CREATE TABLE agreement_v3(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  title TEXT NOT NULL, kind TEXT NOT NULL, date TEXT, since TEXT, until TEXT,\n"
    "  document TEXT, status TEXT, municipality TEXT, PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, municipality) REFERENCES region_municipality(region, code));\n"
    "INSERT INTO agreement_v3(region, id, title, kind, date, since, until, document)\n"
    "  SELECT region, id, title, kind, date, since, until, document FROM agreement;\n"
    "DROP TABLE agreement;\n"
    "ALTER TABLE agreement_v3 RENAME TO agreement;\n"
    "CREATE TABLE document(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  title TEXT NOT NULL, kind TEXT NOT NULL, status TEXT, date TEXT, approved_by TEXT,\n"
    "  person TEXT, agreement TEXT, location TEXT, PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, approved_by) REFERENCES body(region, id),\n"
    "  FOREIGN KEY (region, person) REFERENCES person(region, id),\n"
    "  FOREIGN KEY (region, agreement) REFERENCES agreement(region, id));\n"
    "CREATE TABLE decision_v3(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  body TEXT, date TEXT NOT NULL, subject TEXT NOT NULL, kind TEXT NOT NULL,\n"
    "  outcome TEXT, organisation TEXT, organ TEXT, topic TEXT, PRIMARY KEY (region, id),\n"
    "  CHECK ((body IS NULL) <> (organisation IS NULL)),\n"
    "  FOREIGN KEY (region, body) REFERENCES body(region, id),\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id));\n"
    "INSERT INTO decision_v3(region, id, body, date, subject, kind, outcome)\n"
    "  SELECT region, id, body, date, subject, kind, outcome FROM decision;\n"
    "DROP TABLE decision;\n"
    "ALTER TABLE decision_v3 RENAME TO decision;\n"
    "CREATE TABLE activity(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  title TEXT NOT NULL, agreement TEXT, organisation TEXT, person TEXT,\n"
    "  municipality TEXT, theme TEXT, since TEXT, until TEXT, status TEXT,\n"
    "  PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, agreement) REFERENCES agreement(region, id),\n"
    "  FOREIGN KEY (region, organisation) REFERENCES organisation(region, id),\n"
    "  FOREIGN KEY (region, person) REFERENCES person(region, id),\n"
    "  FOREIGN KEY (region, municipality) REFERENCES region_municipality(region, code),\n"
    "  FOREIGN KEY (region, theme) REFERENCES theme(region, id));\n"
    "CREATE TABLE evaluation_v3(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  date TEXT NOT NULL, subject TEXT NOT NULL, agreement TEXT, PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, agreement) REFERENCES agreement(region, id));\n"
    "INSERT INTO evaluation_v3(region, id, date, subject)\n"
    "  SELECT region, id, date, subject FROM evaluation;\n"
    "DROP TABLE evaluation;\n"
    "ALTER TABLE evaluation_v3 RENAME TO evaluation;\n",
    /* 3 -> 4: the order of lists. */
    migration_list_order,
    /* 4 -> 5: the theme a funding pays for (ZHZ's "onderwerpen die ... regionale financiering
    ** behoeven"): a rebuild, so that it is a foreign key. */
    "CREATE TABLE funding_v5(\n"
    "  region TEXT NOT NULL REFERENCES region(id) ON DELETE CASCADE, id TEXT NOT NULL,\n"
    "  source TEXT NOT NULL, purpose TEXT NOT NULL, amount REAL, funder TEXT, theme TEXT,\n"
    "  since TEXT, until TEXT, status TEXT NOT NULL, pos INTEGER, PRIMARY KEY (region, id),\n"
    "  FOREIGN KEY (region, funder) REFERENCES organisation(region, id),\n"
    "  FOREIGN KEY (region, theme) REFERENCES theme(region, id));\n"
    "INSERT INTO funding_v5(region, id, source, purpose, amount, funder, since, until, status, "
    "pos)\n"
    "  SELECT region, id, source, purpose, amount, funder, since, until, status, pos FROM "
    "funding;\n"
    "DROP TABLE funding;\n"
    "ALTER TABLE funding_v5 RENAME TO funding;\n",
    /* 5 -> 6 (MIGRATION_CHAIN): tamper evidence. Every event carries the hash of the one before it
     *(prev,
     ** store_chain.c), computed here for the events there are (with the UPDATE guard dropped
     ** meanwhile: store_migrate makes it again after store_chain_build). */
    "DROP TRIGGER event_no_update;\n"
    "ALTER TABLE event ADD COLUMN prev TEXT;\n",
};
#define NMIGRATIONS     ((int)(sizeof migrations / sizeof migrations[0]))
#define MIGRATION_CHAIN 5 /* the index of the migration that starts the hash chain */
_Static_assert(NMIGRATIONS == STORE_SCHEMA_VERSION, "one migration per schema version");

#define fail store_fail

int store_opened_version(store *s) {
    return s->opened_version;
}

int store_user_version(store *s) {
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) return -1;
    if (sqlite3_step(st) == SQLITE_ROW) v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static int seed_municipalities(store *s) {
    sqlite3_stmt *st;
    size_t n;
    const ref_municipality *m = ref_municipalities(&n);
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO municipality(code, name, province, ggd_region, "
                           "safety_region, valid_from) VALUES (?1, ?2, ?3, ?4, ?5, '2023-01-01')",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, "seeding municipalities");
    for (size_t i = 0; i < n; i++) {
        sqlite3_bind_text(st, 1, m[i].code, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, m[i].name, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, m[i].province, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, m[i].ggd_region, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, m[i].safety_region, -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
            fail(s, "seeding municipalities");
            sqlite3_finalize(st);
            return -1;
        }
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return 0;
}

/* -1 with a message when PRAGMA foreign_key_check finds a row pointing nowhere. */
static int foreign_key_problems(store *s) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
        return fail(s, "checking foreign keys");
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW) {
        snprintf(s->errmsg, sizeof s->errmsg,
                 "internal: a row of %s points nowhere after migrating",
                 (const char *)sqlite3_column_text(st, 0));
        rc = -1;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The areas made of municipalities: the nation, the provinces and the GGD regions, from the
** compiled-in reference list; each municipality is an area of its own. A GGD region's code is
** its name as the reference list writes it ("GGD Drenthe"): there is no public code to use, and
** region ids (lowercase, no spaces) can never collide with it. */
static int seed_areas(store *s) {
    sqlite3_stmt *area = NULL, *member = NULL;
    size_t n;
    const ref_municipality *m = ref_municipalities(&n);
    int rc = -1;
    if (sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO area(code, kind, name) VALUES (?1,?2,?3)",
                           -1, &area, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO area_municipality(area, municipality) VALUES (?1, ?2)", -1,
                           &member, NULL) != SQLITE_OK)
        goto done;
    for (size_t i = 0; i < n; i++) {
        const char *rows[][3] = {{"NL", "nation", "Nederland"},
                                 {m[i].province_code, "province", m[i].province},
                                 {m[i].ggd_region, "ggd region", m[i].ggd_region},
                                 {m[i].code, "municipality", m[i].name}};
        for (int r = 0; r < 4; r++) {
            for (int c = 0; c < 3; c++)
                sqlite3_bind_text(area, c + 1, rows[r][c], -1, SQLITE_STATIC);
            if (sqlite3_step(area) != SQLITE_DONE) goto done;
            sqlite3_reset(area);
            if (r == 3) break; /* a municipality is not a member of itself (see area_member) */
            sqlite3_bind_text(member, 1, rows[r][0], -1, SQLITE_STATIC);
            sqlite3_bind_text(member, 2, m[i].code, -1, SQLITE_STATIC);
            if (sqlite3_step(member) != SQLITE_DONE) goto done;
            sqlite3_reset(member);
        }
    }
    rc = 0;
done:
    if (rc) fail(s, "seeding areas");
    sqlite3_finalize(area);
    sqlite3_finalize(member);
    return rc;
}

/* Bring the national indicator catalogue in the database up to the one compiled in: update
** indicators by code, add new ones. One that left the catalogue stays (its measurements may
** matter); its row keeps the last text it had. Runs inside the caller's transaction. */
static int seed_catalogue(store *s) {
    size_t n;
    const char *err = NULL;
    const cat_indicator *c = catalogue_indicators(&n, &err);
    if (!c) {
        snprintf(s->errmsg, sizeof s->errmsg, "the compiled-in indicator catalogue: %s", err);
        return -1;
    }
    sqlite3_stmt *upd = NULL, *ins = NULL, *meta = NULL;
    int rc = -1;
#define CATALOGUE_COLUMNS                                                                          \
    "name, kind, unit, level, numerator, denominator, source, note, catalogue, programme"
    if (sqlite3_prepare_v2(s->db,
                           "UPDATE indicator SET (" CATALOGUE_COLUMNS ") = (?1, ?2, ?3, ?4, ?5, "
                           "?6, ?7, ?8, ?9, ?10) WHERE region IS NULL AND code = ?11",
                           -1, &upd, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "INSERT INTO indicator(" CATALOGUE_COLUMNS ", code) VALUES (?1, ?2, "
                           "?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                           -1, &ins, NULL) != SQLITE_OK)
        goto done;
#undef CATALOGUE_COLUMNS
    for (size_t i = 0; i < n; i++) {
        const char *v[] = {c[i].name,      c[i].kind,        c[i].unit,   c[i].level,
                           c[i].numerator, c[i].denominator, c[i].source, c[i].note,
                           c[i].catalogue, c[i].programme,   c[i].code};
        for (int k = 0; k < 11; k++) {
            sqlite3_bind_text(upd, k + 1, v[k], -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, k + 1, v[k], -1, SQLITE_STATIC);
        }
        if (sqlite3_step(upd) != SQLITE_DONE) goto done;
        sqlite3_reset(upd);
        if (sqlite3_changes(s->db) == 0) {
            if (sqlite3_step(ins) != SQLITE_DONE) goto done;
            sqlite3_reset(ins);
        }
    }
    if (sqlite3_prepare_v2(s->db,
                           "INSERT OR REPLACE INTO meta(key, value) VALUES ('catalogue', ?1)", -1,
                           &meta, NULL) != SQLITE_OK)
        goto done;
    sqlite3_bind_text(meta, 1, catalogue_digest(), -1, SQLITE_STATIC);
    if (sqlite3_step(meta) != SQLITE_DONE) goto done;
    rc = 0;
done:
    if (rc) fail(s, "seeding the indicator catalogue");
    sqlite3_finalize(upd);
    sqlite3_finalize(ins);
    sqlite3_finalize(meta);
    return rc;
}

/* Whether the database holds the catalogue compiled into this spil. */
int store_catalogue_current(store *s) {
    sqlite3_stmt *st;
    int same = 0;
    if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = 'catalogue'", -1, &st,
                           NULL) != SQLITE_OK)
        return 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        same = strcmp((const char *)sqlite3_column_text(st, 0), catalogue_digest()) == 0;
    sqlite3_finalize(st);
    return same;
}

/* Bring the schema to STORE_SCHEMA_VERSION and the catalogue up to date, in one transaction
** that also marks the file as spil's (PRAGMA application_id). Foreign keys are off while migrating
*(a table rebuild must not cascade) and checked before
** the commit, as SQLite's ALTER TABLE documentation prescribes. */
int store_migrate(store *s) {
    int v = s->opened_version;
    if (v == STORE_SCHEMA_VERSION && store_catalogue_current(s)) return 0;
    if (store_exec(s, "PRAGMA foreign_keys = OFF")) return -1;
    if (store_begin(s)) goto fail;
    /* Another process may have migrated while we waited for the lock. */
    v = store_user_version(s);
    for (; v < STORE_SCHEMA_VERSION; v++) {
        if (store_exec(s, migrations[v])) goto fail;
        if (v == 0 && seed_municipalities(s)) goto fail;
        if (v == 1 && seed_areas(s)) goto fail;
        if (v == MIGRATION_CHAIN && (store_chain_build(s) || store_exec(s, EVENT_NO_UPDATE)))
            goto fail;
    }
    if (!store_catalogue_current(s) && (seed_catalogue(s) || store_readiness_forget(s, NULL)))
        goto fail;
    if (foreign_key_problems(s)) goto fail;
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d; PRAGMA application_id = %d",
             STORE_SCHEMA_VERSION, STORE_APPLICATION_ID);
    if (store_exec(s, sql) || store_commit(s)) goto fail;
    return store_exec(s, "PRAGMA foreign_keys = ON");
fail:
    store_rollback(s);
    store_exec(s, "PRAGMA foreign_keys = ON");
    return -1;
}

/* ---- Generic rows over the model ---------------------------------------------------------- */

static const char *region_column(int e) {
    return e == ME_REGION ? "id" : "region";
}

/* Append to buf (size cap) with bounds checking; returns 0, or -1 when it does not fit. */
static int append(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int append(char *buf, size_t cap, const char *fmt, ...) {
    size_t len = strlen(buf);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + len, cap - len, fmt, ap);
    va_end(ap);
    return (n < 0 || (size_t)n >= cap - len) ? -1 : 0;
}

/* The SQL of one generic operation: ?1 is the region, ?(i+2) field i, ?(nfields+2) the row's
** place in its list (the `pos` column of an ordered entity). */
static int build_sql(int e, int op, char *sql, size_t cap) {
    const model_entity *en = &model_entities[e];
    const char *rc = region_column(e);
    int r = 0, ordered = model_ordered(e);
    sql[0] = '\0';
    switch (op) {
    case OP_SELECT:
        r |= append(sql, cap, "SELECT ");
        for (int i = 0; i < en->nfields; i++)
            r |= append(sql, cap, "%s\"%s\"", i ? ", " : "", en->fields[i].name);
        if (ordered) r |= append(sql, cap, ", \"pos\"");
        r |= append(sql, cap, " FROM \"%s\" WHERE \"%s\" = ?1 ORDER BY ", en->table, rc);
        for (int i = 0, k = 0; i < en->nfields; i++)
            if (en->fields[i].flags & MF_KEY)
                r |= append(sql, cap, "%s\"%s\"", k++ ? ", " : "", en->fields[i].name);
        break;
    case OP_INSERT:
        r |= append(sql, cap, "INSERT INTO \"%s\"(", en->table);
        if (e != ME_REGION) r |= append(sql, cap, "\"%s\", ", rc);
        for (int i = 0; i < en->nfields; i++)
            r |= append(sql, cap, "%s\"%s\"", i ? ", " : "", en->fields[i].name);
        if (ordered) r |= append(sql, cap, ", \"pos\"");
        r |= append(sql, cap, ") VALUES (");
        if (e != ME_REGION) r |= append(sql, cap, "?1, ");
        for (int i = 0; i < en->nfields; i++)
            r |= append(sql, cap, "%s?%d", i ? ", " : "", i + 2);
        if (ordered) r |= append(sql, cap, ", ?%d", en->nfields + 2);
        r |= append(sql, cap, ")");
        break;
    case OP_UPDATE:
    case OP_DELETE:
    case OP_POS:
        if (op == OP_POS) {
            if (!ordered) return -1;
            r |= append(sql, cap, "UPDATE \"%s\" SET \"pos\" = ?%d", en->table, en->nfields + 2);
        } else if (op == OP_UPDATE) {
            r |= append(sql, cap, "UPDATE \"%s\" SET ", en->table);
            for (int i = 0, k = 0; i < en->nfields; i++)
                if (!(en->fields[i].flags & MF_KEY))
                    r |= append(sql, cap, "%s\"%s\" = ?%d", k++ ? ", " : "", en->fields[i].name,
                                i + 2);
        } else {
            r |= append(sql, cap, "DELETE FROM \"%s\"", en->table);
        }
        r |= append(sql, cap, " WHERE \"%s\" = ?1", rc);
        for (int i = 0; i < en->nfields; i++)
            if (en->fields[i].flags & MF_KEY)
                r |= append(sql, cap, " AND \"%s\" IS ?%d", en->fields[i].name, i + 2);
        break;
    }
    return r;
}

static sqlite3_stmt *row_stmt(store *s, int e, int op) {
    if (e < 0 || e >= model_nentities || e >= MAX_ENTITIES) return NULL;
    if (!s->rowstmt[e][op]) {
        char sql[2048];
        if (build_sql(e, op, sql, sizeof sql)) {
            snprintf(s->errmsg, sizeof s->errmsg, "internal: SQL for %s too long",
                     model_entities[e].table);
            return NULL;
        }
        if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->rowstmt[e][op],
                               NULL) != SQLITE_OK) {
            fail(s, model_entities[e].table);
            return NULL;
        }
    }
    return s->rowstmt[e][op];
}

/* Bind canonical text v as the SQL type of field f. */
static void bind_value(sqlite3_stmt *st, int idx, const model_field *f, const char *v) {
    if (!v) {
        sqlite3_bind_null(st, idx);
    } else if (f->type == FT_BOOL || f->type == FT_INT) {
        sqlite3_bind_int64(st, idx, strtoll(v, NULL, 10));
    } else if (f->type == FT_NUM) {
        sqlite3_bind_double(st, idx, strtod(v, NULL));
    } else {
        sqlite3_bind_text(st, idx, v, -1, SQLITE_STATIC); /* stepped before vals go */
    }
}

static int bind_row(sqlite3_stmt *st, int e, const char *region, const char *const *vals,
                    int keys_only) {
    const model_entity *en = &model_entities[e];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    sqlite3_bind_text(st, 1, region, -1, SQLITE_STATIC);
    for (int i = 0; i < en->nfields; i++)
        if (!keys_only || (en->fields[i].flags & MF_KEY))
            bind_value(st, i + 2, &en->fields[i], vals[i]);
    return 0;
}

static int step_done(store *s, sqlite3_stmt *st, int e) {
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st); /* the values were bound without a copy: drop them now */
    if (rc != SQLITE_DONE) {
        char what[96];
        snprintf(what, sizeof what, "writing %s", model_entities[e].table);
        return fail(s, what);
    }
    return 0;
}

/* The rows of e in region; with_pos: the `pos` column as one value more (NULL when none). */
static int rows(store *s, int e, const char *region, int with_pos, store_row_fn fn, void *ctx) {
    sqlite3_stmt *st = row_stmt(s, e, OP_SELECT);
    if (!st) return -1;
    const model_entity *en = &model_entities[e];
    int n = en->nfields + (with_pos && model_ordered(e));
    if (n > MAX_FIELDS) BUG("entity %s has %d columns (at most %d)", en->table, n, MAX_FIELDS);
    sqlite3_reset(st);
    sqlite3_bind_text(st, 1, region, -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *vals[MAX_FIELDS];
        char nums[MAX_FIELDS][32];
        for (int i = 0; i < en->nfields && i < MAX_FIELDS; i++) {
            if (sqlite3_column_type(st, i) == SQLITE_NULL) {
                vals[i] = NULL;
            } else if (en->fields[i].type == FT_NUM) {
                vals[i] = model_format_num(sqlite3_column_double(st, i), nums[i]);
            } else {
                vals[i] = (const char *)sqlite3_column_text(st, i);
            }
        }
        if (n > en->nfields) vals[en->nfields] = (const char *)sqlite3_column_text(st, en->nfields);
        if (fn(ctx, vals, n)) break;
    }
    int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
    sqlite3_reset(st);
    return bad ? fail(s, en->table) : 0;
}

int store_rows(store *s, int e, const char *region, store_row_fn fn, void *ctx) {
    return rows(s, e, region, 0, fn, ctx);
}

int store_rows_pos(store *s, int e, const char *region, store_row_fn fn, void *ctx) {
    return rows(s, e, region, 1, fn, ctx);
}

int store_insert(store *s, int e, const char *region, const char *const *vals) {
    return store_insert_at(s, e, region, vals, -1);
}

int store_insert_at(store *s, int e, const char *region, const char *const *vals, long pos) {
    sqlite3_stmt *st = row_stmt(s, e, OP_INSERT);
    if (!st) return -1;
    bind_row(st, e, region, vals, 0);
    if (model_ordered(e) && pos >= 0)
        sqlite3_bind_int64(st, model_entities[e].nfields + 2, (sqlite3_int64)pos);
    return step_done(s, st, e);
}

int store_set_pos(store *s, int e, const char *region, const char *const *vals, long pos) {
    if (!model_ordered(e))
        return store_error(s, "internal: %s has no order", model_entities[e].table);
    sqlite3_stmt *st = row_stmt(s, e, OP_POS);
    if (!st) return -1;
    bind_row(st, e, region, vals, 1);
    sqlite3_bind_int64(st, model_entities[e].nfields + 2, (sqlite3_int64)pos);
    return step_done(s, st, e);
}

int store_update(store *s, int e, const char *region, const char *const *vals) {
    sqlite3_stmt *st = row_stmt(s, e, OP_UPDATE);
    if (!st) return -1;
    bind_row(st, e, region, vals, 0);
    return step_done(s, st, e);
}

int store_delete(store *s, int e, const char *region, const char *const *vals) {
    sqlite3_stmt *st = row_stmt(s, e, OP_DELETE);
    if (!st) return -1;
    bind_row(st, e, region, vals, 1);
    return step_done(s, st, e);
}

/* ---- Queries ------------------------------------------------------------------------------ */

#define QUERY_COLUMNS 16 /* spil's own queries read at most this many columns */

/* Run sql with text parameters params[0..nparams), calling fn for each row. */
static int query(store *s, const char *sql, const char *const *params, int nparams, store_row_fn fn,
                 void *ctx) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) return fail(s, "query");
    for (int i = 0; i < nparams; i++)
        sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_STATIC);
    int rc, ncol = sqlite3_column_count(st);
    if (ncol > QUERY_COLUMNS)
        BUG("a query of %d columns (at most %d): %.60s", ncol, QUERY_COLUMNS, sql);
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *vals[QUERY_COLUMNS];
        for (int i = 0; i < ncol; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        if (fn && fn(ctx, vals, ncol)) break;
    }
    int bad = rc != SQLITE_ROW && rc != SQLITE_DONE;
    if (bad) fail(s, "query");
    sqlite3_finalize(st);
    return bad ? -1 : 0;
}

int store_regions(store *s, store_row_fn fn, void *ctx) {
    return query(s, "SELECT id, name FROM region ORDER BY id", NULL, 0, fn, ctx);
}

static int set_flag(void *ctx, const char *const *vals, int n) {
    (void)vals;
    (void)n;
    *(int *)ctx = 1;
    return 1;
}

int store_region_exists(store *s, const char *region) {
    int found = 0;
    if (query(s, "SELECT 1 FROM region WHERE id = ?1", &region, 1, set_flag, &found)) return -1;
    return found;
}

typedef struct setting_buf {
    char *buf;
    size_t cap;
    int found;
} setting_buf;

static int copy_setting(void *ctx, const char *const *vals, int n) {
    (void)n;
    setting_buf *b = ctx;
    snprintf(b->buf, b->cap, "%s", vals[0] ? vals[0] : "");
    b->found = 1;
    return 1;
}

int store_setting(store *s, const char *key, char *buf, size_t cap) {
    setting_buf b = {buf, cap, 0};
    if (query(s, "SELECT value FROM meta WHERE key = ?1", &key, 1, copy_setting, &b)) return -1;
    return b.found;
}

int store_set_setting(store *s, const char *key, const char *value) {
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)", -1,
                           &st, NULL) != SQLITE_OK)
        return fail(s, "writing the setting");
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : fail(s, "writing the setting");
    sqlite3_finalize(st);
    return rc;
}

int store_region_municipalities(store *s, const char *region, store_row_fn fn, void *ctx) {
    return query(s,
                 "SELECT m.code, m.name, rm.status, rm.since, rm.until FROM region_municipality rm"
                 " JOIN municipality m ON m.code = rm.code WHERE rm.region = ?1 ORDER BY m.name",
                 &region, 1, fn, ctx);
}

int store_recorded_since_load(store *s, const char *region, const char *entity, const char *key,
                              store_row_fn fn, void *ctx) {
    const char *params[] = {region, entity, key};
    return query(s,
                 "SELECT at, actor, command FROM event WHERE region = ?1 AND (?2 IS NULL OR "
                 "entity = ?2) AND (?3 IS NULL OR key = ?3) AND command <> 'load' AND id > "
                 "(SELECT coalesce(max(id), 0) FROM event WHERE region = ?1 AND command = "
                 "'load') ORDER BY id DESC LIMIT 1",
                 params, 3, fn, ctx);
}

int store_events(store *s, const char *region, int64_t limit, store_row_fn fn, void *ctx) {
    char lim[32];
    snprintf(lim, sizeof lim, "%lld", (long long)(limit > 0 ? limit : -1));
    const char *params[] = {region, lim};
    return query(s,
                 "SELECT * FROM (SELECT id, at, actor, region, command, action, entity, key,"
                 " detail, reason FROM event WHERE ?1 IS NULL OR region = ?1"
                 " ORDER BY id DESC LIMIT CAST(?2 AS INTEGER)) ORDER BY id",
                 params, 2, fn, ctx);
}

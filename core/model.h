/*
** model.h: the shared data model of a region, as data.
**
** One table of entities (region, municipalities, organisations, people, roles, ...) and their
** fields drives everything that is generic over the model: the loader's validation of
** region.yaml, the diff against the store, the SQL the store prepares, the export back to
** YAML and the Lua read API. The SQL tables themselves are created by the migrations in
** store.c; a unit test checks that every entity and field here has its table and column.
**
** Representation: an entity's columns are exactly its fields, in order. Every table also has a
** `region` column (the `region` table itself uses `id`). A child entity (members of a body,
** parties of an agreement, ...) has a first field flagged MF_PARENT that holds its parent's id;
** it is not written in YAML, where children sit under their parent. Key fields (MF_KEY)
** identify a row within its region. Values travel as canonical text: booleans "1"/"0",
** numbers as printed by model_format_num, dates YYYY-MM-DD.
*/
#ifndef SPIL_MODEL_H
#define SPIL_MODEL_H

#include <stddef.h>

typedef enum {
    FT_ID,   /* identifier: [a-z0-9][a-z0-9._-]*, at most 64 characters */
    FT_STR,  /* one line of text */
    FT_TEXT, /* free text, may span lines */
    FT_INT,  /* whole number >= 0 */
    FT_NUM,  /* decimal >= 0: at most 12 digits before the point, 6 after, 15 in all */
    FT_BOOL, /* true or false */
    FT_DATE, /* calendar date YYYY-MM-DD */
    FT_ENUM, /* one of the field's values */
    FT_REF,  /* id of a row of another entity of the same region */
    FT_CBS,  /* CBS municipality code GMnnnn from the reference list */
    FT_FILE, /* a Lua file inside the region's folder */
} model_type;

enum {
    MF_REQUIRED = 1, /* must be present in YAML */
    MF_KEY = 2,      /* part of the row's identity within its region */
    MF_PARENT = 4,   /* holds the parent row's id; implied by nesting in YAML */
    MF_DERIVED = 8,  /* filled by the loader, never written in YAML (a script's source) */
};

typedef struct model_field {
    const char *name;          /* YAML key and SQL column */
    model_type type;           /* how the value is checked and stored */
    unsigned flags;            /* MF_* */
    const char *const *values; /* FT_ENUM: allowed values, NULL-terminated */
    int ref;                   /* FT_REF: index of the referenced entity */
    const char *doc;           /* one line for docs and help */
} model_field;

typedef enum {
    MS_ONE,     /* a single mapping (the region itself) */
    MS_LIST,    /* a list of mappings */
    MS_SCALARS, /* a list of scalars: the one non-parent field holds each */
} model_shape;

typedef struct model_entity {
    const char *name;    /* singular, for messages and events: "organisation" */
    const char *section; /* YAML key: top-level, or under the parent's item */
    const char *table;   /* SQL table */
    int parent;          /* index of the parent entity, or -1 for a top-level section */
    model_shape shape;
    const model_field *fields;
    int nfields;
    const char *doc; /* one line for docs and help */
} model_entity;

/* Entity indexes that code outside the generic paths needs by name. */
enum {
    ME_REGION = 0,
    ME_SCRIPT = 1,
    ME_MUNICIPALITY = 2,
};

extern const model_entity model_entities[];
extern const int model_nentities;

/* 1 if the rows of entity e form lists whose order the store keeps (a `pos` column): every
** entity but the region itself. The order is the file's; rows recorded later come last. */
int model_ordered(int e);
/* Index of the entity whose table is `table`, or -1. */
int model_entity_by_table(const char *table);
/* Index of the field `name` in entity e, or -1. */
int model_field_index(int e, const char *name);
/* The field holding a row's identity when it has one key field besides its parent, else -1. */
int model_id_field(int e);
/* Top-level YAML section keys, NULL-terminated (for "did you mean"). */
const char *const *model_top_keys(void);

/* The value of enumeration values (a field's, NULL-terminated) that v names: v itself when it is
** one, the value a Dutch synonym stands for ("getekend": "signed"), else NULL. */
const char *model_enum_value(const char *const *values, const char *v);
/* The Dutch word spil shows for value v of values ("uitgenodigd" for invited), or NULL when it
** has none (the value is Dutch already: kerngroep). */
const char *model_enum_dutch(const char *const *values, const char *v);
/* The values and their Dutch synonyms, NULL-terminated (for "did you mean"); valid until the
** next call. */
const char *const *model_enum_words(const char *const *values);
/* Canonical text of a number: plain decimal, at most 15 significant digits and 6 decimals, no
** trailing zeros (4.5, 16). buf must hold 32 bytes. The loader accepts exactly such numbers. */
const char *model_format_num(double v, char *buf);
/* 1 if s is a valid YYYY-MM-DD calendar date. */
int model_valid_date(const char *s);
/* A date typed the Dutch way, day first with dashes (1-12-2025, 01-12-2025), as YYYY-MM-DD in
** iso (11 bytes): 1 when s is such a date and a real day, else 0 (iso untouched). Only what a
** person types on the command line or in the REPL is read so (load_changes_row); a region file
** keeps the one form, and a day-first date there is refused with this one as the hint. */
int model_dutch_date(const char *s, char *iso);
/* 1 if s is a valid identifier (FT_ID). */
int model_valid_id(const char *s);

/* The largest value of number field f that can be true (168 hours in a week), refused above
** it by the loader; 0: none beyond the type's. */
double model_field_max(const model_field *f);

#endif

/*
** evaluation.h: what a step's checks found, as C structs. Owns the one crossing of check results
** from Lua into C (eval_decode_check reads the table spil.engine's run_check returns, raw, with
** every value typed and bounded), and the ways out: JSON (--json, the advance event) and Lua
** tables again (spil test and the REPL read the same struct the CLI prints).
*/
#ifndef SPIL_EVALUATION_H
#define SPIL_EVALUATION_H

#include <stddef.h>

#include <jansson.h>
#include <lua.h>

/* Findings of one check beyond this are counted in one finding that says so. */
#define EVAL_MAX_FINDINGS 1000
/* Texts of a finding (missing, remedy, source, a subject's fields) are cut to this many bytes,
** between UTF-8 characters, with "..." at the end. */
#define EVAL_MAX_TEXT 4096

typedef struct eval_finding {
    char *check;   /* the check's id */
    int blocking;  /* else advisory */
    char *missing; /* what is missing, in words */
    char *remedy;  /* what to do (may be NULL) */
    char *source;  /* the guidance that asks for it (may be NULL) */
    char *subject_kind, *subject_id, *subject_name; /* who must act; all NULL: nobody named */
} eval_finding;

/* WAITING: the check cannot be judged until another check of the step (waits_for) is met, and
** that one says what is missing (spil.engine's ctx:waits_for; eval_finish holds a check to
** it). NOT_APPLICABLE: the requirement holds only under a condition the region does not meet
** (reason says which; ctx:not_applicable): neither passed nor failed, it never blocks. */
typedef enum {
    EVAL_PASS,
    EVAL_FAIL,
    EVAL_ADVISORY,
    EVAL_ERROR,
    EVAL_WAITING,
    EVAL_NOT_APPLICABLE
} eval_status;

typedef struct eval_check {
    char *id, *name, *source;
    int blocking; /* the check's own severity */
    eval_status status;
    char *waits_for;      /* WAITING: the id of the check it waits for; else NULL */
    char *waits_for_name; /* WAITING: that check's name, set by eval_finish */
    char *reason;         /* NOT_APPLICABLE: why the requirement does not apply; else NULL */
    eval_finding *findings;
    size_t nfindings;
} eval_check;

typedef struct eval_result {
    char *programme, *step, *name;
    eval_check *checks;
    size_t nchecks;
    int blocking, advisory; /* findings of each severity */
    int waiting;            /* checks that wait for another (status WAITING) */
    int not_applicable;     /* checks that do not apply (status NOT_APPLICABLE) */
    int ready;              /* no blocking finding */
    json_t *departures;     /* where the region's programme asks less than the standard one at
                            ** this step ([{check, name, change}], spil.programme.departures);
                            ** NULL: none to show */
} eval_result;

/* Start a result for a step; 0, or -1 when out of memory. */
int eval_init(eval_result *r, const char *programme, const char *step, const char *name);
void eval_free(eval_result *r);

/* Decode the check result at idx of L (spil.engine's run_check) and add it to r. No metamethod
** runs; call it protected (a number converted to text allocates in L, which may raise: then
** eval_drop_to removes what was added). 0; -1 with *err (malloc'd) when the value is not a
** check result (a bug in the engine) or memory ran out. */
int eval_decode_check(eval_result *r, lua_State *L, int idx, char **err);
/* Remove the checks after the first n. */
void eval_drop_to(eval_result *r, size_t n);
/* Add check id (name, source: may be NULL) with the one blocking finding that says the check
** itself failed with message why: an error in its code or a limit it hit. 0 or -1. */
int eval_add_failed_check(eval_result *r, const char *id, const char *name, const char *source,
                          const char *why);
/* After the last check: each waiting check is held to the check it waits for (at the end of a
** chain of waits): that one must report something missing, and for a blocking check a blocking
** finding. A check that may not wait reports, at its own severity, that it cannot be judged
** (about what the awaited check reported), so a region is never ready on a requirement nobody
** judged. Then count the findings, the waiting checks and those that do not apply, and set
** ready. 0, or -1 when out of memory. */
int eval_finish(eval_result *r);

/* The result as JSON: { programme, step, name, ready, blocking, advisory, waiting,
** not_applicable, checks: [ { id, name, severity, source, status, waits_for, waits_for_name,
** reason, findings: [ { check, severity,
** missing, remedy, source, subject: { kind, id, name } } ] } ] } (a new reference; NULL when
** out of memory). */
json_t *eval_json(const eval_result *r);
/* One finding as JSON, as in eval_json. */
json_t *eval_finding_json(const eval_finding *f);
/* The same as a Lua table on top of L's stack: eval_json's, pushed by ljson (may raise: call it
** protected). */
void eval_push(lua_State *L, const eval_result *r);

const char *eval_status_name(eval_status s);

#endif

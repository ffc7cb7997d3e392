/*
** runtime.h: the region runtime, the one door into region code. Every command and every test
** that runs a region's Lua comes through here: spil load and validate (the scripts run over the
** new state), check, check --all, status, advance, test, repl and run.
**
** Owns: reading a region's scripts once (from the sources stored with it) and handing them to the
** sandbox through its loader; composing a sandbox (the spil data module from api.c, the region's
** scripts run in file-name order, each as require of its module name, and for trusted callers
** the spil.runtime module); evaluating a step (each check on its own, a fresh sandbox after one
** failed or hit a limit, the "check itself failed" finding, the counting); the plan and the
** write of an advance; the readiness remembered for spil status.
** Chunk names are "<prefix>/<file>": "regions/zhz/rules.lua:12: ..." when prefix is the folder a
** region was loaded from, "zuid-holland-zuid/rules.lua:12: ..." when it is the region's id.
*/
#ifndef SPIL_RUNTIME_H
#define SPIL_RUNTIME_H

#include <jansson.h>

#include "evaluation.h"
#include "sbx.h"

struct store;

typedef struct rt rt;

/* What a runtime call ended with. */
enum {
    RT_OK = 0,
    RT_UNKNOWN = 1,  /* no such programme or step (the message lists what exists) */
    RT_SCRIPT = 2,   /* the region's own code failed or hit a limit (the message has its line) */
    RT_INTERNAL = 3, /* out of memory, the store, or a bug */
};

/* The runtime of region (NULL: no region, as in a REPL before use()), reading the region's
** scripts now. NULL and *err (malloc'd) on a storage error or out of memory. */
rt *rt_open(struct store *st, const char *region, const char *prefix, char **err);
void rt_close(rt *R);
/* The limits of every sandbox the runtime makes from now on (default: sbx.h's). */
void rt_set_limits(rt *R, const sbx_limits *lim);

/* A fresh sandbox for the region: the spil module, the region's scripts run. trusted adds the
** spil.runtime module (evaluate, plan_advance), for spil test and the operator's REPL only.
** NULL and *err when a script fails (the message names its file and line) or memory runs out. */
sbx *rt_sandbox(rt *R, int trusted, char **err);

/* Evaluate a step of programme (NULL step: the region's current one) on today (NULL: the
** clock's day). with (may be NULL): a JSON object of sections that replace the region's data for
** this evaluation only (spil test's t.check{with=...}). On RT_OK *out holds the result (free it
** with eval_free); else *err says why. */
int rt_evaluate(rt *R, const char *programme, const char *step, const char *today, json_t *with,
                eval_result *out, char **err);

/* Whether person may leave the current step of programme now: the checks (rt_evaluate), then the
** governance rule may_advance, then the end of the programme. */
typedef struct rt_plan {
    int allowed;
    char *reason;       /* why not (NULL when allowed) */
    char *from, *to;    /* the step left, the step entered (to: NULL when not allowed) */
    eval_result result; /* the evaluation of the step left */
    json_t *parameters; /* the region's overrides of the programme's parameters, a JSON array */
    json_t *rules;      /* the governance rules the region set in place of the standard ones
                        ** (names, a JSON array; spil.programme.own_rules) */
} rt_plan;
int rt_plan_advance(rt *R, const char *programme, const char *person, const char *today,
                    rt_plan *plan, char **err);
void rt_plan_free(rt_plan *plan);
/* The plan as JSON { allowed, reason, from, to, result } (a new reference). */
json_t *rt_plan_json(const rt_plan *plan);

/* The first parameter under programmes[].parameters that its programme does not declare (or
** that is out of range): *message, with the programme and parameter name (all malloc'd), or
** all NULL when every one is known. RT_OK, or RT_SCRIPT with *err. */
int rt_check_parameters(rt *R, char **message, char **programme, char **name, char **err);

/* The nth (from 1) step in region.yaml (a run's current step, or a step of its history) that
** its programme, as the region's scripts leave it, does not have: *programme and *step, *steps
** the programme's step ids (a NULL-terminated array; free with rt_steps_free) and *in_history;
** all NULL when there are fewer than nth. RT_OK, or RT_SCRIPT with *err. */
int rt_check_steps(rt *R, int nth, char **programme, char **step, char ***steps, int *in_history,
                   char **err);
void rt_steps_free(char **steps);

/* The governance verdict on decision id, as of today (NULL: today), under each programme's
** decision_valid rule: *out a JSON array of {programme, valid, reasons, counted, present,
** pending} (a new reference). RT_OK, or RT_SCRIPT with *err. */
int rt_decision_verdict(rt *R, const char *id, const char *today, json_t **out, char **err);

/* Write an allowed plan: the run's step and since, the step history, and one event with the
** result of every check, then commit. The caller began the transaction (store_begin) before
** rt_plan_advance, so the verdict and the write see one state. day: the date of the move. RT_OK,
** or RT_INTERNAL (rolled back). */
int rt_advance(rt *R, const char *programme, const rt_plan *plan, const char *actor,
               const char *day, const char *now, const char *reason, char **err);

/* The readiness of the current step of programme on today: remembered from a check today with
** this stdlib when nothing changed since, else evaluated and remembered. RT_OK or as above. */
int rt_readiness(rt *R, const char *programme, const char *today, int *blocking, int *advisory,
                 char **err);
/* Remember the result of an evaluation of the current step, for spil status (best effort). */
void rt_remember(rt *R, const eval_result *res, const char *today);

#endif

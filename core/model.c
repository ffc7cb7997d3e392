/*
** model.c: the entities and fields of the shared data model (see model.h).
**
** Order matters: an entity comes after every entity it refers to or nests under, so inserts
** can run front to back and deletes back to front. The enumerations use the guidance's own
** words (kerngroep, samenwerkingsovereenkomst); docs/region-format.md documents them all. The
** Dutch words users type for the values of the recording commands (getekend, voor) sit next
** to them, in one table (model_enum_value).
*/
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const membership_status[] = {"member", "candidate", "left", NULL};
static const char *const organisation_kinds[] = {
    "gemeente",   "ggd",        "jgz",        "cjg",    "zorgverzekeraar", "zorgkantoor",
    "ziekenhuis", "huisartsen", "vsv",        "igo",    "welzijn",         "sociaal-wijkteam",
    "sport",      "kraamzorg",  "paramedici", "ouders", "onderwijs",       "kennispartner",
    "provincie",  "rijk",       "ggz",        "vvt",    "other",           NULL};
static const char *const role_kinds[] = {"regiocoordinator",
                                         "kwartiermaker",
                                         "projectleider",
                                         "czv",
                                         "wethouder",
                                         "beleidsmedewerker",
                                         "bestuurlijk-aanspreekpunt",
                                         "netwerkregisseur",
                                         "data-adviseur",
                                         "contactpersoon",
                                         NULL};
static const char *const programme_ids[] = {"kngg", "kansrijke-start", "jzojp", NULL};
static const char *const body_kinds[] = {
    "kerngroep",    "stuurgroep",          "werkgroep", "coalitie", "regiegroep",
    "projectgroep", "bestuurlijk-overleg", "other",     NULL};
static const char *const membership_kinds[] = {"member", "agenda", "advisory", NULL};
static const char *const member_functions[] = {"chair", "secretary", NULL};
static const char *const agreement_kinds[] = {
    "samenwerkingsovereenkomst", "bestuurlijke-opdracht", "convenant", "regioplan", "other", NULL};
static const char *const agreement_topics[] = {"verantwoordelijkheden",
                                               "financiering",
                                               "mandaat",
                                               "monitoring",
                                               "besluitvorming",
                                               "communicatie",
                                               "publieke-waarde",
                                               "doel",
                                               "rol-rc",
                                               "partijen",
                                               "financiering-rc",
                                               "besluitvormend-orgaan",
                                               "raadsbetrokkenheid",
                                               "werkagenda",
                                               "evaluatie",
                                               "rol-projectleider",
                                               "mandaat-rc",
                                               "visie",
                                               "opleiding",
                                               "materiaal",
                                               "czv-uren",
                                               "randvoorwaarden",
                                               "omgangsvormen",
                                               "vroegsignalering",
                                               "zorgpad",
                                               "deelname",
                                               NULL};
static const char *const agreement_status[] = {"draft",  "consultation", "adopted",
                                               "signed", "ended",        NULL};
static const char *const party_status[] = {"invited",  "agreed",    "signed",
                                           "declined", "withdrawn", NULL};
static const char *const decision_kinds[] = {"decision", "advice", NULL};
static const char *const decision_outcomes[] = {"adopted", "rejected", "pending", "deferred", NULL};
static const char *const positions[] = {"for", "against", "abstain", "objection", NULL};
static const char *const funding_sources[] = {
    "gala",      "spuk",  "iza",   "gemeente", "zorgverzekeraar", "zorgkantoor", "rijk",
    "provincie", "fonds", "other", NULL};
static const char *const funding_purposes[] = {
    "rc",           "m&e",          "training",  "communicatie", "materiaal",
    "czv-indirect", "interventies", "programma", "other",        NULL};
static const char *const funding_status[] = {"proposed", "requested", "agreed", "granted",
                                             "rejected", "ended",     NULL};
static const char *const levels[] = {"strategic", "operational", NULL};
static const char *const member_levels[] = {"bestuurder", "management", "beleid", "uitvoering",
                                            NULL};
static const char *const decision_organs[] = {"college",  "raad",  "bestuur",
                                              "directie", "other", NULL};
static const char *const document_kinds[] = {"opdrachtbeschrijving",
                                             "communicatiestrategie",
                                             "regioplan",
                                             "werkagenda",
                                             "organisatiestructuur",
                                             "visie",
                                             "monitoringsplan",
                                             "memo",
                                             "profielschets",
                                             "evaluatierapport",
                                             "other",
                                             NULL};
static const char *const document_status[] = {"draft", "adopted", "withdrawn", NULL};
static const char *const activity_status[] = {"planned", "running", "done", "stopped", NULL};
static const char *const link_kinds[] = {"iza-regio",
                                         "subregio",
                                         "zorgkantoorregio",
                                         "mandaatgemeente",
                                         "samenwerkingsverband",
                                         "programma",
                                         "ketenaanpak",
                                         "gezondheidsbeleid",
                                         "leernetwerk",
                                         "intervisie",
                                         "buddy",
                                         "other",
                                         NULL};
static const char *const action_status[] = {"open", "done", "cancelled", NULL};
static const char *const indicator_kinds[] = {"process", "result", NULL};

/*
** The Dutch words users type for the enumerations of the recording commands (getekend for
** signed), accepted wherever a value is read (region.yaml, change files, the CLI, the REPL) and
** stored as the value they stand for. docs/region-format.md lists them.
*/
static const struct {
    const char *const *values;
    const char *word, *value;
} synonyms[] = {
    /* The first word of a value is the one spil shows in Dutch (lang.c); the others are only
    ** read, such as the spelling without a diaeresis. */
    {membership_status, "lid", "member"},
    {membership_status, "kandidaat", "candidate"},
    {membership_status, "uitgetreden", "left"},
    {organisation_kinds, "overig", "other"},
    {role_kinds, "regiocoördinator", "regiocoordinator"},
    {body_kinds, "overig", "other"},
    {membership_kinds, "lid", "member"},
    {membership_kinds, "agendalid", "agenda"},
    {membership_kinds, "adviserend", "advisory"},
    {member_functions, "voorzitter", "chair"},
    {member_functions, "secretaris", "secretary"},
    {agreement_kinds, "overig", "other"},
    {agreement_status, "concept", "draft"},
    {agreement_status, "in-consultatie", "consultation"},
    {agreement_status, "vastgesteld", "adopted"},
    {agreement_status, "getekend", "signed"},
    {agreement_status, "ondertekend", "signed"},
    {agreement_status, "beëindigd", "ended"},
    {agreement_status, "beeindigd", "ended"},
    {party_status, "uitgenodigd", "invited"},
    {party_status, "akkoord", "agreed"},
    {party_status, "getekend", "signed"},
    {party_status, "ondertekend", "signed"},
    {party_status, "afgewezen", "declined"},
    {party_status, "geweigerd", "declined"},
    {party_status, "ingetrokken", "withdrawn"},
    {decision_kinds, "besluit", "decision"},
    {decision_kinds, "advies", "advice"},
    {decision_outcomes, "aangenomen", "adopted"},
    {decision_outcomes, "verworpen", "rejected"},
    {decision_outcomes, "in-behandeling", "pending"},
    {decision_outcomes, "aangehouden", "deferred"},
    {decision_outcomes, "uitgesteld", "deferred"},
    {positions, "voor", "for"},
    {positions, "tegen", "against"},
    {positions, "onthouding", "abstain"},
    {positions, "onthouden", "abstain"},
    {positions, "bezwaar", "objection"},
    {funding_sources, "overig", "other"},
    {funding_purposes, "overig", "other"},
    {funding_status, "voorgesteld", "proposed"},
    {funding_status, "aangevraagd", "requested"},
    {funding_status, "akkoord", "agreed"},
    {funding_status, "toegekend", "granted"},
    {funding_status, "afgewezen", "rejected"},
    {funding_status, "beëindigd", "ended"},
    {funding_status, "beeindigd", "ended"},
    {levels, "strategisch", "strategic"},
    {levels, "operationeel", "operational"},
    {decision_organs, "overig", "other"},
    {document_kinds, "overig", "other"},
    {document_status, "concept", "draft"},
    {document_status, "vastgesteld", "adopted"},
    {document_status, "ingetrokken", "withdrawn"},
    {activity_status, "gepland", "planned"},
    {activity_status, "lopend", "running"},
    {activity_status, "afgerond", "done"},
    {activity_status, "gestopt", "stopped"},
    {link_kinds, "overig", "other"},
    {action_status, "afgerond", "done"},
    {action_status, "geannuleerd", "cancelled"},
    {action_status, "vervallen", "cancelled"},
    {indicator_kinds, "proces", "process"},
    {indicator_kinds, "resultaat", "result"},
};

enum {
    E_REGION,
    E_SCRIPT,
    E_MUNICIPALITY,
    E_ORGANISATION,
    E_AREA,
    E_PERSON,
    E_ROLE,
    E_PROGRAMME,
    E_STEP,
    E_PARAMETER,
    E_LINK,
    E_BODY,
    E_MEMBER,
    E_REPRESENTED,
    E_AGREEMENT,
    E_TOPIC,
    E_PARTY,
    E_DOCUMENT,
    E_DECISION,
    E_POSITION,
    E_FUNDING,
    E_RESPONSIBILITY,
    E_THEME,
    E_RELEVANCE,
    E_MEETING,
    E_AGENDA,
    E_ACTION,
    E_ACTIVITY,
    E_EVALUATION,
    E_FINDING,
    E_FOLLOWUP,
    E_INDICATOR,
};

#define REQ MF_REQUIRED
#define KEY MF_KEY
#define ID_FIELD                                                                                   \
    { "id", FT_ID, REQ | KEY, NULL, 0, "identifier, unique in the region" }
#define PARENT(e, what)                                                                            \
    { what, FT_REF, KEY | MF_PARENT, NULL, e, "the " what " this belongs to" }
#define PERIOD                                                                                     \
    {"since", FT_DATE, 0, NULL, 0, "first day"}, {                                                 \
        "until", FT_DATE, 0, NULL, 0, "last day"                                                   \
    }

static const model_field region_f[] = {
    ID_FIELD,
    {"name", FT_STR, REQ, NULL, 0, "display name"},
    {"description", FT_TEXT, 0, NULL, 0, "what the collaboration is"},
};
static const model_field script_f[] = {
    {"file", FT_FILE, KEY, NULL, 0, "Lua file in the region folder, run in the sandbox"},
    {"source", FT_TEXT, MF_DERIVED, NULL, 0, "the file's text, read at load"},
};
static const model_field municipality_f[] = {
    {"code", FT_CBS, REQ | KEY, NULL, 0, "CBS code, e.g. GM0505"},
    {"status", FT_ENUM, 0, membership_status, 0, "membership of the region"},
    PERIOD,
    {"inhabitants", FT_INT, 0, NULL, 0, "number of inhabitants (the municipality's size)"},
};
static const model_field organisation_f[] = {
    ID_FIELD,
    {"name", FT_STR, REQ, NULL, 0, "display name"},
    {"kind", FT_ENUM, REQ, organisation_kinds, 0, "kind of organisation"},
    {"municipality", FT_CBS, 0, NULL, 0, "for a gemeente: its CBS code"},
};
static const model_field area_f[] = {
    PARENT(E_ORGANISATION, "organisation"),
    {"municipality", FT_CBS, KEY, NULL, 0, "a municipality of the region it works in"},
};
static const model_field person_f[] = {
    ID_FIELD,
    {"name", FT_STR, REQ, NULL, 0, "full name"},
    {"organisation", FT_REF, 0, NULL, E_ORGANISATION, "employer or organisation represented"},
    {"email", FT_STR, 0, NULL, 0, "contact address"},
};
static const model_field role_f[] = {
    {"person", FT_REF, REQ | KEY, NULL, E_PERSON, "who holds the role"},
    {"role", FT_ENUM, REQ | KEY, role_kinds, 0, "which role"},
    {"municipality", FT_CBS, KEY, NULL, 0, "for a local role: the municipality"},
    {"hours", FT_NUM, 0, NULL, 0, "hours per week"},
    PERIOD,
    {"formal_assignment", FT_BOOL, 0, NULL, 0, "a formal assignment document exists"},
    {"tasks", FT_TEXT, 0, NULL, 0, "the tasks of the assignment (taakbeschrijving)"},
    {"mandate", FT_TEXT, 0, NULL, 0, "what the holder may decide or agree on (mandaat)"},
    {"focus", FT_ENUM, 0, levels, 0, "strategic or operational, when a role is split"},
    {"reviewed", FT_DATE, 0, NULL, 0, "last time the assignment was reviewed against practice"},
};
static const model_field programme_f[] = {
    {"programme", FT_ENUM, REQ | KEY, programme_ids, 0, "standard programme the region runs"},
    {"step", FT_STR, 0, NULL, 0, "current step"},
    {"since", FT_DATE, 0, NULL, 0, "when the current step was entered"},
};
static const model_field step_f[] = {
    PARENT(E_PROGRAMME, "programme"),
    {"step", FT_STR, REQ | KEY, NULL, 0, "step"},
    {"entered", FT_DATE, REQ | KEY, NULL, 0, "when it was entered"},
    {"left", FT_DATE, 0, NULL, 0, "when it was left"},
};
static const model_field parameter_f[] = {
    PARENT(E_PROGRAMME, "programme"),
    {"name", FT_ID, REQ | KEY, NULL, 0, "a parameter the programme declares"},
    {"value", FT_INT, REQ, NULL, 0, "the region's value (a whole number, e.g. months)"},
};
static const model_field link_f[] = {
    ID_FIELD,
    {"kind", FT_ENUM, REQ, link_kinds, 0, "kind of collaboration, network or policy"},
    {"name", FT_STR, REQ, NULL, 0, "its name"},
    {"person", FT_REF, 0, NULL, E_PERSON, "who takes part for the region"},
    PERIOD,
    {"description", FT_TEXT, 0, NULL, 0, "how the region is linked to it"},
};
static const model_field body_f[] = {
    ID_FIELD,
    {"name", FT_STR, REQ, NULL, 0, "display name"},
    {"kind", FT_ENUM, REQ, body_kinds, 0, "kind of body"},
    {"meetings_per_year", FT_INT, 0, NULL, 0, "how often it meets"},
    {"link", FT_REF, 0, NULL, E_LINK, "the existing structure it is (an IZA-regio, a subregio)"},
};
static const model_field member_f[] = {
    PARENT(E_BODY, "body"),
    {"organisation", FT_REF, REQ | KEY, NULL, E_ORGANISATION, "organisation that sits in the body"},
    {"person", FT_REF, 0, NULL, E_PERSON, "its representative"},
    {"membership", FT_ENUM, REQ, membership_kinds, 0, "member, agenda member or advisory"},
    {"function", FT_ENUM, 0, member_functions, 0, "chair or secretary"},
    {"mandate", FT_BOOL, 0, NULL, 0, "the representative may decide for the organisation"},
    {"level", FT_ENUM, 0, member_levels, 0, "the representative's position in the organisation"},
    {"decides", FT_BOOL, 0, NULL, 0, "the member takes part in the body's decisions"},
};
static const model_field represented_f[] = {
    PARENT(E_BODY, "body"),
    {"organisation", FT_REF, REQ | KEY, NULL, E_ORGANISATION, "organisation not in the body"},
    {"via", FT_REF, REQ, NULL, E_ORGANISATION, "the member organisation that speaks for it"},
};
static const model_field agreement_f[] = {
    ID_FIELD,
    {"title", FT_STR, REQ, NULL, 0, "title"},
    {"kind", FT_ENUM, REQ, agreement_kinds, 0, "kind of agreement"},
    {"date", FT_DATE, 0, NULL, 0, "date of the text"},
    PERIOD,
    {"document", FT_STR, 0, NULL, 0, "where the signed text is kept"},
    {"status", FT_ENUM, 0, agreement_status, 0, "draft, consultation, adopted, signed or ended"},
    {"municipality", FT_CBS, 0, NULL, 0, "for a local agreement: the municipality"},
};
static const model_field topic_f[] = {
    PARENT(E_AGREEMENT, "agreement"),
    {"topic", FT_ENUM, KEY, agreement_topics, 0, "topic the agreement covers"},
};
static const model_field party_f[] = {
    PARENT(E_AGREEMENT, "agreement"),
    {"organisation", FT_REF, REQ | KEY, NULL, E_ORGANISATION, "party"},
    {"status", FT_ENUM, REQ, party_status, 0, "where its signature stands"},
    {"date", FT_DATE, 0, NULL, 0, "date of the status"},
    {"signatory", FT_REF, 0, NULL, E_PERSON, "who signed"},
};
static const model_field document_f[] = {
    ID_FIELD,
    {"title", FT_STR, REQ, NULL, 0, "title"},
    {"kind", FT_ENUM, REQ, document_kinds, 0, "kind of document"},
    {"status", FT_ENUM, 0, document_status, 0, "draft, adopted or withdrawn"},
    {"date", FT_DATE, 0, NULL, 0, "date of this version"},
    {"approved_by", FT_REF, 0, NULL, E_BODY, "body that adopted it"},
    {"person", FT_REF, 0, NULL, E_PERSON, "for an assignment: whose it is"},
    {"agreement", FT_REF, 0, NULL, E_AGREEMENT, "the agreement it belongs to"},
    {"location", FT_STR, 0, NULL, 0, "where the text is kept"},
};
static const model_field decision_f[] = {
    ID_FIELD,
    {"body", FT_REF, 0, NULL, E_BODY, "body that took it (or: organisation)"},
    {"date", FT_DATE, REQ, NULL, 0, "meeting date"},
    {"subject", FT_STR, REQ, NULL, 0, "what it is about"},
    {"kind", FT_ENUM, REQ, decision_kinds, 0, "decision or advice"},
    {"outcome", FT_ENUM, 0, decision_outcomes, 0, "outcome"},
    {"organisation", FT_REF, 0, NULL, E_ORGANISATION, "organisation that took it (or: body)"},
    {"organ", FT_ENUM, 0, decision_organs, 0, "for an organisation: college, raad, bestuur..."},
    {"topic", FT_ENUM, 0, agreement_topics, 0, "what it concerns, in the topic vocabulary"},
};
static const model_field position_f[] = {
    PARENT(E_DECISION, "decision"),
    {"organisation", FT_REF, REQ | KEY, NULL, E_ORGANISATION, "member organisation"},
    {"person", FT_REF, 0, NULL, E_PERSON, "who spoke for it"},
    {"position", FT_ENUM, REQ, positions, 0, "for, against, abstain or objection"},
    {"mandate", FT_BOOL, 0, NULL, 0, "the person held a mandate"},
};
static const model_field funding_f[] = {
    ID_FIELD,
    {"source", FT_ENUM, REQ, funding_sources, 0, "where the money comes from"},
    {"purpose", FT_ENUM, REQ, funding_purposes, 0, "what it pays for"},
    {"amount", FT_NUM, 0, NULL, 0, "euros"},
    {"funder", FT_REF, 0, NULL, E_ORGANISATION, "organisation that pays"},
    {"theme", FT_REF, 0, NULL, E_THEME, "the theme it pays for (themes)"},
    PERIOD,
    {"status", FT_ENUM, REQ, funding_status, 0, "where it stands"},
};
static const model_field responsibility_f[] = {
    {"task", FT_STR, REQ | KEY, NULL, 0, "the task"},
    {"organisation", FT_REF, REQ | KEY, NULL, E_ORGANISATION, "who owns it"},
    {"level", FT_ENUM, REQ | KEY, levels, 0, "strategic or operational"},
    {"person", FT_REF, 0, NULL, E_PERSON, "named owner"},
};
static const model_field theme_f[] = {
    ID_FIELD,
    {"name", FT_STR, REQ, NULL, 0, "display name"},
    {"description", FT_TEXT, 0, NULL, 0, "what it covers"},
};
static const model_field relevance_f[] = {
    PARENT(E_THEME, "theme"),
    {"organisation", FT_REF, REQ | KEY, NULL, E_ORGANISATION, "partner"},
    {"relevant", FT_BOOL, REQ, NULL, 0, "the partner holds the theme relevant"},
};
static const model_field meeting_f[] = {
    ID_FIELD,
    {"body", FT_REF, REQ, NULL, E_BODY, "body that meets"},
    {"date", FT_DATE, REQ, NULL, 0, "date"},
    {"title", FT_STR, 0, NULL, 0, "title"},
};
static const model_field agenda_f[] = {
    PARENT(E_MEETING, "meeting"),
    {"item", FT_STR, KEY, NULL, 0, "agenda item"},
};
static const model_field action_f[] = {
    ID_FIELD,
    {"title", FT_STR, REQ, NULL, 0, "what is to be done"},
    {"owner", FT_REF, 0, NULL, E_PERSON, "who does it"},
    {"due", FT_DATE, 0, NULL, 0, "due date"},
    {"status", FT_ENUM, 0, action_status, 0, "open, done or cancelled"},
    {"meeting", FT_REF, 0, NULL, E_MEETING, "meeting that agreed it"},
};
static const model_field activity_f[] = {
    ID_FIELD,
    {"title", FT_STR, REQ, NULL, 0, "what is done"},
    {"agreement", FT_REF, 0, NULL, E_AGREEMENT, "the plan it carries out (regioplan, werkagenda)"},
    {"organisation", FT_REF, 0, NULL, E_ORGANISATION, "organisation that carries it out"},
    {"person", FT_REF, 0, NULL, E_PERSON, "who leads it"},
    {"municipality", FT_CBS, 0, NULL, 0, "where, when not region-wide"},
    {"theme", FT_REF, 0, NULL, E_THEME, "theme it belongs to"},
    PERIOD,
    {"status", FT_ENUM, 0, activity_status, 0, "planned, running, done or stopped"},
};
static const model_field evaluation_f[] = {
    ID_FIELD,
    {"date", FT_DATE, REQ, NULL, 0, "date"},
    {"subject", FT_STR, REQ, NULL, 0, "what was evaluated"},
    {"agreement", FT_REF, 0, NULL, E_AGREEMENT, "the agreement whose goals it evaluates against"},
};
static const model_field finding_f[] = {
    PARENT(E_EVALUATION, "evaluation"),
    {"finding", FT_TEXT, KEY, NULL, 0, "what the evaluation found"},
};
static const model_field followup_f[] = {
    PARENT(E_EVALUATION, "evaluation"),
    {"followup", FT_TEXT, KEY, NULL, 0, "what is done about it"},
};
static const model_field indicator_f[] = {
    {"code", FT_ID, REQ | KEY, NULL, 0, "indicator code: a catalogue code adopts that one"},
    /* Required for an indicator of the region's own, absent for an adopted one (load.c). */
    {"name", FT_STR, 0, NULL, 0, "name"},
    {"kind", FT_ENUM, 0, indicator_kinds, 0, "process or result"},
    {"unit", FT_STR, 0, NULL, 0, "unit, e.g. percent"},
    {"level", FT_STR, 0, NULL, 0, "level or group in its set"},
    {"numerator", FT_STR, 0, NULL, 0, "what is counted"},
    {"denominator", FT_STR, 0, NULL, 0, "what it is counted over"},
    {"source", FT_STR, 0, NULL, 0, "where the definition comes from"},
};

#define ENTITY(name, section, table, parent, shape, f, doc)                                        \
    { name, section, table, parent, shape, f, N(f), doc }

const model_entity model_entities[] = {
    ENTITY("region", "region", "region", -1, MS_ONE, region_f, "the region itself"),
    ENTITY("script", "scripts", "region_script", E_REGION, MS_SCALARS, script_f,
           "the region's Lua maatwerk"),
    ENTITY("municipality", "municipalities", "region_municipality", -1, MS_LIST, municipality_f,
           "municipalities taking part"),
    ENTITY("organisation", "organisations", "organisation", -1, MS_LIST, organisation_f,
           "organisations taking part"),
    ENTITY("work area", "area", "organisation_area", E_ORGANISATION, MS_SCALARS, area_f,
           "municipalities an organisation works in"),
    ENTITY("person", "people", "person", -1, MS_LIST, person_f, "people"),
    ENTITY("role", "roles", "role_assignment", -1, MS_LIST, role_f, "who holds which role"),
    ENTITY("programme", "programmes", "region_programme", -1, MS_LIST, programme_f,
           "programmes the region runs"),
    ENTITY("step", "history", "programme_step", E_PROGRAMME, MS_LIST, step_f,
           "steps entered and left"),
    ENTITY("parameter", "parameters", "programme_parameter", E_PROGRAMME, MS_LIST, parameter_f,
           "thresholds the guidance leaves to the region"),
    ENTITY("link", "links", "link", -1, MS_LIST, link_f,
           "other collaborations, programmes, policies and networks"),
    ENTITY("body", "bodies", "body", -1, MS_LIST, body_f, "kerngroep, coalitie, stuurgroep..."),
    ENTITY("member", "members", "body_member", E_BODY, MS_LIST, member_f, "who sits in a body"),
    ENTITY("representation", "represented", "body_represented", E_BODY, MS_LIST, represented_f,
           "organisations a member speaks for"),
    ENTITY("agreement", "agreements", "agreement", -1, MS_LIST, agreement_f,
           "samenwerkingsovereenkomst, bestuurlijke opdracht..."),
    ENTITY("topic", "topics", "agreement_topic", E_AGREEMENT, MS_SCALARS, topic_f,
           "what an agreement covers"),
    ENTITY("party", "parties", "agreement_party", E_AGREEMENT, MS_LIST, party_f,
           "who signs an agreement"),
    ENTITY("document", "documents", "document", -1, MS_LIST, document_f,
           "assignments, strategies, plans and who adopted them"),
    ENTITY("decision", "decisions", "decision", -1, MS_LIST, decision_f,
           "decisions and advice of bodies and organisations"),
    ENTITY("position", "positions", "decision_position", E_DECISION, MS_LIST, position_f,
           "each member's position"),
    ENTITY("funding", "funding", "funding", -1, MS_LIST, funding_f, "money agreed or requested"),
    ENTITY("responsibility", "responsibilities", "responsibility", -1, MS_LIST, responsibility_f,
           "who does what"),
    ENTITY("theme", "themes", "theme", -1, MS_LIST, theme_f, "themes of the collaboration"),
    ENTITY("relevance", "relevance", "theme_relevance", E_THEME, MS_LIST, relevance_f,
           "which partner holds a theme relevant"),
    ENTITY("meeting", "meetings", "meeting", -1, MS_LIST, meeting_f, "meetings of bodies"),
    ENTITY("agenda item", "agenda", "meeting_agenda", E_MEETING, MS_SCALARS, agenda_f,
           "agenda of a meeting"),
    ENTITY("action", "actions", "action", -1, MS_LIST, action_f, "actions with owner and due date"),
    ENTITY("activity", "activities", "activity", -1, MS_LIST, activity_f,
           "what the plan turns into"),
    ENTITY("evaluation", "evaluations", "evaluation", -1, MS_LIST, evaluation_f,
           "evaluations of the collaboration"),
    ENTITY("finding", "findings", "evaluation_finding", E_EVALUATION, MS_SCALARS, finding_f,
           "what an evaluation found"),
    ENTITY("follow-up", "followups", "evaluation_followup", E_EVALUATION, MS_SCALARS, followup_f,
           "what is done about it"),
    ENTITY("indicator", "indicators", "indicator", -1, MS_LIST, indicator_f,
           "the region's own indicators"),
};
const int model_nentities = N(model_entities);

int model_entity_by_table(const char *table) {
    for (int e = 0; e < model_nentities; e++)
        if (strcmp(model_entities[e].table, table) == 0) return e;
    return -1;
}

int model_ordered(int e) {
    return model_entities[e].shape != MS_ONE;
}

int model_field_index(int e, const char *name) {
    const model_entity *en = &model_entities[e];
    for (int i = 0; i < en->nfields; i++)
        if (strcmp(en->fields[i].name, name) == 0) return i;
    return -1;
}

int model_id_field(int e) {
    const model_entity *en = &model_entities[e];
    int found = -1;
    for (int i = 0; i < en->nfields; i++) {
        unsigned f = en->fields[i].flags;
        if ((f & MF_KEY) && !(f & MF_PARENT)) {
            if (found >= 0) return -1;
            found = i;
        }
    }
    return found;
}

const char *const *model_top_keys(void) {
    static const char *keys[64];
    if (!keys[0]) {
        int n = 0;
        keys[n++] = "spil";
        for (int e = 0; e < model_nentities && n < 63; e++)
            if (model_entities[e].parent < 0) keys[n++] = model_entities[e].section;
        keys[n] = NULL;
    }
    return keys;
}

const char *model_format_num(double v, char *buf) {
    /* Plain decimals, never exponents, at most 15 significant digits (what a double holds) and
    ** 6 decimals: the loader reads back exactly this form. */
    int whole = 1;
    for (double a = v < 0 ? -v : v; a >= 10 && whole < 20; a /= 10)
        whole++;
    int decimals = 15 - whole < 6 ? (15 - whole > 0 ? 15 - whole : 0) : 6;
    snprintf(buf, 32, "%.*f", decimals, v);
    char *end = buf + strlen(buf);
    while (end > buf && end[-1] == '0')
        *--end = '\0';
    if (end > buf && end[-1] == '.') *--end = '\0';
    if (strcmp(buf, "-0") == 0) strcpy(buf, "0");
    return buf;
}

int model_valid_date(const char *s) {
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

int model_dutch_date(const char *s, char *iso) {
    int d = 0, m = 0, y = 0, nd = 0, nm = 0, ny = 0;
    const char *p = s;
    for (; *p >= '0' && *p <= '9' && nd < 3; p++, nd++)
        d = d * 10 + (*p - '0');
    if (nd < 1 || nd > 2 || *p++ != '-') return 0;
    for (; *p >= '0' && *p <= '9' && nm < 3; p++, nm++)
        m = m * 10 + (*p - '0');
    if (nm < 1 || nm > 2 || *p++ != '-') return 0;
    for (; *p >= '0' && *p <= '9' && ny < 5; p++, ny++)
        y = y * 10 + (*p - '0');
    if (ny != 4 || *p) return 0;
    char buf[32];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
    if (!model_valid_date(buf)) return 0;
    memcpy(iso, buf, 11);
    return 1;
}

int model_valid_id(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 64) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                 (i > 0 && (c == '-' || c == '_' || c == '.'));
        if (!ok) return 0;
    }
    return 1;
}

static const char *enum_find(const char *const *values, const char *v) {
    for (int i = 0; values[i]; i++)
        if (strcmp(values[i], v) == 0) return values[i];
    return NULL;
}

const char *model_enum_value(const char *const *values, const char *v) {
    const char *value = enum_find(values, v);
    for (int i = 0; !value && i < N(synonyms); i++)
        if (synonyms[i].values == values && strcmp(synonyms[i].word, v) == 0)
            value = enum_find(values, synonyms[i].value);
    return value;
}

const char *model_enum_dutch(const char *const *values, const char *v) {
    for (int i = 0; i < N(synonyms); i++)
        if (synonyms[i].values == values && strcmp(synonyms[i].value, v) == 0)
            return synonyms[i].word;
    return NULL;
}

const char *const *model_enum_words(const char *const *values) {
    static const char *words[64];
    int n = 0;
    for (int i = 0; values[i] && n < 63; i++)
        words[n++] = values[i];
    for (int i = 0; i < N(synonyms) && n < 63; i++)
        if (synonyms[i].values == values) words[n++] = synonyms[i].word;
    words[n] = NULL;
    return words;
}

/* Numbers with a bound in the world they count, by field name: each is today the only number
** field of that name in the model (roles.hours, bodies.meetings_per_year); a new number field
** of the same name would share its bound. */
static const struct {
    const char *field;
    double max;
} field_max[] = {
    {"hours", 168},             /* hours per week: a week has 168 */
    {"meetings_per_year", 366}, /* at most one a day */
};

double model_field_max(const model_field *f) {
    for (size_t i = 0; i < sizeof field_max / sizeof *field_max; i++)
        if (strcmp(f->name, field_max[i].field) == 0) return field_max[i].max;
    return 0;
}

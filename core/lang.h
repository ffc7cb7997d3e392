/*
** lang.h: the language spil speaks to the coordinator: Dutch (nl, the default) or English (en).
**
** Owns: the choice, made once per run in this order: --lang, else $SPIL_LANG, else the
** database's setting `lang` (spil setting lang en), else nl; GNU gettext's set-up for the C
** side (the catalogue po/nl.po, compiled to spil.mo and found next to the binary or where it is
** installed); _() for the C strings, whose msgids are English (so English is spil without a
** catalogue, and the Dutch is checked complete by ctest); the words shown for the data model's
** enumerated values (invited is "uitgenodigd" in Dutch), from model.c's Dutch words.
** The Lua stdlib has its own message table (stdlib/spil/messages.lua); it reads the choice as
** spil.lang (api.c).
*/
#ifndef SPIL_LANG_H
#define SPIL_LANG_H

/* The text of msgid in the chosen language: its translation from the catalogue for nl, msgid
** itself for en (or when the catalogue has none). */
const char *lang_tr(const char *msgid) __attribute__((format_arg(1)));
/* The same for a message with a count: one or many, by n (ngettext). */
const char *lang_trn(const char *one, const char *many, unsigned long n)
    __attribute__((format_arg(1), format_arg(2)));
#define _(s)  lang_tr(s)
#define N_(s) (s) /* marks a string for the catalogue that is translated later */

/* s as terminal text (out_str's escaping: no value can drive the terminal), for a %s of a
** translated format, so a message is printed whole: printf(_("%s has not signed\n"),
** lang_esc(name)). The copy lives until 16 more calls; NULL gives "". */
const char *lang_esc(const char *s);

/* 1 if code is a language spil speaks (nl, en). */
int lang_valid(const char *code);
/* Choose from --lang (option, NULL when not given) and $SPIL_LANG. -1 when $SPIL_LANG names no
** language spil speaks (the caller reports it), else 0. */
int lang_choose(const char *option);
/* For one test file of spil test (its `--! lang: en` line): speak code (NULL: the run's own
** choice). It wins over --lang and $SPIL_LANG: the file's expected texts are in its language.
** Returns the language spoken before. */
const char *lang_use(const char *code);
/* The database's setting, used only when neither --lang nor $SPIL_LANG chose (NULL: none). */
void lang_default(const char *code);
/* Where the choice came from: "--lang", "SPIL_LANG", "setting" or "default". */
const char *lang_origin(void);
/* The chosen language: "nl" or "en". */
const char *lang_current(void);
/* The catalogue file in use for nl, or NULL when none was found (then the C side is English). */
const char *lang_catalogue(void);

/* The word shown for value v of an enumeration (a model field's values): its Dutch word in nl
** (the first of model.c's Dutch words for it), v itself in en or when it has none. */
const char *lang_word(const char *const *values, const char *v);
/* The same by the field's name, "agreement_party.status" or the section's "parties.status"
** (table or section, then field); v itself when the field is no enumeration. */
const char *lang_word_of(const char *field, const char *v);

#endif

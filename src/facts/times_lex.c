/* The time extractor's lexicon: month and weekday names, calendar units, relative words,
 * parts of the day, seasons, holidays, tense cues, in English, Spanish, German, French
 * (months and weekdays also in Portuguese and Italian). One table, sorted once at first use
 * so that a word's entries are adjacent, and looked up through a folded-word hash map. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "facts/times_int.h"

#define E NF__EN
#define S NF__ES
#define D NF__DE
#define F NF__FR
#define P NF__PT
#define I NF__IT
#define U TLF_UPPER
#define A (TLF_UPPER | TLF_ABBR)

static const nf__tlex raw[] = {
    /* months */
    {"january", E, TL_MONTH, 1, 0, U},
    {"february", E, TL_MONTH, 2, 0, U},
    {"march", E, TL_MONTH, 3, 0, U},
    {"april", E | D, TL_MONTH, 4, 0, U},
    {"may", E, TL_MONTH, 5, 0, U},
    {"june", E, TL_MONTH, 6, 0, U},
    {"july", E, TL_MONTH, 7, 0, U},
    {"august", E | D, TL_MONTH, 8, 0, U},
    {"september", E | D, TL_MONTH, 9, 0, U},
    {"october", E, TL_MONTH, 10, 0, U},
    {"november", E | D, TL_MONTH, 11, 0, U},
    {"december", E, TL_MONTH, 12, 0, U},
    {"jan", E, TL_MONTH, 1, 0, A},
    {"feb", E, TL_MONTH, 2, 0, A},
    {"mar", E, TL_MONTH, 3, 0, A},
    {"apr", E, TL_MONTH, 4, 0, A},
    {"jun", E, TL_MONTH, 6, 0, A},
    {"jul", E, TL_MONTH, 7, 0, A},
    {"aug", E, TL_MONTH, 8, 0, A},
    {"sep", E, TL_MONTH, 9, 0, A},
    {"sept", E, TL_MONTH, 9, 0, A},
    {"oct", E, TL_MONTH, 10, 0, A},
    {"nov", E, TL_MONTH, 11, 0, A},
    {"dec", E, TL_MONTH, 12, 0, A},
    {"enero", S, TL_MONTH, 1, 0, 0},
    {"febrero", S, TL_MONTH, 2, 0, 0},
    {"marzo", S | I, TL_MONTH, 3, 0, 0},
    {"abril", S | P, TL_MONTH, 4, 0, 0},
    {"mayo", S, TL_MONTH, 5, 0, 0},
    {"junio", S, TL_MONTH, 6, 0, 0},
    {"julio", S, TL_MONTH, 7, 0, 0},
    {"agosto", S | P | I, TL_MONTH, 8, 0, 0},
    {"septiembre", S, TL_MONTH, 9, 0, 0},
    {"setiembre", S, TL_MONTH, 9, 0, 0},
    {"octubre", S, TL_MONTH, 10, 0, 0},
    {"noviembre", S, TL_MONTH, 11, 0, 0},
    {"diciembre", S, TL_MONTH, 12, 0, 0},
    {"januar", D, TL_MONTH, 1, 0, 0},
    {"jänner", D, TL_MONTH, 1, 0, 0},
    {"februar", D, TL_MONTH, 2, 0, 0},
    {"märz", D, TL_MONTH, 3, 0, 0},
    {"mai", D | F, TL_MONTH, 5, 0, 0},
    {"juni", D, TL_MONTH, 6, 0, 0},
    {"juli", D, TL_MONTH, 7, 0, 0},
    {"oktober", D, TL_MONTH, 10, 0, 0},
    {"dezember", D, TL_MONTH, 12, 0, 0},
    {"janvier", F, TL_MONTH, 1, 0, 0},
    {"février", F, TL_MONTH, 2, 0, 0},
    {"mars", F, TL_MONTH, 3, 0, 0},
    {"avril", F, TL_MONTH, 4, 0, 0},
    {"juin", F, TL_MONTH, 6, 0, 0},
    {"juillet", F, TL_MONTH, 7, 0, 0},
    {"août", F, TL_MONTH, 8, 0, 0},
    {"septembre", F, TL_MONTH, 9, 0, 0},
    {"octobre", F, TL_MONTH, 10, 0, 0},
    {"novembre", F | I, TL_MONTH, 11, 0, 0},
    {"décembre", F, TL_MONTH, 12, 0, 0},
    {"janeiro", P, TL_MONTH, 1, 0, 0},
    {"fevereiro", P, TL_MONTH, 2, 0, 0},
    {"março", P, TL_MONTH, 3, 0, 0},
    {"maio", P, TL_MONTH, 5, 0, 0},
    {"junho", P, TL_MONTH, 6, 0, 0},
    {"julho", P, TL_MONTH, 7, 0, 0},
    {"setembro", P, TL_MONTH, 9, 0, 0},
    {"outubro", P, TL_MONTH, 10, 0, 0},
    {"novembro", P, TL_MONTH, 11, 0, 0},
    {"dezembro", P, TL_MONTH, 12, 0, 0},
    {"gennaio", I, TL_MONTH, 1, 0, 0},
    {"febbraio", I, TL_MONTH, 2, 0, 0},
    {"aprile", I, TL_MONTH, 4, 0, 0},
    {"maggio", I, TL_MONTH, 5, 0, 0},
    {"giugno", I, TL_MONTH, 6, 0, 0},
    {"luglio", I, TL_MONTH, 7, 0, 0},
    {"settembre", I, TL_MONTH, 9, 0, 0},
    {"ottobre", I, TL_MONTH, 10, 0, 0},
    {"dicembre", I, TL_MONTH, 12, 0, 0},
    /* weekdays */
    {"monday", E, TL_WDAY, 0, 0, U},
    {"tuesday", E, TL_WDAY, 1, 0, U},
    {"wednesday", E, TL_WDAY, 2, 0, U},
    {"thursday", E, TL_WDAY, 3, 0, U},
    {"friday", E, TL_WDAY, 4, 0, U},
    {"saturday", E, TL_WDAY, 5, 0, U},
    {"sunday", E, TL_WDAY, 6, 0, U},
    {"mon", E, TL_WDAY, 0, 0, A},
    {"tue", E, TL_WDAY, 1, 0, A},
    {"tues", E, TL_WDAY, 1, 0, A},
    {"wed", E, TL_WDAY, 2, 0, A},
    {"thu", E, TL_WDAY, 3, 0, A},
    {"thur", E, TL_WDAY, 3, 0, A},
    {"thurs", E, TL_WDAY, 3, 0, A},
    {"fri", E, TL_WDAY, 4, 0, A},
    {"sat", E, TL_WDAY, 5, 0, A},
    {"sun", E, TL_WDAY, 6, 0, A},
    {"lunes", S, TL_WDAY, 0, 0, 0},
    {"martes", S, TL_WDAY, 1, 0, 0},
    {"miércoles", S, TL_WDAY, 2, 0, 0},
    {"miercoles", S, TL_WDAY, 2, 0, 0},
    {"jueves", S, TL_WDAY, 3, 0, 0},
    {"viernes", S, TL_WDAY, 4, 0, 0},
    {"sábado", S | P, TL_WDAY, 5, 0, 0},
    {"sabado", S, TL_WDAY, 5, 0, 0},
    {"domingo", S | P, TL_WDAY, 6, 0, 0},
    {"montag", D, TL_WDAY, 0, 0, 0},
    {"dienstag", D, TL_WDAY, 1, 0, 0},
    {"mittwoch", D, TL_WDAY, 2, 0, 0},
    {"donnerstag", D, TL_WDAY, 3, 0, 0},
    {"freitag", D, TL_WDAY, 4, 0, 0},
    {"samstag", D, TL_WDAY, 5, 0, 0},
    {"sonnabend", D, TL_WDAY, 5, 0, 0},
    {"sonntag", D, TL_WDAY, 6, 0, 0},
    {"lundi", F, TL_WDAY, 0, 0, 0},
    {"mardi", F, TL_WDAY, 1, 0, 0},
    {"mercredi", F, TL_WDAY, 2, 0, 0},
    {"jeudi", F, TL_WDAY, 3, 0, 0},
    {"vendredi", F, TL_WDAY, 4, 0, 0},
    {"samedi", F, TL_WDAY, 5, 0, 0},
    {"dimanche", F, TL_WDAY, 6, 0, 0},
    {"lunedì", I, TL_WDAY, 0, 0, 0},
    {"martedì", I, TL_WDAY, 1, 0, 0},
    {"mercoledì", I, TL_WDAY, 2, 0, 0},
    {"giovedì", I, TL_WDAY, 3, 0, 0},
    {"venerdì", I, TL_WDAY, 4, 0, 0},
    {"sabato", I, TL_WDAY, 5, 0, 0},
    {"domenica", I, TL_WDAY, 6, 0, 0},
    /* yesterday, today, tomorrow */
    {"yesterday", E, TL_DAYREF, -1, 0, 0},
    {"today", E, TL_DAYREF, 0, 0, 0},
    {"tomorrow", E, TL_DAYREF, 1, 0, 0},
    {"tonight", E, TL_DAYREF, 0, TP_NI, 0},
    {"ayer", S, TL_DAYREF, -1, 0, 0},
    {"hoy", S, TL_DAYREF, 0, 0, 0},
    {"mañana", S, TL_DAYREF, 1, 0, 0},
    {"anoche", S, TL_DAYREF, -1, TP_NI, 0},
    {"anteayer", S, TL_DAYREF, -2, 0, 0},
    {"antier", S, TL_DAYREF, -2, 0, 0},
    {"gestern", D, TL_DAYREF, -1, 0, 0},
    {"heute", D, TL_DAYREF, 0, 0, 0},
    {"morgen", D, TL_DAYREF, 1, 0, 0},
    {"vorgestern", D, TL_DAYREF, -2, 0, 0},
    {"übermorgen", D, TL_DAYREF, 2, 0, 0},
    {"hier", F, TL_DAYREF, -1, 0, 0},
    {"aujourd", F, TL_DAYREF, 0, 0, 0},
    {"demain", F, TL_DAYREF, 1, 0, 0},
    {"ieri", I, TL_DAYREF, -1, 0, 0},
    {"oggi", I, TL_DAYREF, 0, 0, 0},
    {"domani", I, TL_DAYREF, 1, 0, 0},
    {"ontem", P, TL_DAYREF, -1, 0, 0},
    {"hoje", P, TL_DAYREF, 0, 0, 0},
    {"amanhã", P, TL_DAYREF, 1, 0, 0},
    /* units */
    {"second", E, TL_UNIT, TU_SEC, 0, 0},
    {"seconds", E, TL_UNIT, TU_SEC, 1, 0},
    {"minute", E | F, TL_UNIT, TU_MIN, 0, 0},
    {"minutes", E | F, TL_UNIT, TU_MIN, 1, 0},
    {"min", E, TL_UNIT, TU_MIN, 0, 0},
    {"mins", E, TL_UNIT, TU_MIN, 1, 0},
    {"hour", E, TL_UNIT, TU_HOUR, 0, 0},
    {"hours", E, TL_UNIT, TU_HOUR, 1, 0},
    {"hr", E, TL_UNIT, TU_HOUR, 0, 0},
    {"hrs", E, TL_UNIT, TU_HOUR, 1, 0},
    {"day", E, TL_UNIT, TU_DAY, 0, 0},
    {"days", E, TL_UNIT, TU_DAY, 1, 0},
    {"week", E, TL_UNIT, TU_WEEK, 0, 0},
    {"weeks", E, TL_UNIT, TU_WEEK, 1, 0},
    {"fortnight", E, TL_UNIT, TU_WEEK, 2, 0},
    {"month", E, TL_UNIT, TU_MONTH, 0, 0},
    {"months", E, TL_UNIT, TU_MONTH, 1, 0},
    {"quarter", E, TL_UNIT, TU_QUARTER, 0, 0},
    {"quarters", E, TL_UNIT, TU_QUARTER, 1, 0},
    {"year", E, TL_UNIT, TU_YEAR, 0, 0},
    {"years", E, TL_UNIT, TU_YEAR, 1, 0},
    {"yr", E, TL_UNIT, TU_YEAR, 0, 0},
    {"yrs", E, TL_UNIT, TU_YEAR, 1, 0},
    {"decade", E, TL_UNIT, TU_DECADE, 0, 0},
    {"decades", E, TL_UNIT, TU_DECADE, 1, 0},
    {"century", E, TL_UNIT, TU_CENTURY, 0, 0},
    {"centuries", E, TL_UNIT, TU_CENTURY, 1, 0},
    {"segundo", S, TL_UNIT, TU_SEC, 0, 0},
    {"segundos", S, TL_UNIT, TU_SEC, 1, 0},
    {"minuto", S, TL_UNIT, TU_MIN, 0, 0},
    {"minutos", S, TL_UNIT, TU_MIN, 1, 0},
    {"hora", S, TL_UNIT, TU_HOUR, 0, 0},
    {"horas", S, TL_UNIT, TU_HOUR, 1, 0},
    {"día", S, TL_UNIT, TU_DAY, 0, 0},
    {"días", S, TL_UNIT, TU_DAY, 1, 0},
    {"dia", S, TL_UNIT, TU_DAY, 0, 0},
    {"dias", S, TL_UNIT, TU_DAY, 1, 0},
    {"semana", S, TL_UNIT, TU_WEEK, 0, 0},
    {"semanas", S, TL_UNIT, TU_WEEK, 1, 0},
    {"mes", S, TL_UNIT, TU_MONTH, 0, 0},
    {"meses", S, TL_UNIT, TU_MONTH, 1, 0},
    {"trimestre", S | F, TL_UNIT, TU_QUARTER, 0, 0},
    {"trimestres", S | F, TL_UNIT, TU_QUARTER, 1, 0},
    {"año", S, TL_UNIT, TU_YEAR, 0, 0},
    {"años", S, TL_UNIT, TU_YEAR, 1, 0},
    {"década", S, TL_UNIT, TU_DECADE, 0, 0},
    {"décadas", S, TL_UNIT, TU_DECADE, 1, 0},
    {"siglo", S, TL_UNIT, TU_CENTURY, 0, 0},
    {"siglos", S, TL_UNIT, TU_CENTURY, 1, 0},
    {"sekunde", D, TL_UNIT, TU_SEC, 0, 0},
    {"sekunden", D, TL_UNIT, TU_SEC, 1, 0},
    {"minute", D, TL_UNIT, TU_MIN, 0, 0},
    {"minuten", D, TL_UNIT, TU_MIN, 1, 0},
    {"stunde", D, TL_UNIT, TU_HOUR, 0, 0},
    {"stunden", D, TL_UNIT, TU_HOUR, 1, 0},
    {"tag", D, TL_UNIT, TU_DAY, 0, 0},
    {"tage", D, TL_UNIT, TU_DAY, 1, 0},
    {"tagen", D, TL_UNIT, TU_DAY, 1, 0},
    {"woche", D, TL_UNIT, TU_WEEK, 0, 0},
    {"wochen", D, TL_UNIT, TU_WEEK, 1, 0},
    {"monat", D, TL_UNIT, TU_MONTH, 0, 0},
    {"monate", D, TL_UNIT, TU_MONTH, 1, 0},
    {"monaten", D, TL_UNIT, TU_MONTH, 1, 0},
    {"monats", D, TL_UNIT, TU_MONTH, 0, 0},
    {"quartal", D, TL_UNIT, TU_QUARTER, 0, 0},
    {"jahr", D, TL_UNIT, TU_YEAR, 0, 0},
    {"jahre", D, TL_UNIT, TU_YEAR, 1, 0},
    {"jahren", D, TL_UNIT, TU_YEAR, 1, 0},
    {"jahres", D, TL_UNIT, TU_YEAR, 0, 0},
    {"jahrzehnt", D, TL_UNIT, TU_DECADE, 0, 0},
    {"jahrzehnte", D, TL_UNIT, TU_DECADE, 1, 0},
    {"jahrhundert", D, TL_UNIT, TU_CENTURY, 0, 0},
    {"seconde", F, TL_UNIT, TU_SEC, 0, 0},
    {"secondes", F, TL_UNIT, TU_SEC, 1, 0},
    {"heure", F, TL_UNIT, TU_HOUR, 0, 0},
    {"heures", F, TL_UNIT, TU_HOUR, 1, 0},
    {"jour", F, TL_UNIT, TU_DAY, 0, 0},
    {"jours", F, TL_UNIT, TU_DAY, 1, 0},
    {"semaine", F, TL_UNIT, TU_WEEK, 0, 0},
    {"semaines", F, TL_UNIT, TU_WEEK, 1, 0},
    {"mois", F, TL_UNIT, TU_MONTH, 1, 0},
    {"an", F, TL_UNIT, TU_YEAR, 0, 0},
    {"ans", F, TL_UNIT, TU_YEAR, 1, 0},
    {"année", F, TL_UNIT, TU_YEAR, 0, 0},
    {"années", F, TL_UNIT, TU_YEAR, 1, 0},
    {"décennie", F, TL_UNIT, TU_DECADE, 0, 0},
    {"siècle", F, TL_UNIT, TU_CENTURY, 0, 0},
    /* parts of the day */
    {"morning", E, TL_PART, TP_MO, 0, 0},
    {"afternoon", E, TL_PART, TP_AF, 0, 0},
    {"evening", E, TL_PART, TP_EV, 0, 0},
    {"night", E, TL_PART, TP_NI, 0, 0},
    {"overnight", E, TL_PART, TP_NI, 0, 0},
    {"mañana", S, TL_PART, TP_MO, 0, 0},
    {"tarde", S, TL_PART, TP_AF, 0, 0},
    {"noche", S, TL_PART, TP_NI, 0, 0},
    {"madrugada", S, TL_PART, TP_NI, 0, 0},
    {"morgen", D, TL_PART, TP_MO, 0, 0},
    {"vormittag", D, TL_PART, TP_MO, 0, 0},
    {"nachmittag", D, TL_PART, TP_AF, 0, 0},
    {"abend", D, TL_PART, TP_EV, 0, 0},
    {"nacht", D, TL_PART, TP_NI, 0, 0},
    {"matin", F, TL_PART, TP_MO, 0, 0},
    {"soir", F, TL_PART, TP_EV, 0, 0},
    {"soirée", F, TL_PART, TP_EV, 0, 0},
    {"nuit", F, TL_PART, TP_NI, 0, 0},
    /* relative words: a = 1 placed after the noun, 2 counted from the last date mentioned */
    {"last", E, TL_REL, -1, 0, 0},
    {"past", E, TL_REL, -1, 0, 0},
    {"previous", E, TL_REL, -1, 2, 0},
    {"next", E, TL_REL, 1, 0, 0},
    {"coming", E, TL_REL, 1, 0, 0},
    {"upcoming", E, TL_REL, 1, 0, 0},
    {"following", E, TL_REL, 1, 2, 0},
    {"this", E, TL_REL, 0, 0, 0},
    {"current", E, TL_REL, 0, 0, 0},
    {"pasado", S, TL_REL, -1, 1, 0},
    {"pasada", S, TL_REL, -1, 1, 0},
    {"próximo", S, TL_REL, 1, 1, 0},
    {"próxima", S, TL_REL, 1, 1, 0},
    {"proximo", S, TL_REL, 1, 1, 0},
    {"proxima", S, TL_REL, 1, 1, 0},
    {"siguiente", S, TL_REL, 1, 3, 0},
    {"anterior", S, TL_REL, -1, 3, 0},
    {"este", S, TL_REL, 0, 0, 0},
    {"esta", S, TL_REL, 0, 0, 0},
    {"último", S, TL_REL, -1, 0, 0},
    {"última", S, TL_REL, -1, 0, 0},
    {"letzte", D, TL_REL, -1, 0, 0},
    {"letzten", D, TL_REL, -1, 0, 0},
    {"letztes", D, TL_REL, -1, 0, 0},
    {"letzter", D, TL_REL, -1, 0, 0},
    {"vergangene", D, TL_REL, -1, 0, 0},
    {"vergangenen", D, TL_REL, -1, 0, 0},
    {"vergangenes", D, TL_REL, -1, 0, 0},
    {"vorige", D, TL_REL, -1, 0, 0},
    {"vorigen", D, TL_REL, -1, 0, 0},
    {"voriges", D, TL_REL, -1, 0, 0},
    {"nächste", D, TL_REL, 1, 0, 0},
    {"nächsten", D, TL_REL, 1, 0, 0},
    {"nächstes", D, TL_REL, 1, 0, 0},
    {"nächster", D, TL_REL, 1, 0, 0},
    {"kommende", D, TL_REL, 1, 0, 0},
    {"kommenden", D, TL_REL, 1, 0, 0},
    {"kommendes", D, TL_REL, 1, 0, 0},
    {"diese", D, TL_REL, 0, 0, 0},
    {"diesen", D, TL_REL, 0, 0, 0},
    {"dieses", D, TL_REL, 0, 0, 0},
    {"dieser", D, TL_REL, 0, 0, 0},
    {"dernier", F, TL_REL, -1, 1, 0},
    {"dernière", F, TL_REL, -1, 1, 0},
    {"prochain", F, TL_REL, 1, 1, 0},
    {"prochaine", F, TL_REL, 1, 1, 0},
    {"passé", F, TL_REL, -1, 1, 0},
    {"passée", F, TL_REL, -1, 1, 0},
    {"cette", F, TL_REL, 0, 0, 0},
    {"ce", F, TL_REL, 0, 0, 0},
    {"cet", F, TL_REL, 0, 0, 0},
    {"précédent", F, TL_REL, -1, 3, 0},
    {"précédente", F, TL_REL, -1, 3, 0},
    {"suivant", F, TL_REL, 1, 3, 0},
    {"suivante", F, TL_REL, 1, 3, 0},
    /* seasons */
    {"spring", E, TL_SEASON, TS_SP, 0, 0},
    {"summer", E, TL_SEASON, TS_SU, 0, 0},
    {"fall", E, TL_SEASON, TS_FA, 0, 0},
    {"autumn", E, TL_SEASON, TS_FA, 0, 0},
    {"winter", E | D, TL_SEASON, TS_WI, 0, 0},
    {"primavera", S | I | P, TL_SEASON, TS_SP, 0, 0},
    {"verano", S, TL_SEASON, TS_SU, 0, 0},
    {"otoño", S, TL_SEASON, TS_FA, 0, 0},
    {"invierno", S, TL_SEASON, TS_WI, 0, 0},
    {"frühling", D, TL_SEASON, TS_SP, 0, 0},
    {"frühjahr", D, TL_SEASON, TS_SP, 0, 0},
    {"sommer", D, TL_SEASON, TS_SU, 0, 0},
    {"herbst", D, TL_SEASON, TS_FA, 0, 0},
    {"printemps", F, TL_SEASON, TS_SP, 0, 0},
    {"été", F, TL_SEASON, TS_SU, 0, 0},
    {"automne", F, TL_SEASON, TS_FA, 0, 0},
    {"hiver", F, TL_SEASON, TS_WI, 0, 0},
    /* early, mid, late; a = 1: a noun that takes "of"/"de" */
    {"early", E, TL_MOD, TM_START, 0, 0},
    {"mid", E, TL_MOD, TM_MID, 0, 0},
    {"late", E, TL_MOD, TM_END, 0, 0},
    {"beginning", E, TL_MOD, TM_START, 1, 0},
    {"start", E, TL_MOD, TM_START, 1, 0},
    {"middle", E, TL_MOD, TM_MID, 1, 0},
    {"end", E, TL_MOD, TM_END, 1, 0},
    {"principios", S, TL_MOD, TM_START, 1, 0},
    {"inicios", S, TL_MOD, TM_START, 1, 0},
    {"comienzos", S, TL_MOD, TM_START, 1, 0},
    {"mediados", S, TL_MOD, TM_MID, 1, 0},
    {"finales", S, TL_MOD, TM_END, 1, 0},
    {"fines", S, TL_MOD, TM_END, 1, 0},
    {"fin", S | F, TL_MOD, TM_END, 1, 0},
    {"anfang", D, TL_MOD, TM_START, 0, 0},
    {"mitte", D, TL_MOD, TM_MID, 0, 0},
    {"ende", D, TL_MOD, TM_END, 0, 0},
    {"début", F, TL_MOD, TM_START, 1, 0},
    {"mi", F, TL_MOD, TM_MID, 0, 0},
    /* present, past, future references */
    {"now", E, TL_REF, TR_PRESENT, 0, 0},
    {"currently", E, TL_REF, TR_PRESENT, 0, 0},
    {"nowadays", E, TL_REF, TR_PRESENT, 0, 0},
    {"recently", E, TL_REF, TR_PAST, 0, 0},
    {"lately", E, TL_REF, TR_PAST, 0, 0},
    {"future", E, TL_REF, TR_FUTURE, 1, 0},
    /* adjectives: "the [current] talks", "a [recent] filing" (a = 2: the determiner stays out) */
    {"current", E, TL_REF, TR_PRESENT, 2, 0},
    {"recent", E, TL_REF, TR_PAST, 2, 0},
    /* a = 3: only inside an extent given as a TIMEX3 (nf_facts_times_at); in running text
     * these are temporal less than half of the time */
    {"soon", E, TL_REF, TR_FUTURE, 3, 0},
    {"eventually", E, TL_REF, TR_FUTURE, 3, 0},
    {"previously", E, TL_REF, TR_PAST, 3, 0},
    {"formerly", E, TL_REF, TR_PAST, 3, 0},
    {"once", E, TL_REF, TR_PAST, 3, 0},
    {"already", E, TL_REF, TR_PRESENT, 3, 0},
    {"yet", E, TL_REF, TR_PRESENT, 3, 0},
    {"ahora", S, TL_REF, TR_PRESENT, 0, 0},
    {"actualmente", S, TL_REF, TR_PRESENT, 0, 0},
    {"recientemente", S, TL_REF, TR_PAST, 0, 0},
    {"pronto", S, TL_REF, TR_FUTURE, 0, 0},
    {"futuro", S, TL_REF, TR_FUTURE, 1, 0},
    {"jetzt", D, TL_REF, TR_PRESENT, 0, 0},
    {"derzeit", D, TL_REF, TR_PRESENT, 0, 0},
    {"zurzeit", D, TL_REF, TR_PRESENT, 0, 0},
    {"kürzlich", D, TL_REF, TR_PAST, 0, 0},
    {"bald", D, TL_REF, TR_FUTURE, 0, 0},
    {"maintenant", F, TL_REF, TR_PRESENT, 0, 0},
    {"actuellement", F, TL_REF, TR_PRESENT, 0, 0},
    {"récemment", F, TL_REF, TR_PAST, 0, 0},
    {"bientôt", F, TL_REF, TR_FUTURE, 0, 0},
    /* sets */
    {"daily", E, TL_SETW, TU_DAY, 0, 0},
    {"weekly", E, TL_SETW, TU_WEEK, 0, 0},
    {"monthly", E, TL_SETW, TU_MONTH, 0, 0},
    {"annually", E, TL_SETW, TU_YEAR, 0, 0},
    {"yearly", E, TL_SETW, TU_YEAR, 0, 0},
    {"hourly", E, TL_SETW, TU_HOUR, 0, 0},
    {"nightly", E, TL_SETW, TU_DAY, 0, 0},
    {"quarterly", E, TL_SETW, TU_QUARTER, 3, 0}, /* a = 3: only in a given extent */
    {"diariamente", S, TL_SETW, TU_DAY, 0, 0},
    {"semanalmente", S, TL_SETW, TU_WEEK, 0, 0},
    {"mensualmente", S, TL_SETW, TU_MONTH, 0, 0},
    {"anualmente", S, TL_SETW, TU_YEAR, 0, 0},
    {"täglich", D, TL_SETW, TU_DAY, 0, 0},
    {"wöchentlich", D, TL_SETW, TU_WEEK, 0, 0},
    {"monatlich", D, TL_SETW, TU_MONTH, 0, 0},
    {"jährlich", D, TL_SETW, TU_YEAR, 0, 0},
    {"quotidiennement", F, TL_SETW, TU_DAY, 0, 0},
    {"annuellement", F, TL_SETW, TU_YEAR, 0, 0},
    {"every", E, TL_EVERY, 0, 0, 0},
    {"each", E, TL_EVERY, 0, 0, 0},
    {"cada", S, TL_EVERY, 0, 0, 0},
    {"todos", S, TL_EVERY, 0, 1, 0},
    {"todas", S, TL_EVERY, 0, 1, 0},
    {"jeden", D, TL_EVERY, 0, 0, 0},
    {"jede", D, TL_EVERY, 0, 0, 0},
    {"jedes", D, TL_EVERY, 0, 0, 0},
    {"chaque", F, TL_EVERY, 0, 0, 0},
    /* offsets: ago (document date), earlier/later (last date), before/after (an event) */
    {"ago", E, TL_OFFSET, -1, TO_DCT, 0},
    {"hence", E, TL_OFFSET, 1, TO_DCT, 0},
    {"earlier", E, TL_OFFSET, -1, TO_ANCHOR, 0},
    {"later", E, TL_OFFSET, 1, TO_ANCHOR, 0},
    {"before", E, TL_OFFSET, -1, TO_EVENT, 0},
    {"after", E, TL_OFFSET, 1, TO_EVENT, 0},
    {"atrás", S, TL_OFFSET, -1, TO_DCT, 0},
    {"antes", S, TL_OFFSET, -1, TO_EVENT, 0},
    {"después", S, TL_OFFSET, 1, TO_EVENT, 0},
    {"später", D, TL_OFFSET, 1, TO_ANCHOR, 0},
    {"früher", D, TL_OFFSET, -1, TO_ANCHOR, 0},
    {"hace", S, TL_AGOPRE, -1, 0, 0},
    {"vor", D, TL_AGOPRE, -1, 0, 0},
    {"il", F, TL_AGOPRE, -1, 0, 0},
    /* determiners */
    {"the", E, TL_DET, 0, 0, 0},
    {"el", S, TL_DET, 0, 0, 0},
    {"la", S | F, TL_DET, 0, 0, 0},
    {"los", S, TL_DET, 0, 0, 0},
    {"las", S, TL_DET, 0, 0, 0},
    {"le", F, TL_DET, 0, 0, 0},
    {"les", F, TL_DET, 0, 0, 0},
    {"l", F, TL_DET, 0, 0, 0},
    {"der", D, TL_DET, 0, 0, 0},
    {"die", D, TL_DET, 0, 0, 0},
    {"das", D, TL_DET, 0, 0, 0},
    {"den", D, TL_DET, 0, 0, 0},
    {"dem", D, TL_DET, 0, 0, 0},
    {"des", D, TL_DET, 0, 0, 0},
    /* unspecified amounts */
    {"several", E, TL_FEW, 0, 0, 0},
    {"few", E, TL_FEW, 0, 0, 0},
    {"many", E, TL_FEW, 0, 0, 0},
    {"couple", E, TL_FEW, 0, 0, 0},
    {"some", E, TL_FEW, 0, 0, 0},
    {"numerous", E, TL_FEW, 0, 0, 0},
    {"varios", S, TL_FEW, 0, 0, 0},
    {"varias", S, TL_FEW, 0, 0, 0},
    {"algunos", S, TL_FEW, 0, 0, 0},
    {"algunas", S, TL_FEW, 0, 0, 0},
    {"pocos", S, TL_FEW, 0, 0, 0},
    {"einige", D, TL_FEW, 0, 0, 0},
    {"einigen", D, TL_FEW, 0, 0, 0},
    {"mehrere", D, TL_FEW, 0, 0, 0},
    {"mehreren", D, TL_FEW, 0, 0, 0},
    {"plusieurs", F, TL_FEW, 0, 0, 0},
    {"quelques", F, TL_FEW, 0, 0, 0},
    /* clock words */
    {"am", E, TL_AMPM, 0, 0, 0},
    {"a.m.", E, TL_AMPM, 0, 0, 0},
    {"pm", E, TL_AMPM, 12, 0, 0},
    {"p.m.", E, TL_AMPM, 12, 0, 0},
    {"noon", E, TL_CLOCKW, 12, 0, 0},
    {"midday", E, TL_CLOCKW, 12, 0, 0},
    {"midnight", E, TL_CLOCKW, 24, 0, 0},
    {"mediodía", S, TL_CLOCKW, 12, 0, 0},
    {"medianoche", S, TL_CLOCKW, 24, 0, 0},
    {"mittag", D, TL_CLOCKW, 12, 0, 0},
    {"mitternacht", D, TL_CLOCKW, 24, 0, 0},
    {"midi", F, TL_CLOCKW, 12, 0, 0},
    {"minuit", F, TL_CLOCKW, 24, 0, 0},
    {"horas", S, TL_HOURW, 0, 0, 0},
    {"hrs", S, TL_HOURW, 0, 0, 0},
    {"hs", S, TL_HOURW, 0, 0, 0},
    {"h", S | D | F, TL_HOURW, 0, 0, 0},
    {"uhr", D, TL_HOURW, 0, 0, 0},
    {"heures", F, TL_HOURW, 0, 0, 0},
    {"heure", F, TL_HOURW, 0, 0, 0},
    {"est", E, TL_TZ, 0, 0, U},
    {"edt", E, TL_TZ, 0, 0, U},
    {"cst", E, TL_TZ, 0, 0, U},
    {"cdt", E, TL_TZ, 0, 0, U},
    {"mst", E, TL_TZ, 0, 0, U},
    {"mdt", E, TL_TZ, 0, 0, U},
    {"pst", E, TL_TZ, 0, 0, U},
    {"pdt", E, TL_TZ, 0, 0, U},
    {"et", E, TL_TZ, 0, 0, U},
    {"pt", E, TL_TZ, 0, 0, U},
    {"ct", E, TL_TZ, 0, 0, U},
    {"gmt", 0, TL_TZ, 0, 0, U},
    {"utc", 0, TL_TZ, 0, 0, U},
    {"bst", E, TL_TZ, 0, 0, U},
    {"cet", 0, TL_TZ, 0, 0, U},
    {"cest", 0, TL_TZ, 0, 0, U},
    /* holidays, weekend, quarters */
    {"christmas", E, TL_HOLIDAY, TH_XMAS, 0, U},
    {"thanksgiving", E, TL_HOLIDAY, TH_THANKSGIVING, 0, U},
    {"halloween", E, TL_HOLIDAY, TH_HALLOWEEN, 0, U},
    {"easter", E, TL_HOLIDAY, TH_EASTER, 0, U},
    {"election", E, TL_HOLIDAY, TH_ELECTION, 0, U}, /* only before "Day" */
    {"navidad", S, TL_HOLIDAY, TH_XMAS, 0, 0},
    {"nochebuena", S, TL_HOLIDAY, TH_XMAS_EVE, 0, 0},
    {"nochevieja", S, TL_HOLIDAY, TH_NEWYEAR_EVE, 0, 0},
    {"weihnachten", D, TL_HOLIDAY, TH_XMAS, 0, 0},
    {"silvester", D, TL_HOLIDAY, TH_NEWYEAR_EVE, 0, 0},
    {"neujahr", D, TL_HOLIDAY, TH_NEWYEAR, 0, 0},
    {"noël", F, TL_HOLIDAY, TH_XMAS, 0, 0},
    {"weekend", E, TL_WEEKEND, 0, 0, 0},
    {"weekends", E, TL_WEEKEND, 0, 1, 0},
    {"wochenende", D, TL_WEEKEND, 0, 0, 0},
    {"quarter", E, TL_QUARTER, 4, 0, 0},
    {"half", E, TL_QUARTER, 2, 0, 0},
    {"trimestre", S | F, TL_QUARTER, 4, 0, 0},
    {"semestre", S | F, TL_QUARTER, 2, 0, 0},
    {"quartal", D, TL_QUARTER, 4, 0, 0},
    {"fiscal", E, TL_FISCAL, 0, 0, 0},
    {"fy", E, TL_FISCAL, 0, 0, 0},
    {"década", S, TL_DECADEW, 0, 0, 0},
    {"años", S, TL_DECADEW, 0, 0, 0},
    {"jahre", D, TL_DECADEW, 0, 0, 0},
    {"années", F, TL_DECADEW, 0, 0, 0},
    /* the twenties .. the nineties (of the 1900s): v = the decade's digit, a = 1 */
    {"twenties", E, TL_DECADEW, 2, 1, 0},
    {"thirties", E, TL_DECADEW, 3, 1, 0},
    {"forties", E, TL_DECADEW, 4, 1, 0},
    {"fifties", E, TL_DECADEW, 5, 1, 0},
    {"sixties", E, TL_DECADEW, 6, 1, 0},
    {"seventies", E, TL_DECADEW, 7, 1, 0},
    {"eighties", E, TL_DECADEW, 8, 1, 0},
    {"nineties", E, TL_DECADEW, 9, 1, 0},
    {"century", E, TL_CENTURY, 0, 0, 0},
    {"siglo", S, TL_CENTURY, 0, 0, 0},
    {"jahrhundert", D, TL_CENTURY, 0, 0, 0},
    {"siècle", F, TL_CENTURY, 0, 0, 0},
    {"same", E, TL_SAME, 0, 0, 0},
    {"that", E, TL_SAME, 0, 0, 0},
    {"mismo", S, TL_SAME, 0, 0, 0},
    {"misma", S, TL_SAME, 0, 0, 0},
    {"ese", S, TL_SAME, 0, 0, 0},
    {"esa", S, TL_SAME, 0, 0, 0},
    /* prepositions */
    {"on", E, TL_PREP, TPR_ON, 0, 0},
    {"in", E | D, TL_PREP, TPR_IN, 0, 0},
    {"at", E, TL_PREP, TPR_AT, 0, 0},
    {"since", E, TL_PREP, TPR_SINCE, 0, 0},
    {"for", E, TL_PREP, TPR_FOR, 0, 0},
    {"of", E, TL_PREP, TPR_OF, 0, 0},
    {"by", E, TL_PREP, TPR_BY, 0, 0},
    {"during", E, TL_PREP, TPR_DURING, 0, 0},
    {"until", E, TL_PREP, TPR_UNTIL, 0, 0},
    {"till", E, TL_PREP, TPR_UNTIL, 0, 0},
    {"from", E, TL_PREP, TPR_FROM, 0, 0},
    {"over", E, TL_PREP, TPR_OVER, 0, 0},
    {"through", E, TL_PREP, TPR_UNTIL, 0, 0},
    {"before", E, TL_PREP, TPR_UNTIL, 0, 0},
    {"after", E, TL_PREP, TPR_SINCE, 0, 0},
    {"within", E, TL_PREP, TPR_FOR, 0, 0},
    {"en", S | F, TL_PREP, TPR_IN, 0, 0},
    {"de", S | F, TL_PREP, TPR_DE, 0, 0},
    {"del", S, TL_PREP, TPR_DE, 0, 0},
    {"desde", S, TL_PREP, TPR_SINCE, 0, 0},
    {"durante", S, TL_PREP, TPR_DURING, 0, 0},
    {"hasta", S, TL_PREP, TPR_UNTIL, 0, 0},
    {"a", S | F, TL_PREP, TPR_AT, 0, 0},
    {"al", S, TL_PREP, TPR_AT, 0, 0},
    {"por", S, TL_PREP, TPR_AT, 0, 0},
    {"am", D, TL_PREP, TPR_ON, 0, 0},
    {"im", D, TL_PREP, TPR_IN, 0, 0},
    {"um", D, TL_PREP, TPR_AT, 0, 0},
    {"seit", D, TL_PREP, TPR_SINCE, 0, 0},
    {"bis", D, TL_PREP, TPR_UNTIL, 0, 0},
    {"von", D, TL_PREP, TPR_FROM, 0, 0},
    {"depuis", F, TL_PREP, TPR_SINCE, 0, 0},
    {"pendant", F, TL_PREP, TPR_DURING, 0, 0},
    {"à", F, TL_PREP, TPR_AT, 0, 0},
    /* tense cues */
    {"will", E, TL_TENSE, 1, 0, 0},
    {"shall", E, TL_TENSE, 1, 0, 0},
    {"ll", E, TL_TENSE, 1, 0, 0},
    {"would", E, TL_TENSE, 1, 0, 0},
    {"going", E, TL_TENSE, 1, 0, 0},
    {"scheduled", E, TL_TENSE, 1, 0, 0},
    {"upcoming", E, TL_TENSE, 1, 0, 0},
    {"soon", E, TL_TENSE, 1, 0, 0},
    {"expected", E, TL_TENSE, 1, 0, 0},
    {"plans", E, TL_TENSE, 1, 0, 0},
    {"plan", E, TL_TENSE, 1, 0, 0},
    {"set", E, TL_TENSE, 1, 0, 0},
    {"was", E, TL_TENSE, -1, 0, 0},
    {"were", E, TL_TENSE, -1, 0, 0},
    {"had", E, TL_TENSE, -1, 0, 0},
    {"did", E, TL_TENSE, -1, 0, 0},
    {"said", E, TL_TENSE, -1, 0, 0},
    {"told", E, TL_TENSE, -1, 0, 0},
    {"came", E, TL_TENSE, -1, 0, 0},
    {"went", E, TL_TENSE, -1, 0, 0},
    {"met", E, TL_TENSE, -1, 0, 0},
    {"spoke", E, TL_TENSE, -1, 0, 0},
    {"made", E, TL_TENSE, -1, 0, 0},
    {"took", E, TL_TENSE, -1, 0, 0},
    {"gave", E, TL_TENSE, -1, 0, 0},
    {"held", E, TL_TENSE, -1, 0, 0},
    {"saw", E, TL_TENSE, -1, 0, 0},
    {"left", E, TL_TENSE, -1, 0, 0},
    {"found", E, TL_TENSE, -1, 0, 0},
    {"began", E, TL_TENSE, -1, 0, 0},
    {"fell", E, TL_TENSE, -1, 0, 0},
    {"rose", E, TL_TENSE, -1, 0, 0},
    {"lost", E, TL_TENSE, -1, 0, 0},
    {"sent", E, TL_TENSE, -1, 0, 0},
    {"got", E, TL_TENSE, -1, 0, 0},
    {"became", E, TL_TENSE, -1, 0, 0},
    {"brought", E, TL_TENSE, -1, 0, 0},
    {"bought", E, TL_TENSE, -1, 0, 0},
    {"built", E, TL_TENSE, -1, 0, 0},
    {"thought", E, TL_TENSE, -1, 0, 0},
    {"ran", E, TL_TENSE, -1, 0, 0},
    {"wrote", E, TL_TENSE, -1, 0, 0},
    {"knew", E, TL_TENSE, -1, 0, 0},
    {"grew", E, TL_TENSE, -1, 0, 0},
    {"chose", E, TL_TENSE, -1, 0, 0},
    {"broke", E, TL_TENSE, -1, 0, 0},
    {"sold", E, TL_TENSE, -1, 0, 0},
    {"stood", E, TL_TENSE, -1, 0, 0},
    {"paid", E, TL_TENSE, -1, 0, 0},
    {"led", E, TL_TENSE, -1, 0, 0},
    {"fled", E, TL_TENSE, -1, 0, 0},
    {"felt", E, TL_TENSE, -1, 0, 0},
    {"kept", E, TL_TENSE, -1, 0, 0},
    {"spent", E, TL_TENSE, -1, 0, 0},
    {"heard", E, TL_TENSE, -1, 0, 0},
    {"struck", E, TL_TENSE, -1, 0, 0},
    {"shot", E, TL_TENSE, -1, 0, 0},
    {"won", E, TL_TENSE, -1, 0, 0},
    {"ago", E, TL_TENSE, -1, 0, 0},
    {"fue", S, TL_TENSE, -1, 0, 0},
    {"fueron", S, TL_TENSE, -1, 0, 0},
    {"dijo", S, TL_TENSE, -1, 0, 0},
    {"hizo", S, TL_TENSE, -1, 0, 0},
    {"hubo", S, TL_TENSE, -1, 0, 0},
    {"tuvo", S, TL_TENSE, -1, 0, 0},
    {"estuvo", S, TL_TENSE, -1, 0, 0},
    {"era", S, TL_TENSE, -1, 0, 0},
    {"había", S, TL_TENSE, -1, 0, 0},
    {"estaba", S, TL_TENSE, -1, 0, 0},
    {"va", S | F, TL_TENSE, 1, 0, 0},
    {"van", S, TL_TENSE, 1, 0, 0},
    {"vamos", S, TL_TENSE, 1, 0, 0},
    {"voy", S, TL_TENSE, 1, 0, 0},
    {"vont", F, TL_TENSE, 1, 0, 0},
    {"wird", D, TL_TENSE, 1, 0, 0},
    {"werden", D, TL_TENSE, 1, 0, 0},
    {"soll", D, TL_TENSE, 1, 0, 0},
    {"sollen", D, TL_TENSE, 1, 0, 0},
    {"war", D, TL_TENSE, -1, 0, 0},
    {"waren", D, TL_TENSE, -1, 0, 0},
    {"hatte", D, TL_TENSE, -1, 0, 0},
    {"hatten", D, TL_TENSE, -1, 0, 0},
    {"wurde", D, TL_TENSE, -1, 0, 0},
    {"wurden", D, TL_TENSE, -1, 0, 0},
    {"sagte", D, TL_TENSE, -1, 0, 0},
    {"était", F, TL_TENSE, -1, 0, 0},
    {"fut", F, TL_TENSE, -1, 0, 0},
    {"sera", F, TL_TENSE, 1, 0, 0},
    {"aura", F, TL_TENSE, 1, 0, 0},
    {"fera", F, TL_TENSE, 1, 0, 0},
};
#undef E
#undef S
#undef D
#undef F
#undef P
#undef I
#undef U
#undef A

#define NRAW (sizeof raw / sizeof raw[0])

static nf__tlex sorted[NRAW + 1];
static uint16_t gend[NRAW + 1];
static uint32_t gclass[NRAW + 1];
static nf__lexmap map;
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* by word, then by position in raw[] (stable) */
static int cmp_entry(const void *a, const void *b)
{
    const nf__tlex *x = a, *y = b;
    int c = strcmp(x->w, y->w);
    if (c)
        return c;
    return x < y ? -1 : x > y;
}

static void build(void)
{
    memcpy(sorted, raw, sizeof raw);
    qsort(sorted, NRAW, sizeof sorted[0], cmp_entry);
    sorted[NRAW].w = NULL;
    nf__lexmap_build(&map, sorted, NRAW, sizeof sorted[0]);
    for (size_t i = 0; i < NRAW;) {
        size_t j = i;
        uint32_t m = 0;
        while (j < NRAW && !strcmp(sorted[j].w, sorted[i].w))
            m |= 1u << sorted[j].cls, j++;
        for (size_t k = i; k < j; k++)
            gend[k] = (uint16_t)j, gclass[k] = m;
        i = j;
    }
}

const nf__tlex *nf__tlex_table(void)
{
    pthread_once(&once, build);
    return sorted;
}

const uint16_t *nf__tlex_group_end(void)
{
    pthread_once(&once, build);
    return gend;
}

const uint32_t *nf__tlex_group_classes(void)
{
    pthread_once(&once, build);
    return gclass;
}

/* Per-thread memo of recent words: the lexicon entry (before the capital check) and the
 * number class of a word's raw bytes under a language mask. News text repeats its words, and
 * comparing 16 bytes costs less than folding and two hash look-ups. Direct-mapped; an entry
 * is only a cache, so a collision just replaces it. */
enum { WC_BITS = 13, WC_MAX = 16 };
typedef struct {
    uint64_t a, b; /* the first and the last 8 bytes (zero-padded when shorter): with n, they
                      are the whole word for n <= 16 */
    uint16_t nl;   /* the length and the language mask (n | lang << 8); 0: empty */
    uint8_t nc, folded;
    int32_t e;
} wcache;
static _Thread_local wcache wc[1u << WC_BITS];

/* safe8: 8 bytes may be read at s (the text goes on for at least 8 more bytes) */
static inline void wc_key(const char *s, size_t n, bool safe8, uint64_t *a, uint64_t *b)
{
    if (n >= 8) {
        memcpy(a, s, 8);
        memcpy(b, s + n - 8, 8);
        return;
    }
    uint64_t v = 0;
    if (safe8) { /* one load, the bytes past the word masked off (little-endian order) */
        memcpy(&v, s, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        v = __builtin_bswap64(v);
#endif
        v &= ((uint64_t)1 << (8 * n)) - 1;
    } else {
        for (size_t i = 0; i < n; i++)
            v |= (uint64_t)(unsigned char)s[i] << (8 * i);
    }
    *a = v, *b = 0;
}

/* Folds and looks up one word: *e the first entry for the language (capitals not checked),
 * *ncv its number class; false when the word cannot be folded. */
static bool look_up(const char *w, size_t wn, unsigned lang, int *e, unsigned *ncv)
{
    char buf[40];
    size_t len = nf__fold(w, wn, buf, sizeof buf);
    if (!len)
        return false;
    *ncv = nf__numclass_folded(buf, len, lang);
    *e = nf__lexmap_find(&map, sorted, sizeof sorted[0], buf, len, lang);
    return true;
}

int32_t *nf__tlex_tag(const char *text, const nf__tok *t, size_t n, unsigned lang, uint8_t *nc)
{
    pthread_once(&once, build);
    int32_t *lex = nf_xmalloc((n ? n : 1) * sizeof *lex);
    /* the text reaches at least to the last token's end: a word starting 8 bytes before it
     * can be read 8 bytes at a time */
    size_t lim8 = n && t[n - 1].end >= 8 ? t[n - 1].end - 8 : 0;
    for (size_t i = 0; i < n; i++) {
        lex[i] = -1;
        size_t wn = t[i].end - t[i].start;
        if (t[i].kind != NF__WORD || wn >= 39)
            continue;
        const char *w = text + t[i].start;
        int e;
        unsigned ncv;
        if (wn <= WC_MAX) {
            uint64_t ka, kb;
            wc_key(w, wn, t[i].start <= lim8, &ka, &kb);
            uint16_t nl = (uint16_t)(wn | (lang & 0xFFu) << 8);
            /* one multiply for a word of at most 7 bytes (kb is 0, ka's top byte free) */
            uint64_t h = wn < 8 ? (ka ^ (uint64_t)nl << 48) * 0x9E3779B97F4A7C15ull
                                : ((ka ^ (uint64_t)nl) * 0x9E3779B97F4A7C15ull) ^
                                      (kb * 0xC2B2AE3D27D4EB4Full);
            wcache *c = &wc[(size_t)(h >> (64 - WC_BITS))];
            if (c->a != ka || c->b != kb || c->nl != nl) {
                c->folded = look_up(w, wn, lang, &e, &ncv);
                c->e = c->folded ? e : -1;
                c->nc = c->folded ? (uint8_t)ncv : 0;
                c->a = ka, c->b = kb, c->nl = nl;
            }
            if (!c->folded)
                continue;
            e = c->e, ncv = c->nc;
        } else if (!look_up(w, wn, lang, &e, &ncv))
            continue;
        if (nc)
            nc[i] = (uint8_t)ncv;
        /* skip entries that need a capital the token does not have */
        while (e >= 0 && (sorted[e].fl & TLF_UPPER) && !(t[i].flags & (NF__F_UPPER | NF__F_CAPS))) {
            int g = gend[e];
            e++;
            while (e < g && sorted[e].langs && !(sorted[e].langs & lang))
                e++;
            if (e >= g)
                e = -1;
        }
        lex[i] = e;
    }
    return lex;
}

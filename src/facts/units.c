/* Facts, quantities: the lexicons of units (one canonical spelling each), currencies,
 * qualifiers ("more than", "cerca de"), directions of change ("declined" -> "decline") and
 * the words that end a noun phrase, in English, Spanish, German and French.
 *
 * Single words are found through a folded-word hash map (scan.h); phrases of two to four
 * words through a short table checked word by word. All lookups are bounded. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "facts/units.h"

#define E NF__EN
#define S NF__ES
#define D NF__DE
#define F NF__FR
#define ALL 0
#define UF_GLUED 1 /* only right after the number: 5m, 30C, 2l */
#define UF_UPPER 2 /* only in capitals: USD, C */
#define UF_LOWER 4 /* only in lower case: g, t, l (5G is not five grams) */

typedef struct {
    const char *w;
    uint8_t langs;
    uint8_t kind;
    uint8_t fl;
    const char *unit;
} uword;

static const uword uwords[] = {
    /* percent and points */
    {"percent", E, QK_PERCENT, 0, "percent"},
    {"pct", E, QK_PERCENT, 0, "percent"},
    {"pc", E, QK_PERCENT, 0, "percent"},
    {"prozent", D, QK_PERCENT, 0, "percent"},
    {"points", ALL, QK_POINT, 0, "point"},
    {"point", ALL, QK_POINT, 0, "point"},
    {"pts", E, QK_POINT, 0, "point"},
    {"puntos", S, QK_POINT, 0, "point"},
    {"punkte", D, QK_POINT, 0, "point"},
    /* money */
    {"dollar", ALL, QK_CURRENCY, 0, "USD"},
    {"dollars", ALL, QK_CURRENCY, 0, "USD"},
    {"dólares", S, QK_CURRENCY, 0, "USD"},
    {"dolares", S, QK_CURRENCY, 0, "USD"},
    {"dólar", S, QK_CURRENCY, 0, "USD"},
    {"euro", ALL, QK_CURRENCY, 0, "EUR"},
    {"euros", ALL, QK_CURRENCY, 0, "EUR"},
    {"libras", S, QK_CURRENCY, 0, "GBP"},
    {"sterling", E, QK_CURRENCY, 0, "GBP"},
    {"yen", ALL, QK_CURRENCY, 0, "JPY"},
    {"yenes", S, QK_CURRENCY, 0, "JPY"},
    {"yuan", ALL, QK_CURRENCY, 0, "CNY"},
    {"renminbi", ALL, QK_CURRENCY, 0, "CNY"},
    {"rupee", ALL, QK_CURRENCY, 0, "INR"},
    {"rupees", ALL, QK_CURRENCY, 0, "INR"},
    {"peso", ALL, QK_CURRENCY, 0, "MXN"},
    {"pesos", ALL, QK_CURRENCY, 0, "MXN"},
    {"reais", ALL, QK_CURRENCY, 0, "BRL"},
    {"rouble", ALL, QK_CURRENCY, 0, "RUB"},
    {"roubles", ALL, QK_CURRENCY, 0, "RUB"},
    {"ruble", ALL, QK_CURRENCY, 0, "RUB"},
    {"rubles", ALL, QK_CURRENCY, 0, "RUB"},
    {"shekel", ALL, QK_CURRENCY, 0, "ILS"},
    {"shekels", ALL, QK_CURRENCY, 0, "ILS"},
    {"ringgit", ALL, QK_CURRENCY, 0, "MYR"},
    {"won", E, QK_CURRENCY, 0, "KRW"},
    {"lira", ALL, QK_CURRENCY, 0, "TRY"},
    {"rand", E, QK_CURRENCY, 0, "ZAR"},
    {"naira", ALL, QK_CURRENCY, 0, "NGN"},
    {"dirham", ALL, QK_CURRENCY, 0, "AED"},
    {"dirhams", ALL, QK_CURRENCY, 0, "AED"},
    {"riyal", ALL, QK_CURRENCY, 0, "SAR"},
    {"riyals", ALL, QK_CURRENCY, 0, "SAR"},
    {"zloty", ALL, QK_CURRENCY, 0, "PLN"},
    {"forint", ALL, QK_CURRENCY, 0, "HUF"},
    {"kronor", ALL, QK_CURRENCY, 0, "SEK"},
    {"kroner", ALL, QK_CURRENCY, 0, "NOK"},
    {"bitcoin", ALL, QK_CURRENCY, 0, "BTC"},
    {"bitcoins", ALL, QK_CURRENCY, 0, "BTC"},
    {"francs", ALL, QK_CURRENCY, 0, "CHF"},
    {"hryvnia", ALL, QK_CURRENCY, 0, "UAH"},
    {"cent", ALL, QK_CENT, 0, "cent"},
    {"cents", ALL, QK_CENT, 0, "cent"},
    {"centavos", S, QK_CENT, 0, "cent"},
    {"pence", E, QK_CENT, 0, "penny"},
    {"sen", E, QK_CENT, 0, "sen"},
    {"rm", ALL, QK_CURRENCY, UF_UPPER, "MYR"},
    {"mpg", E, QK_MEASURE, 0, "mile per gallon"},
    {"p", E, QK_CENT, UF_GLUED, "penny"},
    {"usd", ALL, QK_CURRENCY, UF_UPPER, "USD"},
    {"eur", ALL, QK_CURRENCY, UF_UPPER, "EUR"},
    {"gbp", ALL, QK_CURRENCY, UF_UPPER, "GBP"},
    {"jpy", ALL, QK_CURRENCY, UF_UPPER, "JPY"},
    {"mxn", ALL, QK_CURRENCY, UF_UPPER, "MXN"},
    {"cad", ALL, QK_CURRENCY, UF_UPPER, "CAD"},
    {"aud", ALL, QK_CURRENCY, UF_UPPER, "AUD"},
    {"chf", ALL, QK_CURRENCY, UF_UPPER, "CHF"},
    {"cny", ALL, QK_CURRENCY, UF_UPPER, "CNY"},
    {"inr", ALL, QK_CURRENCY, UF_UPPER, "INR"},
    {"brl", ALL, QK_CURRENCY, UF_UPPER, "BRL"},
    {"rub", ALL, QK_CURRENCY, UF_UPPER, "RUB"},
    {"krw", ALL, QK_CURRENCY, UF_UPPER, "KRW"},
    {"hkd", ALL, QK_CURRENCY, UF_UPPER, "HKD"},
    {"sgd", ALL, QK_CURRENCY, UF_UPPER, "SGD"},
    {"ars", ALL, QK_CURRENCY, UF_UPPER, "ARS"},
    {"cop", ALL, QK_CURRENCY, UF_UPPER, "COP"},
    {"clp", ALL, QK_CURRENCY, UF_UPPER, "CLP"},
    {"mdd", S, QK_CURRENCY, 0, "USD"},
    {"mdp", S, QK_CURRENCY, 0, "MXN"},
    /* length */
    {"km", ALL, QK_MEASURE, 0, "km"},
    {"kms", ALL, QK_MEASURE, 0, "km"},
    {"kilometre", ALL, QK_MEASURE, 0, "km"},
    {"kilometres", ALL, QK_MEASURE, 0, "km"},
    {"kilometer", ALL, QK_MEASURE, 0, "km"},
    {"kilometers", ALL, QK_MEASURE, 0, "km"},
    {"kilómetro", S, QK_MEASURE, 0, "km"},
    {"kilómetros", S, QK_MEASURE, 0, "km"},
    {"kilometros", S, QK_MEASURE, 0, "km"},
    {"kilomètres", F, QK_MEASURE, 0, "km"},
    {"m", ALL, QK_MEASURE, UF_GLUED | UF_LOWER, "m"},
    {"metre", ALL, QK_MEASURE, 0, "m"},
    {"metres", ALL, QK_MEASURE, 0, "m"},
    {"meter", ALL, QK_MEASURE, 0, "m"},
    {"meters", ALL, QK_MEASURE, 0, "m"},
    {"metro", S, QK_MEASURE, 0, "m"},
    {"metros", S, QK_MEASURE, 0, "m"},
    {"mètres", F, QK_MEASURE, 0, "m"},
    {"cm", ALL, QK_MEASURE, 0, "cm"},
    {"centimetres", ALL, QK_MEASURE, 0, "cm"},
    {"centimeters", ALL, QK_MEASURE, 0, "cm"},
    {"centímetros", S, QK_MEASURE, 0, "cm"},
    {"mm", ALL, QK_MEASURE, 0, "mm"},
    {"millimetres", ALL, QK_MEASURE, 0, "mm"},
    {"millimeters", ALL, QK_MEASURE, 0, "mm"},
    {"millimeter", ALL, QK_MEASURE, 0, "mm"},
    {"milímetros", S, QK_MEASURE, 0, "mm"},
    {"mile", E, QK_MEASURE, 0, "mile"},
    {"miles", E, QK_MEASURE, 0, "mile"},
    {"mi", E, QK_MEASURE, UF_GLUED, "mile"},
    {"millas", S, QK_MEASURE, 0, "mile"},
    {"yard", E, QK_MEASURE, 0, "yard"},
    {"yards", E, QK_MEASURE, 0, "yard"},
    {"foot", E, QK_MEASURE, 0, "foot"},
    {"feet", E, QK_MEASURE, 0, "foot"},
    {"ft", E, QK_MEASURE, 0, "foot"},
    {"inch", E, QK_MEASURE, 0, "inch"},
    {"inches", E, QK_MEASURE, 0, "inch"},
    /* mass */
    {"ton", ALL, QK_MEASURE, 0, "ton"},
    {"tons", ALL, QK_MEASURE, 0, "ton"},
    {"tonne", ALL, QK_MEASURE, 0, "ton"},
    {"tonnes", ALL, QK_MEASURE, 0, "ton"},
    {"t", ALL, QK_MEASURE, UF_GLUED | UF_LOWER, "ton"},
    {"tonelada", S, QK_MEASURE, 0, "ton"},
    {"toneladas", S, QK_MEASURE, 0, "ton"},
    {"tonnen", D, QK_MEASURE, 0, "ton"},
    {"kg", ALL, QK_MEASURE, 0, "kg"},
    {"kgs", ALL, QK_MEASURE, 0, "kg"},
    {"kilogram", ALL, QK_MEASURE, 0, "kg"},
    {"kilograms", ALL, QK_MEASURE, 0, "kg"},
    {"kilogramme", ALL, QK_MEASURE, 0, "kg"},
    {"kilogrammes", ALL, QK_MEASURE, 0, "kg"},
    {"kilo", ALL, QK_MEASURE, 0, "kg"},
    {"kilos", ALL, QK_MEASURE, 0, "kg"},
    {"kilogramos", S, QK_MEASURE, 0, "kg"},
    {"g", ALL, QK_MEASURE, UF_GLUED | UF_LOWER, "g"},
    {"gram", ALL, QK_MEASURE, 0, "g"},
    {"grams", ALL, QK_MEASURE, 0, "g"},
    {"grammes", ALL, QK_MEASURE, 0, "g"},
    {"gramos", S, QK_MEASURE, 0, "g"},
    {"mg", ALL, QK_MEASURE, 0, "mg"},
    {"milligrams", ALL, QK_MEASURE, 0, "mg"},
    {"lb", E, QK_MEASURE, 0, "lb"},
    {"lbs", E, QK_MEASURE, 0, "lb"},
    {"ounce", E, QK_MEASURE, 0, "ounce"},
    {"ounces", E, QK_MEASURE, 0, "ounce"},
    {"oz", E, QK_MEASURE, 0, "ounce"},
    /* volume, area */
    {"litre", ALL, QK_MEASURE, 0, "litre"},
    {"litres", ALL, QK_MEASURE, 0, "litre"},
    {"liter", ALL, QK_MEASURE, 0, "litre"},
    {"liters", ALL, QK_MEASURE, 0, "litre"},
    {"litro", S, QK_MEASURE, 0, "litre"},
    {"litros", S, QK_MEASURE, 0, "litre"},
    {"l", ALL, QK_MEASURE, UF_GLUED, "litre"},
    {"ml", ALL, QK_MEASURE, 0, "ml"},
    {"millilitres", ALL, QK_MEASURE, 0, "ml"},
    {"gallon", E, QK_MEASURE, 0, "gallon"},
    {"gallons", E, QK_MEASURE, 0, "gallon"},
    {"galones", S, QK_MEASURE, 0, "gallon"},
    {"barrel", ALL, QK_MEASURE, 0, "barrel"},
    {"barrels", ALL, QK_MEASURE, 0, "barrel"},
    {"barriles", S, QK_MEASURE, 0, "barrel"},
    {"bpd", ALL, QK_MEASURE, 0, "barrel per day"},
    {"hectare", ALL, QK_MEASURE, 0, "hectare"},
    {"hectares", ALL, QK_MEASURE, 0, "hectare"},
    {"ha", ALL, QK_MEASURE, UF_GLUED, "hectare"},
    {"hectáreas", S, QK_MEASURE, 0, "hectare"},
    {"acre", E, QK_MEASURE, 0, "acre"},
    {"acres", E, QK_MEASURE, 0, "acre"},
    {"km2", ALL, QK_MEASURE, 0, "km2"},
    {"m2", ALL, QK_MEASURE, 0, "m2"},
    /* speed, temperature, power, data */
    {"mph", E, QK_MEASURE, 0, "mph"},
    {"kph", E, QK_MEASURE, 0, "km/h"},
    {"knots", E, QK_MEASURE, 0, "knot"},
    {"degree", E, QK_MEASURE, 0, "degree"},
    {"degrees", E, QK_MEASURE, 0, "degree"},
    {"grados", S, QK_MEASURE, 0, "degree"},
    {"celsius", ALL, QK_MEASURE, 0, "°C"},
    {"fahrenheit", ALL, QK_MEASURE, 0, "°F"},
    {"c", ALL, QK_MEASURE, UF_GLUED | UF_UPPER, "°C"},
    {"f", ALL, QK_MEASURE, UF_GLUED | UF_UPPER, "°F"},
    {"kw", ALL, QK_MEASURE, 0, "kW"},
    {"kilowatts", ALL, QK_MEASURE, 0, "kW"},
    {"mw", ALL, QK_MEASURE, 0, "MW"},
    {"megawatts", ALL, QK_MEASURE, 0, "MW"},
    {"gw", ALL, QK_MEASURE, 0, "GW"},
    {"gigawatts", ALL, QK_MEASURE, 0, "GW"},
    {"kwh", ALL, QK_MEASURE, 0, "kWh"},
    {"mwh", ALL, QK_MEASURE, 0, "MWh"},
    {"gwh", ALL, QK_MEASURE, 0, "GWh"},
    {"twh", ALL, QK_MEASURE, 0, "TWh"},
    {"watts", ALL, QK_MEASURE, 0, "W"},
    {"w", ALL, QK_MEASURE, UF_GLUED | UF_UPPER, "W"},
    {"hp", ALL, QK_MEASURE, 0, "hp"},
    {"bhp", ALL, QK_MEASURE, 0, "bhp"},
    {"horsepower", E, QK_MEASURE, 0, "hp"},
    {"gb", ALL, QK_MEASURE, 0, "GB"},
    {"tb", ALL, QK_MEASURE, 0, "TB"},
    {"mbps", ALL, QK_MEASURE, 0, "Mbps"},
    {"gbps", ALL, QK_MEASURE, 0, "Gbps"},
    {"ghz", ALL, QK_MEASURE, 0, "GHz"},
    {"hz", ALL, QK_MEASURE, 0, "Hz"},
    {"rpm", ALL, QK_MEASURE, 0, "rpm"},
    {"ps", ALL, QK_MEASURE, UF_UPPER, "PS"}, /* metric horsepower: 300 PS */
    {"mmbtu", ALL, QK_MEASURE, 0, "mmBtu"},
    {"btu", ALL, QK_MEASURE, 0, "Btu"},
    {"ppm", ALL, QK_MEASURE, 0, "ppm"},
    {"ppb", ALL, QK_MEASURE, 0, "ppb"},
    {"mah", ALL, QK_MEASURE, 0, "mAh"},
    {"μm", ALL, QK_MEASURE, 0, "μm"},
    {"micrometres", ALL, QK_MEASURE, 0, "μm"},
    {"nanometres", ALL, QK_MEASURE, 0, "nm"},
    {"nanometers", ALL, QK_MEASURE, 0, "nm"},
    {"nanometer", ALL, QK_MEASURE, 0, "nm"},
    {"gigapascals", ALL, QK_MEASURE, 0, "GPa"},
    {"gpa", ALL, QK_MEASURE, UF_UPPER, "GPa"},
    /* time */
    {"second", E, QK_TIME, 0, "second"},
    {"seconds", E, QK_TIME, 0, "second"},
    {"minute", E | F, QK_TIME, 0, "minute"},
    {"minutes", E | F, QK_TIME, 0, "minute"},
    {"mins", E, QK_TIME, 0, "minute"},
    {"min", E, QK_TIME, 0, "minute"},
    {"times", E, QK_MEASURE, 0, "times"},
    {"hour", E, QK_TIME, 0, "hour"},
    {"hours", E, QK_TIME, 0, "hour"},
    {"hrs", E, QK_TIME, 0, "hour"},
    {"day", E, QK_TIME, 0, "day"},
    {"days", E, QK_TIME, 0, "day"},
    {"week", E, QK_TIME, 0, "week"},
    {"weeks", E, QK_TIME, 0, "week"},
    {"month", E, QK_TIME, 0, "month"},
    {"months", E, QK_TIME, 0, "month"},
    {"year", E, QK_TIME, 0, "year"},
    {"years", E, QK_TIME, 0, "year"},
    {"decade", E, QK_TIME, 0, "decade"},
    {"decades", E, QK_TIME, 0, "decade"},
    {"century", E, QK_TIME, 0, "century"},
    {"centuries", E, QK_TIME, 0, "century"},
    {"segundos", S, QK_TIME, 0, "second"},
    {"minutos", S, QK_TIME, 0, "minute"},
    {"hora", S, QK_TIME, 0, "hour"},
    {"horas", S, QK_TIME, 0, "hour"},
    {"día", S, QK_TIME, 0, "day"},
    {"días", S, QK_TIME, 0, "day"},
    {"semana", S, QK_TIME, 0, "week"},
    {"semanas", S, QK_TIME, 0, "week"},
    {"mes", S, QK_TIME, 0, "month"},
    {"meses", S, QK_TIME, 0, "month"},
    {"año", S, QK_TIME, 0, "year"},
    {"años", S, QK_TIME, 0, "year"},
    {"décadas", S, QK_TIME, 0, "decade"},
    {"stunden", D, QK_TIME, 0, "hour"},
    {"tage", D, QK_TIME, 0, "day"},
    {"tagen", D, QK_TIME, 0, "day"},
    {"wochen", D, QK_TIME, 0, "week"},
    {"monate", D, QK_TIME, 0, "month"},
    {"jahre", D, QK_TIME, 0, "year"},
    {"jahren", D, QK_TIME, 0, "year"},
    {"heures", F, QK_TIME, 0, "hour"},
    {"jours", F, QK_TIME, 0, "day"},
    {"semaines", F, QK_TIME, 0, "week"},
    {"mois", F, QK_TIME, 0, "month"},
    {"ans", F, QK_TIME, 0, "year"},
    {"années", F, QK_TIME, 0, "year"},
};

typedef struct {
    const char *w[4];
    uint8_t langs;
    uint8_t kind;
    const char *unit;
} uphrase;

static const uphrase uphrases[] = {
    {{"per", "cent"}, E, QK_PERCENT, "percent"},
    {{"percentage", "points"}, E, QK_PERCENT, "percentage point"},
    {{"percentage", "point"}, E, QK_PERCENT, "percentage point"},
    {{"basis", "points"}, E, QK_PERCENT, "basis point"},
    {{"basis", "point"}, E, QK_PERCENT, "basis point"},
    {{"por", "ciento"}, S, QK_PERCENT, "percent"},
    {{"puntos", "porcentuales"}, S, QK_PERCENT, "percentage point"},
    {{"pour", "cent"}, F, QK_PERCENT, "percent"},
    {{"square", "kilometres"}, E, QK_MEASURE, "km2"},
    {{"square", "kilometers"}, E, QK_MEASURE, "km2"},
    {{"square", "km"}, E, QK_MEASURE, "km2"},
    {{"square", "miles"}, E, QK_MEASURE, "square mile"},
    {{"square", "metres"}, E, QK_MEASURE, "m2"},
    {{"square", "meters"}, E, QK_MEASURE, "m2"},
    {{"square", "feet"}, E, QK_MEASURE, "square foot"},
    {{"square", "foot"}, E, QK_MEASURE, "square foot"},
    {{"square", "metre"}, E, QK_MEASURE, "m2"},
    {{"square", "meter"}, E, QK_MEASURE, "m2"},
    {{"square", "mile"}, E, QK_MEASURE, "square mile"},
    {{"square", "kilometre"}, E, QK_MEASURE, "km2"},
    {{"sq", "ft"}, E, QK_MEASURE, "square foot"},
    {{"sq", "m"}, E, QK_MEASURE, "m2"},
    {{"kilómetros", "cuadrados"}, S, QK_MEASURE, "km2"},
    {{"metros", "cuadrados"}, S, QK_MEASURE, "m2"},
    {{"cubic", "metres"}, E, QK_MEASURE, "m3"},
    {{"cubic", "meters"}, E, QK_MEASURE, "m3"},
    {{"cubic", "feet"}, E, QK_MEASURE, "cubic foot"},
    {{"metric", "tons"}, E, QK_MEASURE, "ton"},
    {{"metric", "tonnes"}, E, QK_MEASURE, "ton"},
    {{"nautical", "miles"}, E, QK_MEASURE, "nautical mile"},
    {{"miles", "per", "hour"}, E, QK_MEASURE, "mph"},
    {{"miles", "an", "hour"}, E, QK_MEASURE, "mph"},
    {{"kilometres", "per", "hour"}, E, QK_MEASURE, "km/h"},
    {{"kilometers", "per", "hour"}, E, QK_MEASURE, "km/h"},
    {{"km", "/", "h"}, ALL, QK_MEASURE, "km/h"},
    {{"km", "/", "hr"}, ALL, QK_MEASURE, "km/h"},
    {{"kilómetros", "por", "hora"}, S, QK_MEASURE, "km/h"},
    {{"degrees", "celsius"}, E, QK_MEASURE, "°C"},
    {{"degrees", "fahrenheit"}, E, QK_MEASURE, "°F"},
    {{"degrees", "centigrade"}, E, QK_MEASURE, "°C"},
    {{"grados", "centígrados"}, S, QK_MEASURE, "°C"},
    {{"barrels", "per", "day"}, E, QK_MEASURE, "barrel per day"},
    {{"pound", "-", "feet"}, E, QK_MEASURE, "lb-ft"},
    {{"pound", "-", "foot"}, E, QK_MEASURE, "lb-ft"},
    {{"lb", "-", "ft"}, E, QK_MEASURE, "lb-ft"},
    {{"foot", "-", "pounds"}, E, QK_MEASURE, "lb-ft"},
    {{"newton", "metres"}, E, QK_MEASURE, "N·m"},
    {{"newton", "meters"}, E, QK_MEASURE, "N·m"},
    {{"miles", "per", "gallon"}, E, QK_MEASURE, "mile per gallon"},
    {{"barrels", "a", "day"}, E, QK_MEASURE, "barrel per day"},
    {{"us", "dollars"}, E, QK_CURRENCY, "USD"},
    {{"u.s.", "dollars"}, E, QK_CURRENCY, "USD"},
    {{"american", "dollars"}, E, QK_CURRENCY, "USD"},
    {{"australian", "dollars"}, E, QK_CURRENCY, "AUD"},
    {{"canadian", "dollars"}, E, QK_CURRENCY, "CAD"},
    {{"hong", "kong", "dollars"}, E, QK_CURRENCY, "HKD"},
    {{"new", "zealand", "dollars"}, E, QK_CURRENCY, "NZD"},
    {{"singapore", "dollars"}, E, QK_CURRENCY, "SGD"},
    {{"taiwan", "dollars"}, E, QK_CURRENCY, "TWD"},
    {{"mexican", "pesos"}, E, QK_CURRENCY, "MXN"},
    {{"argentine", "pesos"}, E, QK_CURRENCY, "ARS"},
    {{"chilean", "pesos"}, E, QK_CURRENCY, "CLP"},
    {{"colombian", "pesos"}, E, QK_CURRENCY, "COP"},
    {{"philippine", "pesos"}, E, QK_CURRENCY, "PHP"},
    {{"swiss", "francs"}, E, QK_CURRENCY, "CHF"},
    {{"french", "francs"}, E, QK_CURRENCY, "FRF"},
    {{"brazilian", "reais"}, E, QK_CURRENCY, "BRL"},
    {{"danish", "crowns"}, E, QK_CURRENCY, "DKK"},
    {{"danish", "kroner"}, E, QK_CURRENCY, "DKK"},
    {{"swedish", "crowns"}, E, QK_CURRENCY, "SEK"},
    {{"swedish", "kronor"}, E, QK_CURRENCY, "SEK"},
    {{"norwegian", "crowns"}, E, QK_CURRENCY, "NOK"},
    {{"norwegian", "kroner"}, E, QK_CURRENCY, "NOK"},
    {{"pounds", "sterling"}, E, QK_CURRENCY, "GBP"},
    {{"pesos", "mexicanos"}, S, QK_CURRENCY, "MXN"},
    {{"pesos", "argentinos"}, S, QK_CURRENCY, "ARS"},
    {{"pesos", "colombianos"}, S, QK_CURRENCY, "COP"},
    {{"pesos", "chilenos"}, S, QK_CURRENCY, "CLP"},
    {{"dólares", "estadounidenses"}, S, QK_CURRENCY, "USD"},
    {{"millones", "de", "dólares"}, S, QK_CURRENCY, "USD"},
};

typedef struct {
    const char *w[4];
    uint8_t langs;
    const char *canon;
} qphrase;

/* longer phrases before their prefixes */
static const qphrase quals[] = {
    {{"no", "more", "than"}, E, "no more than"},
    {{"no", "less", "than"}, E, "no less than"},
    {{"no", "fewer", "than"}, E, "no fewer than"},
    {{"more", "than"}, E, "more than"},
    {{"less", "than"}, E, "less than"},
    {{"fewer", "than"}, E, "fewer than"},
    {{"up", "to"}, E, "up to"},
    {{"at", "least"}, E, "at least"},
    {{"at", "most"}, E, "at most"},
    {{"as", "many", "as"}, E, "as many as"},
    {{"as", "much", "as"}, E, "as much as"},
    {{"as", "few", "as"}, E, "as few as"},
    {{"as", "little", "as"}, E, "as little as"},
    {{"an", "estimated"}, E, "an estimated"},
    {{"close", "to"}, E, "close to"},
    {{"just", "over"}, E, "just over"},
    {{"just", "under"}, E, "just under"},
    {{"well", "over"}, E, "well over"},
    {{"upwards", "of"}, E, "upwards of"},
    {{"in", "excess", "of"}, E, "in excess of"},
    {{"more", "or", "less"}, E, "more or less"},
    {{"nearly"}, E, "nearly"},
    {{"almost"}, E, "almost"},
    {{"about"}, E, "about"},
    {{"around"}, E, "around"},
    {{"roughly"}, E, "roughly"},
    {{"approximately"}, E, "approximately"},
    {{"some"}, E, "some"},
    {{"over"}, E, "over"},
    {{"under"}, E, "under"},
    {{"below"}, E, "below"},
    {{"above"}, E, "above"},
    {{"estimated"}, E, "estimated"},
    {{"only"}, E, "only"},
    {{"poco", "más", "de"}, S, "poco más de"},
    {{"poco", "menos", "de"}, S, "poco menos de"},
    {{"más", "de"}, S, "más de"},
    {{"menos", "de"}, S, "menos de"},
    {{"cerca", "de"}, S, "cerca de"},
    {{"alrededor", "de"}, S, "alrededor de"},
    {{"al", "menos"}, S, "al menos"},
    {{"por", "lo", "menos"}, S, "por lo menos"},
    {{"en", "torno", "a"}, S, "en torno a"},
    {{"casi"}, S, "casi"},
    {{"unos"}, S, "unos"},
    {{"unas"}, S, "unas"},
    {{"hasta"}, S, "hasta"},
    {{"aproximadamente"}, S, "aproximadamente"},
    {{"apenas"}, S, "apenas"},
    {{"mehr", "als"}, D, "mehr als"},
    {{"weniger", "als"}, D, "weniger als"},
    {{"bis", "zu"}, D, "bis zu"},
    {{"etwa"}, D, "etwa"},
    {{"rund"}, D, "rund"},
    {{"fast"}, D, "fast"},
    {{"knapp"}, D, "knapp"},
    {{"mindestens"}, D, "mindestens"},
    {{"über"}, D, "über"},
    {{"plus", "de"}, F, "plus de"},
    {{"moins", "de"}, F, "moins de"},
    {{"près", "de"}, F, "près de"},
    {{"au", "moins"}, F, "au moins"},
    {{"environ"}, F, "environ"},
    {{"presque"}, F, "presque"},
};

typedef struct {
    const char *w;
    uint8_t langs;
    bool noun;
    const char *dir;
} dword;

static const dword dwords[] = {
    {"rise", E, true, "rise"},
    {"rises", E, true, "rise"},
    {"rose", E, false, "rise"},
    {"risen", E, false, "rise"},
    {"rising", E, false, "rise"},
    {"up", E, false, "rise"},
    {"increase", E, true, "increase"},
    {"increases", E, true, "increase"},
    {"increased", E, false, "increase"},
    {"increasing", E, false, "increase"},
    {"jump", E, true, "jump"},
    {"jumps", E, true, "jump"},
    {"jumped", E, false, "jump"},
    {"climb", E, true, "climb"},
    {"climbed", E, false, "climb"},
    {"climbs", E, false, "climb"},
    {"gain", E, true, "gain"},
    {"gains", E, true, "gain"},
    {"gained", E, false, "gain"},
    {"growth", E, true, "growth"},
    {"grew", E, false, "growth"},
    {"grown", E, false, "growth"},
    {"grow", E, false, "growth"},
    {"surge", E, true, "surge"},
    {"surged", E, false, "surge"},
    {"soared", E, false, "soar"},
    {"boosted", E, false, "increase"},
    {"advanced", E, false, "rise"},
    {"spike", E, true, "spike"},
    {"drop", E, true, "drop"},
    {"drops", E, true, "drop"},
    {"dropped", E, false, "drop"},
    {"down", E, false, "drop"},
    {"fall", E, true, "fall"},
    {"falls", E, true, "fall"},
    {"fell", E, false, "fall"},
    {"fallen", E, false, "fall"},
    {"falling", E, false, "fall"},
    {"decline", E, true, "decline"},
    {"declines", E, true, "decline"},
    {"declined", E, false, "decline"},
    {"declining", E, false, "decline"},
    {"decrease", E, true, "decrease"},
    {"decreased", E, false, "decrease"},
    {"cut", E, true, "cut"},
    {"cuts", E, true, "cut"},
    {"reduction", E, true, "reduction"},
    {"reductions", E, true, "reduction"},
    {"reduced", E, false, "reduction"},
    {"reduce", E, false, "reduction"},
    {"plunge", E, true, "plunge"},
    {"plunged", E, false, "plunge"},
    {"plummeted", E, false, "plunge"},
    {"slump", E, true, "slump"},
    {"slumped", E, false, "slump"},
    {"tumbled", E, false, "tumble"},
    {"shrank", E, false, "shrink"},
    {"dip", E, true, "dip"},
    {"dipped", E, false, "dip"},
    {"slid", E, false, "slide"},
    {"plummeting", E, false, "plunge"},
    {"plunging", E, false, "plunge"},
    {"dropping", E, false, "drop"},
    {"growing", E, false, "growth"},
    {"climbing", E, false, "climb"},
    {"jumping", E, false, "jump"},
    {"surging", E, false, "surge"},
    {"soaring", E, false, "soar"},
    {"sliding", E, false, "slide"},
    {"tumbling", E, false, "tumble"},
    {"gaining", E, false, "gain"},
    {"shrinking", E, false, "shrink"},
    {"slumping", E, false, "slump"},
    {"decreasing", E, false, "decrease"},
    {"decreases", E, true, "decrease"},
    {"rallied", E, false, "rise"},
    {"slipped", E, false, "decline"},
    {"losing", E, false, "loss"},
    {"lowered", E, false, "reduction"},
    {"lost", E, false, "loss"},
    {"loss", E, true, "loss"},
    {"sank", E, false, "fall"},
    {"eased", E, false, "decline"},
    {"aumento", S, true, "increase"},
    {"aumentó", S, false, "increase"},
    {"aumentaron", S, false, "increase"},
    {"incremento", S, true, "increase"},
    {"incrementó", S, false, "increase"},
    {"subió", S, false, "rise"},
    {"subieron", S, false, "rise"},
    {"subida", S, true, "rise"},
    {"alza", S, true, "rise"},
    {"creció", S, false, "growth"},
    {"crecimiento", S, true, "growth"},
    {"caída", S, true, "fall"},
    {"cayó", S, false, "fall"},
    {"cayeron", S, false, "fall"},
    {"disminución", S, true, "decrease"},
    {"disminuyó", S, false, "decrease"},
    {"disminuyeron", S, false, "decrease"},
    {"reducción", S, true, "reduction"},
    {"redujo", S, false, "reduction"},
    {"redujeron", S, false, "reduction"},
    {"baja", S, true, "drop"},
    {"bajó", S, false, "drop"},
    {"bajaron", S, false, "drop"},
    {"descenso", S, true, "decline"},
    {"descendió", S, false, "decline"},
    {"recorte", S, true, "cut"},
    {"anstieg", D, true, "rise"},
    {"stieg", D, false, "rise"},
    {"rückgang", D, true, "decline"},
    {"sank", D, false, "decline"},
    {"zunahme", D, true, "increase"},
    {"hausse", F, true, "rise"},
    {"baisse", F, true, "drop"},
    {"augmentation", F, true, "increase"},
    {"diminution", F, true, "decrease"},
    {"recul", F, true, "decline"},
    {"chute", F, true, "fall"},
};

typedef struct {
    const char *w;
    uint8_t langs;
} sword;

static const sword swords[] = {
    {"the", E},       {"a", E},         {"an", E},       {"of", E},      {"in", E},
    {"on", E},        {"at", E},        {"to", E},       {"from", E},    {"for", E},
    {"with", E},      {"by", E},        {"per", E},      {"than", E},    {"as", E},
    {"and", E},       {"or", E},        {"but", E},      {"nor", E},     {"that", E},
    {"which", E},     {"who", E},       {"whom", E},     {"whose", E},   {"this", E},
    {"these", E},     {"those", E},     {"it", E},       {"its", E},     {"their", E},
    {"his", E},       {"her", E},       {"our", E},      {"your", E},    {"my", E},
    {"is", E},        {"are", E},       {"was", E},      {"were", E},    {"be", E},
    {"been", E},      {"being", E},     {"has", E},      {"have", E},    {"had", E},
    {"do", E},        {"does", E},      {"did", E},      {"will", E},    {"would", E},
    {"shall", E},     {"should", E},    {"can", E},      {"could", E},   {"may", E},
    {"might", E},     {"must", E},      {"not", E},      {"no", E},      {"also", E},
    {"there", E},     {"here", E},      {"what", E},     {"when", E},    {"where", E},
    {"why", E},       {"how", E},       {"said", E},     {"says", E},    {"say", E},
    {"told", E},      {"according", E}, {"over", E},     {"under", E},   {"about", E},
    {"into", E},      {"after", E},     {"before", E},   {"during", E},  {"since", E},
    {"until", E},     {"while", E},     {"if", E},       {"because", E}, {"so", E},
    {"such", E},      {"very", E},      {"more", E},     {"most", E},    {"less", E},
    {"least", E},     {"up", E},        {"down", E},     {"out", E},     {"off", E},
    {"just", E},      {"only", E},      {"even", E},     {"still", E},   {"then", E},
    {"all", E},       {"each", E},      {"every", E},    {"some", E},    {"any", E},
    {"both", E},      {"either", E},    {"other", E},    {"another", E}, {"own", E},
    {"same", E},      {"nearly", E},    {"almost", E},   {"around", E},  {"roughly", E},
    {"they", E},      {"he", E},        {"she", E},      {"we", E},      {"you", E},
    {"i", E},         {"them", E},      {"him", E},      {"us", E},      {"me", E},
    {"get", E},       {"got", E},       {"go", E},       {"went", E},    {"come", E},
    {"came", E},      {"make", E},      {"made", E},     {"take", E},    {"took", E},
    {"left", E},      {"remain", E},    {"remained", E}, {"died", E},    {"die", E},
    {"including", E}, {"across", E},    {"between", E},  {"among", E},   {"against", E},
    {"through", E},   {"without", E},   {"within", E},   {"ago", E},     {"later", E},
    {"earlier", E},   {"each", E},      {"like", E},     {"via", E},     {"because", E},
    {"el", S},        {"la", S},        {"los", S},      {"las", S},     {"un", S},
    {"una", S},       {"unos", S},      {"unas", S},     {"de", S},      {"del", S},
    {"en", S},        {"con", S},       {"por", S},      {"para", S},    {"que", S},
    {"y", S},         {"o", S},         {"a", S},        {"al", S},      {"se", S},
    {"su", S},        {"sus", S},       {"es", S},       {"son", S},     {"fue", S},
    {"fueron", S},    {"ha", S},        {"han", S},      {"según", S},   {"como", S},
    {"más", S},       {"menos", S},     {"entre", S},    {"sin", S},     {"sobre", S},
    {"der", D},       {"die", D},       {"das", D},      {"den", D},     {"dem", D},
    {"des", D},       {"ein", D},       {"eine", D},     {"und", D},     {"oder", D},
    {"in", D},        {"im", D},        {"am", D},       {"von", D},     {"zu", D},
    {"mit", D},       {"für", D},       {"auf", D},      {"ist", D},     {"sind", D},
    {"war", D},       {"le", F},        {"la", F},       {"les", F},     {"un", F},
    {"une", F},       {"des", F},       {"du", F},       {"de", F},      {"et", F},
    {"ou", F},        {"en", F},        {"à", F},        {"au", F},      {"aux", F},
    {"dans", F},      {"pour", F},      {"par", F},      {"sur", F},     {"est", F},
    {"sont", F},
};

typedef struct {
    const char *w;
    uint8_t langs;
    uint8_t kind;
} spword;

static const spword spwords[] = {
    {"said", E, 1},      {"says", E, 1},      {"told", E, 1},     {"stated", E, 1},
    {"added", E, 1},     {"noted", E, 1},     {"reported", E, 1}, {"announced", E, 1},
    {"estimated", E, 1}, {"estimates", E, 1}, {"declared", E, 1}, {"insisted", E, 1},
    {"warned", E, 1},    {"claimed", E, 1},   {"wrote", E, 1},    {"according", E, 2},
    {"dijo", S, 1},      {"afirmó", S, 1},    {"aseguró", S, 1},  {"señaló", S, 1},
    {"indicó", S, 1},    {"informó", S, 1},   {"explicó", S, 1},  {"declaró", S, 1},
    {"según", S, 2},     {"sagte", D, 1},     {"erklärte", D, 1}, {"laut", D, 2},
    {"a", F, 0},         {"selon", F, 2},     {"déclaré", F, 1},
};

#undef E
#undef S
#undef D
#undef F

/* The lexicons sorted by word, with hash maps; built once. */
static uword su[sizeof uwords / sizeof uwords[0] + 1];
static dword sd[sizeof dwords / sizeof dwords[0] + 1];
static sword ss[sizeof swords / sizeof swords[0] + 1];
static spword ssp[sizeof spwords / sizeof spwords[0] + 1];
static nf__lexmap mu, md, ms, msp;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static int by_word(const void *a, const void *b)
{
    int c = strcmp(*(const char *const *)a, *(const char *const *)b);
    return c ? c : (a < b ? -1 : a > b);
}

#define SORT_BUILD(dst, src, map)                                                                  \
    do {                                                                                           \
        size_t n_ = sizeof src / sizeof src[0];                                                    \
        memcpy(dst, src, sizeof src);                                                              \
        qsort(dst, n_, sizeof dst[0], by_word);                                                    \
        nf__lexmap_build(&map, dst, n_, sizeof dst[0]);                                            \
    } while (0)

/* The phrase tables indexed by the first letter of their first word (27: other first
 * bytes), each list in table order, so that a token is compared with the few phrases that
 * can start with its letter. Phrases whose first byte is not a letter are in every list. */
#define NUP (sizeof uphrases / sizeof uphrases[0])
#define NQP (sizeof quals / sizeof quals[0])
static uint8_t up_ix[27][NUP + 1], qp_ix[27][NQP + 1];
static uint8_t up_n[27], qp_n[27];
_Static_assert(NUP < 256 && NQP < 256, "phrase indexes are bytes");

static int letter_of(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        c = (unsigned char)(c + 32);
    return c >= 'a' && c <= 'z' ? c - 'a' : 26;
}

static void index_phrases(void)
{
    for (int b = 0; b < 27; b++) {
        for (size_t p = 0; p < NUP; p++) {
            int l = letter_of((unsigned char)uphrases[p].w[0][0]);
            if (l == b || l == 26)
                up_ix[b][up_n[b]++] = (uint8_t)p;
        }
        for (size_t p = 0; p < NQP; p++) {
            int l = letter_of((unsigned char)quals[p].w[0][0]);
            if (l == b || l == 26)
                qp_ix[b][qp_n[b]++] = (uint8_t)p;
        }
    }
}

/* The shapes of the qualifiers' first words written in ASCII: bit min(length, 31) of slot
 * (first byte & 31, last byte & 31), as in the lexicon maps' masks. An ASCII token equals an
 * ASCII word only with its length and (case aside) its bytes, and never equals a folded word
 * with other bytes, so an ASCII token whose shape is not here starts no qualifier. */
static uint32_t qf_lens[1024], uf_lens[1024]; /* the same for the unit phrases */

static void shape_add(uint32_t *lens, const char *word)
{
    const unsigned char *w = (const unsigned char *)word;
    size_t len = strlen(word);
    if (len)
        lens[((size_t)(w[0] & 0x1Fu) << 5) | (w[len - 1] & 0x1Fu)] |= 1u << (len < 31 ? len : 31);
}

static void index_qual_shapes(void)
{
    for (size_t p = 0; p < NQP; p++)
        shape_add(qf_lens, quals[p].w[0]);
    for (size_t p = 0; p < NUP; p++)
        shape_add(uf_lens, uphrases[p].w[0]);
}

/* False when word token t cannot be the first word of a phrase whose first words' shapes
 * are in lens (qf_lens, uf_lens). */
static inline bool first_may(const uint32_t *lens, const char *text, const nf__tok *t)
{
    const unsigned char *w = (const unsigned char *)text + t->start;
    size_t n = t->end - t->start;
    if (!n || n >= 64)
        return true;
    unsigned acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= w[i];
    if (acc & 0x80)
        return true;
    return (lens[((size_t)(w[0] & 0x1Fu) << 5) | (w[n - 1] & 0x1Fu)] >> (n < 31 ? n : 31)) & 1u;
}

static atomic_bool built; /* set after build(): the look-ups skip pthread_once's call */

static void build(void)
{
    index_phrases();
    index_qual_shapes();
    SORT_BUILD(su, uwords, mu);
    SORT_BUILD(sd, dwords, md);
    SORT_BUILD(ss, swords, ms);
    SORT_BUILD(ssp, spwords, msp);
    atomic_store_explicit(&built, true, memory_order_release);
}

static inline void ensure_built(void)
{
    if (!atomic_load_explicit(&built, memory_order_acquire))
        pthread_once(&once, build);
}

/* Folds token t into buf; 0 when it is not a word or too long. */
static size_t fold_tok(const char *text, const nf__tok *t, char *buf, size_t cap)
{
    if (t->kind != NF__WORD || t->end - t->start >= cap - 1)
        return 0;
    return nf__fold(text + t->start, t->end - t->start, buf, cap);
}

static bool tok_is(const char *text, const nf__tok *t, const char *w)
{
    if (t->kind == NF__PUNCT)
        return w[0] && !w[1] && t->cp == (unsigned char)w[0];
    if (t->kind != NF__WORD)
        return false;
    /* first bytes differ: folding cannot make an ASCII letter other than ' from another byte */
    unsigned char w0 = (unsigned char)w[0], c0 = (unsigned char)text[t->start];
    if (w0 && w0 < 0x80 && w0 != '\'' &&
        (c0 >= 0x80 || (c0 >= 'A' && c0 <= 'Z' ? c0 + 32 : c0) != w0))
        return false;
    bool ascii = true;
    for (const char *p = w; *p && ascii; p++)
        ascii = (unsigned char)*p < 0x80;
    if (ascii) /* most phrase words: compared without folding */
        return nf__is(text, t, w);
    char buf[40];
    size_t n = fold_tok(text, t, buf, sizeof buf);
    return n && !strcmp(buf, w);
}

/* A phrase of up to four words at token i; returns the token after it or 0. */
static size_t phrase_at(const char *text, const nf__tok *t, size_t n, size_t i,
                        const char *const *w)
{
    /* quick reject on the first byte: folding keeps an ASCII letter's case-folded value and
     * maps no other first byte to an ASCII letter, so a word whose first byte differs cannot
     * match (the same test tok_is would do, without its setup) */
    if (i < n && t[i].kind == NF__WORD && w[0]) {
        unsigned char c0 = (unsigned char)w[0][0];
        if (c0 >= 'a' && c0 <= 'z') {
            unsigned char c = (unsigned char)text[t[i].start];
            if (c >= 'A' && c <= 'Z')
                c = (unsigned char)(c + 32);
            if (c != c0)
                return 0;
        }
    }
    size_t k = 0;
    for (; k < 4 && w[k]; k++)
        if (i + k >= n || (k && (t[i + k].flags & NF__F_SENT)) || !tok_is(text, &t[i + k], w[k]))
            return 0;
    return i + k;
}

size_t nf__unit_at(const char *text, const nf__tok *t, size_t n, size_t i, unsigned lang,
                   bool after_money, const char **unit, int *kind)
{
    ensure_built();
    if (i >= n || (t[i].flags & NF__F_SENT))
        return 0;
    if (t[i].kind == NF__PUNCT) {
        if (t[i].cp == '%' || t[i].cp == 0x2030) {
            *unit = "percent", *kind = QK_PERCENT;
            return i + 1;
        }
        if (t[i].cp == 0x20AC || t[i].cp == 0xA3 ||
            (t[i].cp == '$' && (t[i].flags & NF__F_GLUED))) {
            *unit = t[i].cp == 0x20AC ? "EUR" : t[i].cp == 0xA3 ? "GBP" : "USD"; /* 1.200 €, 5$ */
            *kind = QK_CURRENCY;
            return i + 1;
        }
        if ((t[i].cp == 0x2033 || t[i].cp == 0x2032) && (t[i].flags & NF__F_GLUED)) {
            *unit = t[i].cp == 0x2033 ? "inch" : "foot", *kind = QK_MEASURE; /* 25.5″, 6′ */
            return i + 1;
        }
        if (t[i].cp == 0xB0 && (t[i].flags & NF__F_GLUED)) { /* 30°C, 30 ° */
            if (i + 1 < n && (t[i + 1].flags & NF__F_GLUED) && tok_is(text, &t[i + 1], "c"))
                return *unit = "°C", *kind = QK_MEASURE, i + 2;
            if (i + 1 < n && (t[i + 1].flags & NF__F_GLUED) && tok_is(text, &t[i + 1], "f"))
                return *unit = "°F", *kind = QK_MEASURE, i + 2;
            return *unit = "degree", *kind = QK_MEASURE, i + 1;
        }
        return 0;
    }
    int b = t[i].kind == NF__WORD ? letter_of((unsigned char)text[t[i].start]) : 26;
    bool phrases = t[i].kind == NF__WORD && first_may(uf_lens, text, &t[i]);
    for (size_t k = 0; phrases && k < up_n[b]; k++) {
        size_t p = up_ix[b][k];
        if (uphrases[p].langs && !(uphrases[p].langs & lang))
            continue;
        size_t e = phrase_at(text, t, n, i, uphrases[p].w);
        if (e) {
            *unit = uphrases[p].unit, *kind = uphrases[p].kind;
            return e;
        }
    }
    if (t[i].kind == NF__WORD && t[i].end - t[i].start == 2 && text[t[i].start] == 'N' &&
        text[t[i].start + 1] == 'm') {
        *unit = "N·m", *kind = QK_MEASURE; /* 450 Nm; nm is a nanometre */
        return i + 1;
    }
    char buf[40];
    size_t len = fold_tok(text, &t[i], buf, sizeof buf);
    if (!len)
        return 0;
    if (after_money && nf__scale_word(text, &t[i], lang) > 0)
        return 0;
    int e = nf__lexmap_find(&mu, su, sizeof su[0], buf, len, lang);
    for (; e >= 0 && su[e].w && !strcmp(su[e].w, buf); e++) {
        const uword *u = &su[e];
        if (u->langs && !(u->langs & lang))
            continue;
        if ((u->fl & UF_GLUED) && !(t[i].flags & NF__F_GLUED))
            continue;
        if ((u->fl & UF_UPPER) && !(t[i].flags & (NF__F_UPPER | NF__F_CAPS)))
            continue;
        if ((u->fl & UF_UPPER) && len > 1 && !(t[i].flags & NF__F_CAPS))
            continue;
        if ((u->fl & UF_LOWER) && (t[i].flags & (NF__F_UPPER | NF__F_CAPS)))
            continue;
        *unit = u->unit, *kind = u->kind;
        return i + 1;
    }
    /* "pounds": sterling after a scale or before "sterling", weight otherwise */
    if (!strcmp(buf, "pounds") || !strcmp(buf, "pound")) {
        bool money = i > 0 && nf__scale_word(text, &t[i - 1], lang) > 0;
        *unit = money ? "GBP" : "lb", *kind = money ? QK_CURRENCY : QK_MEASURE;
        return i + 1;
    }
    return 0;
}

size_t nf__money_prefix(const char *text, const nf__tok *t, size_t n, size_t i, unsigned lang,
                        const char **code)
{
    ensure_built();
    if (i >= n)
        return 0;
    static const struct {
        int32_t cp;
        const char *code;
    } sym[] = {{'$', "USD"},    {0x20AC, "EUR"}, {0xA3, "GBP"},   {0xA5, "JPY"},
               {0x20B9, "INR"}, {0x20BD, "RUB"}, {0x20A9, "KRW"}, {0x20BA, "TRY"},
               {0x20B1, "PHP"}, {0x20A6, "NGN"}, {0x20AA, "ILS"}};
    static const struct {
        const char *w;
        const char *code;
    } pre[] = {{"us", "USD"}, {"u.s.", "USD"}, {"a", "AUD"},  {"au", "AUD"}, {"c", "CAD"},
               {"ca", "CAD"}, {"hk", "HKD"},   {"nz", "NZD"}, {"r", "BRL"},  {"s", "SGD"},
               {"mx", "MXN"}, {"mex", "MXN"},  {"nt", "TWD"}};
    size_t j = i;
    const char *pcode = NULL;
    /* US$, HK$, A$, "US $" */
    if (t[j].kind == NF__WORD && j + 1 < n && t[j + 1].kind == NF__PUNCT && t[j + 1].cp == '$' &&
        ((t[j + 1].flags & NF__F_GLUED) || (t[j].flags & NF__F_CAPS))) {
        for (size_t k = 0; k < sizeof pre / sizeof pre[0]; k++)
            if (tok_is(text, &t[j], pre[k].w) && (t[j].flags & (NF__F_UPPER | NF__F_CAPS)))
                pcode = pre[k].code;
        if (!pcode)
            return 0;
        j++;
    }
    if (t[j].kind == NF__PUNCT) {
        for (size_t k = 0; k < sizeof sym / sizeof sym[0]; k++) {
            if (t[j].cp != sym[k].cp)
                continue;
            *code = pcode ? pcode : sym[k].code;
            size_t e = j + 1;
            /* $A, $US written after the symbol */
            if (sym[k].cp == '$' && e < n && t[e].kind == NF__WORD && (t[e].flags & NF__F_GLUED) &&
                (t[e].flags & (NF__F_UPPER | NF__F_CAPS))) {
                for (size_t p = 0; p < sizeof pre / sizeof pre[0]; p++)
                    if (tok_is(text, &t[e], pre[p].w)) {
                        *code = pre[p].code;
                        e++;
                        break;
                    }
            }
            return e;
        }
        return 0;
    }
    /* the pound and yen signs as ASCII transliteration writes them: PS2.7m, Y=590 billion */
    if (t[j].kind == NF__WORD && j + 1 < n && (t[j + 1].flags & NF__F_GLUED)) {
        if ((t[j].flags & NF__F_CAPS) && tok_is(text, &t[j], "ps") && t[j + 1].kind == NF__NUM &&
            (t[j + 1].ndig > 1 || !(t[j + 1].flags & NF__F_PLAIN))) { /* not PS4 */
            *code = "GBP";
            return j + 1;
        }
        if ((t[j].flags & NF__F_UPPER) && tok_is(text, &t[j], "y") && t[j + 1].kind == NF__PUNCT &&
            t[j + 1].cp == '=' && j + 2 < n && (t[j + 2].flags & NF__F_GLUED) &&
            t[j + 2].kind == NF__NUM) {
            *code = "JPY";
            return j + 2;
        }
    }
    /* USD 5, EUR 2.5 bn, RM23.50, Rs 500 */
    if (t[j].kind == NF__WORD && (t[j].flags & NF__F_CAPS) && t[j].end - t[j].start <= 3) {
        const char *u;
        int kind;
        if (nf__unit_at(text, t, n, j, lang, false, &u, &kind) && kind == QK_CURRENCY) {
            *code = u;
            return j + 1;
        }
    }
    if (t[j].kind == NF__WORD && (tok_is(text, &t[j], "rs") || tok_is(text, &t[j], "rs.")) &&
        (t[j].flags & NF__F_UPPER)) {
        *code = "INR";
        return j + 1 < n && t[j + 1].kind == NF__PUNCT && t[j + 1].cp == '.' ? j + 2 : j + 1;
    }
    return 0;
}

size_t nf__qualifier_at(const char *text, const nf__tok *t, size_t n, size_t i, unsigned lang,
                        const char **q)
{
    ensure_built();
    if (i >= n || t[i].kind != NF__WORD || !first_may(qf_lens, text, &t[i]))
        return 0;
    int b = letter_of((unsigned char)text[t[i].start]);
    for (size_t k = 0; k < qp_n[b]; k++) {
        size_t p = qp_ix[b][k];
        if (quals[p].langs && !(quals[p].langs & lang))
            continue;
        size_t e = phrase_at(text, t, n, i, quals[p].w);
        if (e) {
            *q = quals[p].canon;
            return e;
        }
    }
    return 0;
}

bool nf__qualifier_first(const char *text, const nf__tok *t, unsigned lang)
{
    ensure_built();
    if (t->kind != NF__WORD || !first_may(qf_lens, text, t))
        return false;
    int b = letter_of((unsigned char)text[t->start]);
    for (size_t k = 0; k < qp_n[b]; k++) {
        size_t p = qp_ix[b][k];
        if ((!quals[p].langs || (quals[p].langs & lang)) && tok_is(text, t, quals[p].w[0]))
            return true;
    }
    return false;
}

const char *nf__direction_word(const char *text, const nf__tok *t, unsigned lang, bool *noun)
{
    ensure_built();
    char buf[40];
    size_t len = fold_tok(text, t, buf, sizeof buf);
    if (!len)
        return NULL;
    int e = nf__lexmap_find(&md, sd, sizeof sd[0], buf, len, lang);
    if (e < 0)
        return NULL;
    *noun = sd[e].noun;
    return sd[e].dir;
}

bool nf__stop_word(const char *text, const nf__tok *t, unsigned lang)
{
    ensure_built();
    char buf[40];
    size_t len = fold_tok(text, t, buf, sizeof buf);
    return len && nf__lexmap_find(&ms, ss, sizeof ss[0], buf, len, lang) >= 0;
}

int nf__speech_word(const char *text, const nf__tok *t, unsigned lang)
{
    ensure_built();
    if (t->kind != NF__WORD)
        return 0;
    /* an ASCII word folds to the same length and the same (first, last byte) shape (the
     * shape keeps the low five bits, which case does not change): the map's masks reject
     * most words before folding */
    const unsigned char *w = (const unsigned char *)text + t->start;
    size_t n = t->end - t->start;
    if (n && n < 64 && w[0] < 0x80 && w[n - 1] < 0x80) {
        unsigned acc = 0;
        for (size_t i = 0; i < n; i++)
            acc |= w[i];
        if (!(acc & 0x80) &&
            (n > msp.maxlen ||
             !(msp.lens[((size_t)(w[0] & 0x1Fu) << 5) | (w[n - 1] & 0x1Fu)] & (1u << (n < 31 ? n : 31)))))
            return 0;
    }
    char buf[40];
    size_t len = fold_tok(text, t, buf, sizeof buf);
    int e = len ? nf__lexmap_find(&msp, ssp, sizeof ssp[0], buf, len, lang) : -1;
    return e < 0 ? 0 : ssp[e].kind;
}

/* ---- English lemmas of counted nouns ------------------------------------------------- */

static bool lw_is(const char *w, size_t n, const char *lit)
{
    size_t m = strlen(lit);
    if (m != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = w[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != lit[i])
            return false;
    }
    return true;
}

static int lw_in(const char *w, size_t n, const char *const *list)
{
    if (!n)
        return -1; /* no list word is empty */
    char c0 = w[0] >= 'A' && w[0] <= 'Z' ? (char)(w[0] + 32) : w[0];
    for (int k = 0; list[k]; k++)
        if (list[k][0] == c0 && lw_is(w, n, list[k])) /* the first byte first */
            return k;
    return -1;
}

static bool lw_ends(const char *w, size_t n, const char *suf)
{
    size_t m = strlen(suf);
    if (n < m)
        return false;
    for (size_t i = 0; i < m; i++) {
        char c = w[n - m + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != suf[i])
            return false;
    }
    return true;
}

static bool lw_vowel(char c)
{
    c = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* out = w[0..keep) + add */
static size_t lw_make(const char *w, size_t keep, const char *add, char *out, size_t cap)
{
    size_t m = strlen(add);
    if (keep + m + 1 > cap)
        return 0;
    memcpy(out, w, keep);
    memcpy(out + keep, add, m);
    out[keep + m] = '\0';
    return keep + m;
}

size_t nf__lemma_en(const char *w, size_t n, bool noun, char *out, size_t cap)
{
    bool caps = n > 1;
    for (size_t i = 0; i < n && caps; i++)
        caps = !(w[i] >= 'a' && w[i] <= 'z');
    if (caps || n < 3)
        return lw_make(w, n, "", out, cap);
    if (noun) {
        static const char *const irr[] = {"men",     "women",    "children", "feet",     "teeth",
                                          "geese",   "mice",     "lives",    "wives",    "knives",
                                          "leaves",  "halves",   "shelves",  "wolves",   "thieves",
                                          "calves",  "loaves",   "crises",   "analyses", "theses",
                                          "indices", "criteria", "phenomena", NULL};
        static const char *const sg[] = {"man",   "woman", "child", "foot",  "tooth", "goose",
                                         "mouse", "life",  "wife",  "knife", "leaf",  "half",
                                         "shelf", "wolf",  "thief", "calf",  "loaf",  "crisis",
                                         "analysis", "thesis", "index", "criterion",
                                         "phenomenon"};
        /* plurals in -ies of words in -ie, in -uses of words in -us, in -oes of words in -oe */
        static const char *const ie[] = {"movies",   "cookies", "calories", "rookies", "zombies",
                                         "goalies",  "selfies", "brownies", "pies",    "ties",
                                         "lies",     "hoodies", "freebies", "species", "series",
                                         NULL};
        static const char *const us[] = {"buses",    "viruses",  "bonuses",   "campuses", "statuses",
                                         "censuses", "surpluses", "consensuses", "circuses",
                                         "sinuses",  "fetuses",  "geniuses",  "octopuses", NULL};
        static const char *const keep[] = {"news",    "series",  "species", "means",  "physics",
                                           "politics", "economics", "headquarters", "mathematics",
                                           "people",  "police",  "data",    "media",  "cattle",
                                           "sheep",   "deer",    "fish",    "aircraft", "personnel",
                                           "staff",   "gas",     "bus",     "lens",   "atlas",
                                           "chaos",   "canvas",  "alias",   "bias",   "ethos",
                                           "yes",     "this",    "its",     "his",    NULL};
        int k;
        if ((k = lw_in(w, n, irr)) >= 0) {
            /* keep the capital of "Women" */
            size_t len = lw_make(sg[k], strlen(sg[k]), "", out, cap);
            if (len && w[0] >= 'A' && w[0] <= 'Z')
                out[0] = (char)(out[0] - 32);
            return len;
        }
        if (lw_in(w, n, keep) >= 0)
            return lw_make(w, n, "", out, cap);
        if (lw_ends(w, n, "men") && n > 4)
            return lw_make(w, n - 3, lw_ends(w, n, "women") ? "man" : "man", out, cap); /* chairmen */
        if (lw_in(w, n, ie) >= 0)
            return lw_make(w, n - 1, "", out, cap);
        if (lw_in(w, n, us) >= 0)
            return lw_make(w, n - 2, "", out, cap);
        if (lw_ends(w, n, "ies") && n > 4)
            return lw_make(w, n - 3, "y", out, cap);
        if (lw_ends(w, n, "sses") || lw_ends(w, n, "shes") || lw_ends(w, n, "ches") ||
            lw_ends(w, n, "xes") || lw_ends(w, n, "zzes"))
            return lw_make(w, n - 2, "", out, cap);
        if (lw_ends(w, n, "oes") && n > 4 && !lw_ends(w, n, "shoes") && !lw_ends(w, n, "toes") &&
            !lw_ends(w, n, "canoes"))
            return lw_make(w, n - 2, "", out, cap); /* heroes, potatoes */
        if (lw_ends(w, n, "ss") || lw_ends(w, n, "us") || lw_ends(w, n, "is") ||
            lw_ends(w, n, "ous") || lw_ends(w, n, "'s"))
            return lw_make(w, n, "", out, cap);
        if (lw_ends(w, n, "s") && n > 3)
            return lw_make(w, n - 1, "", out, cap);
        return lw_make(w, n, "", out, cap);
    }
    /* superlatives */
    if (lw_is(w, n, "best"))
        return lw_make("good", 4, "", out, cap);
    if (lw_is(w, n, "worst"))
        return lw_make("bad", 3, "", out, cap);
    if (lw_is(w, n, "better"))
        return lw_make("good", 4, "", out, cap);
    if (lw_is(w, n, "worse"))
        return lw_make("bad", 3, "", out, cap);
    static const char *const est[] = {
        "forest",   "interest", "guest",    "protest",  "request",  "contest",  "harvest",
        "test",     "west",     "nest",     "chest",    "quest",    "vest",     "rest",
        "pest",     "crest",    "arrest",   "conquest", "honest",   "modest",   "earnest",
        "manifest", "midwest",  "southwest", "northwest", "digest",  "suggest",  "invest",
        "priest",   "tempest",  "behest",   "unrest",   "inquest",  "bequest",  "attest",
        "detest",   "infest",   "molest",   "divest",   "blest",    "zest",     "jest",
        "lest",     "wrest",    "fest",     "pretest",  "retest",   "majest",   NULL};
    if (!lw_ends(w, n, "est") || n < 6 || lw_in(w, n, est) >= 0)
        return lw_make(w, n, "", out, cap);
    size_t m = n - 3; /* the stem */
    if (w[m - 1] == 'i')
        return lw_make(w, m - 1, "y", out, cap); /* easiest, happiest */
    char a = w[m - 1], b = w[m - 2];
    if (a == b && (a == 'b' || a == 'd' || a == 'g' || a == 'm' || a == 'n' || a == 'p' || a == 't'))
        return lw_make(w, m - 1, "", out, cap); /* biggest, hottest, thinnest */
    /* largest, latest, widest, safest, rarest, purest, simplest: the stem lost an e */
    bool cvc = m >= 3 && !lw_vowel(a) && a != 'w' && a != 'x' && a != 'y' && lw_vowel(b) &&
               !lw_vowel(w[m - 3]);
    if (cvc || (b == 'r' && a == 'g') || (b == 'l' && (a == 'p' || a == 'b')) ||
        (a == 'c' && lw_vowel(b)))
        return lw_make(w, m, "e", out, cap);
    return lw_make(w, m, "", out, cap); /* highest, proudest, fastest */
}

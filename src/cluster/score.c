/* The pair score shared by the online clusterer and `newsfuse similar`.
 *
 * Input: dot products of an article's unit-length TF-IDF vector with another vector (an
 * article, or a story's centroid), the norms of its parts, the two languages and the gap
 * in days. Output: a content similarity (cosine; across languages the better of the full
 * cosine and the cosine over language-neutral terms), and the same-story score: a logistic
 * calibration of the content similarity, times a time factor. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster/cluster_int.h"

/* Defaults measured on SemEval-2022 task 8 train pairs and the demo corpus (see
 * bench/RESULTS.md, "Stories (issue 5)"). */
nf__params nf__P = {
    .name_boost = 0.7,
    .num_boost = 1.5,
    .concept_boost = 2.0,
    .title_weight = 2.0,
    .cross_kappa = 0.3,
    .quote_beta = 0.3,
    .center = 0.17,
    .width = 0.08,
    .full_days = 2,
    .decay_days = 2,
    .prior_n = 20,
    .undated_concepts = 0.5,
    .weekday_beta = 0.05,
};

/* Developer hook for the benches: NF_CLUSTER_PARAMS="center=0.2,width=0.04" overrides
 * constants (read once, at the first nf_cluster_new). */
void nf__params_from_env(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    const char *e = getenv("NF_CLUSTER_PARAMS");
    if (!e)
        return;
    static const struct {
        const char *name;
        double *v;
    } names[] = {{"name_boost", &nf__P.name_boost},   {"num_boost", &nf__P.num_boost},
                 {"concept_boost", &nf__P.concept_boost}, {"title_weight", &nf__P.title_weight},
                 {"cross_kappa", &nf__P.cross_kappa}, {"quote_beta", &nf__P.quote_beta},
                 {"center", &nf__P.center},           {"width", &nf__P.width},
                 {"full_days", &nf__P.full_days},     {"decay_days", &nf__P.decay_days},
                 {"prior_n", &nf__P.prior_n}, {"undated_concepts", &nf__P.undated_concepts},
                 {"weekday_beta", &nf__P.weekday_beta}};
    while (*e) {
        const char *eq = strchr(e, '=');
        if (!eq)
            break;
        for (size_t i = 0; i < sizeof names / sizeof *names; i++)
            if (strlen(names[i].name) == (size_t)(eq - e) && !strncmp(names[i].name, e, (size_t)(eq - e)))
                *names[i].v = strtod(eq + 1, NULL);
        const char *comma = strchr(eq, ',');
        if (!comma)
            break;
        e = comma + 1;
    }
}

static double ratio(double num, double a, double b)
{
    return a > 0 && b > 0 ? num / (a * b) : 0;
}

double nf__within_norm(double norm_concepts, double k)
{
    double v = 1.0 - (1.0 - k * k) * norm_concepts * norm_concepts;
    return v > 0 ? sqrt(v) : 0;
}

double nf__content(const nf__feat *a, const nf__dots *d, bool cross, double k, double *full,
                   double *neutral, double *names, double *nums)
{
    double f = ratio(d->dot, 1.0, d->norm_b);
    if (!cross && k > 0 && k < 1)
        f = ratio(d->dot - (1.0 - k * k) * d->dot_concepts, nf__within_norm(a->norm_concepts, k),
                  d->norm_b_within);
    double ne = ratio(d->dot_neutral, a->norm_neutral, d->norm_b_neutral);
    if (full)
        *full = f;
    if (neutral)
        *neutral = ne;
    if (names)
        *names = ratio(d->dot_names, a->norm_names, d->norm_b_names);
    if (nums)
        *nums = ratio(d->dot_nums, a->norm_nums, d->norm_b_nums);
    if (cross && nf__P.cross_kappa * ne > f)
        return nf__P.cross_kappa * ne;
    return f;
}

/* A logistic curve through 0.5 at `center`, rescaled so that no shared content (0) scores
 * 0 and full content tends to 1; the rescaling is affine, so correlations are unchanged. */
double nf__calibrate(double content)
{
    double at0 = 1.0 / (1.0 + exp(nf__P.center / nf__P.width));
    double s = 1.0 / (1.0 + exp(-(content - nf__P.center) / nf__P.width));
    s = (s - at0) / (1.0 - at0);
    return s < 0 ? 0 : s;
}

double nf__time_factor(long gap, int window_days)
{
    if (gap < 0)
        return 1.0;
    if (gap > window_days)
        return 0.0;
    if ((double)gap <= nf__P.full_days)
        return 1.0;
    return exp(-((double)gap - nf__P.full_days) / nf__P.decay_days);
}

double nf__weekday_agreement(uint8_t a, const uint16_t counts[7], uint32_t with, uint32_t members)
{
    if (!a || !with || !members)
        return 0;
    uint32_t share = 0;
    for (int d = 0; d < 7; d++)
        if (a & (1u << d))
            share += counts[d];
    double s = share >= with ? 1.0 : (double)share / with;
    return (2.0 * s - 1.0) * with / members;
}

double nf__quote_share(const nf__feat *a, const uint64_t *q, uint32_t nq)
{
    if (!a->n_quotes || !nq)
        return 0;
    uint32_t i = 0, j = 0, both = 0;
    while (i < a->n_quotes && j < nq) {
        if (a->quotes[i] == q[j])
            both++, i++, j++;
        else if (a->quotes[i] < q[j])
            i++;
        else
            j++;
    }
    uint32_t m = a->n_quotes < nq ? a->n_quotes : nq;
    return (double)both / m;
}

void nf__dots_with(const nf__feat *a, const nf__tw *b, uint32_t nb, nf__dots *d)
{
    d->dot = d->dot_neutral = d->dot_names = d->dot_nums = d->dot_concepts = 0;
    uint32_t i = 0, j = 0;
    /* a long b (a story's centroid) against a short a (an article): b is searched by
     * galloping from the last match; the same pairs in the same order as the merge below */
    bool gallop = nb > 8 * (uint64_t)a->n;
    while (i < a->n && j < nb) {
        uint64_t x = a->v[i].t, y = b[j].t;
        if (gallop && y < x) {
            uint32_t lo = j, step = 1; /* b[lo].t < x */
            while (lo + step < nb && b[lo + step].t < x) {
                lo += step;
                step *= 2;
            }
            uint32_t hi = lo + step < nb ? lo + step : nb; /* b[hi].t >= x, or the end */
            while (hi - lo > 1) {
                uint32_t mid = lo + (hi - lo) / 2;
                if (b[mid].t < x)
                    lo = mid;
                else
                    hi = mid;
            }
            j = hi;
            continue;
        }
        if (x == y) {
            double p = (double)a->v[i].w * b[j].w;
            int k = NF__KIND(x);
            d->dot += p;
            if (k != NF__WORD)
                d->dot_neutral += p;
            if (k == NF__NAME)
                d->dot_names += p;
            else if (k == NF__NUM)
                d->dot_nums += p;
            else if (k == NF__CONCEPT)
                d->dot_concepts += p;
            i++, j++;
        } else { /* without a branch: the merge's comparisons do not predict */
            i += x < y;
            j += x > y;
        }
    }
}

void nf__norms_of(const nf__tw *b, uint32_t nb, nf__dots *d)
{
    double all = 0, neu = 0, nam = 0, num = 0, con = 0;
    for (uint32_t j = 0; j < nb; j++) {
        double w2 = (double)b[j].w * b[j].w;
        int k = NF__KIND(b[j].t);
        all += w2;
        if (k != NF__WORD)
            neu += w2;
        if (k == NF__NAME)
            nam += w2;
        else if (k == NF__NUM)
            num += w2;
        else if (k == NF__CONCEPT)
            con += w2;
    }
    d->norm_b = sqrt(all);
    d->norm_b_neutral = sqrt(neu);
    d->norm_b_names = sqrt(nam);
    d->norm_b_nums = sqrt(num);
    double k = nf__P.undated_concepts, within = all - (1.0 - k * k) * con;
    d->norm_b_within = within > 0 ? sqrt(within) : 0;
}

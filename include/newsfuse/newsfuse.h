/* newsfuse: the umbrella header. */
#ifndef NEWSFUSE_H
#define NEWSFUSE_H

#define NF_VERSION "0.1.0"

#include "newsfuse/base.h"
#include "newsfuse/doc.h"
#include "newsfuse/text.h"
#include "newsfuse/ingest.h"
#include "newsfuse/extract.h"
#include "newsfuse/facts.h"
#include "newsfuse/dedup.h"
#include "newsfuse/cluster.h"
#include "newsfuse/reconcile.h"
#include "newsfuse/brief.h"
#include "newsfuse/store.h"

#endif

package org.mcx.access;

/** What every connection of one service access server node shares. */
record Gateway(AccessConfig config, AccessChecks checks, Admission admission, AccessCounters counters,
               DenialReporter reporter) {
}

package org.mcx.backend.applications;

import java.time.Instant;

/** An applications row, secret hash included: never leaves this package as such. */
record StoredApplication(String applicationId, String name, boolean trustedDomain, String secretHash,
                         Instant createdAt) {
    @Override
    public String toString() {
        return "StoredApplication[applicationId=" + applicationId + ", trustedDomain=" + trustedDomain + "]";
    }
}

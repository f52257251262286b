package org.mcx.backend.transport;

import org.mcx.protocol.ErrorCode;

/** Told of every refused request (authentication, role, path), so it can be audited. */
@FunctionalInterface
public interface DenialListener {
    void denied(PeerSession session, String type, ErrorCode code, String reason);
}

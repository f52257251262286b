package org.mcx.protocol;

/** The error codes of PROTOCOL.md; the wire name is the constant's name. */
public enum ErrorCode {
    BAD_REQUEST,
    UNKNOWN_TYPE,
    UNSUPPORTED_VERSION,
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    RATE_LIMITED,
    TOO_LARGE,
    UNAVAILABLE,
    INTERNAL
}

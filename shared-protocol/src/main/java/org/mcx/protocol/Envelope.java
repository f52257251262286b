package org.mcx.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One frame as read off the wire, its header checked by {@code Codec#parse} (package {@code wire}); the body stays a tree
 * until the receiver knows which record to decode it into.
 */
public record Envelope(int v, String id, String re, String type, JsonNode body) {
    public static final int VERSION = 1;
    public static final String ERROR = "error";
    public static final String EVENT = "event";

    public boolean isRequest() {
        return id != null && re == null;
    }

    public boolean isResponse() {
        return re != null;
    }

    public boolean isError() {
        return ERROR.equals(type);
    }

    public boolean isEvent() {
        return EVENT.equals(type) && id == null && re == null;
    }
}

package org.mcx.samples;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The calls the sample MCPTT servers have set up. Only the newest {@link #MAX_CALLS} are kept: an
 * application placing a call every few seconds must not grow the demo's memory without end.
 */
final class CallLog {
    static final int MAX_CALLS = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    record Call(String callId, String type, String target, String caller, String priority, boolean emergency,
                String state, Instant startedAt, String setUpBy) {
    }

    private final Map<String, Call> calls = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Call> eldest) {
            return size() > MAX_CALLS;
        }
    };

    synchronized Call start(String type, String target, String caller, String priority, String instance) {
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        Call call = new Call("call-" + HexFormat.of().formatHex(id), type, target, caller, priority,
                "emergency".equals(priority), "connected", Instant.now(), instance);
        calls.put(call.callId(), call);
        return call;
    }

    synchronized Optional<Call> find(String callId) {
        return Optional.ofNullable(calls.get(callId));
    }
}

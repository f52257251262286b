package org.mcx.backend.acms;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Exchange;

/** One identity per server type and scope, one override per user: a repeat is refused, not merged. */
final class Duplicates {
    private Duplicates() {
    }

    static void check(Exchange.ServerIdentities in) {
        types(in.defaults(), "body.defaults");
        Set<String> users = new HashSet<>();
        for (int i = 0; i < in.overrides().size(); i++) {
            Exchange.Overrides o = in.overrides().get(i);
            if (!users.add(o.mcServiceId())) {
                throw ProtocolException.badRequest("body.overrides[" + i + "].mcServiceId", "repeats " + o.mcServiceId());
            }
            types(o.servers(), "body.overrides[" + i + "].servers");
        }
    }

    private static void types(List<ServerIdentity> servers, String field) {
        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < servers.size(); i++) {
            if (!seen.add(servers.get(i).serverType())) {
                throw ProtocolException.badRequest(field + "[" + i + "].serverType", "repeats " + servers.get(i).serverType());
            }
        }
    }
}

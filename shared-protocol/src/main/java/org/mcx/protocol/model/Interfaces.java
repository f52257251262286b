package org.mcx.protocol.model;

import java.util.regex.Pattern;
import org.mcx.protocol.Check;
import org.mcx.protocol.ProtocolException;

/** The reference points of 5.2.8 through which services are reached: MCPTT-1, CSC-2, MCData-cap-N... */
public final class Interfaces {
    private static final Pattern NAME = Pattern.compile("MCPTT-1|MCVideo-1|MCData-cap-[1-9][0-9]{0,2}|CSC-(1|2|4|8)");

    private Interfaces() {
    }

    public static String check(String value, String field) {
        Check.required(value, field);
        if (!NAME.matcher(value).matches()) {
            throw ProtocolException.badRequest(field,
                    "must be one of MCPTT-1, MCVideo-1, MCData-cap-N, CSC-1, CSC-2, CSC-4, CSC-8");
        }
        return value;
    }
}

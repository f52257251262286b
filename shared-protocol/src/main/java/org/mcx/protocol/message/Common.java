package org.mcx.protocol.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.mcx.protocol.Check;
import org.mcx.protocol.ErrorCode;

/** Bodies shared by several interfaces: empty bodies, results, errors and events. */
public final class Common {
    private Common() {
    }

    public sealed interface Message extends Body {
    }

    /** A body with no fields; an absent body decodes to this. */
    public record Empty() implements Message {
    }

    public enum Result {
        @JsonProperty("success") SUCCESS,
        @JsonProperty("failure") FAILURE,
        @JsonProperty("pending") PENDING
    }

    /** The body of a response that carries only a result (notify, CSC-15 pushes). */
    public record ResultBody(Result result) implements Message {
        public ResultBody {
            Check.required(result, "result");
        }

        public static ResultBody success() {
            return new ResultBody(Result.SUCCESS);
        }
    }

    /** The body of an {@code error} envelope. */
    public record ErrorBody(ErrorCode code, String message, String field) implements Message {
        public ErrorBody {
            Check.required(code, "code");
        }
    }

    /** The body of an {@code event} envelope; {@code data} names the objects by their ids. */
    public record Event(long seq, String topic, Instant at, JsonNode data) implements Message {
    }
}

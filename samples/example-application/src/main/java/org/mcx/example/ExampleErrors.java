package org.mcx.example;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.client.RemoteException;

/** Reading the failures the client library reports (docs/protocol.md, "the Java client library"). */
final class ExampleErrors {
    private ExampleErrors() {
    }

    static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The registry answered NOT_FOUND: for a profile, it was deleted (or never ours). */
    static boolean isNotFound(Throwable error) {
        return error != null && unwrap(error) instanceof RemoteException r && r.code() == ErrorCode.NOT_FOUND;
    }

    /** A failure the protocol describes (a refusal, a lost link, a timeout): its message says it all. */
    static boolean expected(Throwable error) {
        Throwable t = unwrap(error);
        return t instanceof ProtocolException || t instanceof TimeoutException;
    }

    static String describe(Throwable error) {
        if (error == null) {
            return "no answer";
        }
        Throwable t = unwrap(error);
        if (t instanceof ProtocolException p) {
            return p.code() + ": " + p.getMessage();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}

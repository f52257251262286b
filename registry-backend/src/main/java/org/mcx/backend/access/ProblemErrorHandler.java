package org.mcx.backend.access;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty raises itself (headers too large: 431, body too large: 413, bad URIs: 400) as
 * problem documents too, never Jetty's HTML page with its version and stack.
 */
final class ProblemErrorHandler extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String title = HttpStatus.getMessage(code);
        String detail = switch (code) {
            case 413 -> "request body too large";
            case 431 -> "request headers too large";
            case 400 -> "malformed request";
            case 408 -> "request not received in time";
            default -> title.toLowerCase(java.util.Locale.ROOT);
        };
        Problem.send(response, callback, code, title, detail);
    }
}

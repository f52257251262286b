package org.mcx.protocol.client;

import java.util.concurrent.CompletionStage;
import org.mcx.protocol.message.Body;

/**
 * Like {@link RequestHandler}, for answers that take time: the response is sent when the stage
 * completes, on whatever thread completes it. Failures are answered as {@link RequestHandler}'s.
 */
@FunctionalInterface
public interface AsyncRequestHandler<Q extends Body> {
    CompletionStage<? extends Body> handle(Q request) throws Exception;
}

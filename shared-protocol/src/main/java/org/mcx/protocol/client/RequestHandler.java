package org.mcx.protocol.client;

import org.mcx.protocol.message.Body;

/**
 * Answers one kind of request sent by the server ({@code notifyApplicationProfile},
 * {@code updateApplicationProfile}, {@code acms.*}, ...). Runs on the client's dispatcher thread,
 * so it must be quick; use {@link AsyncRequestHandler} for slow work. A thrown
 * {@link org.mcx.protocol.ProtocolException} is answered with its code; anything else with
 * {@code INTERNAL} (and logged here, never sent to the server).
 */
@FunctionalInterface
public interface RequestHandler<Q extends Body> {
    Body handle(Q request) throws Exception;
}

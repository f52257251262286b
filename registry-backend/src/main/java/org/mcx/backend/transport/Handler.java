package org.mcx.backend.transport;

import java.util.concurrent.CompletionStage;
import org.mcx.protocol.message.Body;

/**
 * Handles one request type. Runs on a Jetty thread: anything slow (database, password hashing)
 * must move to its own executor and come back as the returned stage.
 */
@FunctionalInterface
public interface Handler<B extends Body> {
    CompletionStage<? extends Body> handle(Call<B> call);
}

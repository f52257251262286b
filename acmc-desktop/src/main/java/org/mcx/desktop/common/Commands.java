package org.mcx.desktop.common;

import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.wire.MessageType;

/** Sends one change request through the task helper and reports the outcome in plain words. */
public final class Commands {
    private final ViewContext ctx;
    private final StringProperty message = new SimpleStringProperty();

    public Commands(ViewContext ctx) {
        this.ctx = ctx;
    }

    public <R extends Body> CompletableFuture<R> send(MessageType type, Body body, String doneKey, Object... args) {
        message.set(null); // the last command's outcome no longer applies
        return ctx.tasks().call(type.wireName(), () -> ctx.session().<R>request(type, body))
                .onSuccess(r -> message.set(ctx.i18n().get(doneKey, args)))
                .onError(f -> message.set(ctx.errors().describe(f))).start();
    }

    public void clear() {
        message.set(null);
    }

    public StringProperty messageProperty() {
        return message;
    }
}

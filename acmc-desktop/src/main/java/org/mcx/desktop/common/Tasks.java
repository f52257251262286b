package org.mcx.desktop.common;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way background work is run: the work starts on a background thread (never the FX
 * thread), its result or failure lands on the UI thread. Counts what is running, so the status
 * bar can show progress. View models get it through their constructor; tests pass direct executors.
 */
public final class Tasks {
    private static final Logger log = LoggerFactory.getLogger(Tasks.class);

    private final Executor background;
    private final Executor ui;
    private final IntegerProperty running = new SimpleIntegerProperty();

    public Tasks(Executor background, Executor ui) {
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** Production wiring: a small daemon pool for the work and {@code uiExecutor} (Platform::runLater). */
    public static Tasks withDaemonPool(Executor uiExecutor) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "acmc-task");
            t.setDaemon(true);
            return t;
        });
        return new Tasks(pool, uiExecutor);
    }

    public Executor ui() {
        return ui;
    }

    /**
     * Runs {@code step} on the UI thread once the event being handled now is done (the application's UI
     * executor queues: Platform::runLater). For what must not run inside it: a dialog that waits
     * ({@code showAndWait}) would hold up the handlers still to run, and a selection cannot be undone
     * while it is changing.
     */
    public void later(Runnable step) {
        ui.execute(step);
    }

    /** How many tasks are running now; read on the UI thread. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running;
    }

    /** Starts {@code work} off the UI thread; say what happens next with {@link Call#onSuccess} and {@link Call#onError}. */
    public <T> Call<T> call(String what, Supplier<CompletableFuture<T>> work) {
        return new Call<>(what, work);
    }

    /** A task being described; nothing runs until {@link #start()}. */
    public final class Call<T> {
        private final String what;
        private final Supplier<CompletableFuture<T>> work;
        private Consumer<? super T> success = value -> { };
        private Consumer<Throwable> error;

        private Call(String what, Supplier<CompletableFuture<T>> work) {
            this.what = what;
            this.work = work;
        }

        public Call<T> onSuccess(Consumer<? super T> onSuccess) {
            this.success = onSuccess;
            return this;
        }

        /** Without it, a failure is logged with what was being done (never swallowed). */
        public Call<T> onError(Consumer<Throwable> onError) {
            this.error = onError;
            return this;
        }

        /** Starts the work; the returned future completes (like the work) once the handlers have run on the UI thread. */
        public CompletableFuture<T> start() {
            ui.execute(() -> running.set(running.get() + 1));
            CompletableFuture<T> done = new CompletableFuture<>();
            CompletableFuture.supplyAsync(work, background).thenCompose(f -> f)
                    .whenComplete((value, failure) -> ui.execute(() -> {
                        running.set(running.get() - 1);
                        try {
                            handle(value, failure);
                        } finally {
                            if (failure == null) {
                                done.complete(value);
                            } else {
                                done.completeExceptionally(unwrap(failure));
                            }
                        }
                    }));
            return done;
        }

        private void handle(T value, Throwable failure) {
            if (failure == null) {
                success.accept(value);
                return;
            }
            Throwable cause = unwrap(failure);
            if (error != null) {
                log.debug("{} failed: {}", what, cause.toString());
                error.accept(cause);
            } else {
                log.warn("{} failed", what, cause);
            }
        }
    }

    public static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}

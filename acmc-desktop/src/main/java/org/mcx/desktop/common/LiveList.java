package org.mcx.desktop.common;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * A list a view shows and keeps current: loaded by one request, reloaded when a matching event
 * arrives or the link comes back, filtered by a predicate (FilteredList) and sortable (SortedList).
 * Reloads never overlap: one asked for while one runs happens right after it, so the last answer
 * always reflects the last event.
 */
public final class LiveList<T> {
    private final Tasks tasks;
    private final String what;
    private final Supplier<CompletableFuture<List<T>>> loader;
    private final ObservableList<T> items = FXCollections.observableArrayList();
    private final FilteredList<T> filtered = new FilteredList<>(items);
    private final SortedList<T> sorted = new SortedList<>(filtered);
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final StringProperty error = new SimpleStringProperty();
    private final ErrorText errors;
    private CompletableFuture<Void> current;
    private CompletableFuture<Void> next;
    private Runnable afterLoad = () -> { };

    public LiveList(Tasks tasks, ErrorText errors, String what, Supplier<CompletableFuture<List<T>>> loader) {
        this.tasks = tasks;
        this.errors = errors;
        this.what = what;
        this.loader = loader;
    }

    /**
     * Reloads now, or right after the reload in flight. Call on the UI thread. The future completes
     * once the list shows an answer given after this call (a failure is shown, not thrown).
     */
    public CompletableFuture<Void> reload() {
        if (loading.get()) {
            if (next == null) {
                next = new CompletableFuture<>();
            }
            return next;
        }
        loading.set(true);
        CompletableFuture<Void> mine = new CompletableFuture<>();
        current = mine;
        tasks.call("load " + what, loader).onSuccess(list -> {
            error.set(null);
            items.setAll(list);
            done();
        }).onError(failure -> {
            error.set(errors == null ? String.valueOf(failure) : errors.describeLoad(failure));
            done();
        }).start();
        return mine;
    }

    private void done() {
        loading.set(false);
        afterLoad.run();
        current.complete(null);
        if (next != null) {
            CompletableFuture<Void> waiting = next;
            next = null;
            reload().whenComplete((ok, f) -> waiting.complete(null));
        }
    }

    /** Reloads on every event whose topic starts with one of {@code prefixes}, and after every reconnect. */
    public LiveList<T> follow(org.mcx.desktop.common.ConsoleSession session, String... prefixes) {
        session.onEvent(e -> {
            for (String p : prefixes) {
                if (e.topic().startsWith(p)) {
                    reload();
                    return;
                }
            }
        });
        session.onResynced(this::reload);
        return this;
    }

    public void setAfterLoad(Runnable r) {
        this.afterLoad = r;
    }

    public void setFilter(Predicate<T> predicate) {
        filtered.setPredicate(predicate);
    }

    public ObservableList<T> items() {
        return items;
    }

    public FilteredList<T> filtered() {
        return filtered;
    }

    public SortedList<T> sorted() {
        return sorted;
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }

    public StringProperty errorProperty() {
        return error;
    }
}

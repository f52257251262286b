package org.mcx.desktop.common;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.wire.MessageType;

/**
 * The names people know things by: an application's name for its id, a partner system's name for
 * its system id. Kept current from {@code applications.list} and (for administrators, the only
 * ones who may list partners) {@code partners.list}, reloaded when an application or partner is
 * created or changed. Until a name is known the id stands in. {@link #revisionProperty()} changes
 * whenever names do, so what shows them can be redrawn.
 */
public final class Names {
    private final ConsoleSession session;
    private final Tasks tasks;
    private final Map<String, String> applications = new ConcurrentHashMap<>();
    private final Map<String, String> partners = new ConcurrentHashMap<>();
    private volatile List<Console.Application> applicationList = List.of();
    private final SimpleIntegerProperty revision = new SimpleIntegerProperty();

    public Names(ConsoleSession session, Tasks tasks) {
        this.session = session;
        this.tasks = tasks;
    }

    /** Loads the names now and follows changes; on the UI thread. */
    public Names start() {
        if (session == null) {
            return this;
        }
        session.onEvent(e -> {
            if (e.topic().startsWith("application.created")) {
                loadApplications();
            } else if (e.topic().startsWith("partner.")) { // a saved partner's link comes up or goes down
                loadPartners();
            }
        });
        session.onResynced(this::reload);
        reload();
        return this;
    }

    public void reload() {
        loadApplications();
        loadPartners();
    }

    public CompletableFuture<List<Console.Application>> loadApplications() {
        return tasks.call("load application names", () -> session.<Console.Applications>request(MessageType.APPLICATIONS_LIST,
                new Common.Empty()).thenApply(Console.Applications::applications)).onSuccess(list -> {
                    applicationList = List.copyOf(list);
                    Map<String, String> now = new java.util.HashMap<>();
                    list.forEach(a -> now.put(a.applicationId(), a.name()));
                    replace(applications, now);
                }).onError(f -> { /* the ids stand in; the views say what failed */ }).start();
    }

    private void loadPartners() {
        if (!session.may(MessageType.PARTNERS_LIST)) {
            return;
        }
        tasks.call("load partner names", () -> session.<Console.Partners>request(MessageType.PARTNERS_LIST, new Common.Empty())
                .thenApply(Console.Partners::partners)).onSuccess(list -> {
                    Map<String, String> now = new java.util.HashMap<>();
                    list.forEach(p -> now.put(p.systemId(), p.name()));
                    replace(partners, now);
                }).onError(f -> { /* the ids stand in; the views say what failed */ }).start();
    }

    /** Only a real change of names is announced (partner links come and go without one). */
    private void replace(Map<String, String> names, Map<String, String> now) {
        if (!names.equals(now)) {
            names.clear();
            names.putAll(now);
            changed();
        }
    }

    private void changed() {
        revision.set(revision.get() + 1);
    }

    /** "Dispatch board" for {@code app-7b2e9c4a10f3}; the id itself while the name is unknown. */
    public String application(String applicationId) {
        if (applicationId == null) {
            return "";
        }
        return applications.getOrDefault(applicationId, applicationId);
    }

    /** "Neighbouring county (mcx-b)", or "mcx-b" where partner names are not known (other roles than ADMIN). */
    public String partner(String systemId) {
        if (systemId == null) {
            return "";
        }
        String name = partners.get(systemId);
        return name == null ? systemId : name + " (" + systemId + ")";
    }

    /** The applications as last loaded (for choosing one). */
    public List<Console.Application> applications() {
        return applicationList;
    }

    public ReadOnlyIntegerProperty revisionProperty() {
        return revision;
    }

    /** Test wiring: names known without a server. */
    public void put(String applicationId, String name) {
        applications.put(applicationId, name);
        changed();
    }
}

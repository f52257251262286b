package org.mcx.desktop.identities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Acms;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/** This system's server identities (what a partner receives for migrating users): defaults and per-user overrides. */
public final class IdentitiesViewModel {
    private final ViewContext ctx;
    private final ObservableList<IdentityRow> rows = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty();

    public IdentitiesViewModel(ViewContext ctx) {
        this.ctx = ctx;
        ctx.session().onResynced(this::reload);
    }

    public CompletableFuture<Exchange.ServerIdentities> reload() {
        return ctx.tasks().call("load server identities",
                () -> ctx.session().<Exchange.ServerIdentities>request(MessageType.SERVER_IDENTITIES_GET, new Common.Empty()))
                .onSuccess(this::show)
                .onError(f -> message.set(ctx.errors().describe(f))).start();
    }

    private void show(Exchange.ServerIdentities ids) {
        List<IdentityRow> list = new ArrayList<>();
        ids.defaults().forEach(s -> list.add(new IdentityRow(null, s.serverType(), s.identity())));
        ids.groupOverrides().forEach(g -> g.servers().forEach(s -> list.add(new IdentityRow(null, s.serverType(),
                s.identity(), g.group(), g.members()))));
        ids.overrides().forEach(o -> o.servers().forEach(s -> list.add(new IdentityRow(o.mcServiceId(), s.serverType(), s.identity()))));
        rows.setAll(list);
        message.set(null);
    }

    /** Adds a row after checking it with the protocol's rules; returns the problem, or null. */
    public String add(String mcServiceId, Acms.ServerType type, String identity) {
        try {
            new Acms.ServerIdentity(type, identity == null ? null : identity.trim());
        } catch (ProtocolException e) {
            return e.getMessage();
        }
        rows.add(new IdentityRow(mcServiceId == null || mcServiceId.isBlank() ? null : mcServiceId.trim(), type,
                identity.trim()));
        return null;
    }

    public void remove(IdentityRow row) {
        rows.remove(row);
    }

    public CompletableFuture<Exchange.ServerIdentities> save() {
        List<Acms.ServerIdentity> defaults = rows.stream().filter(IdentityRow::isDefault)
                .map(r -> new Acms.ServerIdentity(r.serverType(), r.identity())).toList();
        Map<String, List<Acms.ServerIdentity>> byUser = new LinkedHashMap<>();
        // Group overrides go back as they came (this view edits defaults and users' overrides), so
        // saving here never drops them.
        Map<String, Exchange.GroupOverrides> groups = new LinkedHashMap<>();
        rows.stream().filter(IdentityRow::isGroup).forEach(r -> groups.merge(r.group(),
                new Exchange.GroupOverrides(r.group(), r.members(), List.of(new Acms.ServerIdentity(r.serverType(), r.identity()))),
                (a, b) -> new Exchange.GroupOverrides(a.group(), a.members(),
                        java.util.stream.Stream.concat(a.servers().stream(), b.servers().stream()).toList())));
        rows.stream().filter(r -> !r.isDefault() && !r.isGroup()).forEach(r -> byUser.computeIfAbsent(r.mcServiceId(), k -> new ArrayList<>())
                .add(new Acms.ServerIdentity(r.serverType(), r.identity())));
        List<Exchange.Overrides> overrides = byUser.entrySet().stream()
                .map(e -> new Exchange.Overrides(e.getKey(), e.getValue())).toList();
        return ctx.tasks().call("save server identities",
                () -> ctx.session().<Exchange.ServerIdentities>request(MessageType.SERVER_IDENTITIES_SAVE,
                        new Exchange.ServerIdentities(defaults, overrides, List.copyOf(groups.values()))))
                .onSuccess(saved -> {
                    show(saved);
                    message.set(ctx.i18n().get("identities.saved"));
                })
                .onError(f -> message.set(ctx.errors().describe(f))).start();
    }

    public boolean maySave() {
        return ctx.session().may(MessageType.SERVER_IDENTITIES_SAVE);
    }

    public ObservableList<IdentityRow> rows() {
        return rows;
    }

    public StringProperty messageProperty() {
        return message;
    }
}

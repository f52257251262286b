package org.mcx.desktop.overview;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.mcx.desktop.common.EventFeed;
import org.mcx.desktop.common.FeedItem;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.wire.MessageType;

/** Counts by status, the partner links, the service access servers' counters, recent events and the event rate, kept live. */
public final class OverviewViewModel {
    private final EventFeed feed;
    private final LiveList<Console.ServiceInstance> services;
    private final LiveList<Console.Application> applications;
    private final LiveList<Console.Partner> partners;
    private final LiveList<Console.AccessNode> accessNodes;
    private final LongProperty accessForwarded = new SimpleLongProperty();
    private final LongProperty accessRefused = new SimpleLongProperty();
    private int ticks;
    private final IntegerProperty servicesUp = new SimpleIntegerProperty();
    private final IntegerProperty applicationCount = new SimpleIntegerProperty();
    private final IntegerProperty pendingCount = new SimpleIntegerProperty();
    private final StringProperty partnersConnected = new SimpleStringProperty("—");
    /** Links as events told them, for roles that may not list partners: system id → up. */
    private final java.util.Map<String, Boolean> linksSeen = new java.util.TreeMap<>();
    private final boolean mayListPartners;
    private final org.mcx.desktop.common.Names names;
    private final org.mcx.desktop.common.I18n i18n;
    private final IntegerProperty eventsPerMinute = new SimpleIntegerProperty();
    private final StringProperty partnerLinks = new SimpleStringProperty("");

    public OverviewViewModel(ViewContext ctx, EventFeed feed) {
        this.feed = feed;
        var session = ctx.session();
        this.names = ctx.names();
        this.i18n = ctx.i18n();
        this.mayListPartners = session.may(MessageType.PARTNERS_LIST);
        services = new LiveList<Console.ServiceInstance>(ctx.tasks(), ctx.errors(), "service counts",
                () -> session.<Console.Services>request(MessageType.SERVICES_LIST,
                        new Console.ServicesList(ServiceQuery.all(), 5000, 0)).thenApply(Console.Services::services))
                .follow(session, "service.");
        applications = new LiveList<Console.Application>(ctx.tasks(), ctx.errors(), "application counts",
                () -> session.<Console.Applications>request(MessageType.APPLICATIONS_LIST, new Common.Empty())
                        .thenApply(Console.Applications::applications))
                .follow(session, "application.");
        partners = new LiveList<Console.Partner>(ctx.tasks(), ctx.errors(), "partner links",
                () -> session.may(MessageType.PARTNERS_LIST)
                        ? session.<Console.Partners>request(MessageType.PARTNERS_LIST, new Common.Empty())
                        .thenApply(Console.Partners::partners)
                        : CompletableFuture.completedFuture(List.of()))
                .follow(session, "partner.");
        // The service access servers' counters: refusals come with access.denied events (at most one
        // a second per kind); forwarded requests come with none, so the clock refreshes them too.
        accessNodes = new LiveList<Console.AccessNode>(ctx.tasks(), ctx.errors(), "access counters",
                () -> session.<Console.AccessNodes>request(MessageType.ACCESS_STATS, new Common.Empty())
                        .thenApply(Console.AccessNodes::nodes))
                .follow(session, "access.");
        accessNodes.setAfterLoad(() -> {
            accessForwarded.set(accessNodes.items().stream().filter(n -> n.stats() != null)
                    .mapToLong(n -> n.stats().forwarded()).sum());
            accessRefused.set(accessNodes.items().stream().filter(n -> n.stats() != null)
                    .mapToLong(n -> sum(n.stats().denied()) + sum(n.stats().shed())).sum());
        });
        services.setAfterLoad(() -> servicesUp.set((int) services.items().stream()
                .filter(s -> s.status() == Console.InstanceStatus.UP).count()));
        applications.setAfterLoad(() -> {
            applicationCount.set(applications.items().size());
            pendingCount.set(applications.items().stream().mapToInt(a -> a.pendingAuthorizations().size()).sum());
        });
        partners.setAfterLoad(() -> {
            if (mayListPartners) {
                partnersConnected.set(String.valueOf(partners.items().stream().filter(Console.Partner::connected).count()));
                partnerLinks.set(partners.items().isEmpty() ? i18n.get("overview.noPartners") : String.join("\n", partners.items()
                        .stream().map(p -> i18n.get(p.connected() ? "overview.linkUp" : "overview.linkDown",
                                p.name() + " (" + p.systemId() + ")")).toList()));
            }
        });
        // Roles that may not list partners learn the links from the events (the same ones the feed shows).
        session.onEvent(e -> {
            if (!mayListPartners && e.data() != null && e.data().hasNonNull("partnerSystemId")
                    && (e.topic().equals("partner.connected") || e.topic().equals("partner.disconnected"))) {
                linksSeen.put(e.data().get("partnerSystemId").asText(), e.topic().equals("partner.connected"));
                showLinksSeen();
            }
        });
        if (!mayListPartners) {
            showLinksSeen();
        }
    }

    private void showLinksSeen() {
        if (linksSeen.isEmpty()) {
            partnersConnected.set("—");
            partnerLinks.set(i18n.get("overview.linksUnknown"));
            return;
        }
        partnersConnected.set(String.valueOf(linksSeen.values().stream().filter(up -> up).count()));
        partnerLinks.set(String.join("\n", linksSeen.entrySet().stream().map(l -> i18n.get(
                l.getValue() ? "overview.linkUp" : "overview.linkDown", names.partner(l.getKey()))).toList()));
    }

    public void reload() {
        services.reload();
        applications.reload();
        partners.reload();
        accessNodes.reload();
    }

    /** Called every few seconds by the view's clock. */
    public void tick(Instant now) {
        eventsPerMinute.set(feed.lastMinute(now));
        if (++ticks % 5 == 0) {
            accessNodes.reload();
        }
    }

    private static long sum(java.util.Map<String, Long> counts) {
        return counts == null ? 0 : counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests the service access servers forwarded, since each started. */
    public LongProperty accessForwardedProperty() {
        return accessForwarded;
    }

    /** Requests they refused or shed, since each started. */
    public LongProperty accessRefusedProperty() {
        return accessRefused;
    }

    public List<FeedItem> recent(int n) {
        return feed.feed().subList(0, Math.min(n, feed.feed().size()));
    }

    public EventFeed feed() {
        return feed;
    }

    public IntegerProperty servicesUpProperty() {
        return servicesUp;
    }

    public IntegerProperty applicationCountProperty() {
        return applicationCount;
    }

    public IntegerProperty pendingCountProperty() {
        return pendingCount;
    }

    public StringProperty partnersConnectedProperty() {
        return partnersConnected;
    }

    public IntegerProperty eventsPerMinuteProperty() {
        return eventsPerMinute;
    }

    public StringProperty partnerLinksProperty() {
        return partnerLinks;
    }
}

package org.mcx.desktop.services;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.common.ViewContext;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;

/** Registered service instances with their health; filter chips by type and status, and text. */
public final class ServicesViewModel {
    private final LiveList<Console.ServiceInstance> services;
    private final Set<ServiceType> types = EnumSet.allOf(ServiceType.class);
    private final Set<Console.InstanceStatus> statuses = EnumSet.allOf(Console.InstanceStatus.class);
    private final StringProperty text = new SimpleStringProperty("");

    public ServicesViewModel(ViewContext ctx) {
        services = new LiveList<Console.ServiceInstance>(ctx.tasks(), ctx.errors(), "services",
                () -> ctx.session().<Console.Services>request(MessageType.SERVICES_LIST,
                        new Console.ServicesList(ServiceQuery.all(), 5000, 0)).thenApply(Console.Services::services))
                .follow(ctx.session(), "service.");
        text.addListener((o, was, now) -> refilter());
    }

    public void reload() {
        services.reload();
    }

    public void showType(ServiceType type, boolean on) {
        if (on) {
            types.add(type);
        } else {
            types.remove(type);
        }
        refilter();
    }

    public void showStatus(Console.InstanceStatus status, boolean on) {
        if (on) {
            statuses.add(status);
        } else {
            statuses.remove(status);
        }
        refilter();
    }

    private void refilter() {
        String q = text.get() == null ? "" : text.get().trim().toLowerCase(Locale.ROOT);
        services.setFilter(s -> types.contains(s.serviceType()) && statuses.contains(s.status())
                && (q.isEmpty() || (s.serviceId() + " " + s.host() + " " + s.nodeId() + " " + s.serviceInterface())
                .toLowerCase(Locale.ROOT).contains(q)));
    }

    public static String address(Console.ServiceInstance s) {
        return s.scheme() + "://" + s.host() + ":" + s.port() + (s.basePath() == null ? "" : s.basePath());
    }

    /** "12 s ago", for the heartbeat column. */
    public static String ago(Instant at, Instant now) {
        if (at == null) {
            return "";
        }
        long s = Math.max(0, Duration.between(at, now).toSeconds());
        return s < 120 ? s + " s" : (s / 60) + " min";
    }

    /** Healthy: up and its last heartbeat within the lease's time to live. */
    public static boolean healthy(Console.ServiceInstance s, Instant now) {
        return s.status() == Console.InstanceStatus.UP && s.lastHeartbeat() != null
                && Duration.between(s.lastHeartbeat(), now).toSeconds() <= s.ttlSeconds();
    }

    public LiveList<Console.ServiceInstance> services() {
        return services;
    }

    public StringProperty textProperty() {
        return text;
    }
}

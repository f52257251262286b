package org.mcx.backend.csc15;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.mcx.protocol.message.Csc15;
import org.mcx.protocol.model.UserAccess;

/**
 * Cuts one snapshot into pages that each fit in a message: applications, then users, then service
 * instances, in order, until a page's budget is spent. A pool with more instances than fit goes on
 * over several pages, under the same type and interface. Every page carries the snapshot's
 * {@code seq}; the first also carries the token key.
 */
final class SnapshotPages {
    private final ObjectMapper json;
    private final int budget;
    private final List<Page> pages = new ArrayList<>();
    private Page current;

    private static final class Page {
        final List<Csc15.ApplicationGrants> applications = new ArrayList<>();
        final List<UserAccess> users = new ArrayList<>();
        final List<Csc15.ServicePool> services = new ArrayList<>();
        int bytes;
    }

    private SnapshotPages(ObjectMapper json, int budget) {
        this.json = json;
        this.budget = budget;
    }

    static List<Csc15.Snapshot> split(Csc15.Snapshot whole, ObjectMapper json, int budgetBytes) {
        SnapshotPages pager = new SnapshotPages(json, budgetBytes);
        pager.current = new Page();
        pager.pages.add(pager.current);
        for (Csc15.ApplicationGrants a : whole.applications()) {
            pager.room(pager.size(a)).applications.add(a);
        }
        for (UserAccess u : whole.users()) {
            pager.room(pager.size(u)).users.add(u);
        }
        for (Csc15.ServicePool pool : whole.services() == null ? List.<Csc15.ServicePool>of() : whole.services()) {
            pager.addPool(pool);
        }
        List<Csc15.Snapshot> out = new ArrayList<>();
        int n = pager.pages.size();
        for (int i = 0; i < n; i++) {
            Page p = pager.pages.get(i);
            out.add(new Csc15.Snapshot(p.applications, p.users, whole.seq(), i == 0 ? whole.tokenKey() : null,
                    p.services, i, n));
        }
        return out;
    }

    private void addPool(Csc15.ServicePool pool) {
        List<Csc15.ServiceEndpoint> part = new ArrayList<>();
        Page page = room(64);
        for (Csc15.ServiceEndpoint instance : pool.instances()) {
            int size = size(instance);
            if (page.bytes + size > budget && !part.isEmpty()) {
                page.services.add(new Csc15.ServicePool(pool.serviceType(), pool.serviceInterface(), part));
                part = new ArrayList<>();
                page = newPage();
            }
            page.bytes += size;
            part.add(instance);
        }
        page.services.add(new Csc15.ServicePool(pool.serviceType(), pool.serviceInterface(), part));
    }

    /** The page with room for {@code size} more bytes (a new one if the current is full). */
    private Page room(int size) {
        if (current.bytes + size > budget && current.bytes > 0) {
            newPage();
        }
        current.bytes += size;
        return current;
    }

    private Page newPage() {
        current = new Page();
        pages.add(current);
        return current;
    }

    private int size(Object item) {
        try {
            return json.writeValueAsBytes(item).length + 1;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a snapshot item", e);
        }
    }
}

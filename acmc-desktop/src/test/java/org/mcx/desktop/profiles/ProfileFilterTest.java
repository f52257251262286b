package org.mcx.desktop.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.mcx.desktop.common.LiveList;
import org.mcx.desktop.testing.Direct;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;

/** The table's search over FilteredList, without the toolkit: matches id, application, service and capabilities. */
class ProfileFilterTest {
    static List<ProfileRow> rows(int n) {
        List<ProfileRow> out = new ArrayList<>(n);
        ServiceType[] types = ServiceType.values();
        for (int i = 0; i < n; i++) {
            out.add(ProfileRow.of(new ApplicationProfile("ap-" + i, i, "app-" + (i / 3),
                    new ServiceRef(types[i % types.length], "CSC-2"), null,
                    new ServiceInterfaceDescription(List.of("HTTP"), List.of(i % 10 == 0 ? "Members" : "groups"), List.of()),
                    1L, Instant.EPOCH, "admin")));
        }
        return out;
    }

    @Test
    void searchIsCaseInsensitiveOnEveryShownField() {
        List<ProfileRow> data = rows(1000);
        LiveList<ProfileRow> list = new LiveList<>(Direct.tasks(), null, "profiles", () -> CompletableFuture.completedFuture(data));
        list.reload();
        assertThat(list.filtered()).hasSize(1000);
        String q = " MEMBERS ".trim().toLowerCase(java.util.Locale.ROOT);
        list.setFilter(r -> r.matches(q));
        assertThat(list.filtered()).hasSize(100);
        list.setFilter(r -> r.matches("app-7 "));
        assertThat(list.filtered()).extracting(ProfileRow::id).containsExactly("ap-21", "ap-22", "ap-23");
        list.setFilter(null);
        assertThat(list.sorted()).hasSize(1000);
    }
}

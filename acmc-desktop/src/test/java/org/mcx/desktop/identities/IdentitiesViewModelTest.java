package org.mcx.desktop.identities;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.SessionOpener;
import org.mcx.desktop.testing.Direct;
import org.mcx.desktop.testing.TestBackend;
import org.mcx.protocol.message.Acms.ServerIdentity;
import org.mcx.protocol.message.Acms.ServerType;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Exchange;
import org.mcx.protocol.wire.MessageType;

/** Editing defaults and users' overrides in the console keeps the group overrides it does not edit. */
class IdentitiesViewModelTest {
    @TempDir
    Path dir;

    @Test
    void savingFromTheConsoleKeepsGroupOverrides() throws Exception {
        try (TestBackend backend = TestBackend.start(dir)) {
            Exchange.GroupOverrides fire = new Exchange.GroupOverrides("fire", List.of("alice", "bob"),
                    List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt-fire@b.example"),
                            new ServerIdentity(ServerType.GMS, "https://gms-fire.b.example/gm")));
            backend.call(MessageType.SERVER_IDENTITIES_SAVE, new Exchange.ServerIdentities(
                    List.of(new ServerIdentity(ServerType.MCPTT, "sip:mcptt@b.example")), List.of(), List.of(fire)));
            ConsoleSession session = new SessionOpener(Runnable::run).open(backend.base(), TestBackend.ADMIN,
                    TestBackend.ADMIN_PASSWORD, null, "test").get(20, TimeUnit.SECONDS);
            try {
                IdentitiesViewModel vm = new IdentitiesViewModel(Direct.context(session));
                vm.reload().get(20, TimeUnit.SECONDS);
                assertThat(vm.rows()).filteredOn(IdentityRow::isGroup).hasSize(2);

                assertThat(vm.add("carol", ServerType.KMS, "https://kms-carol.b.example/km")).isNull();
                vm.save().get(20, TimeUnit.SECONDS);

                Exchange.ServerIdentities stored = backend.call(MessageType.SERVER_IDENTITIES_GET, new Common.Empty());
                assertThat(stored.groupOverrides()).containsExactly(fire);
                assertThat(stored.overrides()).singleElement().satisfies(o -> assertThat(o.mcServiceId()).isEqualTo("carol"));
                assertThat(stored.defaults()).hasSize(1);
            } finally {
                session.close();
            }
        }
    }
}

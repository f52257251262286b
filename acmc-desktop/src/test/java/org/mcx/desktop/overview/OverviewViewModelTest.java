package org.mcx.desktop.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.backend.Backend;
import org.mcx.backend.BackendConfig;
import org.mcx.desktop.common.ConsoleSession;
import org.mcx.desktop.common.SessionOpener;
import org.mcx.desktop.notifications.EventText;
import org.mcx.desktop.notifications.NotificationsViewModel;
import org.mcx.desktop.testing.Direct;
import org.mcx.desktop.testing.TestBackend;

/** The overview counts what the service access server refused, as soon as its report arrives. */
class OverviewViewModelTest {
    @TempDir
    Path dir;

    @Test
    void refusalsAtTheServiceAccessServerReachTheOverview() throws Exception {
        int sasPort;
        try (ServerSocket s = new ServerSocket(0)) {
            sasPort = s.getLocalPort();
        }
        try (Backend backend = Backend.start(BackendConfig.forTests(dir, "mcx-test").withSasPort(sasPort))) {
            ConsoleSession session = new SessionOpener(Runnable::run).open(URI.create(backend.url()), TestBackend.ADMIN,
                    TestBackend.ADMIN_PASSWORD, null, "test").get(20, TimeUnit.SECONDS);
            try {
                OverviewViewModel vm = new OverviewViewModel(Direct.context(session),
                        new NotificationsViewModel(new EventText(Direct.I18N), topic -> false));
                vm.reload();
                assertThat(vm.accessRefusedProperty().get()).isZero();

                HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + sasPort + "/services/ap-000000000000/x")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(401);

                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (vm.accessRefusedProperty().get() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // the node reports within a second; its access.denied event reloads the counters
                }
                assertThat(vm.accessRefusedProperty().get()).isEqualTo(1);
                assertThat(vm.accessForwardedProperty().get()).isZero();
            } finally {
                session.close();
            }
        }
    }
}

package org.mcx.backend.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mcx.backend.samples.SampleFixture.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.client.RemoteException;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.model.ApplicationProfile;
import org.mcx.protocol.model.ServiceInterfaceDescription;
import org.mcx.protocol.model.ServiceType;
import org.mcx.protocol.wire.MessageType;
import org.mcx.example.ExampleEvent;
import org.mcx.example.ExampleConfig;
import org.mcx.example.ExampleApplication;
import org.mcx.samples.SampleServices;

/** The example application walks 10.X.3-10.X.5 against a real backend, with an administrator deciding. */
class ExampleApplicationTest {
    @TempDir
    Path dir;
    SampleFixture f;
    ExampleRecorder events = new ExampleRecorder();

    @BeforeEach
    void start() throws Exception {
        f = SampleFixture.start(dir);
        f.saveUser("alice", ServiceType.GM, ServiceType.MCPTT);
        SampleServices samples = f.own(SampleServices.builder(f.backend().base(), f.serviceNode("samples")).start());
        await(samples.registered());
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ExampleApplication example(Console.ApplicationCreated app, String secret) {
        ExampleConfig config = ExampleConfig.of(f.backend().base(), app.applicationId(), secret, "alice",
                SampleFixture.PASSWORD).withInterval(Duration.ofMillis(200));
        return f.own(new ExampleApplication(config, events));
    }

    @Test
    void pendingThenApprovedThenChangedThenDeleted() throws Exception {
        Console.ApplicationCreated app = f.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Dispatch board", false));
        ExampleApplication example = example(app, app.secret());

        await(example.start());
        assertThat(events.next(ExampleEvent.Connected.class).name()).isEqualTo("Dispatch board");
        assertThat(events.next(ExampleEvent.UserAuthenticated.class).mcServiceId()).isEqualTo("alice");
        assertThat(events.next(ExampleEvent.Discovered.class).services()).extracting(c -> c.serviceType())
                .containsExactlyInAnyOrder(ServiceType.GM, ServiceType.MCPTT);
        events.next(ExampleEvent.AuthorizationPending.class);
        assertThat(example.profiles()).isEmpty();

        // 10.X.3 step 4: an administrator approves the pending request.
        Console.Applications apps = f.call(MessageType.APPLICATIONS_LIST, new Common.Empty());
        Console.PendingAuthorization pending = apps.applications().stream()
                .filter(a -> a.applicationId().equals(app.applicationId())).findFirst().orElseThrow()
                .pendingAuthorizations().get(0);
        f.call(MessageType.APPLICATIONS_DECIDE, new Console.DecideAuthorization(pending.authorizationId(),
                Console.AuthorizationDecision.APPROVE, null));

        ExampleEvent.Configured configured = events.next(ExampleEvent.Configured.class, c -> c.profiles().size() == 2);
        Map<ServiceType, ApplicationProfile> byType = configured.profiles().stream()
                .collect(Collectors.toMap(p -> p.authorizedService().serviceType(), p -> p));
        assertThat(byType).containsOnlyKeys(ServiceType.GM, ServiceType.MCPTT);
        for (ApplicationProfile p : configured.profiles()) {
            assertThat(p.serviceLocation()).as("the service access server's address, never the service's")
                    .isEqualTo(f.backend().backend().sasLocation("/services/" + p.applicationProfileId()));
        }

        // 10.X.5: both profiles are called, round after round, whether or not a service access server answers.
        ApplicationProfile gm = byType.get(ServiceType.GM);
        ApplicationProfile mcptt = byType.get(ServiceType.MCPTT);
        for (int round = 0; round < 2; round++) {
            for (ApplicationProfile p : List.of(gm, mcptt)) {
                ExampleEvent.Called called = events.next(ExampleEvent.Called.class,
                        c -> c.applicationProfileId().equals(p.applicationProfileId()));
                assertThat(called.service()).isEqualTo(p.authorizedService());
                assertThat(called.latencyMs()).isNotNegative();
                if (called.status() == 0) {
                    assertThat(called.failure()).isNotBlank();
                }
            }
        }

        // 10.X.4: an administrator changes the GM profile; the application is told and fetches it.
        ApplicationProfile edited = new ApplicationProfile(gm.applicationProfileId(), null, gm.applicationId(),
                gm.authorizedService(), null, new ServiceInterfaceDescription(List.of("HTTP"), List.of("groups"),
                List.of("GET /groups")), null, null, null);
        f.call(MessageType.PROFILES_SAVE, new Console.SaveProfile(edited, gm.version()));
        ExampleEvent.ProfileChanged changed = events.next(ExampleEvent.ProfileChanged.class,
                c -> c.applicationProfileId().equals(gm.applicationProfileId()) && c.version() == 2);
        assertThat(changed.deleted()).isFalse();
        assertThat(changed.profile().serviceInterfaceDescription().messages()).containsExactly("GET /groups");
        assertThat(example.profiles()).filteredOn(p -> p.applicationProfileId().equals(gm.applicationProfileId()))
                .singleElement().satisfies(p -> assertThat(p.version()).isEqualTo(2L));

        // An administrator deletes the MCPTT profile: the application stops calling it.
        f.call(MessageType.PROFILES_DELETE, new Console.DeleteProfile(mcptt.applicationProfileId(), mcptt.version()));
        ExampleEvent.ProfileChanged deleted = events.next(ExampleEvent.ProfileChanged.class,
                c -> c.applicationProfileId().equals(mcptt.applicationProfileId()));
        assertThat(deleted.deleted()).isTrue();
        assertThat(example.profiles()).extracting(ApplicationProfile::applicationProfileId)
                .containsExactly(gm.applicationProfileId());
        List<ExampleEvent.Called> after = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            after.add(events.next(ExampleEvent.Called.class));
        }
        assertThat(after).extracting(ExampleEvent.Called::applicationProfileId).containsOnly(gm.applicationProfileId());
    }

    @Test
    void aTrustedApplicationIsConfiguredAtOnce() throws Exception {
        Console.ApplicationCreated app = f.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Trusted board", true));
        ExampleApplication example = example(app, app.secret());

        await(example.start());

        // The grant's notifications may overtake its answer, so a partial set can be reported first.
        ExampleEvent.Configured configured = events.next(ExampleEvent.Configured.class, c -> c.profiles().size() == 2);
        assertThat(configured.profiles()).extracting(p -> p.authorizedService().serviceType())
                .containsExactlyInAnyOrder(ServiceType.GM, ServiceType.MCPTT);
        assertThat(events.all()).noneMatch(ExampleEvent.AuthorizationPending.class::isInstance);
        events.next(ExampleEvent.Called.class);
    }

    @Test
    void aWrongSecretFailsTheStartAndSaysWhy() throws Exception {
        Console.ApplicationCreated app = f.call(MessageType.APPLICATIONS_CREATE,
                new Console.CreateApplication("Impostor", false));
        ExampleApplication example = example(app, "not-the-secret-at-all");

        Throwable failure = catchThrowable(() -> example.start().get(10, TimeUnit.SECONDS));

        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(RemoteException.class);
        assertThat(((RemoteException) failure.getCause()).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(events.next(ExampleEvent.Error.class).message()).contains("UNAUTHENTICATED");
    }
}

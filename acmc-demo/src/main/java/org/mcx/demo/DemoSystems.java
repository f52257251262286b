package org.mcx.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mcx.backend.Backend;
import org.mcx.backend.BackendConfig;
import org.mcx.example.ExampleApplication;
import org.mcx.example.ExampleConfig;
import org.mcx.example.ExampleEvent;
import org.mcx.samples.NodeCredentials;
import org.mcx.samples.SampleServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's world, in this process: a primary system with its service access server, a partner
 * system, each the other's partner, sample MC service servers registered with the primary and a
 * sample external application that discovers, asks to be authorized and calls through the SAS.
 * Each system gets a temporary data directory, removed on close.
 *
 * <p>{@link #primaryUp()} completes as soon as the primary answers, so the console can show its
 * window while the rest ({@link #ready()}) is still starting.
 */
public final class DemoSystems implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoSystems.class);

    private final DemoOptions options;
    private final List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());
    private final CompletableFuture<Backend> primary;
    private final CompletableFuture<Backend> partner;
    private final CompletableFuture<Void> ready;
    private final CompletableFuture<Void> rest;
    private final CompletableFuture<Void> partners;
    private final List<Consumer<ExampleEvent>> exampleListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile ExampleApplication example;
    private volatile ExampleEvent lastExampleEvent;

    private DemoSystems(DemoOptions options, CompletableFuture<Void> rest) {
        this.options = options;
        this.rest = rest;
        this.primary = CompletableFuture.supplyAsync(() -> startBackend(DemoOptions.PRIMARY_ID, freePort()));
        // The rest waits for the go-ahead, so on two cores it does not compete with the primary and
        // the console's first window (launch time); its progress shows in the console.
        this.partner = rest.thenApplyAsync(go -> startBackend(DemoOptions.PARTNER_ID, 0));
        CompletableFuture<Void> samples = primary.thenCombine(rest, (b, go) -> b)
                .thenAcceptAsync(this::startSamplesAndApplication);
        this.partners = primary.thenCombine(partner, (a, b) -> new Backend[] {a, b})
                .thenAcceptAsync(pair -> DemoSetup.linkPartners(pair[0], pair[1]));
        this.ready = CompletableFuture.allOf(samples, partners);
        ready.whenComplete((ok, error) -> {
            if (error != null) {
                log.error("the demo could not start completely", error);
            } else {
                log.info("demo ready: primary {}, partner {}", primary.join().url(), partner.join().url());
            }
        });
    }

    /** Starts everything at once. */
    public static DemoSystems start(DemoOptions options) {
        return new DemoSystems(options, CompletableFuture.completedFuture(null));
    }

    /** Starts the primary now and the rest once {@link #startTheRest()} is called (the console's window is up). */
    public static DemoSystems startPrimaryFirst(DemoOptions options) {
        return new DemoSystems(options, new CompletableFuture<>());
    }

    /** Lets the partner, the sample services and the sample application start; harmless when they have. */
    public void startTheRest() {
        rest.complete(null);
    }

    public CompletableFuture<URI> primaryUp() {
        return primary.thenApply(b -> URI.create(b.url()));
    }

    /** The partner's address once it is up and linked, with its approver created. */
    public CompletableFuture<URI> partnerUp() {
        return partners.thenCompose(ok -> partner).thenApply(b -> URI.create(b.url()));
    }

    /** Everything started: samples registered, the application waiting for authorization, partners linked. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** Follows the sample application (on its thread: hop to the UI), starting with what it did last. */
    public void onExampleEvent(Consumer<ExampleEvent> listener) {
        exampleListeners.add(listener);
        ExampleEvent last = lastExampleEvent;
        if (last != null) {
            listener.accept(last);
        }
    }

    private void exampleDid(ExampleEvent e) {
        lastExampleEvent = e;
        exampleListeners.forEach(l -> l.accept(e));
    }

    public ExampleApplication example() {
        return example;
    }

    private Backend startBackend(String systemId, int sasPort) {
        try {
            Path dir = Files.createDirectories(options.dataRoot().resolve(systemId));
            Backend b = Backend.start(BackendConfig.forTests(dir, systemId).withSasPort(sasPort)
                    .withAdminPassword(DemoOptions.ADMIN_PASSWORD));
            running.add(b);
            log.info("demo system {} listening on {}", systemId, b.url());
            return b;
        } catch (Exception e) {
            throw new CompletionException("starting demo system " + systemId, e);
        }
    }

    private void startSamplesAndApplication(Backend b) {
        try {
            DemoSetup.Prepared prepared = DemoSetup.preparePrimary(b);
            SampleServices samples = SampleServices.builder(URI.create(b.url()),
                    new NodeCredentials("sample-services", prepared.nodeSecret())).start();
            running.add(samples);
            samples.registered().join();
            ExampleConfig config = ExampleConfig.of(URI.create(b.url()), prepared.applicationId(),
                    prepared.applicationSecret(), DemoOptions.SAMPLE_USER, DemoSetup.SAMPLE_USER_PASSWORD)
                    .withInterval(options.callEvery());
            example = new ExampleApplication(config, this::exampleDid);
            running.add(example);
            example.start().join();
        } catch (Exception e) {
            throw new CompletionException("starting the sample services and application", e);
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new CompletionException("no free port for the service access server", e);
        }
    }

    /** Stops the application, the samples (they deregister first), then both systems; removes the data. */
    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (running) {
            toClose = new ArrayList<>(running);
            running.clear();
        }
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("stopping {} failed", c, e);
            }
        }
        deleteQuietly(options.dataRoot());
        if (Files.exists(options.dataRoot())) {
            // H2 may remove its lock file behind our walk, leaving a directory that was not yet empty.
            deleteQuietly(options.dataRoot());
        }
    }

    private static void deleteQuietly(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    log.debug("could not delete {}: {}", p, e.toString());
                }
            });
        } catch (IOException e) {
            log.warn("could not remove the demo data in {}", root, e);
        }
    }
}

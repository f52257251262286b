package org.mcx.example;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.mcx.protocol.client.PinnedCertificate;
import org.mcx.protocol.model.ServiceRef;
import org.mcx.protocol.model.ServiceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The example application's command line; runs until stopped (Ctrl-C, SIGTERM). */
@Command(name = "example-application", mixinStandardHelpOptions = true, sortOptions = false,
        version = "MCX Open Access example application 0.1",
        description = "An external application (TS 23.280 10.X.3-10.X.5): discovers services, asks to be authorized, "
                + "follows its application profiles and calls the services through the service access server.")
final class ExampleCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ExampleCommand.class);

    @Option(names = "--registry", required = true, split = ",", paramLabel = "URL",
            description = "The registry's WebSocket address, e.g. ws://127.0.0.1:8080 (/csc14 is added), or several"
                    + " nodes' separated by commas: the application moves to the next when its node is lost.")
    List<URI> registry;

    @Option(names = "--application-id", required = true, description = "From applications.create.")
    String applicationId;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Secret secret;

    @Option(names = "--user", required = true, description = "The MC service ID of the user the application acts for.")
    String user;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Password password;

    @Option(names = "--interval", defaultValue = "3", description = "Seconds between calls. Default: ${DEFAULT-VALUE}.")
    double intervalSeconds;

    @Option(names = "--priority", defaultValue = "normal",
            description = "MC-Priority: normal, imminent-peril or emergency. Default: ${DEFAULT-VALUE}.")
    String priority;

    @Option(names = "--service", split = ",", paramLabel = "TYPE:INTERFACE", converter = ServiceConverter.class,
            description = "A service to ask for, e.g. GM:CSC-2 (repeatable). Default: GM:CSC-2,MCPTT:MCPTT-1.")
    List<ServiceRef> services;

    @Option(names = "--trust-fingerprint", paramLabel = "SHA-256",
            description = "Trust a self-signed backend by the certificate fingerprint it printed (wss:// and https://).")
    String fingerprint;

    static final class Secret {
        @Option(names = "--secret", description = "The application's secret (visible to ps: prefer --secret-file).")
        String value;

        @Option(names = "--secret-file", description = "A file holding the application's secret.")
        Path file;
    }

    static final class Password {
        @Option(names = "--password", description = "The user's password (visible to ps: prefer --password-file).")
        String value;

        @Option(names = "--password-file", description = "A file holding the user's password.")
        Path file;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ExampleConfig config;
        try {
            config = new ExampleConfig(registry, applicationId, read(secret.value, secret.file), user,
                    read(password.value, password.file), services == null ? ExampleConfig.DEFAULT_SERVICES : services,
                    Duration.ofMillis(Math.round(intervalSeconds * 1000)), priority.toLowerCase(Locale.ROOT),
                    fingerprint == null ? null : PinnedCertificate.trusting(fingerprint));
        } catch (IllegalArgumentException | IOException e) {
            // Shown as a usage error, not a stack trace: it is the command line that is wrong.
            String why = e instanceof IOException ? "cannot read " + e.getMessage() : e.getMessage();
            throw new ParameterException(spec.commandLine(), why, e);
        }
        log.info("starting {}", config);
        ExampleApplication app = new ExampleApplication(config, ExampleCommand::report);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "example-shutdown"));
        try {
            app.start().get();
        } catch (ExecutionException e) {
            log.error("giving up: {}", ExampleErrors.describe(e));
            app.close();
            return 1;
        }
        stopped.await();
        return 0;
    }

    /** The application logs its own steps; the calls, its steady activity, are shown here. */
    private static void report(ExampleEvent event) {
        if (event instanceof ExampleEvent.Called c) {
            if (c.status() == 0) {
                log.debug("{} unreachable after {} ms: {}", ExampleProfiles.label(c.service()), c.latencyMs(),
                        c.failure());
            } else {
                log.info("{} -> {} in {} ms", ExampleProfiles.label(c.service()), c.status(), c.latencyMs());
            }
        }
    }

    private static String read(String value, Path file) throws IOException {
        return value != null ? value : Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    /** "GM:CSC-2" to a service reference; picocli reports a bad one as a usage error. */
    static final class ServiceConverter implements CommandLine.ITypeConverter<ServiceRef> {
        @Override
        public ServiceRef convert(String value) {
            String[] parts = value.split(":", 2);
            if (parts.length != 2) {
                throw new CommandLine.TypeConversionException("expected TYPE:INTERFACE, e.g. GM:CSC-2, got " + value);
            }
            try {
                return new ServiceRef(ServiceType.valueOf(parts[0].trim().toUpperCase(Locale.ROOT)), parts[1].trim());
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(value + ": " + e.getMessage());
            }
        }
    }
}

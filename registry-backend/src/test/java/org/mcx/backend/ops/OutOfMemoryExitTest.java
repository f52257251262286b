package org.mcx.backend.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mcx.backend.testing.MemoryHog;

/**
 * A server that runs out of memory must end, so that its service manager starts it again: each
 * installed launcher's JVM options make it exit, and with a code its systemd unit restarts.
 * (Before: the JVM's code for this exit, 3, was also the code the unit does not restart on.)
 */
class OutOfMemoryExitTest {
    @ParameterizedTest
    @CsvSource({"backend, mcx-registry.service", "access-server, mcx-access-server.service"})
    void theInstalledServerExitsOnOutOfMemoryWithACodeItsUnitRestarts(String packageDir, String unit) throws Exception {
        Path installers = Path.of("..", "installers", "src", packageDir);
        List<String> javaOptions = launcherJavaOptions(installers);
        assertThat(javaOptions).contains("-XX:+ExitOnOutOfMemoryError");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOptions);
        command.addAll(List.of("-Xmx32m", "-cp", System.getProperty("java.class.path"), MemoryHog.class.getName()));
        Process hog = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(hog.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(hog.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("Terminating due to java.lang.OutOfMemoryError");
        assertThat(hog.exitValue()).isNotZero().isNotIn(unitDoesNotRestart(installers, unit).toArray());
        assertThat(unitFile(installers, unit)).contains("Restart=on-failure");
    }

    private static List<String> launcherJavaOptions(Path installers) throws Exception {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(installers.resolve("app.args"))) {
            if (line.startsWith("--java-options ")) {
                options.add(line.substring("--java-options ".length()).strip());
            }
        }
        return options;
    }

    private static String unitFile(Path installers, String unit) throws Exception {
        return Files.readString(installers.resolve("root/lib/systemd/system/" + unit));
    }

    private static List<Integer> unitDoesNotRestart(Path installers, String unit) throws Exception {
        Matcher m = Pattern.compile("(?m)^RestartPreventExitStatus=(.*)$").matcher(unitFile(installers, unit));
        assertThat(m.find()).isTrue();
        return Arrays.stream(m.group(1).trim().split("\\s+")).map(Integer::valueOf).toList();
    }
}

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
import org.junit.jupiter.api.Test;
import org.mcx.backend.testing.MemoryHog;

/**
 * A backend that runs out of memory must end, so that its service manager starts it again: the
 * installed launcher's JVM options make it exit, and with a code the systemd unit restarts.
 * (Before: the JVM's code for this exit, 3, was also the code the unit does not restart on.)
 */
class OutOfMemoryExitTest {
    private static final Path INSTALLERS = Path.of("..", "installers", "src", "backend");

    @Test
    void theInstalledBackendExitsOnOutOfMemoryWithACodeItsUnitRestarts() throws Exception {
        List<String> javaOptions = launcherJavaOptions();
        assertThat(javaOptions).contains("-XX:+ExitOnOutOfMemoryError");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(javaOptions);
        command.addAll(List.of("-Xmx32m", "-cp", System.getProperty("java.class.path"), MemoryHog.class.getName()));
        Process hog = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(hog.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(hog.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("Terminating due to java.lang.OutOfMemoryError");
        assertThat(hog.exitValue()).isNotZero().isNotIn(unitDoesNotRestart().toArray());
        assertThat(unitFile()).contains("Restart=on-failure");
    }

    private static List<String> launcherJavaOptions() throws Exception {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(INSTALLERS.resolve("app.args"))) {
            if (line.startsWith("--java-options ")) {
                options.add(line.substring("--java-options ".length()).strip());
            }
        }
        return options;
    }

    private static String unitFile() throws Exception {
        return Files.readString(INSTALLERS.resolve("root/lib/systemd/system/mcx-registry.service"));
    }

    private static List<Integer> unitDoesNotRestart() throws Exception {
        Matcher m = Pattern.compile("(?m)^RestartPreventExitStatus=(.*)$").matcher(unitFile());
        assertThat(m.find()).isTrue();
        return Arrays.stream(m.group(1).trim().split("\\s+")).map(Integer::valueOf).toList();
    }
}

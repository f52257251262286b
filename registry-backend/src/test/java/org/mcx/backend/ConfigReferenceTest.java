package org.mcx.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcx.server.ConfigDefaults;

/**
 * Every setting is documented where operators look: in the packaged registry.conf (with its
 * default) and in docs/operations.md's reference table (with its MCX_* variable). A new option
 * fails this test until it is described in both.
 */
class ConfigReferenceTest {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyOptionIsInThePackagedConfigurationAndTheOperationsGuide() throws Exception {
        String conf = Files.readString(PROJECT.resolve("installers/src/backend/root/etc/mcx-registry/registry.conf"));
        String guide = Files.readString(PROJECT.resolve("docs/operations.md"));
        List<String> keys = Main.commandLine(new String[0], Map.of()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp())
                .map(ConfigDefaults::key)
                .filter(k -> !k.equals("config"))
                .toList();
        assertThat(keys).hasSizeGreaterThan(20);
        for (String key : keys) {
            assertThat(conf).as("registry.conf describes %s", key).containsPattern("(?m)^#?" + key + " =");
            assertThat(guide).as("operations.md's table has %s", key)
                    .contains("| `" + key + "` | `" + ConfigDefaults.variable(key) + "` |");
        }
    }

}

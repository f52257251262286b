package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mcx.server.ConfigDefaults;

/**
 * Every setting of a service access server node is documented where operators look: in the
 * packaged access-server.conf and in docs/operations.md's table for it. A new option fails this
 * test until it is described in both.
 */
class AccessConfigReferenceTest {
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyOptionIsInThePackagedConfigurationAndTheOperationsGuide() throws Exception {
        String conf = Files.readString(PROJECT.resolve("installers/src/access-server/root/etc/mcx-access-server/access-server.conf"));
        String guide = Files.readString(PROJECT.resolve("docs/operations.md"));
        List<String> keys = Main.commandLine(new String[0], Map.of()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp() && !o.hidden()) // hidden: for the package's scripts
                .map(ConfigDefaults::key)
                .filter(k -> !k.equals("config"))
                .toList();
        assertThat(keys).contains("registry", "node-id", "node-secret-file", "port", "tls");
        for (String key : keys) {
            assertThat(conf).as("access-server.conf describes %s", key).containsPattern("(?m)^#?" + key + " =");
            assertThat(guide).as("operations.md's table has %s", key)
                    .contains("| `" + key + "` | `" + ConfigDefaults.variable(key) + "` |");
        }
    }
}

package org.mcx.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Command line, then MCX_* variables, then the --config file, then built-in defaults. */
class ConfigPrecedenceTest {
    @TempDir
    Path dir;

    @Test
    void eachSourceWinsOverTheNextOne() throws Exception {
        Path conf = write("port = 9001\nbind = 0.0.0.0\nsystem-id = from-file\ntls = true\nbackup-interval = 6h\n");
        Map<String, String> env = Map.of("MCX_BIND", "127.0.0.2", "MCX_SYSTEM_ID", "from-env");

        Main main = parse(env, "--config", conf.toString(), "--system-id", "from-command-line");

        assertThat(main.systemId).isEqualTo("from-command-line");
        assertThat(main.bind).isEqualTo("127.0.0.2");
        assertThat(main.port).isEqualTo(9001);
        assertThat(main.tls).isTrue();
        assertThat(main.backupInterval).isEqualTo(Duration.ofHours(6));
        assertThat(main.backupKeep).isEqualTo(7); // built-in default
        assertThat(main.durability).isEqualTo(org.mcx.backend.store.Database.Durability.PROCESS_CRASH);
    }

    @Test
    void theFileMayBeNamedByTheEnvironmentAndTlsTurnedOffThere() throws Exception {
        Path conf = write("tls = true\nport=9002\n");
        Main main = parse(Map.of("MCX_CONFIG", conf.toString(), "MCX_TLS", "false"));
        assertThat(main.port).isEqualTo(9002);
        assertThat(main.tls).isFalse();
        assertThat(parse(Map.of("MCX_CONFIG", conf.toString()), "--tls=false").tls).isFalse();
        assertThat(parse(Map.of(), "--tls").tls).isTrue();
    }

    @Test
    void anEmptyValueUnsetsASetting() throws Exception {
        Path conf = write("backup-dir = /var/lib/mcx-registry/backups\nport = 9003\nadmin-password =\n");
        Main main = parse(Map.of("MCX_BACKUP_DIR", "", "MCX_PORT", " "), "--config", conf.toString());
        assertThat(main.backupDir).isNull();
        assertThat(main.port).isEqualTo(8443); // the built-in default, not the file's
        assertThat(main.adminPassword).isNull();
    }

    @Test
    void aMisspeltSettingIsRefusedByName() throws Exception {
        Path conf = write("data-dir = /tmp/x\ndatadir = /tmp/y\n");
        assertThatThrownBy(() -> Main.commandLine(new String[] {"--config", conf.toString()}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting(s) [datadir]");
    }

    @Test
    void theServiceAccessServersIoIsReadFromTheFileAndAnUnknownOneIsRefused() throws Exception {
        Path conf = write("sas-io = nio\nsas-threads = 3\n");
        Main main = parse(Map.of(), "--config", conf.toString());
        assertThat(main.sasIo).isEqualTo(org.mcx.access.Transport.NIO);
        assertThat(main.sasThreads).isEqualTo(3);
        assertThat(parse(Map.of("MCX_SAS_IO", "io_uring")).sasIo).isEqualTo(org.mcx.access.Transport.IO_URING);
        assertThatThrownBy(() -> parse(Map.of(), "--sas-io", "kqueue"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--sas-io").hasMessageContaining("kqueue");
    }

    /** A DMZ layout: the registry runs no service access server and tells applications where the nodes are. */
    @Test
    void applicationsAreSentToServiceAccessServersElsewhereWhenSasUrlIsSet() throws Exception {
        Main main = parse(Map.of("MCX_SAS_URL", "https://access.example.org"), "--sas-port", "0");
        BackendConfig config = BackendConfig.of(dir, "0.0.0.0", 8443, "mcx-a")
                .withSas(new SasSettings(main.sasPort, main.sasIo, main.sasThreads, main.sasUrl));
        assertThat(Backend.applicationsConfig(config).sasLocation("/gm"))
                .isEqualTo(new org.mcx.protocol.model.ServiceLocation("https", "access.example.org", 443, "/gm"));
        BackendConfig local = BackendConfig.of(dir, "127.0.0.1", 8443, "mcx-a").withSas(SasSettings.none().withPort(8444));
        assertThat(Backend.applicationsConfig(local).sasLocation("/gm"))
                .isEqualTo(new org.mcx.protocol.model.ServiceLocation("http", "127.0.0.1", 8444, "/gm"));
        assertThatThrownBy(() -> new SasSettings(0, main.sasIo, 0, java.net.URI.create("ftp://access.example.org")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sas-url must be http(s)://host[:port]");
    }

    @Test
    void anUnreadableFileIsRefused() {
        assertThatThrownBy(() -> Main.commandLine(new String[] {"--config=" + dir.resolve("missing.conf")}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the configuration file");
    }

    private Main parse(Map<String, String> env, String... args) {
        CommandLine cl = Main.commandLine(args, env);
        cl.parseArgs(args);
        return cl.getCommand();
    }

    private Path write(String text) throws Exception {
        Path conf = dir.resolve("registry.conf");
        Files.writeString(conf, text);
        return conf;
    }
}

package org.mcx.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Where an option not given on the command line takes its value from, in this order: the
 * environment variable {@code MCX_<KEY>} ({@code --data-dir} → {@code MCX_DATA_DIR}), then the
 * configuration file ({@code --config FILE} or {@code MCX_CONFIG}; key {@code data-dir}), then the
 * option's built-in default. So the command line wins, then the environment, then the file.
 *
 * <p>The file is in Java properties format ({@code key = value}, {@code #} comments). A key that is
 * no option is refused at start, so a misspelt setting is an error rather than silently ignored.
 */
public final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    public static final String CONFIG_OPTION = "--config";
    public static final String CONFIG_VARIABLE = "MCX_CONFIG";
    private static final String PREFIX = "MCX_";

    private final Map<String, String> environment;
    private final Properties file;
    private final Path source;

    private ConfigDefaults(Map<String, String> environment, Properties file, Path source) {
        this.environment = environment;
        this.file = file;
        this.source = source;
    }

    /**
     * Reads the configuration file named by {@code --config} in {@code args} or else by
     * {@code MCX_CONFIG}; none named means environment and built-in defaults only.
     *
     * @throws IllegalArgumentException with a sentence for the operator when the file cannot be read
     */
    public static ConfigDefaults load(String[] args, Map<String, String> environment) {
        Path path = configPath(args, environment);
        Properties file = new Properties();
        if (path != null) {
            try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the configuration file " + path + ": " + e, e);
            }
        }
        return new ConfigDefaults(Map.copyOf(environment), file, path);
    }

    /** picocli assigns defaults before it reads options, so {@code --config} is found by hand. */
    static Path configPath(String[] args, Map<String, String> environment) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(CONFIG_OPTION) && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (args[i].startsWith(CONFIG_OPTION + "=")) {
                return Path.of(args[i].substring(CONFIG_OPTION.length() + 1));
            }
        }
        String fromEnvironment = environment.get(CONFIG_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
    }

    /**
     * A server's command line with its defaults taken from {@code environment} and the
     * configuration file named in {@code args} or by {@code MCX_CONFIG}.
     *
     * @throws IllegalArgumentException with a sentence for the operator when the file cannot be
     *         read or holds a key that is no option of {@code command}
     */
    public static CommandLine commandLine(Object command, String[] args, Map<String, String> environment) {
        CommandLine cl = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true);
        ConfigDefaults defaults = load(args, environment);
        defaults.rejectUnknownKeys(cl.getCommandSpec());
        cl.setDefaultValueProvider(defaults);
        return cl;
    }

    /** The file key of an option: its long name without the dashes. */
    public static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The environment variable of a key: {@code data-dir} → {@code MCX_DATA_DIR}. */
    public static String variable(String key) {
        return PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!arg.isOption() || CONFIG_OPTION.equals(((OptionSpec) arg).longestName())) {
            return null;
        }
        OptionSpec option = (OptionSpec) arg;
        if (option.usageHelp() || option.versionHelp()) {
            return null;
        }
        String key = key(option);
        String fromEnvironment = environment.get(variable(key));
        if (fromEnvironment != null) {
            return valueOrUnset(fromEnvironment);
        }
        String fromFile = file.getProperty(key);
        return fromFile == null ? null : valueOrUnset(fromFile);
    }

    /**
     * An empty value unsets: {@code MCX_BACKUP_DIR=} turns off backups the file configures, and
     * {@code admin-password =} in the file is the same as leaving the key out.
     */
    private static String valueOrUnset(String value) {
        String v = value.strip();
        return v.isEmpty() ? null : v;
    }

    /** Refuses keys in the file that are not options of {@code command}, naming them. */
    public void rejectUnknownKeys(CommandSpec command) {
        Set<String> known = new TreeSet<>();
        for (OptionSpec option : command.options()) {
            known.add(key(option));
        }
        Set<String> unknown = new TreeSet<>(file.stringPropertyNames());
        unknown.removeAll(known);
        unknown.remove(key(command.findOption(CONFIG_OPTION)));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown setting(s) " + unknown + " in " + source
                    + "; every setting is a long option without its dashes (see --help)");
        }
    }
}

package org.mcx.server;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/** Reads {@code 90s}, {@code 15m}, {@code 24h}, {@code 7d} or ISO-8601 ({@code PT6H}) for settings like the backup interval. */
public final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
        }
        if (v.length() < 2) {
            throw new CommandLine.TypeConversionException("'" + value + "' is no duration (e.g. 90s, 15m, 24h, 7d)");
        }
        long amount;
        try {
            amount = Long.parseLong(v.substring(0, v.length() - 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is no duration (e.g. 90s, 15m, 24h, 7d)");
        }
        switch (v.charAt(v.length() - 1)) {
            case 's': return Duration.ofSeconds(amount);
            case 'm': return Duration.ofMinutes(amount);
            case 'h': return Duration.ofHours(amount);
            case 'd': return Duration.ofDays(amount);
            default: throw new CommandLine.TypeConversionException("'" + value + "' is no duration (e.g. 90s, 15m, 24h, 7d)");
        }
    }
}

package org.mcx.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Where one thread's samples (running Java or inside native code) fall in a Flight Recorder file,
 * by stage of a write: each sample
 * counts once, for the first stage whose method is on its stack (outermost stages listed first).
 * For recordings made with {@code java -XX:StartFlightRecording=filename=F,settings=profile -jar
 * benchmarks.jar ...}.
 */
@Command(name = "jfr-summary", mixinStandardHelpOptions = true,
        description = "Splits a thread's execution samples in a JFR recording by stage (reply send, commit, SQL, JSON...).")
public final class JfrSummary implements Callable<Integer> {
    /** Stage name to a method (class.method prefix) that marks it; the first match wins. */
    private static final Map<String, String> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("reply encode and send on this thread (Router → PeerSession.send)", "org.mcx.backend.transport.Router.lambda$dispatch");
        STAGES.put("after-commit actions (events, notifications, CSC-15 hand-off)", "org.mcx.backend.store.TransactionRunner.runAll");
        STAGES.put("commit (H2 MVStore writes the chunk)", "org.h2.jdbc.JdbcConnection.commit");
        STAGES.put("SQL parsing (prepareStatement)", "org.h2.jdbc.JdbcConnection.prepareStatement");
        STAGES.put("JSON decoding (ObjectMapper.readValue)", "com.fasterxml.jackson.databind.ObjectMapper.readValue");
        STAGES.put("JSON encoding (ObjectMapper.write*)", "com.fasterxml.jackson.databind.ObjectMapper.write");
        STAGES.put("queries (executeQuery, reading rows)", "org.h2.jdbc.JdbcPreparedStatement.executeQuery");
        STAGES.put("inserts and updates (executeUpdate)", "org.h2.jdbc.JdbcPreparedStatement.executeUpdate");
    }

    /** Samples of threads running Java code, and of threads inside native code (file and socket writes). */
    private static final List<String> SAMPLES = List.of("jdk.ExecutionSample", "jdk.NativeMethodSample");

    @Parameters(index = "0", description = "The .jfr file.")
    Path file;
    @Option(names = "--thread", defaultValue = "mcx-db-writer", description = "Thread name prefix (default: ${DEFAULT-VALUE}).")
    String thread;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        STAGES.keySet().forEach(s -> counts.put(s, 0));
        counts.put("other", 0);
        int total = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!SAMPLES.contains(e.getEventType().getName()) || e.getStackTrace() == null
                    || e.getThread("sampledThread") == null
                    || !String.valueOf(e.getThread("sampledThread").getJavaName()).startsWith(thread)) {
                continue;
            }
            total++;
            counts.merge(stage(e.getStackTrace().getFrames()), 1, Integer::sum);
        }
        Table t = new Table("stage", "samples", "share");
        for (Map.Entry<String, Integer> c : counts.entrySet()) {
            t.row(c.getKey(), c.getValue(), String.format(java.util.Locale.ROOT, "%.0f%%", 100.0 * c.getValue() / Math.max(1, total)));
        }
        new Report(spec.commandLine().getOut()).table("Samples of threads named " + thread + "* in " + file
                + " (" + total + " samples):", t);
        return total > 0 ? 0 : 1;
    }

    private static String stage(List<RecordedFrame> frames) {
        for (Map.Entry<String, String> s : STAGES.entrySet()) {
            for (RecordedFrame f : frames) {
                if ((f.getMethod().getType().getName() + "." + f.getMethod().getName()).startsWith(s.getValue())) {
                    return s.getKey();
                }
            }
        }
        return "other";
    }
}

package org.mcx.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The fan-out baseline: {@code receivers} raw clients subscribed to the raw server; one more sends
 * the trigger frame, which the server sends on to all of them. A round is timed from sending the
 * trigger until the last receiver has the frame. Receivers may also answer each frame, as
 * applications must answer notifications, to show what that traffic costs by itself.
 */
final class RawBroadcast implements AutoCloseable {
    private final List<RawClient> receivers = new ArrayList<>();
    private final Arrivals arrivals;
    private final RawClient trigger;

    /** What a receiver answers when it acknowledges, about as large as an application's answer to a notification. */
    static final String ACK = "{\"v\":1,\"re\":\"s-1000\",\"type\":\"notifyApplicationProfile\",\"body\":{\"result\":\"success\"}}";

    private RawBroadcast(RawServer server, int count, boolean acknowledge) throws Exception {
        this.arrivals = new Arrivals(count);
        try {
            List<CompletableFuture<Void>> opened = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                RawClient[] self = new RawClient[1];
                RawClient c = new RawClient(server.uri(RawServer.SUBSCRIBE), text -> {
                    arrivals.arrived(index, 0);
                    if (acknowledge) {
                        self[0].send(ACK);
                    }
                });
                self[0] = c;
                receivers.add(c);
                c.connect();
                opened.add(c.opened());
            }
            CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            this.trigger = RawClient.sequential(server.uri(RawServer.TRIGGER));
            if (!server.awaitSubscribers(count, Duration.ofSeconds(30))) {
                throw new IllegalStateException("not all " + count + " receivers subscribed within 30 s");
            }
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Receivers that only receive. */
    static RawBroadcast open(RawServer server, int receivers) throws Exception {
        return new RawBroadcast(server, receivers, false);
    }

    /** Receivers that answer every frame with {@link #ACK}, which the server reads and drops. */
    static RawBroadcast acknowledged(RawServer server, int receivers) throws Exception {
        return new RawBroadcast(server, receivers, true);
    }

    /** Runs {@code rounds} broadcasts of a frame of {@code bytes} bytes, one after the other. */
    FanoutRounds run(int bytes, int rounds, Duration roundTimeout) throws Exception {
        String frame = RawEcho.text(bytes);
        FanoutRounds result = new FanoutRounds();
        for (int r = 0; r < rounds; r++) {
            ThreadCpu before = ThreadCpu.snapshot();
            Arrivals.Round round = arrivals.begin(0);
            trigger.send(frame);
            result.add(round, round.await(roundTimeout));
            result.addCpu(ThreadCpu.snapshot().since(before));
        }
        return result;
    }

    @Override
    public void close() {
        receivers.forEach(RawClient::close);
        if (trigger != null) {
            trigger.close();
        }
    }
}

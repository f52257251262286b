package org.mcx.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.model.ServiceQuery;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;

/**
 * /csc14 sessions made of raw clients: each authenticates with a hand-made frame and answers
 * notifyApplicationProfile with a pre-made success, on its reading thread, with no decoding beyond
 * finding the id and version in the text. Next to the library's sessions they show the server's
 * share of a fan-out.
 */
final class RawSessions implements AutoCloseable {
    private static final String BARRIER_ID = "b-1";

    private final List<Session> sessions = new ArrayList<>();

    private RawSessions() {
    }

    static RawSessions open(URI base, Console.ApplicationCreated app, int count, Arrivals arrivals) throws Exception {
        Codec codec = new Codec();
        String auth = codec.request("auth-1", MessageType.AUTH_APPLICATION,
                new Auth.ApplicationLogin(app.applicationId(), app.secret()));
        RawSessions all = new RawSessions();
        try {
            for (int start = 0; start < count; start += 50) {
                List<CompletableFuture<String>> batch = new ArrayList<>();
                for (int i = start; i < Math.min(count, start + 50); i++) {
                    Session s = new Session(URI.create(base + "/csc14"), i, arrivals);
                    all.sessions.add(s);
                    s.client.open(java.time.Duration.ofSeconds(30));
                    batch.add(s.call(auth));
                }
                for (CompletableFuture<String> reply : batch) {
                    if (reply.get(30, TimeUnit.SECONDS).contains("\"type\":\"error\"")) {
                        throw new IllegalStateException("raw authentication refused");
                    }
                }
            }
        } catch (Exception | Error e) {
            all.close();
            throw e;
        }
        return all;
    }

    /** One getServiceInformation on every session, all answered: see {@link FanoutBench#barrier}. */
    void barrier() throws Exception {
        String ping = new Codec().request(BARRIER_ID, MessageType.GET_SERVICE_INFORMATION,
                new Csc14.GetServiceInformation(BenchBackend.USER, ServiceQuery.all()));
        List<CompletableFuture<String>> replies = new ArrayList<>();
        for (Session s : sessions) {
            replies.add(s.call(ping));
        }
        CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        sessions.forEach(s -> s.client.close());
    }

    /** One raw session: answers notifications at once, hands any other frame to the call waiting for it. */
    private static final class Session {
        private final RawClient client;
        private final AtomicReference<CompletableFuture<String>> waiting = new AtomicReference<>();

        Session(URI uri, int index, Arrivals arrivals) {
            this.client = new RawClient(uri, text -> {
                if (text.contains("\"type\":\"notifyApplicationProfile\"") && text.contains("\"id\":\"")) {
                    String id = between(text, "\"id\":\"", "\"");
                    arrivals.arrived(index, Long.parseLong(between(text, "\"version\":", "}").trim()));
                    this.reply(id);
                } else {
                    CompletableFuture<String> w = waiting.getAndSet(null);
                    if (w != null) {
                        w.complete(text);
                    }
                }
            });
        }

        private void reply(String id) {
            client.send("{\"v\":1,\"re\":\"" + id + "\",\"type\":\"notifyApplicationProfile\",\"body\":{\"result\":\"success\"}}");
        }

        CompletableFuture<String> call(String frame) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            waiting.set(reply);
            client.send(frame);
            return reply;
        }

        private static String between(String text, String from, String to) {
            int start = text.indexOf(from) + from.length();
            return text.substring(start, text.indexOf(to, start));
        }
    }
}

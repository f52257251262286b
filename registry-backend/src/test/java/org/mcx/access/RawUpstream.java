package org.mcx.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An instance that reads what the SAS sends with {@link StrictRequestParser}, byte for byte, and
 * keeps every request it received under a number, which its answer carries ({@code {"rec":n}}) so
 * a test can find what reached the service for each answer. Anything the strict parser refuses is a
 * {@link #violations violation}: the SAS must only ever send well-formed requests.
 */
final class RawUpstream implements AutoCloseable {
    final Map<Integer, StrictRequestParser.Request> received = new ConcurrentHashMap<>();
    final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicInteger next = new AtomicInteger();
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-upstream");
        t.setDaemon(true);
        return t;
    });

    RawUpstream() throws IOException {
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                threads.execute(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            byte[] pending = new byte[0];
            byte[] buf = new byte[16 * 1024];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                pending = concat(pending, buf, n);
                StrictRequestParser.Result r = StrictRequestParser.parse(pending);
                if (r.ending() == StrictRequestParser.Ending.ERROR) {
                    violations.add("the SAS sent a request a strict parser refuses (" + r.error() + "): "
                            + new String(pending, StandardCharsets.ISO_8859_1));
                    return;
                }
                for (StrictRequestParser.Request request : r.requests()) {
                    int id = next.incrementAndGet();
                    received.put(id, request);
                    byte[] body = ("{\"rec\":" + id + "}").getBytes(StandardCharsets.US_ASCII);
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    if (!request.method().equals("HEAD")) {
                        out.write(body);
                    }
                }
                out.flush();
                pending = Arrays.copyOfRange(pending, r.used(), pending.length);
            }
        } catch (IOException e) {
            // the SAS closed or reset the connection: an aborted exchange, not a fault of this instance
        }
    }

    private static byte[] concat(byte[] a, byte[] b, int n) {
        byte[] c = Arrays.copyOf(a, a.length + n);
        System.arraycopy(b, 0, c, a.length, n);
        return c;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}

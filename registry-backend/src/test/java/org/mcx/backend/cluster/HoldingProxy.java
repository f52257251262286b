package org.mcx.backend.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The network between two systems, on loopback: a TCP relay from clients to one server that can
 * hold what the clients send. Held bytes have left their sender (it read them off its socket, as a
 * network has them once sent) and are delivered when released, in order, even if the sender died
 * meanwhile; then its end of the stream follows, as its kernel's would. What the server sends back
 * is never held, and is dropped once the client is gone.
 *
 * <p>The kill test holds system A's request to B on the wire while the node that sent it is killed,
 * so that B stores a request whose sender never learns it was stored.
 */
final class HoldingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    // guarded by lock:
    private final List<Held> held = new ArrayList<>();
    private boolean holding;
    private long heldBytes;
    private boolean closed;

    /** Bytes a client sent, for {@code to}, not yet delivered. */
    private record Held(Socket to, byte[] bytes) {
    }

    private HoldingProxy(ServerSocket listener, InetSocketAddress server) {
        this.listener = listener;
        this.server = server;
    }

    /** A relay on a loopback port of its own to {@code serverPort} on loopback. */
    static HoldingProxy to(int serverPort) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HoldingProxy proxy = new HoldingProxy(new ServerSocket(0, 16, loopback),
                new InetSocketAddress(loopback, serverPort));
        proxy.daemon(proxy::accept, "proxy-accept");
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on, what clients send is kept instead of delivered. */
    void hold() {
        synchronized (lock) {
            holding = true;
        }
    }

    /** Delivers what was held, in the order it was sent, and stops holding. */
    void release() {
        synchronized (lock) {
            holding = false;
            for (Held h : held) {
                try {
                    h.to().getOutputStream().write(h.bytes());
                } catch (IOException serverGone) {
                    // The server closed that connection: nothing more can reach it.
                }
            }
            held.clear();
            lock.notifyAll();
        }
    }

    /** Waits until something is held; how many bytes are. */
    long awaitHeld(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (lock) {
            while (heldBytes == 0) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new AssertionError("nothing was sent through the proxy within " + timeoutMillis + " ms");
                }
                lock.wait(left);
            }
            return heldBytes;
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                relay(listener.accept());
            } catch (IOException closing) {
                // the listener was closed, or one client went before it was accepted
            }
        }
    }

    private void relay(Socket client) {
        Socket upstream;
        try {
            upstream = new Socket(server.getAddress(), server.getPort());
        } catch (IOException refused) {
            closeQuietly(client); // its client sees the connection closed and tries again
            return;
        }
        sockets.add(client);
        sockets.add(upstream);
        daemon(() -> clientToServer(client, upstream), "proxy-up");
        daemon(() -> serverToClient(upstream, client), "proxy-down");
    }

    private void clientToServer(Socket client, Socket upstream) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = client.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (lock) {
                    if (holding) {
                        held.add(new Held(upstream, Arrays.copyOf(buffer, n)));
                        heldBytes += n;
                        lock.notifyAll();
                    } else {
                        upstream.getOutputStream().write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException clientGoneOrServerClosed) {
            // A killed client's socket is reset, or closed: what it had sent is still on its way.
        }
        try {
            synchronized (lock) {
                while (holding && !closed) {
                    lock.wait();
                }
            }
            upstream.shutdownOutput(); // after its bytes, as the client's kernel would close it
        } catch (IOException | InterruptedException alreadyClosed) {
            // nothing more to deliver
        }
    }

    private void serverToClient(Socket upstream, Socket client) {
        byte[] buffer = new byte[16 * 1024];
        boolean clientGone = false;
        try (InputStream in = upstream.getInputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!clientGone) {
                    try {
                        client.getOutputStream().write(buffer, 0, n);
                    } catch (IOException e) {
                        clientGone = true; // the answer is lost with its addressee; go on reading
                    }
                }
            }
        } catch (IOException serverGone) {
            // fall through: the connection is over
        }
        // The server has closed: the connection is over in both directions.
        closeQuietly(client);
        closeQuietly(upstream);
    }

    private void daemon(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
        listener.close();
        sockets.forEach(HoldingProxy::closeQuietly);
    }
}

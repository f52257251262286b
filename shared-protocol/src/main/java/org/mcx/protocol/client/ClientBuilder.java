package org.mcx.protocol.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.mcx.protocol.Endpoint;
import org.mcx.protocol.message.Body;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.wire.Codec;
import org.mcx.protocol.wire.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Configures a {@link ProtocolClient}; obtained from {@link ProtocolClient#builder}. */
public final class ClientBuilder {
    private static final Logger log = LoggerFactory.getLogger(ClientBuilder.class);

    private final List<URI> serverBases;
    private final Endpoint endpoint;
    private String name;
    private Authenticator authenticator;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration connectionLostTimeout = Duration.ofSeconds(30);
    private int maxMessageBytes = Codec.DEFAULT_MAX_MESSAGE_BYTES;
    private ReconnectPolicy reconnect = ReconnectPolicy.defaults();
    private boolean retryFirstConnect;
    private SSLContext sslContext;
    private final List<Consumer<Common.Event>> eventListeners = new ArrayList<>();
    private final List<Consumer<LinkStatus>> stateListeners = new ArrayList<>();
    private final Map<MessageType, AsyncRequestHandler<Body>> handlers = new EnumMap<>(MessageType.class);

    ClientBuilder(List<URI> serverBases, Endpoint endpoint) {
        this.serverBases = List.copyOf(serverBases);
        if (this.serverBases.isEmpty()) {
            throw new IllegalArgumentException("at least one server address is needed");
        }
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.name = endpoint.path().substring(1);
    }

    /** Required: how to authenticate; see {@link Authenticator}'s factories. */
    public ClientBuilder authenticator(Authenticator authenticator) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        return this;
    }

    /** How long a request waits for its answer; default 10 s. */
    public ClientBuilder requestTimeout(Duration timeout) {
        this.requestTimeout = positive(timeout, "requestTimeout");
        return this;
    }

    /** How long opening the TCP connection may take; default 10 s. */
    public ClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    /** Ping interval after which a silent peer counts as lost; default 30 s. */
    public ClientBuilder connectionLostTimeout(Duration timeout) {
        this.connectionLostTimeout = positive(timeout, "connectionLostTimeout");
        return this;
    }

    /** The largest message sent or accepted, in UTF-8 bytes; default 1 MiB as the server's. */
    public ClientBuilder maxMessageBytes(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024, got " + bytes);
        }
        this.maxMessageBytes = bytes;
        return this;
    }

    /** Default {@link ReconnectPolicy#defaults()}; {@link ReconnectPolicy#disabled()} to stay down. */
    public ClientBuilder reconnect(ReconnectPolicy policy) {
        this.reconnect = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Whether the first connect keeps trying (with the reconnect policy) while the server is not
     * reachable, instead of failing {@link ProtocolClient#connect()}: for nodes that may start
     * before the registry. Refused credentials fail it either way. Default false.
     */
    public ClientBuilder retryFirstConnect(boolean retry) {
        this.retryFirstConnect = retry;
        return this;
    }

    /** Trust and keys for {@code wss://}; without it the JVM's default context is used. */
    public ClientBuilder sslContext(SSLContext context) {
        this.sslContext = Objects.requireNonNull(context, "context");
        return this;
    }

    /** Names the client's threads ("mcx-client-NAME") and log lines; default the endpoint's name. */
    public ClientBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Called on the client's dispatcher thread, in order, once per event. */
    public ClientBuilder onEvent(Consumer<Common.Event> listener) {
        eventListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Called on the client's dispatcher thread at every change of the link's state. */
    public ClientBuilder onState(Consumer<LinkStatus> listener) {
        stateListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Answers server requests of {@code type}. The body type is checked when the request arrives;
     * give the lambda's parameter a type ({@code (Csc14.NotifyApplicationProfile n) -> ...}) or use
     * the overload with a class.
     */
    @SuppressWarnings("unchecked")
    public <Q extends Body> ClientBuilder handle(MessageType type, RequestHandler<Q> handler) {
        Objects.requireNonNull(handler, "handler");
        return register(type, request -> CompletableFuture.completedFuture(((RequestHandler<Body>) handler).handle(request)));
    }

    public <Q extends Body> ClientBuilder handle(MessageType type, Class<Q> requestType, RequestHandler<Q> handler) {
        Objects.requireNonNull(handler, "handler");
        checkRequestType(type, requestType);
        return register(type, request -> CompletableFuture.completedFuture(handler.handle(requestType.cast(request))));
    }

    public <Q extends Body> ClientBuilder handleAsync(MessageType type, Class<Q> requestType, AsyncRequestHandler<Q> handler) {
        Objects.requireNonNull(handler, "handler");
        checkRequestType(type, requestType);
        return register(type, request -> handler.handle(requestType.cast(request)));
    }

    public ProtocolClient build() {
        if (authenticator == null) {
            throw new IllegalStateException("an authenticator is required: every endpoint authenticates first");
        }
        MessageType auth = authenticator.next().type();
        if (!auth.allowedOn(endpoint)) {
            throw new IllegalStateException(auth.wireName() + " does not authenticate on " + endpoint.path());
        }
        List<URI> uris = new ArrayList<>();
        for (URI serverBase : serverBases) {
            if (sslContext != null && !"wss".equals(serverBase.getScheme())) {
                throw new IllegalStateException("an SSLContext needs a wss:// server address, got " + serverBase);
            }
            URI uri = endpointUri(serverBase, endpoint);
            if ("ws".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
                log.warn("{}: plain ws:// to {}; outside tests and demos use wss://", name, uri.getHost());
            }
            uris.add(uri);
        }
        return new ProtocolClient(new ClientConfig(List.copyOf(uris), endpoint, name, authenticator, requestTimeout, connectTimeout,
                connectionLostTimeout, maxMessageBytes, reconnect, retryFirstConnect, sslContext,
                List.copyOf(eventListeners), List.copyOf(stateListeners), Map.copyOf(handlers)));
    }

    private ClientBuilder register(MessageType type, AsyncRequestHandler<Body> handler) {
        Objects.requireNonNull(type, "type");
        if (type.sender() == MessageType.Sender.PEER || !type.allowedOn(endpoint)) {
            throw new IllegalArgumentException("the server does not send " + type.wireName() + " on " + endpoint.path());
        }
        handlers.put(type, handler);
        return this;
    }

    private static void checkRequestType(MessageType type, Class<?> requestType) {
        if (!Objects.requireNonNull(requestType, "requestType").equals(type.requestBody())) {
            throw new IllegalArgumentException(type.wireName() + " carries a " + type.requestBody().getName()
                    + ", not a " + requestType.getName());
        }
    }

    static URI endpointUri(URI base, Endpoint endpoint) {
        String scheme = base.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("the server address must be ws:// or wss://, got " + base);
        }
        if (base.getHost() == null) {
            throw new IllegalArgumentException("the server address has no host: " + base);
        }
        String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
        try {
            return new URI(scheme, null, base.getHost(), base.getPort(), path + endpoint.path(), null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad server address " + base, e);
        }
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private static Duration positive(Duration d, String what) {
        if (Objects.requireNonNull(d, what).isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }
}

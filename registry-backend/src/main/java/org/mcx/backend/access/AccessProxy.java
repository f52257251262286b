package org.mcx.backend.access;

import java.net.ConnectException;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.proxy.ProxyHandler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.mcx.backend.identity.UserTokenFormat;
import org.mcx.protocol.message.Csc15.ServiceEndpoint;
import org.mcx.protocol.model.Priority;
import org.mcx.protocol.model.UserAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service access server's request path (10.X.5 steps 2-5): check the user token, the
 * application profile and the user's access, then forward to a live instance of the service,
 * adding {@code MC-Service-Id} and {@code MC-Priority}, and hide everything that would reveal
 * where the instance runs. Bodies stream through (Jetty's proxy), they are never held whole.
 */
final class AccessProxy extends ProxyHandler {
    private static final Logger log = LoggerFactory.getLogger(AccessProxy.class);
    private static final String PREFIX = "/services/";
    static final int MAX_CACHED_URIS = 4096;
    static final int MAX_CACHED_URI_CHARS = 256;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    private final Grants grants;
    private final GrantLink link;
    private final TokenVerifier tokens = new TokenVerifier();
    private final RateLimits limits;
    private final Admission admission;
    private final AccessCounters counters;
    private final DenialReporter reporter;
    private final long upstreamTimeoutMillis;
    private final ConcurrentHashMap<String, URI> upstreamUris = new ConcurrentHashMap<>();

    AccessProxy(Grants grants, GrantLink link, RateLimits limits, Admission admission, AccessCounters counters,
                DenialReporter reporter, long upstreamTimeoutMillis) {
        this.grants = grants;
        this.link = link;
        this.limits = limits;
        this.admission = admission;
        this.counters = counters;
        this.reporter = reporter;
        this.upstreamTimeoutMillis = upstreamTimeoutMillis;
    }

    /**
     * The upstream client, made by {@link ProxyHandler#doStart} (which also swaps in the proxy's own
     * 100-continue, 102 and 103 handlers and drops the content decoders): HTTP/1.1, on the server's
     * thread pool, buffer pool and scheduler, one selector. Declaring the handler and this transport
     * NON_BLOCKING (handling on the selector threads) was measured and was slower on 2 cores
     * (docs/benchmarks.md, sas-vs-nginx), so Jetty's default dispatch stays.
     */
    @Override
    protected HttpClient newHttpClient() {
        ClientConnector connector = new ClientConnector();
        connector.setExecutor(getServer().getThreadPool());
        connector.setByteBufferPool(getServer().getByteBufferPool());
        connector.setScheduler(getServer().getScheduler());
        connector.setSelectors(1);
        connector.setTCPNoDelay(true);
        HttpClientTransportOverHTTP transport = new HttpClientTransportOverHTTP(connector);
        return new HttpClient(transport);
    }

    /** No redirects followed and no cookie jar (super): one user's cookies must never reach another's request. */
    @Override
    protected void configureHttpClient(HttpClient client) {
        super.configureHttpClient(client);
        client.setMaxConnectionsPerDestination(256);
        client.setUserAgentField(null);
        client.setConnectTimeout(2000);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        counters.received();
        Target target;
        Seen seen = new Seen();
        try {
            target = authorize(request, seen);
        } catch (Refusal r) {
            counters.denied(r.reason);
            reporter.denied(r.reason, seen.applicationId, seen.mcServiceId, seen.applicationProfileId);
            Problem.send(response, callback, r.status, r.title, r.getMessage(), r.retryAfter);
            return true;
        }
        if (!admission.tryEnter(target.priority())) {
            counters.shed(target.priority());
            reporter.denied("shed-" + target.priority().wireName(), target.route().applicationId(), target.mcServiceId(),
                    target.route().applicationProfileId());
            Problem.send(response, callback, 503, "Service Unavailable", "overloaded; try again shortly", 1);
            return true;
        }
        request.setAttribute(Target.ATTRIBUTE, target);
        long started = System.nanoTime();
        Callback done = new Callback.Nested(callback) {
            @Override
            public void succeeded() {
                admission.leave();
                counters.forwarded(System.nanoTime() - started);
                super.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                admission.leave();
                super.failed(x);
            }
        };
        return super.handle(request, new HidingResponse(request, response, target), done);
    }

    /** What the checks learnt before refusing, for the audit. */
    private static final class Seen {
        String applicationId;
        String mcServiceId;
        String applicationProfileId;
    }

    private Target authorize(Request request, Seen seen) throws Refusal {
        if (!link.isFresh()) {
            throw new Refusal(503, "Service Unavailable", "not-synchronised", "service access is being resynchronised", 1);
        }
        String path = Request.getPathInContext(request);
        if (path == null || !path.startsWith(PREFIX)) {
            throw new Refusal(404, "Not Found", "unknown-path", "no such service", 0);
        }
        int slash = path.indexOf('/', PREFIX.length());
        String profileId = slash < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), slash);
        String rest = slash < 0 ? "" : path.substring(slash);
        UserTokenFormat.Claims claims = bearer(request)
                .flatMap(token -> tokens.verify(grants.tokenKey(), token))
                .filter(c -> !c.expired(java.time.Instant.now()))
                .orElseThrow(() -> new Refusal(401, "Unauthorized", "bad-token", "a valid bearer user token is required", 0));
        seen.applicationId = claims.applicationId();
        seen.mcServiceId = claims.mcServiceId();
        Grants.Route route = grants.route(profileId);
        if (route == null) {
            throw new Refusal(404, "Not Found", "unknown-path", "no such service", 0);
        }
        seen.applicationProfileId = route.applicationProfileId();
        if (!route.applicationId().equals(claims.applicationId())) {
            throw new Refusal(403, "Forbidden", "not-authorized", "this application is not authorized for this service", 0);
        }
        UserAccess user = grants.user(claims.mcServiceId());
        if (user == null || !user.externalAccessAllowed() || !user.allowedServices().contains(route.serviceType())) {
            throw new Refusal(403, "Forbidden", "user-not-allowed", "this user may not use this service from outside", 0);
        }
        if (!Grants.tokenStillValid(user, claims)) {
            throw new Refusal(401, "Unauthorized", "revoked-token", "this token was revoked; authenticate again", 0);
        }
        Priority claimed = Priority.parse(request.getHeaders().get("MC-Priority"))
                .orElseThrow(() -> new Refusal(400, "Bad Request", "bad-priority",
                        "MC-Priority must be emergency, imminent-peril or normal", 0));
        // A priority above the user's is not refused (the request may matter) but served at the
        // user's own, and audited: a forged emergency must not jump the queue (R-5.18.2-003).
        Priority priority = claimed.atMost(user.maxPriority());
        if (priority != claimed) {
            counters.downgraded();
            reporter.denied("priority-downgraded", claims.applicationId(), claims.mcServiceId(),
                    route.applicationProfileId());
        }
        long wait = limits.admit(claims.applicationId(), claims.mcServiceId());
        if (wait > 0) {
            throw new Refusal(429, "Too Many Requests", "rate-limited", "rate limit exceeded", wait);
        }
        Pool pool = grants.pool(route.serviceType(), route.serviceInterface());
        ServiceEndpoint instance = pool == null ? null : pool.pick(null);
        if (instance == null) {
            throw new Refusal(503, "Service Unavailable", "no-instance", "no live instance of this service", 5);
        }
        return new Target(route, pool, instance, rest, claims.mcServiceId(), priority, false);
    }

    private static Optional<String> bearer(Request request) {
        String value = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (value == null || value.length() < 8 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(7).trim());
    }

    @Override
    protected HttpURI rewriteHttpURI(Request request) {
        Target t = (Target) request.getAttribute(Target.ATTRIBUTE);
        return HttpURI.build()
                .scheme(t.instance().scheme()).host(t.instance().host()).port(t.instance().port())
                .path(t.upstreamPath()).query(request.getHttpURI().getQuery());
    }

    /**
     * As Jetty's, but the upstream {@link URI} (parsed anew by {@link HttpURI#toURI} on every request,
     * measurably) is remembered for the paths that repeat; long ones are not, so memory stays bounded.
     */
    @Override
    protected org.eclipse.jetty.client.Request newProxyToServerRequest(Request clientToProxy, HttpURI uri) {
        String key = uri.asString();
        URI parsed = key.length() <= MAX_CACHED_URI_CHARS ? upstreamUris.get(key) : null;
        if (parsed == null) {
            parsed = uri.toURI();
            if (key.length() <= MAX_CACHED_URI_CHARS) {
                if (upstreamUris.size() >= MAX_CACHED_URIS) {
                    upstreamUris.clear();
                }
                upstreamUris.put(key, parsed);
            }
        }
        return getHttpClient().newRequest(parsed).method(clientToProxy.getMethod())
                .timeout(upstreamTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void copyRequestHeaders(Request clientToProxy, org.eclipse.jetty.client.Request proxyToServer) {
        super.copyRequestHeaders(clientToProxy, proxyToServer);
        // The application's bearer token stays here; the service learns the user from MC-Service-Id.
        proxyToServer.headers(h -> h.remove(HttpHeader.AUTHORIZATION).remove("MC-Service-Id").remove("MC-Priority")
                .remove(HttpHeader.X_FORWARDED_FOR).remove(HttpHeader.FORWARDED));
    }

    @Override
    protected void addProxyHeaders(Request clientToProxy, org.eclipse.jetty.client.Request proxyToServer) {
        // Deliberately no Via and no Forwarded: they would tell the service about us and the
        // response about the inside. Only what 10.X.5 asks for.
        Target t = (Target) clientToProxy.getAttribute(Target.ATTRIBUTE);
        proxyToServer.headers(h -> h.put("MC-Service-Id", t.mcServiceId()).put("MC-Priority", t.priority().wireName()));
    }

    @Override
    protected void onServerToProxyResponseFailure(Request clientToProxy, org.eclipse.jetty.client.Request proxyToServer,
                                                  org.eclipse.jetty.client.Response serverToProxy, Response proxyToClient,
                                                  Callback callback, Throwable failure) {
        Target t = (Target) clientToProxy.getAttribute(Target.ATTRIBUTE);
        boolean refused = isConnectFailure(failure);
        if (refused) {
            t.pool().failed(t.instance());
        }
        if (refused && !t.retried() && !proxyToClient.isCommitted() && IDEMPOTENT.contains(clientToProxy.getMethod())
                && !hasBody(clientToProxy)) {
            ServiceEndpoint other = t.pool().pick(t.instance());
            if (other != null && !other.equals(t.instance())) {
                counters.retried();
                Target retry = t.to(other);
                clientToProxy.setAttribute(Target.ATTRIBUTE, retry);
                org.eclipse.jetty.client.Request again = newProxyToServerRequest(clientToProxy, rewriteHttpURI(clientToProxy));
                copyRequestHeaders(clientToProxy, again);
                addProxyHeaders(clientToProxy, again);
                sendProxyToServerRequest(clientToProxy, again, proxyToClient, callback);
                return;
            }
        }
        if (proxyToClient.isCommitted()) {
            callback.failed(failure);
            return;
        }
        boolean timeout = failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException;
        counters.upstreamFailed(timeout ? "upstream-timeout" : "upstream-failed");
        reporter.denied(timeout ? "upstream-timeout" : "upstream-failed", t.route().applicationId(), t.mcServiceId(),
                t.route().applicationProfileId());
        log.debug("upstream {} of {} failed: {}", t.instance().serviceId(), t.route().applicationProfileId(), failure.toString());
        if (timeout) {
            Problem.send(proxyToClient, callback, 504, "Gateway Timeout", "the service did not answer in time");
        } else {
            Problem.send(proxyToClient, callback, 503, "Service Unavailable", "the service could not be reached", 1);
        }
    }

    private static boolean isConnectFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasBody(Request request) {
        long length = request.getLength();
        return length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /** The response as the application gets it: headers filtered through {@link HidingHeaders}. */
    private static final class HidingResponse extends Response.Wrapper {
        private final HidingHeaders headers;

        HidingResponse(Request request, Response response, Target target) {
            super(request, response);
            this.headers = new HidingHeaders(response.getHeaders(), target);
        }

        @Override
        public org.eclipse.jetty.http.HttpFields.Mutable getHeaders() {
            return headers;
        }
    }

    /** A refused request: status, title and detail for the problem document, a reason for the counters. */
    private static final class Refusal extends Exception {
        final int status;
        final String title;
        final String reason;
        final long retryAfter;

        Refusal(int status, String title, String reason, String detail, long retryAfter) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
            this.reason = reason;
            this.retryAfter = retryAfter;
        }
    }
}

package org.mcx.access;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

/**
 * Pipelined requests read while an earlier one is being answered: heads and body pieces in the order
 * the decoder gave them, counted in requests and in bytes (a head by its wire size plus what a
 * decoded head costs in memory). The connection stops reading once {@link #full()}, so the rest waits
 * in TCP, not here; but the decoder still hands over all that one read brought (up to 64 KiB, which
 * may be thousands of small requests), so {@link #offer} takes messages up to a hard bound.
 */
final class Backlog {
    /** What a decoded head holds in memory besides its bytes (request, header map, strings), near enough. */
    static final int HEAD_OVERHEAD = 256;

    private record Entry(Object message, int bytes) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int pauseRequests;
    private final long pauseBytes;
    private final long maxBytes;
    private int requests;
    private long bytes;
    private boolean tailOpen; // the last request's body is still arriving

    /**
     * @param pauseRequests waiting requests at which reading stops
     * @param pauseBytes    waiting bytes at which reading stops
     * @param maxBytes      waiting bytes past which the connection cannot go on
     */
    Backlog(int pauseRequests, long pauseBytes, long maxBytes) {
        this.pauseRequests = pauseRequests;
        this.pauseBytes = pauseBytes;
        this.maxBytes = maxBytes;
    }

    /** Takes the message, or returns false (and leaves it to the caller) past the hard bound. */
    boolean offer(Object message) {
        int size = size(message);
        if (bytes + size > maxBytes) {
            return false;
        }
        entries.addLast(new Entry(message, size));
        bytes += size;
        if (message instanceof HttpRequest) {
            requests++;
            tailOpen = true;
        }
        if (message instanceof LastHttpContent) {
            tailOpen = false; // an HTTP/2 request without a body is both
        }
        return true;
    }

    Object peek() {
        Entry e = entries.peekFirst();
        return e == null ? null : e.message;
    }

    Object poll() {
        Entry e = entries.pollFirst();
        if (e == null) {
            return null;
        }
        bytes -= e.bytes;
        if (e.message instanceof HttpRequest) {
            requests--;
        }
        if (entries.isEmpty()) {
            tailOpen = false; // the rest of its body, if any, goes straight to its exchange
        }
        return e.message;
    }

    /** Drops the last request if its body is not all here (nothing more of it will be read). */
    void dropIncompleteTail() {
        while (tailOpen && !entries.isEmpty()) {
            Entry e = entries.pollLast();
            bytes -= e.bytes;
            ReferenceCountUtil.release(e.message);
            if (e.message instanceof HttpRequest) {
                requests--;
                tailOpen = false;
            }
        }
        tailOpen = false;
    }

    /** The last request waiting, or null. */
    HttpRequest lastHead() {
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            if (it.next().message instanceof HttpRequest head) {
                return head;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Enough is waiting: read no more until some of it is answered. */
    boolean full() {
        return requests >= pauseRequests || bytes >= pauseBytes;
    }

    int requests() {
        return requests;
    }

    long bytes() {
        return bytes;
    }

    void releaseAll() {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            ReferenceCountUtil.release(it.next().message);
            it.remove();
        }
        requests = 0;
        bytes = 0;
        tailOpen = false;
    }

    /** A head by its request line and fields (what it took on the wire, near enough); a body piece by its bytes. */
    private static int size(Object message) {
        if (message instanceof HttpRequest head) {
            int n = HEAD_OVERHEAD + head.method().name().length() + head.uri().length() + 12;
            for (Iterator<Map.Entry<CharSequence, CharSequence>> it = head.headers().iteratorCharSequence(); it.hasNext(); ) {
                Map.Entry<CharSequence, CharSequence> h = it.next();
                n += h.getKey().length() + h.getValue().length() + 4;
            }
            return n;
        }
        return message instanceof HttpContent c ? c.content().readableBytes() : 0;
    }
}

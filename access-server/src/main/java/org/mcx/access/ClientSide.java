package org.mcx.access;

import io.netty.handler.codec.http.HttpObject;
import io.netty.util.concurrent.EventExecutor;

/**
 * Where an {@link Exchange}'s answer goes, and what it tells the side that read its request: an
 * HTTP/1.1 connection ({@link FrontendHandler}) or one stream of an HTTP/2 connection.
 */
interface ClientSide {
    /** Part of the answer (its head), not flushed yet. */
    void write(HttpObject msg);

    /** Part of the answer (a piece of its body), or a whole one (a problem document), flushed. */
    void writeAndFlush(HttpObject msg);

    /** The client takes what is written: the exchange reads on from the instance only while it does. */
    boolean isWritable();

    /** The answer cannot be completed, part of it being out: the client learns it by the connection (or stream) ending. */
    void abort();

    /** The client's event loop, which the exchange and its upstream connection run on. */
    EventExecutor executor();

    /** The answer is written (or it failed with a problem document); the request's body was all read, or not. */
    void exchangeDone(boolean keepAlive, boolean requestDone);

    /** The instance cannot take more of the body yet (or can again). */
    void pauseReading(boolean pause);
}

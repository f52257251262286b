package org.mcx.samples;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking a Jetty thread: takes the chunks that are there, asks to
 * be called back when more arrive, and gives up once more than {@code max} bytes came, whatever
 * {@code Content-Length} claimed (it may be absent, chunked, or a lie).
 */
final class BodyReader implements Runnable {

    /** The body exceeded the cap; answered 413. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;

        TooLarge(int max) {
            super("request body over " + max + " bytes");
        }
    }

    private final Request request;
    private final int max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();

    private BodyReader(Request request, int max) {
        this.request = request;
        this.max = max;
    }

    /** The whole body; fails with {@link TooLarge}, or with the transport's failure. */
    static CompletableFuture<byte[]> read(Request request, int max) {
        BodyReader reader = new BodyReader(request, max);
        reader.run();
        return reader.result;
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                result.completeExceptionally(chunk.getFailure());
                return;
            }
            try {
                ByteBuffer buffer = chunk.getByteBuffer();
                if (out.size() + buffer.remaining() > max) {
                    result.completeExceptionally(new TooLarge(max));
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                out.write(bytes, 0, bytes.length);
                if (chunk.isLast()) {
                    result.complete(out.toByteArray());
                    return;
                }
            } finally {
                chunk.release();
            }
        }
    }
}

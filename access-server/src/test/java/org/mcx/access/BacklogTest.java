package org.mcx.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

/** The pipelining backlog's bounds: where reading stops, and the hard bound behind it. */
class BacklogTest {
    private static HttpRequest get(String path) {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
        r.headers().set("Host", "sas");
        return r;
    }

    @Test
    void readingStopsAtSixtyFourWaitingRequests() {
        Backlog b = new Backlog(64, 64 * 1024, 256 * 1024);
        for (int i = 0; i < 63; i++) {
            assertThat(b.offer(get("/r" + i))).isTrue();
            assertThat(b.offer(LastHttpContent.EMPTY_LAST_CONTENT)).isTrue();
        }
        assertThat(b.full()).isFalse();
        assertThat(b.offer(get("/r63"))).isTrue();
        assertThat(b.full()).isTrue();
        assertThat(b.requests()).isEqualTo(64);

        assertThat(b.poll()).isInstanceOf(HttpRequest.class);
        assertThat(b.full()).isFalse();
        assertThat(b.poll()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    @Test
    void readingStopsAtSixtyFourKibibytesAndNothingIsTakenPastTheHardBound() {
        Backlog b = new Backlog(64, 64 * 1024, 256 * 1024);
        assertThat(b.offer(get("/upload"))).isTrue();
        ByteBuf piece = Unpooled.buffer(16 * 1024).writeZero(16 * 1024);
        int taken = 0;
        while (b.offer(new DefaultHttpContent(piece.retainedSlice()))) {
            taken++;
            if (taken == 4) {
                assertThat(b.full()).as("64 KiB waiting").isTrue();
            }
        }
        assertThat(b.bytes()).isLessThanOrEqualTo(256 * 1024).isGreaterThan(240 * 1024);
        assertThat(piece.refCnt()).as("held: the taken pieces, the refused one (still the caller's), the buffer")
                .isEqualTo(taken + 2);

        b.releaseAll();
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.bytes()).isZero();
        assertThat(piece.refCnt()).as("everything held was released").isEqualTo(2);
        piece.release(2);
    }

    @Test
    void pastTheHardBoundTheRequestStillArrivingIsDroppedAndTheLastWholeOneIsKnown() {
        Backlog b = new Backlog(64, 64 * 1024, 256 * 1024);
        HttpRequest whole = get("/whole");
        b.offer(whole);
        b.offer(new DefaultHttpContent(Unpooled.copiedBuffer("ab", java.nio.charset.StandardCharsets.US_ASCII)));
        b.offer(LastHttpContent.EMPTY_LAST_CONTENT);
        b.offer(get("/partial"));
        ByteBuf part = Unpooled.buffer(8).writeZero(8);
        b.offer(new DefaultHttpContent(part));

        b.dropIncompleteTail();

        assertThat(part.refCnt()).as("the dropped piece is released").isZero();
        assertThat(b.requests()).isEqualTo(1);
        assertThat(b.lastHead()).isSameAs(whole);
        b.dropIncompleteTail();
        assertThat(b.requests()).as("a whole request is never dropped").isEqualTo(1);
        b.releaseAll();
    }
}

package org.mcx.protocol.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mcx.protocol.Envelope;
import org.mcx.protocol.EnvelopeException;
import org.mcx.protocol.ErrorCode;
import org.mcx.protocol.ProtocolException;
import org.mcx.protocol.message.Auth;
import org.mcx.protocol.message.Common;
import org.mcx.protocol.message.Console;
import org.mcx.protocol.message.Csc14;
import org.mcx.protocol.message.Registration;
import org.mcx.protocol.model.ServiceType;

class CodecTest {
    private final Codec codec = new Codec();

    private <T extends org.mcx.protocol.message.Body> T decode(String frame, Class<T> type) {
        Envelope e = codec.parse(frame);
        return codec.decode(e.body(), type);
    }

    private static ProtocolException badRequest(Runnable r) {
        try {
            r.run();
        } catch (ProtocolException e) {
            return e;
        }
        throw new AssertionError("expected a ProtocolException");
    }

    @Test
    void readsARequestAndIgnoresUnknownFields() {
        Csc14.GetServiceInformation m = decode("""
                {"v":1,"id":"c-1","type":"getServiceInformation","extra":true,
                 "body":{"mcServiceId":"alice","query":{"serviceType":"GM","interface":"CSC-2","future":1}}}""",
                Csc14.GetServiceInformation.class);
        assertThat(m.mcServiceId()).isEqualTo("alice");
        assertThat(m.query().serviceType()).isEqualTo(ServiceType.GM);
        assertThat(m.query().serviceInterface()).isEqualTo("CSC-2");
    }

    @Test
    void malformedJsonHasNoReplyId() {
        EnvelopeException e = (EnvelopeException) badRequest(() -> codec.parse("{\"v\":1,\"id\":\"c-1\""));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.replyTo()).isNull();
    }

    @Test
    void unknownVersionIsNamedAndAnsweredToItsId() {
        EnvelopeException e = (EnvelopeException) badRequest(() -> codec.parse("{\"v\":2,\"id\":\"c-9\",\"type\":\"x\"}"));
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
        assertThat(e.replyTo()).isEqualTo("c-9");
    }

    @Test
    void anIdThatIsNotAStringIsRefused() {
        EnvelopeException e = (EnvelopeException) badRequest(() -> codec.parse("{\"v\":1,\"id\":17,\"type\":\"x\"}"));
        assertThat(e.field()).isEqualTo("id");
        assertThat(e.replyTo()).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                        | body.mcServiceId",
            "{\"mcServiceId\":null}                                    | body.mcServiceId",
            "{\"mcServiceId\":5}                                       | body.mcServiceId",
            "{\"mcServiceId\":\"a\",\"query\":{\"serviceType\":\"X\"}} | body.query.serviceType",
            "{\"mcServiceId\":\"a\",\"query\":{\"interface\":\"Z-9\"}} | body.query.interface",
            "{\"mcServiceId\":\"a\",\"query\":[]}                      | body.query",
            "{\"mcServiceId\":\"has space\"}                           | body.mcServiceId"})
    void badFieldsAreNamed(String body, String field) {
        String frame = "{\"v\":1,\"id\":\"c-1\",\"type\":\"getServiceInformation\",\"body\":" + body + "}";
        ProtocolException e = badRequest(() -> decode(frame, Csc14.GetServiceInformation.class));
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.field()).isEqualTo(field);
    }

    @Test
    void numbersAreNotCoercedFromStringsNorFloats() {
        String base = "{\"serviceId\":\"s\",\"serviceType\":\"GM\",\"interface\":\"CSC-2\",\"protocols\":[\"HTTP\"],"
                + "\"version\":\"1\",\"scheme\":\"http\",\"host\":\"h\",\"ttlSeconds\":30,\"port\":";
        for (String port : List.of("\"8080\"", "80.5", "true")) {
            String frame = "{\"v\":1,\"id\":\"c\",\"type\":\"registerService\",\"body\":" + base + port + "}}";
            assertThat(badRequest(() -> decode(frame, Registration.RegisterService.class)).field()).isEqualTo("body.port");
        }
    }

    @Test
    void missingPrimitiveFieldsAreRefused() {
        String frame = "{\"v\":1,\"id\":\"c\",\"type\":\"notifyApplicationProfile\",\"body\":{\"applicationProfileId\":\"ap-1\"}}";
        assertThat(badRequest(() -> decode(frame, Csc14.NotifyApplicationProfile.class)).field()).isEqualTo("body.version");
    }

    @Test
    void nestedListEntriesAreNamedWithTheirIndex() {
        String frame = "{\"v\":1,\"id\":\"c\",\"type\":\"updateExternalApplicationAuthorization\",\"body\":"
                + "{\"mcServiceId\":\"a\",\"requestType\":\"authorize\",\"serviceCapabilities\":"
                + "[{\"serviceType\":\"GM\",\"interface\":\"CSC-2\"},{\"serviceType\":\"GM\"}]}}";
        assertThat(badRequest(() -> decode(frame, Csc14.UpdateAuthorization.class)).field())
                .isEqualTo("body.serviceCapabilities[1].interface");
    }

    @Test
    void deeplyNestedJsonIsRefusedWithoutAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        String frame = "{\"v\":1,\"id\":\"c\",\"type\":\"x\",\"body\":{\"a\":" + deep + "}}";
        assertThat(badRequest(() -> codec.parse(frame)).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void aTooDeepBodyIsStillAnsweredToItsId() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        EnvelopeException before = (EnvelopeException) badRequest(() -> codec.parse(
                "{\"v\":1,\"id\":\"c-7\",\"type\":\"x\",\"body\":{\"a\":" + deep + "}}"));
        assertThat(before.replyTo()).isEqualTo("c-7");
        EnvelopeException after = (EnvelopeException) badRequest(() -> codec.parse(
                "{\"v\":1,\"body\":{\"a\":" + deep + ",\"id\":\"inner\"},\"type\":\"x\",\"\\u0069d\":\"c-8\"}"));
        assertThat(after.replyTo()).as("the body's own id is not the frame's").isEqualTo("c-8");
    }

    @Test
    void anIdThatCannotTravelBackUnchangedIsUnreadable() {
        for (String id : new String[] {"\\ud800", "a\\udc00", "\\ud800x", "\\udbff"}) {
            EnvelopeException e = (EnvelopeException) badRequest(() -> codec.parse(
                    "{\"v\":1,\"id\":\"" + id + "\",\"type\":\"x\"}"));
            assertThat(e.replyTo()).as(id).isNull();
            assertThat(e.field()).isEqualTo("id");
        }
        String pair = codec.parse("{\"v\":1,\"id\":\"\\ud83d\\ude00\",\"type\":\"x\"}").id();
        assertThat(pair).isEqualTo("\ud83d\ude00");
    }

    @Test
    void theIdScanTakesOnlyWellFormedTopLevelIds() {
        assertThat(TopLevelId.find("{\"a\":{\"id\":\"no\"},\"id\":\"yes\"}")).isEqualTo("yes");
        assertThat(TopLevelId.find("{\"a\":\"\\\"id\\\":\\\"no\",\"b\":1}")).isNull();
        assertThat(TopLevelId.find("{\"id\":7}")).isNull();
        assertThat(TopLevelId.find("{\"id\":\"" + "x".repeat(65) + "\"}")).isNull();
        assertThat(TopLevelId.find("{\"id\":\"\\u00zz\"}")).isNull();
        assertThat(TopLevelId.find("[\"id\",\"x\"]")).isNull();
        assertThat(TopLevelId.find("{\"id\"")).isNull();
    }

    @Test
    void oversizedMessagesAreTooLarge() {
        Codec small = new Codec(1000);
        String frame = "{\"v\":1,\"id\":\"c\",\"type\":\"x\",\"body\":{\"a\":\"" + "é".repeat(600) + "\"}}";
        EnvelopeException e = (EnvelopeException) badRequest(() -> small.parse(frame));
        assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
        assertThat(e.replyTo()).isEqualTo("c");
    }

    @Test
    void unicodeOdditiesInNamesAreRefusedOrNormalised() {
        String composed = decode(create("Caf\\u0065\\u0301"), Console.CreateApplication.class).name();
        assertThat(composed).isEqualTo("Café").hasSize(4);
        for (String bad : List.of("\\u202Egnp.exe", "a\\u0000b", "\\ud800x", "   ")) {
            assertThat(badRequest(() -> decode(create(bad), Console.CreateApplication.class)).field())
                    .as(bad).isEqualTo("body.name");
        }
    }

    private static String create(String name) {
        return "{\"v\":1,\"id\":\"c\",\"type\":\"applications.create\",\"body\":{\"name\":\"" + name + "\",\"trustedDomain\":false}}";
    }

    @Test
    void writesEnvelopesThatReadBack() throws Exception {
        String frame = codec.response("c-3", MessageType.AUTH_USER, new Auth.UserToken("t", java.time.Instant.parse("2026-11-22T10:00:00Z")));
        JsonNode tree = codec.mapper().readTree(frame);
        assertThat(tree.get("v").asInt()).isEqualTo(1);
        assertThat(tree.get("re").asText()).isEqualTo("c-3");
        assertThat(tree.get("body").get("expiresAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
        String error = codec.error(null, ErrorCode.BAD_REQUEST, "malformed JSON", null);
        assertThat(codec.mapper().readTree(error).get("re").isNull()).isTrue();
        Common.ErrorBody body = codec.decode(codec.parse(error).body(), Common.ErrorBody.class);
        assertThat(body.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    }

    @Test
    void secretsNeverAppearInToString() {
        assertThat(new Auth.Login("admin", "hunter2hunter2").toString()).doesNotContain("hunter2");
        assertThat(new Console.ApplicationCreated("app-1", "s3cr3t").toString()).doesNotContain("s3cr3t");
    }

    @Test
    void everyCatalogueEntryNamesDistinctWireNames() {
        assertThat(MessageType.values()).extracting(MessageType::wireName).doesNotHaveDuplicates();
        for (MessageType t : MessageType.values()) {
            assertThat(MessageType.ofWireName(t.wireName())).contains(t);
        }
    }
}

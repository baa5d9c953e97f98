package io.nowserving.backend.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineCommandTest {

    @Test
    void commandsAreReadInBothLanguages() {
        assertEquals(new LineCommand(LineCommand.Kind.TAKE, "a", "zh-TW"), LineCommand.parse("取號 A"));
        assertEquals(new LineCommand(LineCommand.Kind.TAKE, "b", "zh-TW"), LineCommand.parse(" 取號B "));
        assertEquals(new LineCommand(LineCommand.Kind.TAKE, null, "zh-TW"), LineCommand.parse("取號"));
        assertEquals(new LineCommand(LineCommand.Kind.TAKE, "a", "en"), LineCommand.parse("take A"));
        assertEquals(new LineCommand(LineCommand.Kind.TAKE, "a", "en"), LineCommand.parse("Take a"));
        assertEquals(new LineCommand(LineCommand.Kind.TAKE, "b", "en"), LineCommand.parse("take a ticket for B"));
        assertEquals(new LineCommand(LineCommand.Kind.STATUS, null, "zh-TW"), LineCommand.parse("查詢"));
        assertEquals(new LineCommand(LineCommand.Kind.STATUS, null, "en"), LineCommand.parse("Status"));
        assertEquals(new LineCommand(LineCommand.Kind.CANCEL, null, "zh-TW"), LineCommand.parse("取消"));
        assertEquals(new LineCommand(LineCommand.Kind.CANCEL, null, "en"), LineCommand.parse("cancel"));
        assertEquals(new LineCommand(LineCommand.Kind.HELP, null, "zh-TW"), LineCommand.parse("你好"));
        assertEquals(new LineCommand(LineCommand.Kind.HELP, null, "en"), LineCommand.parse("take A now please"));
        assertEquals(new LineCommand(LineCommand.Kind.HELP, null, "en"), LineCommand.parse(""));
    }

    @Test
    void theSignatureIsTheBase64HmacOfTheRawBody() {
        byte[] body = "{\"events\":[]}".getBytes(StandardCharsets.UTF_8);
        // echo -n '{"events":[]}' | openssl dgst -sha256 -hmac secret -binary | base64
        String sig = LineSignature.sign("secret", body);
        assertEquals("pkK1lVPJPiJ+wPLziRD79xIxohl8AImYM8AEeM7IbzQ=", sig);
        assertTrue(LineSignature.valid("secret", body, sig));
        assertFalse(LineSignature.valid("other", body, sig));
        assertFalse(LineSignature.valid("secret", "{\"events\":[ ]}".getBytes(StandardCharsets.UTF_8), sig));
        assertFalse(LineSignature.valid("secret", body, null));
        assertFalse(LineSignature.valid("secret", body, ""));
        assertFalse(LineSignature.valid("secret", body, "%%%"));
    }
}

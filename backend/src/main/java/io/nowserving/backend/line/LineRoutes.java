package io.nowserving.backend.line;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.nowserving.backend.errors.Refusal;
import io.nowserving.backend.web.JsonBodies;
import io.nowserving.shared.api.ErrorCode;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code POST /line/webhook}: the signature is checked on the raw bytes before anything is parsed (401 and
 * nothing done when it is missing or wrong); without a channel secret and access token the route answers 404.
 */
public final class LineRoutes {
    public static final String SIGNATURE = "X-Line-Signature";

    private final Optional<String> channelSecret;
    private final Optional<LineWebhook> webhook;
    private final ObjectMapper json;

    public LineRoutes(Optional<String> channelSecret, Optional<LineWebhook> webhook, ObjectMapper json) {
        this.channelSecret = channelSecret;
        this.webhook = webhook;
        this.json = json;
    }

    public void webhook(Context ctx) {
        if (channelSecret.isEmpty() || webhook.isEmpty()) {
            throw Refusal.notFound("no such resource: " + ctx.path());
        }
        byte[] body = ctx.bodyAsBytes();
        if (!LineSignature.valid(channelSecret.get(), body, ctx.header(SIGNATURE))) {
            throw new Refusal(ErrorCode.UNAUTHORIZED, "missing or wrong " + SIGNATURE);
        }
        if (!JsonBodies.isJson(ctx.header("Content-Type"))) {
            throw new Refusal(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be sent as application/json");
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw Refusal.invalid("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw Refusal.invalid("the body must be a JSON object");
        }
        webhook.get().handle(root);
        ctx.status(200).json(java.util.Map.of());
    }
}

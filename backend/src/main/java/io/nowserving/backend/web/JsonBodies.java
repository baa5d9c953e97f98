package io.nowserving.backend.web;

import io.nowserving.backend.errors.Refusal;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import io.nowserving.shared.api.ErrorCode;
import java.util.stream.Collectors;

/**
 * Strict reading of request bodies: unknown fields, wrong types, trailing data and deep nesting are refused with
 * a 400 {@code invalid_request} naming the field.
 */
public final class JsonBodies {
    private final ObjectMapper strict;

    public JsonBodies(ObjectMapper base) {
        this.strict = base.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        strict.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).build());
        // "5" is not a number and 5 is not a string or a boolean
        strict.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    }

    /**
     * The body as a {@code type}; an empty body is refused, and a body not declared {@code application/json} is
     * 415, so that a cross-site form (which can only send {@code text/plain} and form types without a preflight)
     * cannot act.
     */
    public <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw Refusal.invalid("a JSON body is required");
        }
        if (!isJson(ctx.header("Content-Type"))) {
            throw new Refusal(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be sent as application/json");
        }
        try {
            T value = strict.readValue(body, type);
            if (value == null) {
                throw Refusal.invalid("a JSON object is required");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw Refusal.invalid("unknown field '" + e.getPropertyName() + "'");
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw Refusal.invalid(field.isEmpty() ? "the body must be a JSON object" : "field '" + field + "' has the wrong type");
        } catch (JsonMappingException e) {
            String field = path(e);
            throw Refusal.invalid(field.isEmpty() ? "malformed JSON" : "field '" + field + "' is invalid");
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("malformed JSON");
        }
    }

    /** {@code application/json}, any case, with or without parameters such as {@code charset}. */
    public static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}

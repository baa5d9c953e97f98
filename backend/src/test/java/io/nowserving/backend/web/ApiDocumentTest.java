package io.nowserving.backend.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.nowserving.backend.testing.TestBackend;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI description integrators read: generated from the route table, complete, and valid OpenAPI 3.1. */
class ApiDocumentTest {
    @TempDir
    static Path dir;
    private static TestBackend backend;
    private static TestBackend.Reply answer;

    @BeforeAll
    static void start() {
        backend = TestBackend.start(dir);
        answer = backend.get("/api/v1/openapi.json");
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void everyRouteOfTheTableIsDescribedWithItsRoles() {
        assertEquals(200, answer.status());
        assertTrue(answer.header("Content-Type").startsWith("application/json"), answer.header("Content-Type"));
        JsonNode paths = answer.body().get("paths");
        List<String> missing = new ArrayList<>();
        for (HttpServer.RouteInfo r : backend.app().routes()) {
            JsonNode op = paths.path(r.path()).path(r.method().toLowerCase(Locale.ROOT));
            if (op.isMissingNode()) {
                missing.add(r.method() + " " + r.path());
                continue;
            }
            List<String> roles = new ArrayList<>();
            op.get("x-roles").forEach(x -> roles.add(x.asText()));
            assertEquals(r.roles().stream().map(x -> x.name().toLowerCase(Locale.ROOT)).sorted().toList(), roles,
                    r.method() + " " + r.path());
        }
        assertEquals(List.of(), missing, "routes missing from the description");
        assertTrue(backend.app().routes().size() >= 40, "the table was read whole: " + backend.app().routes().size());
    }

    @Test
    void bodiesAnswersAndErrorCodesAreThere() {
        JsonNode issue = answer.body().at("/paths/~1api~1v1~1branches~1{b}~1tickets/post");
        assertEquals("#/components/schemas/IssueTicketRequest",
                issue.at("/requestBody/content/application~1json/schema/$ref").asText());
        assertEquals("#/components/schemas/Ticket",
                issue.at("/responses/201/content/application~1json/schema/$ref").asText());
        List<String> codes = new ArrayList<>();
        issue.get("x-error-codes").forEach(c -> codes.add(c.asText()));
        assertTrue(codes.containsAll(List.of("capacity_exhausted", "branch_closed", "presence_required",
                "rate_limited", "unsupported_media_type")), codes.toString());
        assertEquals("#/components/schemas/Problem",
                issue.at("/responses/409/content/application~1problem+json/schema/$ref").asText());
        JsonNode callNext = answer.body().at("/paths/~1api~1v1~1branches~1{b}~1counters~1{c}~1call-next/post");
        assertEquals("bearer", callNext.at("/security/0").fieldNames().next());
        assertTrue(answer.body().at("/components/schemas/BranchSnapshot/properties/counters").isObject());
    }

    @Test
    void theDocumentValidatesAsOpenApi31() {
        assertEquals("3.1.0", answer.body().get("openapi").asText());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(answer.raw().body(), null, options);
        assertNotNull(parsed.getOpenAPI(), "parsed");
        assertEquals(List.of(), parsed.getMessages() == null ? List.of() : parsed.getMessages());
    }
}

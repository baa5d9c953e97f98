package io.nowserving.backend.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.nowserving.shared.api.ErrorCode;
import io.nowserving.shared.api.Problem;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3.1 description of API v1 ({@code GET /api/v1/openapi.json}), generated at start from the route table
 * as registered (paths, methods, roles) and {@link ApiContract} (bodies, answers, refusals); schemas come from the
 * shared records through swagger-core's model converters. Made once; the answer is the same bytes every time.
 */
public final class ApiDocument {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([a-z]+)}");
    private static final String PROBLEM = "application/problem+json";
    /** Refusals any route may give. */
    private static final Set<ErrorCode> EVERYWHERE = EnumSet.of(ErrorCode.PAYLOAD_TOO_LARGE,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, ErrorCode.INTERNAL, ErrorCode.UNAVAILABLE);

    private final java.util.function.Supplier<List<HttpServer.RouteInfo>> table;
    private volatile byte[] document;

    /** The description of the routes {@code table} lists once they are all registered (read at the first request). */
    public ApiDocument(java.util.function.Supplier<List<HttpServer.RouteInfo>> table) {
        this.table = table;
    }

    /** {@code GET /api/v1/openapi.json}. */
    public void serve(io.javalin.http.Context ctx) {
        byte[] d = document;
        if (d == null) {
            d = json(table.get(), MetaRoutes.version());
            document = d;
        }
        ctx.contentType("application/json").result(d);
    }

    /** The document for {@code routes}; refuses a route that {@link ApiContract} does not describe. */
    static byte[] json(List<HttpServer.RouteInfo> routes, String version) {
        Components components = new Components().addSecuritySchemes("bearer", new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("A staff session token (POST /api/v1/auth/login) or a display or kiosk device token"));
        components.setSchemas(new TreeMap<>());
        Schemas schemas = new Schemas(components);
        Paths paths = new Paths();
        for (HttpServer.RouteInfo r : routes) {
            ApiContract.Op op = ApiContract.OPS.get(r.method() + " " + r.path());
            if (op == null) {
                throw new IllegalStateException("the route " + r.method() + " " + r.path()
                        + " has no entry in ApiContract: say what it takes and answers");
            }
            PathItem item = paths.computeIfAbsent(r.path(), p -> new PathItem());
            item.operation(PathItem.HttpMethod.valueOf(r.method().toUpperCase(Locale.ROOT)),
                    operation(r, op, schemas));
        }
        OpenAPI api = new OpenAPI(SpecVersion.V31).openapi("3.1.0").info(new Info().title("NowServing API")
                        .version(version).description("API v1 of NowServing, a take-a-number queue system. Errors are "
                                + "application/problem+json with a stable `code`; every POST and DELETE but login and "
                                + "stream-token accepts an Idempotency-Key."))
                .components(components).paths(paths);
        try {
            return Json31.mapper().writeValueAsBytes(api);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document could not be written", e);
        }
    }

    private static Operation operation(HttpServer.RouteInfo r, ApiContract.Op op, Schemas schemas) {
        Operation o = new Operation().summary(op.summary())
                .operationId(r.method().toLowerCase(Locale.ROOT) + r.path().replaceAll("[^A-Za-z0-9]+", "_"));
        Matcher m = PATH_PARAM.matcher(r.path());
        while (m.find()) {
            o.addParametersItem(new PathParameter().name(m.group(1)).required(true).schema(new StringSchema()));
        }
        boolean replayable = ("POST".equals(r.method()) || "DELETE".equals(r.method()))
                && !r.path().endsWith("/auth/login") && !r.path().endsWith("/stream-token");
        if (replayable) {
            o.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                    .description("A retry with the same key does nothing twice and answers the first answer")
                    .schema(new StringSchema()));
        }
        List<String> roles = r.roles().stream().map(x -> x.name().toLowerCase(Locale.ROOT)).sorted().toList();
        o.addExtension("x-roles", roles);
        boolean open = r.roles().contains(Role.ANYONE);
        if (!open) {
            o.addSecurityItem(new SecurityRequirement().addList("bearer"));
        }
        if (op.request() != null) {
            o.requestBody(new RequestBody().required(true).content(content(op.request(), schemas)));
        }
        ApiResponses responses = new ApiResponses();
        ApiResponse success = new ApiResponse().description(op.summary());
        if (op.answer() != null) {
            success.content(content(op.answer(), schemas));
        }
        responses.addApiResponse(Integer.toString(op.status()), success);
        Set<ErrorCode> errors = new TreeSet<>(op.errors());
        errors.addAll(EVERYWHERE);
        if (op.request() != null || !r.path().equals(r.path().replace("{", ""))) {
            errors.add(ErrorCode.INVALID_REQUEST);
        }
        if (!open) {
            errors.add(ErrorCode.UNAUTHORIZED);
            errors.add(ErrorCode.FORBIDDEN);
        }
        Schema<?> problem = schemas.ref(Problem.class);
        new TreeMap<>(errors.stream().collect(Collectors.groupingBy(ErrorCode::status))).forEach((status, codes) -> {
            ApiResponse refusal = new ApiResponse()
                    .description(codes.stream().map(ErrorCode::code).sorted().collect(Collectors.joining(", ")))
                    .content(new Content().addMediaType(PROBLEM, new MediaType().schema(problem)));
            refusal.addExtension("x-error-codes", codes.stream().map(ErrorCode::code).sorted().toList());
            responses.addApiResponse(Integer.toString(status), refusal);
        });
        o.responses(responses);
        o.addExtension("x-error-codes", errors.stream().map(ErrorCode::code).toList());
        return o;
    }

    private static Content content(ApiContract.Body body, Schemas schemas) {
        Schema<?> schema = body.type() == String.class ? new StringSchema()
                : body.type() == Object.class ? new io.swagger.v3.oas.models.media.ObjectSchema()
                : schemas.ref(body.type());
        if (body.list()) {
            schema = new ArraySchema().items(schema);
        }
        return new Content().addMediaType(body.mediaType(), new MediaType().schema(schema));
    }

    /** Schemas of record classes, each defined once under components and referred to. */
    private record Schemas(Components components) {
        Schema<?> ref(Class<?> type) {
            ResolvedSchema resolved = ModelConverters.getInstance(true)
                    .resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true));
            resolved.referencedSchemas.forEach((name, s) -> components.getSchemas().putIfAbsent(name, s));
            return resolved.schema;
        }
    }
}

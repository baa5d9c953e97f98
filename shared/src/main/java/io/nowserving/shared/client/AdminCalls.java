package io.nowserving.shared.client;

import com.fasterxml.jackson.databind.JavaType;
import io.nowserving.shared.api.BranchConfiguration;
import io.nowserving.shared.api.BranchSettings;
import io.nowserving.shared.api.CounterSettings;
import io.nowserving.shared.api.Device;
import io.nowserving.shared.api.ServiceSettings;
import io.nowserving.shared.api.StaffUser;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * The admin app's calls (from {@link NowServingClient#admin()}): configuration (admins of the branch; branches
 * themselves owners only), devices, users (owners) and the history CSV. Same sending, refusals and resends as
 * every call of the client.
 */
public final class AdminCalls {
    private final HttpUrl base;
    private final Calls calls;

    AdminCalls(HttpUrl base, Calls calls) {
        this.base = base;
        this.calls = calls;
    }

    /** {@code GET …/config}. */
    public BranchConfiguration config(String branch) {
        return calls.send(request("branches", branch, "config").get().build(), type(BranchConfiguration.class));
    }

    /** {@code PUT /api/v1/branches/{b}} (owners): creates the branch or changes its own settings. */
    public BranchConfiguration putBranch(String branch, BranchSettings settings) {
        return calls.send(request("branches", branch).put(body(settings)).build(), type(BranchConfiguration.class));
    }

    /** {@code DELETE /api/v1/branches/{b}} (owners); refused with SERVICE_IN_USE while anyone waits. */
    public void deleteBranch(String branch) {
        calls.send(request("branches", branch).delete().build(), null);
    }

    public BranchConfiguration putService(String branch, String service, ServiceSettings settings) {
        return calls.send(request("branches", branch, "services", service).put(body(settings)).build(),
                type(BranchConfiguration.class));
    }

    /** Refused with SERVICE_IN_USE while anyone waits in it. */
    public BranchConfiguration deleteService(String branch, String service) {
        return calls.send(request("branches", branch, "services", service).delete().build(),
                type(BranchConfiguration.class));
    }

    public BranchConfiguration putCounter(String branch, String counter, CounterSettings settings) {
        return calls.send(request("branches", branch, "counters", counter).put(body(settings)).build(),
                type(BranchConfiguration.class));
    }

    /** Refused with COUNTER_BUSY while it serves a ticket. */
    public BranchConfiguration deleteCounter(String branch, String counter) {
        return calls.send(request("branches", branch, "counters", counter).delete().build(),
                type(BranchConfiguration.class));
    }

    public List<Device> devices(String branch) {
        return calls.send(request("branches", branch, "devices").get().build(), list(Device.class));
    }

    /** A display or kiosk; the answer's token is shown this once. */
    public Device createDevice(String branch, String name, String role) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("role", role);
        return calls.send(request("branches", branch, "devices").post(body(body)).build(), type(Device.class));
    }

    /** Revokes it: its next request is refused on every instance. */
    public void deleteDevice(String branch, String deviceId) {
        calls.send(request("branches", branch, "devices", deviceId).delete().build(), null);
    }

    /** {@code GET /api/v1/users} (owners). */
    public List<StaffUser> users() {
        return calls.send(request("users").get().build(), list(StaffUser.class));
    }

    /**
     * {@code POST /api/v1/users/{u}} (owners): the password is temporary (changed at the first sign-in) unless
     * {@code mustChangePassword} is false; {@code branches} are ignored for owners.
     */
    public StaffUser createUser(String username, String password, String role, List<String> branches,
                                boolean mustChangePassword) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("password", password);
        body.put("role", role);
        if (!role.equals("owner")) {
            body.put("branches", branches);
        }
        body.put("mustChangePassword", mustChangePassword);
        return calls.send(request("users", username).post(body(body)).build(), type(StaffUser.class));
    }

    /**
     * {@code PATCH /api/v1/users/{u}} (owners) with the fields to change: {@code password}, {@code role},
     * {@code branches}, {@code disabled}, {@code mustChangePassword}. Ends the user's sessions.
     */
    public StaffUser updateUser(String username, Map<String, Object> changes) {
        return calls.send(request("users", username).patch(body(changes)).build(), type(StaffUser.class));
    }

    public void deleteUser(String username) {
        calls.send(request("users", username).delete().build(), null);
    }

    /**
     * {@code GET …/history.csv} written to {@code out} as it arrives; {@code filters} as for
     * {@link NowServingClient#history}.
     */
    public void exportHistory(String branch, Map<String, String> filters, OutputStream out) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("api/v1/branches").addPathSegment(branch)
                .addPathSegment("history.csv");
        filters.forEach(url::addQueryParameter);
        calls.download(new Request.Builder().url(url.build()).get().build(), out);
    }

    private Request.Builder request(String first, String... segments) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("api/v1").addPathSegment(first);
        for (String s : segments) {
            url.addPathSegment(s);
        }
        return new Request.Builder().url(url.build());
    }

    private RequestBody body(Object value) {
        return calls.body(value);
    }

    private JavaType type(Class<?> c) {
        return calls.type(c);
    }

    private JavaType list(Class<?> c) {
        return calls.listOf(c);
    }
}

package io.nowserving.shared.client;

import com.fasterxml.jackson.databind.JavaType;
import io.nowserving.shared.api.BranchConfiguration;
import io.nowserving.shared.api.BranchSettings;
import io.nowserving.shared.api.CounterSettings;
import io.nowserving.shared.api.Device;
import io.nowserving.shared.api.HistoryPage;
import io.nowserving.shared.api.ServiceSettings;
import io.nowserving.shared.api.StaffUser;
import io.nowserving.shared.api.UserChange;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The admin app's calls (from {@link NowServingClient#admin()}): configuration (admins of the branch; branches
 * themselves owners only), devices, users (owners), history pages and the history CSV. Same sending, refusals and
 * resends as every call of the client.
 */
public final class AdminCalls {
    private final Calls calls;

    AdminCalls(Calls calls) {
        this.calls = calls;
    }

    /** {@code GET …/config}: the branch's settings, services and counters with their version. */
    public BranchConfiguration config(String branch) {
        return calls.send("GET", calls.url("branches", branch, "config"), null, configuration());
    }

    /** {@code PUT /api/v1/branches/{b}} (owners): creates the branch or changes its own settings. */
    public BranchConfiguration putBranch(String branch, BranchSettings settings) {
        return calls.send("PUT", calls.url("branches", branch), settings, configuration());
    }

    /** {@code DELETE /api/v1/branches/{b}} (owners); refused with SERVICE_IN_USE while anyone waits. */
    public void deleteBranch(String branch) {
        calls.send("DELETE", calls.url("branches", branch), null, null);
    }

    /** {@code PUT …/services/{s}}: creates or changes a service; the answer is the whole new configuration. */
    public BranchConfiguration putService(String branch, String service, ServiceSettings settings) {
        return calls.send("PUT", calls.url("branches", branch, "services", service), settings, configuration());
    }

    /** {@code DELETE …/services/{s}}: refused with SERVICE_IN_USE while anyone waits in it. */
    public BranchConfiguration deleteService(String branch, String service) {
        return calls.send("DELETE", calls.url("branches", branch, "services", service), null, configuration());
    }

    /** {@code PUT …/counters/{c}}: creates or changes a counter; the answer is the whole new configuration. */
    public BranchConfiguration putCounter(String branch, String counter, CounterSettings settings) {
        return calls.send("PUT", calls.url("branches", branch, "counters", counter), settings, configuration());
    }

    /** {@code DELETE …/counters/{c}}: refused with COUNTER_BUSY while it serves a ticket. */
    public BranchConfiguration deleteCounter(String branch, String counter) {
        return calls.send("DELETE", calls.url("branches", branch, "counters", counter), null, configuration());
    }

    /** {@code GET …/devices}: the branch's displays and kiosks (never their tokens). */
    public List<Device> devices(String branch) {
        return calls.send("GET", calls.url("branches", branch, "devices"), null, calls.listOf(Device.class));
    }

    /** {@code POST …/devices}: a {@code display} or {@code kiosk}; the answer's token is shown this once. */
    public Device createDevice(String branch, String name, String role) {
        return calls.send("POST", calls.url("branches", branch, "devices"), Map.of("name", name, "role", role),
                type(Device.class));
    }

    /** {@code DELETE …/devices/{d}}: revokes it; its next request is refused on every instance. */
    public void deleteDevice(String branch, String deviceId) {
        calls.send("DELETE", calls.url("branches", branch, "devices", deviceId), null, null);
    }

    /** {@code GET /api/v1/users} (owners). */
    public List<StaffUser> users() {
        return calls.send("GET", calls.url("users"), null, calls.listOf(StaffUser.class));
    }

    /** {@code POST /api/v1/users/{u}} (owners): {@code user} needs a password and a role. */
    public StaffUser createUser(String username, UserChange user) {
        return calls.send("POST", calls.url("users", username), user, type(StaffUser.class));
    }

    /** {@code PATCH /api/v1/users/{u}} (owners): changes the fields set in {@code change}; ends the user's sessions. */
    public StaffUser updateUser(String username, UserChange change) {
        return calls.send("PATCH", calls.url("users", username), change, type(StaffUser.class));
    }

    /** {@code DELETE /api/v1/users/{u}} (owners); the last enabled owner cannot go. */
    public void deleteUser(String username) {
        calls.send("DELETE", calls.url("users", username), null, null);
    }

    /**
     * {@code GET …/history} (admins): a page in {@code (issuedAt, id)} order; {@code filters} may hold
     * {@code status}, {@code service}, {@code counter}, {@code from} and {@code to}; {@code cursor} is the previous
     * page's {@link HistoryPage#nextCursor()}, null for the first page.
     */
    public HistoryPage history(String branch, Map<String, String> filters, String cursor, int limit) {
        HttpUrl.Builder url = Calls.query(history(branch, "history", filters), "limit", Integer.toString(limit),
                "cursor", cursor);
        return calls.send("GET", url, null, type(HistoryPage.class));
    }

    /** {@code GET …/history.csv} written to {@code out} as it arrives (never all in memory); filters as for pages. */
    public void exportHistory(String branch, Map<String, String> filters, OutputStream out) {
        calls.download(history(branch, "history.csv", filters), out);
    }

    private HttpUrl.Builder history(String branch, String resource, Map<String, String> filters) {
        HttpUrl.Builder url = calls.url("branches", branch, resource);
        filters.forEach(url::addQueryParameter);
        return url;
    }

    private JavaType configuration() {
        return type(BranchConfiguration.class);
    }

    private JavaType type(Class<?> c) {
        return calls.type(c);
    }
}

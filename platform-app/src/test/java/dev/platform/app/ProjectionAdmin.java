package dev.platform.app;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.platform.app.Api.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The admin's projection endpoints, as an operator script would drive them. */
final class ProjectionAdmin {

    private final Api api;
    private final String token;

    ProjectionAdmin(Api api, String adminToken) {
        this.api = api;
        this.token = adminToken;
    }

    Response list() {
        return api.get("/api/v1/admin/projections?limit=100", token);
    }

    List<String> names() {
        List<String> names = new ArrayList<>();
        list().body().forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    JsonNode status(String name) {
        return listed(name).orElseThrow(() -> new IllegalStateException("no projection " + name + " in " + list()));
    }

    /** The projection's item of the listing, if it is listed. */
    private Optional<JsonNode> listed(String name) {
        for (JsonNode item : list().body()) {
            if (item.path("name").asText().equals(name)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    Response rebuild(String name) {
        return api.request("POST", "/api/v1/admin/projections/" + name + "/rebuild")
                .token(token)
                .send();
    }

    Response rebuild(String name, String switchMode) {
        return api.request("POST", "/api/v1/admin/projections/" + name + "/rebuild?switch=" + switchMode)
                .token(token)
                .send();
    }

    Response rebuildStatus(String name) {
        return api.get("/api/v1/admin/projections/" + name + "/rebuild", token);
    }

    Response switchRebuild(String name) {
        return api.request("POST", "/api/v1/admin/projections/" + name + "/rebuild/switch")
                .token(token)
                .send();
    }

    Response discardRebuild(String name) {
        return api.request("DELETE", "/api/v1/admin/projections/" + name + "/rebuild")
                .token(token)
                .send();
    }

    /**
     * Whether the rebuild asked at {@code head} is complete: no rebuild of it runs any more (a blue-green rebuild is
     * switched in), it is not replaying (a rebuild in place), and the position has reached the head.
     */
    boolean rebuilt(String name, long head) {
        // Not listed for a moment while a blue-green rebuild switches the projection in (seen once in a CI-like run):
        // not rebuilt yet, asked again at the next poll.
        return listed(name)
                .map(status -> status.path("rebuild").isNull()
                        && !status.path("replaying").asBoolean()
                        && status.path("position").asLong() >= head)
                .orElse(false);
    }

    void awaitRebuilt(String name, long head) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> rebuilt(name, head));
    }

    /** Waits until the projection has caught up with the head of the event store (it may lag: it is a stream). */
    void awaitCaughtUp(String name) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> status(name).path("lag").asLong() == 0);
    }
}

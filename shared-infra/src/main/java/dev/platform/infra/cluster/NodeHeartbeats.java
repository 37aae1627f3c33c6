package dev.platform.infra.cluster;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code node_heartbeat} table (which node runs which processor, as of when) and the claims in
 * {@code token_entry}. Heartbeats use the database's clock, claims Axon's own rule (a claim whose timestamp is
 * older than the claim timeout may be taken), so that a node counts the same live nodes and free segments as
 * every other node.
 */
@Component
class NodeHeartbeats {

    private final JdbcTemplate jdbc;

    NodeHeartbeats(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that {@code node} runs these processors now, and only these. */
    void beat(ClusterNode node, Collection<String> processors) {
        for (String processor : processors) {
            jdbc.update(
                    "INSERT INTO node_heartbeat (node_id, processor_name, last_seen) VALUES (?, ?, now())"
                            + " ON CONFLICT (node_id, processor_name) DO UPDATE SET last_seen = now()",
                    node.id(),
                    processor);
        }
        jdbc.update(
                "DELETE FROM node_heartbeat WHERE node_id = ? AND NOT (processor_name = ANY (?))",
                node.id(),
                processors.toArray(String[]::new));
    }

    /**
     * The number of nodes per processor whose heartbeat is younger than {@code timeout}; rows of nodes gone for
     * much longer are deleted on the way.
     */
    Map<String, Integer> liveNodes(Duration timeout) {
        jdbc.update(
                "DELETE FROM node_heartbeat WHERE last_seen < now() - ? * interval '1 millisecond'",
                timeout.multipliedBy(10).toMillis());
        Map<String, Integer> live = new HashMap<>();
        jdbc.query(
                "SELECT processor_name, count(*) FROM node_heartbeat"
                        + " WHERE last_seen > now() - ? * interval '1 millisecond' GROUP BY processor_name",
                rs -> {
                    live.put(rs.getString(1), rs.getInt(2));
                },
                timeout.toMillis());
        return live;
    }

    /** Forgets this node at once (a graceful stop), so the others need not wait for the timeout. */
    void leave(ClusterNode node) {
        jdbc.update("DELETE FROM node_heartbeat WHERE node_id = ?", node.id());
    }

    /** Every segment of every processor with its claim: owner and when it was last claimed or extended. */
    Map<String, List<Claim>> claims() {
        Map<String, List<Claim>> claims = new HashMap<>();
        jdbc.query("SELECT processor_name, segment, owner, time_stamp FROM token_entry", rs -> {
            claims.computeIfAbsent(rs.getString(1), name -> new ArrayList<>())
                    .add(new Claim(rs.getInt(2), rs.getString(3), instant(rs.getString(4))));
        });
        return claims;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** One segment's claim in {@code token_entry}. */
    record Claim(int segment, String owner, Instant claimedAt) {

        /** Whether any node may claim it now: nobody holds it, or its holder has not extended it in time. */
        boolean isFree(Instant now, Duration claimTimeout) {
            return owner == null || claimedAt.isBefore(now.minus(claimTimeout));
        }
    }
}

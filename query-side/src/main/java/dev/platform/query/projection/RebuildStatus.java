package dev.platform.query.projection;

import java.time.Instant;
import java.util.List;

/**
 * A rebuild as the admin sees it ({@code GET /admin/projections/{name}/rebuild}): how it switches ({@code mode}:
 * {@code auto}, {@code manual}, or {@code in_place} for a group that names no tables of its own), where it stands
 * ({@code state}), its progress, the comparison with the live tables once it has caught up ({@code diff}, null
 * before), and why it failed ({@code error}).
 */
public record RebuildStatus(
        String name,
        String mode,
        String state,
        Instant startedAt,
        Instant switchedAt,
        long headAtStart,
        RebuildProgress progress,
        long failedEvents,
        List<TableDiff> diff,
        String error) {

    /** Whether it is still under way (building, or caught up and waiting for the operator). */
    public boolean running() {
        return state.equals(ShadowRebuild.State.BUILDING.label())
                || state.equals(ShadowRebuild.State.CAUGHT_UP.label());
    }
}

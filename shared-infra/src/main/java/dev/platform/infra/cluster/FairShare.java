package dev.platform.infra.cluster;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one node does with one processor's segments in a balancing round: it keeps at most its fair share,
 * {@code ceil(segments / live nodes)}, and releases the rest (highest segment ids first, so every node agrees on
 * which ones move); below its share it claims segments that nobody holds (free, or a claim that has expired).
 *
 * @param release segments this node processes and gives up
 * @param claim free segments this node takes
 */
record FairShare(List<Integer> release, List<Integer> claim) {

    static FairShare of(int segments, int liveNodes, Set<Integer> mine, Set<Integer> free) {
        int share = share(segments, liveNodes);
        if (mine.size() > share) {
            List<Integer> release = new TreeSet<>(mine)
                    .descendingSet().stream().limit(mine.size() - share).toList();
            return new FairShare(release, List.of());
        }
        List<Integer> claim = new TreeSet<>(free)
                .stream()
                        .filter(segment -> !mine.contains(segment))
                        .limit(share - mine.size())
                        .toList();
        return new FairShare(List.of(), claim);
    }

    /** The most segments one of {@code liveNodes} nodes should hold; a node always counts itself. */
    static int share(int segments, int liveNodes) {
        int nodes = Math.max(1, liveNodes);
        return (segments + nodes - 1) / nodes;
    }

    boolean isEmpty() {
        return release.isEmpty() && claim.isEmpty();
    }
}

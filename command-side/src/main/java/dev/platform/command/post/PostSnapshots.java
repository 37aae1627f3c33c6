package dev.platform.command.post;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The snapshot policy of posts: once loading and handling a post has gone through {@value #THRESHOLD} events
 * since its last snapshot, a new snapshot is stored after the command commits. A post edited thousands of times
 * then loads from its snapshot and at most that many events.
 */
@Configuration
class PostSnapshots {

    static final String TRIGGER = "postSnapshotTrigger";
    static final int THRESHOLD = 100;

    @Bean(TRIGGER)
    SnapshotTriggerDefinition postSnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, THRESHOLD);
    }
}

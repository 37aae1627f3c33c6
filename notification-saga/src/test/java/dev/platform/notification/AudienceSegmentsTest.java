package dev.platform.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;

/**
 * When the audience's segments are merged: only while it has more than configured (one by default), one merge of a
 * segment this node holds per attempt, and a failed merge is tried again, never thrown.
 */
class AudienceSegmentsTest {

    private final TokenStore tokens = mock(TokenStore.class);
    private final StreamingEventProcessor processor = mock(StreamingEventProcessor.class);

    @SuppressWarnings("unchecked")
    private final ObjectProvider<Configuration> axon = mock(ObjectProvider.class);

    private AudienceSegments segments(Integer configured) {
        EventProcessorProperties processors = new EventProcessorProperties();
        if (configured != null) {
            EventProcessorProperties.ProcessorSettings audience = new EventProcessorProperties.ProcessorSettings();
            audience.setInitialSegmentCount(configured);
            processors.getProcessors().put(NotificationAudience.GROUP, audience);
        }
        return new AudienceSegments(axon, tokens, processors);
    }

    private void audienceHas(int... segments) {
        when(tokens.fetchSegments(NotificationAudience.GROUP)).thenReturn(segments);
    }

    private void thisNodeHolds(int segment, CompletableFuture<Boolean> merge) {
        Configuration configuration = mock(Configuration.class);
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        when(axon.getObject()).thenReturn(configuration);
        when(configuration.eventProcessingConfiguration()).thenReturn(processing);
        doReturn(Optional.of(processor)).when(processing).eventProcessor(NotificationAudience.GROUP);
        when(processor.processingStatus()).thenReturn(Map.of(segment, mock(EventTrackerStatus.class)));
        when(processor.mergeSegment(segment)).thenReturn(merge);
    }

    @Test
    void oneSegmentIsDoneWithoutAskingTheProcessor() {
        audienceHas(0);

        assertThat(segments(null).mergeOnce()).isTrue();

        verifyNoInteractions(axon);
    }

    @Test
    void twoSegmentsAreMergedByTheNodeThatHoldsOne() {
        audienceHas(0, 1);
        thisNodeHolds(1, CompletableFuture.completedFuture(true));

        // Not done yet: the next attempt reads the segments again and finds one.
        assertThat(segments(null).mergeOnce()).isFalse();

        verify(processor).mergeSegment(1);
    }

    @Test
    void aDeploymentThatConfiguresMoreSegmentsKeepsThem() {
        audienceHas(0, 1);

        assertThat(segments(2).mergeOnce()).isTrue();

        verifyNoInteractions(axon);
    }

    @Test
    void aMergeRefusedWhileAnotherNodeHoldsTheSiblingIsTriedAgainLater() {
        audienceHas(0, 1);
        thisNodeHolds(0, CompletableFuture.failedFuture(new IllegalStateException("sibling claimed elsewhere")));

        assertThat(segments(null).mergeOnce()).isFalse();
    }

    @Test
    void aNodeHoldingNoSegmentMergesNothing() {
        audienceHas(0, 1);
        thisNodeHolds(0, CompletableFuture.completedFuture(true));
        when(processor.processingStatus()).thenReturn(Map.of());

        assertThat(segments(null).mergeOnce()).isFalse();

        verify(processor, never()).mergeSegment(0);
    }

    @Test
    void aSegmentWhoseSiblingIsStillSplitIsPassedOverForOneThatCanMerge() {
        // Of 0 (half the stream), 1 and 3 (a quarter each), 0 cannot merge until 1 and 3 are one.
        audienceHas(0, 1, 3);
        thisNodeHolds(0, CompletableFuture.failedFuture(new IllegalArgumentException("not mergeable")));
        when(processor.processingStatus())
                .thenReturn(new java.util.TreeMap<>(Map.of(
                        0, mock(EventTrackerStatus.class),
                        1, mock(EventTrackerStatus.class),
                        3, mock(EventTrackerStatus.class))));
        when(processor.mergeSegment(1)).thenReturn(CompletableFuture.completedFuture(true));

        assertThat(segments(null).mergeOnce()).isFalse();

        verify(processor).mergeSegment(0);
        verify(processor).mergeSegment(1);
        verify(processor, never()).mergeSegment(3);
    }
}

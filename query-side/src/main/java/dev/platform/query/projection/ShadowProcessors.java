package dev.platform.query.projection;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.axonframework.config.Configuration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds a rebuild's processor: a tracking processor named {@code <group>.rebuild} with the group's own handler
 * beans, its sequencing policy and batch size, as many segments as the live group (so that live segment {@code i}
 * continues from rebuild segment {@code i} at the switch; one segment when the live layout is not the even one a
 * segment count gives), its transactions in the shadow schema ({@link ShadowTransactions}), and no dead-letter
 * queue, read-your-writes or metrics.
 *
 * <p>Every event reaches it as a replay: its first token is a {@link ReplayToken} whose reset position is one no
 * event store reaches, so a handler that must not see a replay ({@code @DisallowReplay}, or one asking {@code
 * ReplayStatus}, such as the notification audience's selection of recipients) never runs in a rebuild, not even for
 * the events that arrive while it runs: the live group handles those.
 */
final class ShadowProcessors {

    /** The reset position of every rebuild: never reached, so the rebuild replays to the end. */
    private static final TrackingToken NEVER = GapAwareTrackingToken.newInstance(Long.MAX_VALUE, List.of());

    private final Configuration axon;
    private final ApplicationContext context;
    private final Environment environment;
    private final TokenStore tokenStore;
    private final PlatformTransactionManager transactions;
    private final JdbcTemplate jdbc;

    ShadowProcessors(
            Configuration axon,
            ApplicationContext context,
            Environment environment,
            TokenStore tokenStore,
            PlatformTransactionManager transactions,
            JdbcTemplate jdbc) {
        this.axon = axon;
        this.context = context;
        this.environment = environment;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /**
     * Creates the rebuild's tokens ({@code segments} segments at the start of the event store, as replays) and
     * claims them for this node, in the caller's transaction: from its commit on, another node sees the rebuild as
     * running, before this node's processor threads have even started (they then claim what this node holds).
     */
    void claim(ShadowRebuild rebuild, int segments) {
        tokenStore.initializeTokenSegments(
                rebuild.processorName(), segments, ReplayToken.createReplayToken(NEVER, null));
        for (int segment = 0; segment < segments; segment++) {
            tokenStore.fetchToken(rebuild.processorName(), segment);
        }
    }

    /** The segment count of a rebuild of a live group with these segments. */
    static int segmentsFor(List<Integer> live, int configured) {
        if (live.isEmpty()) {
            return Math.max(1, configured);
        }
        int count = live.size();
        boolean even = Integer.bitCount(count) == 1;
        for (int i = 0; even && i < count; i++) {
            even = live.get(i) == i;
        }
        return even ? count : 1;
    }

    /** The group's configured initial segment count ({@code axon.eventhandling.processors.<group>.*}). */
    int configuredSegments(String group) {
        return environment.getProperty(
                "axon.eventhandling.processors." + group + ".initial-segment-count", Integer.class, 1);
    }

    TrackingEventProcessor build(ShadowRebuild rebuild, int segments, Duration pause) {
        String group = rebuild.name();
        List<Object> handlers = handlers(group);
        if (handlers.isEmpty()) {
            throw new IllegalStateException("no event handler bean of processing group " + group);
        }
        SimpleEventHandlerInvoker invoker = SimpleEventHandlerInvoker.builder()
                .eventHandlers(handlers)
                .parameterResolverFactory(axon.parameterResolverFactory())
                .handlerDefinition(axon.handlerDefinition(handlers.get(0).getClass()))
                .sequencingPolicy(axon.eventProcessingConfiguration().sequencingPolicy(group))
                .listenerInvocationErrorHandler(rebuild)
                .build();
        int batch = environment.getProperty("axon.eventhandling.processors." + group + ".batch-size", Integer.class, 1);
        TrackingEventProcessorConfiguration configuration = TrackingEventProcessorConfiguration.forParallelProcessing(
                        segments)
                .andInitialSegmentsCount(segments)
                .andBatchSize(batch)
                .andInitialTrackingToken(source -> ReplayToken.createReplayToken(NEVER, null));
        return TrackingEventProcessor.builder()
                .name(rebuild.processorName())
                .eventHandlerInvoker(invoker)
                .messageSource(axon.eventStore())
                .tokenStore(tokenStore)
                .transactionManager(new ShadowTransactions(transactions, jdbc, rebuild.schema(), pause))
                .trackingEventProcessorConfiguration(configuration)
                .build();
    }

    /** The beans whose class is in the processing group, in a stable order. */
    private List<Object> handlers(String group) {
        Map<String, Object> beans = context.getBeansWithAnnotation(ProcessingGroup.class);
        return beans.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(Map.Entry::getValue)
                .filter(bean -> {
                    ProcessingGroup annotation = AnnotatedElementUtils.findMergedAnnotation(
                            AopUtils.getTargetClass(bean), ProcessingGroup.class);
                    return annotation != null && annotation.value().equals(group);
                })
                .toList();
    }
}

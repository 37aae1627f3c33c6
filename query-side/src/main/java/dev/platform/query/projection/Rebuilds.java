package dev.platform.query.projection;

import dev.platform.api.common.DomainException;
import dev.platform.api.common.ErrorCode;
import dev.platform.infra.axon.ReadModelTables;
import dev.platform.infra.cluster.ClusterNode;
import dev.platform.infra.web.FieldErrors;
import dev.platform.infra.web.Refusals;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.springboot.TokenStoreProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The rebuilds of this node. A group that declares its tables ({@link ReadModelTables}) is rebuilt blue-green: a
 * processor of its own ({@link ShadowProcessors}) builds the tables anew from the first event in a schema beside the
 * live ones ({@link ShadowSchema}) while the live group keeps serving and following new events; once it has caught up
 * with the head, the tables are compared ({@link ReadModelDiff}) and, unless the operator asked to switch by hand,
 * switched in at once ({@link ShadowSwitch}). A group without declared tables (a test's probe) is reset in place as
 * before ({@link EventProcessors#rebuild}).
 *
 * <p>Only the node asked runs the rebuild's processor; the others keep serving the live tables, and the switch
 * reaches them through the database (the tables' names, the live group's tokens). One rebuild per group at a time:
 * another, here or on a node that holds the rebuild's claims, is refused with 409. A watcher thread moves each
 * rebuild on every {@value #WATCH_MILLIS} ms. Progress is also published as the gauges {@code platform_rebuild_*}.
 */
@Component
public class Rebuilds implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Rebuilds.class);
    static final long WATCH_MILLIS = 250;

    private final EventProcessors processors;
    private final ObjectProvider<Configuration> axon;
    private final ObjectProvider<ShadowProcessors> shadowProcessors;
    private final Map<String, ReadModelTables> tables;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ProcessorTokens tokens;
    private final ReadModelDiff diff;
    private final ShadowSwitch shadowSwitch;
    private final RebuildProperties properties;
    private final ClusterNode node;
    private final Duration claimTimeout;
    private final MeterRegistry meters;
    private final Map<String, ShadowRebuild> shadows = new ConcurrentHashMap<>();
    private final Map<String, Long> inPlace = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rebuild-watcher");
        thread.setDaemon(true);
        return thread;
    });

    Rebuilds(
            EventProcessors processors,
            ObjectProvider<Configuration> axon,
            ObjectProvider<ShadowProcessors> shadowProcessors,
            List<ReadModelTables> tables,
            JdbcTemplate jdbc,
            TransactionTemplate transactions,
            ProcessorTokens tokens,
            ReadModelDiff diff,
            ShadowSwitch shadowSwitch,
            RebuildProperties properties,
            ClusterNode node,
            TokenStoreProperties tokenStore,
            MeterRegistry meters) {
        this.processors = processors;
        this.axon = axon;
        this.shadowProcessors = shadowProcessors;
        this.tables = tables.stream().collect(Collectors.toMap(ReadModelTables::group, t -> t));
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tokens = tokens;
        this.diff = diff;
        this.shadowSwitch = shadowSwitch;
        this.properties = properties;
        this.node = node;
        this.claimTimeout = tokenStore.getClaimTimeout();
        this.meters = meters;
        watcher.scheduleWithFixedDelay(this::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Starts a rebuild of the group.
     *
     * @param manual whether to stop once caught up and compared, for the operator to switch or discard
     * @throws DomainException 404 for an unknown name, 400 for a processor that must not be replayed (or a manual
     *     switch of a group rebuilt in place), 409 while a rebuild of the group runs (an in-place one: while another
     *     node holds a segment of the group)
     */
    public synchronized RebuildStatus start(String name, boolean manual) {
        EventProcessor live = processing()
                .eventProcessor(name)
                .orElseThrow(() -> Refusals.notFound(ErrorCode.NOT_FOUND, "Projection"));
        if (live instanceof StreamingEventProcessor streaming && !streaming.supportsReset()) {
            throw FieldErrors.failure(
                    "name", "is a processor that is never replayed (a saga, whose handlers have side effects)");
        }
        ReadModelTables model = tables.get(name);
        if (model == null) {
            if (manual) {
                throw FieldErrors.failure("switch", "manual needs tables of its own; this group is rebuilt in place");
            }
            ProjectionStatus reset = processors.rebuild(name);
            inPlace.put(name, reset.head());
            return inPlaceStatus(name, reset);
        }
        ShadowRebuild running = shadows.get(name);
        if (running != null && running.running()) {
            throw runningAlready(name);
        }
        ShadowSchema schema = new ShadowSchema(model, jdbc.queryForObject("SELECT current_schema()", String.class));
        ShadowRebuild rebuild = new ShadowRebuild(name, manual, schema, processors.head());
        ShadowProcessors builder = shadowProcessors.getObject();
        int segments = ShadowProcessors.segmentsFor(tokens.segments(name), builder.configuredSegments(name));
        // One transaction, one start at a time across nodes: look for a rebuild running elsewhere (its claims), drop
        // what a dead one left, create the tables, and claim the rebuild's segments for this node.
        transactions.executeWithoutResult(transaction -> {
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext(?))::text", String.class, "rebuild " + name);
            if (tokens.claimedBy(rebuild.processorName(), node.id(), claimTimeout)) {
                throw runningAlready(name);
            }
            tokens.delete(rebuild.processorName());
            schema.create(jdbc);
            builder.claim(rebuild, segments);
        });
        log.info(
                "rebuilding {} up to position {} beside the live tables ({}, {} segments, switch {})",
                name,
                rebuild.status().headAtStart(),
                schema.shadow(),
                segments,
                manual ? "manual" : "auto");
        TrackingEventProcessor processor = builder.build(rebuild, segments, properties.batchPause());
        rebuild.processor(processor);
        shadows.put(name, rebuild);
        registerGauges(name);
        processor.start();
        return rebuild.status();
    }

    private static DomainException runningAlready(String name) {
        return new DomainException(
                ErrorCode.CONCURRENT_MODIFICATION,
                "A rebuild of '" + name + "' is running (see GET /admin/projections/" + name + "/rebuild on the node"
                        + " that started it): switch or discard it first.");
    }

    /** The group's rebuild on this node, running or the last one. */
    public Optional<RebuildStatus> status(String name) {
        ShadowRebuild rebuild = shadows.get(name);
        if (rebuild != null) {
            return Optional.of(rebuild.status());
        }
        return Optional.ofNullable(inPlace.get(name))
                .flatMap(head -> processors.status(name))
                .map(status -> inPlaceStatus(name, status));
    }

    /** The progress of each rebuild running here, by group. */
    public Map<String, RebuildProgress> progress() {
        return shadows.values().stream()
                .filter(ShadowRebuild::running)
                .collect(Collectors.toMap(ShadowRebuild::name, ShadowRebuild::progress));
    }

    /**
     * Whether the rebuild started by {@link #start} is complete: switched in (blue-green), or replayed up to the head
     * of its start (in place).
     *
     * @throws IllegalStateException when it failed or was discarded
     */
    public boolean done(String name) {
        ShadowRebuild rebuild = shadows.get(name);
        if (rebuild != null) {
            return switch (rebuild.state()) {
                case SWITCHED -> true;
                case BUILDING, CAUGHT_UP -> false;
                case DISCARDED, FAILED ->
                    throw new IllegalStateException("the rebuild of " + name + " "
                            + rebuild.state().label() + ": " + rebuild.status().error());
            };
        }
        Long head = inPlace.get(name);
        return head != null && processors.status(name).orElseThrow().hasRebuiltUpTo(head);
    }

    /**
     * The operator's switch of a manual rebuild.
     *
     * @throws DomainException 404 when no rebuild of the group runs here, 409 when it has not caught up yet
     */
    public RebuildStatus switchNow(String name) {
        ShadowRebuild rebuild = runningHere(name);
        synchronized (rebuild) {
            if (rebuild.state() != ShadowRebuild.State.CAUGHT_UP) {
                throw new DomainException(
                        ErrorCode.CONCURRENT_MODIFICATION,
                        "The rebuild of '" + name + "' has not caught up with the head yet: ask again once its state"
                                + " is caught_up.");
            }
            switchIn(rebuild);
            return rebuild.status();
        }
    }

    /**
     * Drops a running rebuild: its processor stops, its tables and tokens go; the live tables are untouched.
     *
     * @throws DomainException 404 when no rebuild of the group runs here
     */
    public RebuildStatus discard(String name) {
        ShadowRebuild rebuild = runningHere(name);
        synchronized (rebuild) {
            if (!rebuild.running()) {
                throw Refusals.notFound(ErrorCode.NOT_FOUND, "Rebuild");
            }
            stopAndDrop(rebuild);
            rebuild.discarded();
            log.info("rebuild of {} discarded; the live tables are as they were", name);
            return rebuild.status();
        }
    }

    private ShadowRebuild runningHere(String name) {
        ShadowRebuild rebuild = shadows.get(name);
        if (rebuild == null || !rebuild.running()) {
            throw Refusals.notFound(ErrorCode.NOT_FOUND, "Rebuild");
        }
        return rebuild;
    }

    private void watch() {
        for (ShadowRebuild rebuild : shadows.values()) {
            try {
                synchronized (rebuild) {
                    advance(rebuild);
                }
            } catch (RuntimeException e) {
                log.error("rebuild of {} failed", rebuild.name(), e);
                stopAndDrop(rebuild);
                rebuild.failed(String.valueOf(e.getMessage()));
            }
        }
    }

    private void advance(ShadowRebuild rebuild) {
        if (rebuild.state() != ShadowRebuild.State.BUILDING) {
            if (rebuild.state() == ShadowRebuild.State.CAUGHT_UP) {
                rebuild.measure(processors.head(), segments(rebuild));
            }
            return;
        }
        if (!caughtUp(rebuild)) {
            return;
        }
        List<TableDiff> diffs = diff.compare(rebuild.schema());
        rebuild.caughtUp(diffs);
        log.info("rebuild of {} has caught up: {}", rebuild.name(), summary(diffs));
        if (!rebuild.manual()) {
            switchIn(rebuild);
        }
    }

    private boolean caughtUp(ShadowRebuild rebuild) {
        long head = processors.head();
        return rebuild.measure(head, segments(rebuild)) >= head
                && rebuild.status().error() == null;
    }

    private static int segments(ShadowRebuild rebuild) {
        return rebuild.processor() == null ? 1 : Math.max(1, rebuild.processor().maxCapacity());
    }

    /**
     * Switches ({@link ShadowSwitch}), letting the rebuild catch up again between attempts; a rebuild that never
     * gets there fails. The local live processor stops around each attempt, so that it does not wait for the lock.
     */
    private void switchIn(ShadowRebuild rebuild) {
        String name = rebuild.name();
        String lastFailure = "it did not catch up with the head";
        for (int attempt = 1; attempt <= properties.switchAttempts(); attempt++) {
            Optional<StreamingEventProcessor> live = processing()
                    .eventProcessor(name)
                    .filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast);
            live.ifPresent(StreamingEventProcessor::shutDown);
            Optional<Long> switched = Optional.empty();
            try {
                switched = shadowSwitch.attempt(
                        rebuild,
                        live,
                        processing().deadLetterQueue(name),
                        properties.lockTimeout().toMillis(),
                        properties.keepPrevious(),
                        head -> catchUpAndStop(rebuild, head));
            } catch (RuntimeException e) {
                lastFailure = String.valueOf(e.getMessage());
                log.warn("switch of {} (attempt {}) failed, trying again: {}", name, attempt, lastFailure);
            } finally {
                live.ifPresent(StreamingEventProcessor::start);
            }
            if (switched.isPresent()) {
                rebuild.switched();
                log.info(
                        "rebuilt {} up to position {}: switched in, the live group continues from there",
                        name,
                        switched.get());
                return;
            }
            if (!rebuild.processor().isRunning()) {
                rebuild.processor().start();
            }
            awaitCatchUp(rebuild);
        }
        throw new IllegalStateException(
                "the switch of " + name + " failed " + properties.switchAttempts() + " times; last: " + lastFailure);
    }

    /**
     * Inside the switch's transaction, the live tables locked: waits (at most the lock timeout, readers wait as long)
     * until the rebuild has applied everything up to {@code head}, then stops its processor, which stores its tokens.
     */
    private boolean catchUpAndStop(ShadowRebuild rebuild, long head) {
        long deadline = System.nanoTime() + properties.lockTimeout().toNanos();
        while (rebuild.measure(head, segments(rebuild)) < head
                || rebuild.status().error() != null) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        rebuild.processor().shutDown();
        return true;
    }

    private void awaitCatchUp(ShadowRebuild rebuild) {
        long deadline = System.nanoTime() + properties.catchUpTimeout().toNanos();
        while (!caughtUp(rebuild) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(WATCH_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the rebuild of " + rebuild.name() + " caught up");
            }
        }
    }

    private void stopAndDrop(ShadowRebuild rebuild) {
        if (rebuild.processor() != null) {
            rebuild.processor().shutDown();
        }
        transactions.executeWithoutResult(transaction -> {
            tokens.delete(rebuild.processorName());
            rebuild.schema().drop(jdbc);
        });
    }

    private static String summary(List<TableDiff> diffs) {
        return diffs.stream()
                .map(d -> d.table() + ": " + d.rowsOld() + " rows live, " + d.rowsNew() + " rebuilt, " + d.onlyInOld()
                        + " only in old, " + d.onlyInNew() + " only in new, " + d.changed() + " changed "
                        + d.changedColumns())
                .collect(Collectors.joining("; "));
    }

    private RebuildStatus inPlaceStatus(String name, ProjectionStatus status) {
        long head = inPlace.getOrDefault(name, status.head());
        String state = status.hasRebuiltUpTo(head) ? "switched" : "building";
        return new RebuildStatus(
                name,
                "in_place",
                state,
                null,
                null,
                head,
                RebuildProgress.of(state, status.position(), head, 0),
                0,
                null,
                null);
    }

    private void registerGauges(String name) {
        gauge(
                "platform.rebuild.events.done",
                name,
                rebuild -> rebuild.progress().eventsDone());
        gauge(
                "platform.rebuild.events.total",
                name,
                rebuild -> rebuild.progress().eventsTotal());
        gauge(
                "platform.rebuild.events.per.second",
                name,
                rebuild -> rebuild.progress().eventsPerSecond());
        gauge("platform.rebuild.seconds.left", name, rebuild -> {
            Long left = rebuild.progress().secondsLeft();
            return left == null ? Double.NaN : left;
        });
        gauge("platform.rebuild.running", name, rebuild -> rebuild.running() ? 1 : 0);
    }

    private void gauge(String metric, String name, ToDoubleFunction<ShadowRebuild> value) {
        Gauge.builder(metric, shadows, all -> {
                    ShadowRebuild rebuild = all.get(name);
                    return rebuild == null || !rebuild.running() ? 0 : value.applyAsDouble(rebuild);
                })
                .tag("projection", name)
                .register(meters);
    }

    private EventProcessingConfiguration processing() {
        return axon.getObject().eventProcessingConfiguration();
    }

    @Override
    public void destroy() {
        watcher.shutdownNow();
        for (ShadowRebuild rebuild : shadows.values()) {
            if (rebuild.running() && rebuild.processor() != null) {
                rebuild.processor().shutDown();
            }
        }
    }
}

package io.panicboard.slo;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * SLO settings ({@code panicboard.slo.*}).
 *
 * @param rollupWindow how many closed minutes each rollup run recomputes; data arriving
 * later than this after its minute closed is not counted
 * @param rollupCron when the rollup runs (after memory's gc minute rollup)
 * @param minuteRetention how long minute rollups and heartbeats are kept (longer than the
 * longest window, 31 days, because a window's first partial hour is read from minutes)
 * @param hourRetention how long hour rollups are kept
 * @param retentionCron when expired rollups are deleted
 * @param minBadEvents the minimum-traffic guard: a burn-rate condition fires only when
 * its long window holds at least this many bad events, so a single crash, slow GC cycle
 * or late incident never pages on its own
 * @param evaluationDelay how far behind the clock SLOs are evaluated, so that the minutes
 * they read have been rolled up: at 10:00:xx the last minute counted is 09:58
 * @param refreshInterval how often the SLO metrics and statuses are recomputed
 */
@ConfigurationProperties("panicboard.slo")
@Validated
record SloProperties(@DefaultValue("10m") @NotNull Duration rollupWindow,
		@DefaultValue("40 * * * * *") @NotNull String rollupCron,
		@DefaultValue("35d") @NotNull Duration minuteRetention, @DefaultValue("400d") @NotNull Duration hourRetention,
		@DefaultValue("0 23 3 * * *") @NotNull String retentionCron, @DefaultValue("2") @Positive int minBadEvents,
		@DefaultValue("1m") @NotNull Duration evaluationDelay, @DefaultValue("60s") @NotNull Duration refreshInterval) {

}

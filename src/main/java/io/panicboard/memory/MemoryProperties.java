package io.panicboard.memory;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Memory settings ({@code panicboard.memory.*}).
 *
 * @param gcCycleRetention how long gc cycles are kept; whole daily partitions entirely
 * older than this are dropped
 * @param partitionsAhead how many daily partitions (gc cycles, memory samples, GC pauses)
 * to create after today's
 * @param maintenanceCron when the partition maintenance runs (it also runs at startup)
 * @param memorySampleRetention how long expvar memory samples and the GC pauses derived
 * from them are kept (whole daily partitions)
 * @param gcMinuteRetention how long the minute rollups ({@code gc_minute}) are kept
 * @param rollupWindow how far back a rollup run looks: GC pauses arriving later than this
 * after their minute closed are not rolled up (see {@link GcMinuteRollup} for which
 * minutes of the window a run recomputes)
 * @param rollupCron when the minute rollup runs
 * @param rollupRetentionCron when rollups past their retention are deleted
 */
@ConfigurationProperties("panicboard.memory")
@Validated
record MemoryProperties(@DefaultValue("30d") @NotNull Duration gcCycleRetention,
		@DefaultValue("7") @PositiveOrZero int partitionsAhead,
		@DefaultValue("0 9 * * * *") @NotNull String maintenanceCron,
		@DefaultValue("30d") @NotNull Duration memorySampleRetention,
		@DefaultValue("400d") @NotNull Duration gcMinuteRetention, @DefaultValue("10m") @NotNull Duration rollupWindow,
		@DefaultValue("20 * * * * *") @NotNull String rollupCron,
		@DefaultValue("0 17 3 * * *") @NotNull String rollupRetentionCron) {

}

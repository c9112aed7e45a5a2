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
 * @param partitionsAhead how many daily gc cycle partitions to create after today's
 * @param maintenanceCron when the partition maintenance runs (it also runs at startup)
 */
@ConfigurationProperties("panicboard.memory")
@Validated
record MemoryProperties(@DefaultValue("30d") @NotNull Duration gcCycleRetention,
		@DefaultValue("7") @PositiveOrZero int partitionsAhead,
		@DefaultValue("0 9 * * * *") @NotNull String maintenanceCron) {

}

package io.panicboard.incident;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Incident settings ({@code panicboard.incident.*}).
 *
 * @param occurrenceRetention how long occurrences are kept; whole monthly partitions
 * entirely older than this are dropped (incidents, counters and timelines stay)
 * @param partitionsAhead how many monthly occurrence partitions to create after the
 * current one
 * @param maintenanceCron when the partition maintenance runs (it also runs at startup)
 */
@ConfigurationProperties("panicboard.incident")
@Validated
record IncidentProperties(@DefaultValue("90d") @NotNull Duration occurrenceRetention,
		@DefaultValue("2") @PositiveOrZero int partitionsAhead,
		@DefaultValue("0 7 * * * *") @NotNull String maintenanceCron) {

}

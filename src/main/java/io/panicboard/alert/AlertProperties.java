package io.panicboard.alert;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Alerting settings ({@code panicboard.alerts.*}).
 *
 * @param occurrenceInterval how often occurrence conditions (any occurrence, new
 * fingerprint, regression) are evaluated
 * @param evaluationInterval how often windowed and metric conditions are evaluated
 * @param repeatInterval how often a firing alert is notified again
 * @param metricMaxAge memory figures older than this are ignored by metric conditions (a
 * service that stopped reporting does not keep an alert firing)
 * @param builtin the thresholds of the built-in rules, used when they are created
 */
@ConfigurationProperties("panicboard.alerts")
@Validated
record AlertProperties(@DefaultValue("1s") @NotNull Duration occurrenceInterval,
		@DefaultValue("15s") @NotNull Duration evaluationInterval, @DefaultValue("4h") @NotNull Duration repeatInterval,
		@DefaultValue("10m") @NotNull Duration metricMaxAge, @DefaultValue @Valid Builtin builtin) {

	/**
	 * Thresholds of the built-in rules ({@code panicboard.alerts.builtin.*}). They apply
	 * when a built-in rule is created on the first start; afterwards the rule is edited
	 * in the UI or the API.
	 *
	 * @param occurrenceWindow how long an occurrence alert stays firing after the last
	 * matching occurrence
	 * @param nilMapRateThreshold nil-map panics in the window that fire the rate rule
	 * @param nilMapRateWindow the window of the rate rule
	 * @param heapLimit heap live above which the heap rule fires
	 * @param heapFor how long the heap must stay above the limit
	 * @param goroutineLimit goroutines above which the goroutine rule fires
	 * @param goroutinesFor how long the goroutines must stay above the limit
	 */
	record Builtin(@DefaultValue("5m") @NotNull Duration occurrenceWindow,
			@DefaultValue("3") @Positive int nilMapRateThreshold,
			@DefaultValue("1h") @NotNull Duration nilMapRateWindow, @DefaultValue("512MB") @NotNull DataSize heapLimit,
			@DefaultValue("5m") @NotNull Duration heapFor, @DefaultValue("2000") @Positive int goroutineLimit,
			@DefaultValue("5m") @NotNull Duration goroutinesFor) {

	}

}

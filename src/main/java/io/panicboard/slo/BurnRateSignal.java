package io.panicboard.slo;

import java.util.Map;

/**
 * One multi-window burn-rate condition of one SLO, as the alert engine reads it: active
 * (firing) when both windows burn the budget faster than the factor and the long window
 * holds at least the minimum number of bad events.
 *
 * @param sloId the SLO's id
 * @param slo the SLO's name
 * @param service its service
 * @param environment its environment
 * @param tier {@code page} or {@code ticket}, stable, so a slower tier can be inhibited
 * by a faster one
 * @param severity {@code critical} for page, {@code warning} for ticket
 * @param longWindow the long window, e.g. {@code 1h}
 * @param shortWindow the short window, e.g. {@code 5m}
 * @param factor the burn rate both windows must exceed, scaled to the SLO's window
 * @param longBurnRate the long window's burn rate
 * @param shortBurnRate the short window's burn rate
 * @param longWindowBadEvents the long window's bad events
 * @param minBadEvents the minimum-traffic guard
 * @param firing whether the condition holds
 * @param labels {@code slo, service, environment, tier, severity, long_window,
 * short_window}: the alert's labels, the same as the Prometheus rule's
 */
public record BurnRateSignal(long sloId, String slo, String service, String environment, String tier, String severity,
		String longWindow, String shortWindow, double factor, double longBurnRate, double shortBurnRate,
		long longWindowBadEvents, int minBadEvents, boolean firing, Map<String, String> labels) {

}

package io.panicboard.incident;

import io.panicboard.system.LineChart;

/**
 * The heap of an out-of-memory incident's service in the 30 minutes before the shown
 * crash.
 *
 * @param chart heap live vs goal per minute, the crashed instance emphasised, the crash
 * as a dashed line
 * @param crashAt the crash time, as shown
 * @param instance the crashed instance, or {@code null}
 * @param empty whether no minute has GC data
 */
record OomTrend(LineChart chart, String crashAt, String instance, boolean empty) {

}

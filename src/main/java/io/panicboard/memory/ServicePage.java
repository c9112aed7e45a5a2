package io.panicboard.memory;

import java.util.List;

import io.panicboard.system.LineChart;

/**
 * Everything the service page shows.
 *
 * @param name the service
 * @param environment the environment shown
 * @param environments the service's environments, with links
 * @param knownEnvironment whether the environment shown has sent GC data, crashes or
 * deploys of the service
 * @param gcEnvironments the other environments of the service with GC data, with links
 * @param ranges the time ranges, with links
 * @param range the range shown, e.g. {@code 24h}
 * @param bucket the bucket size in words, e.g. {@code 10 min}
 * @param from the start of the range, as shown
 * @param to the end of the range, as shown
 * @param zone the zone times are shown in
 * @param hasData whether any minute of the range has GC data
 * @param everHadData whether the service's environment ever sent GC data (else the page
 * explains how)
 * @param heap heap live vs goal
 * @param pauses GC pause p50, p99 and max
 * @param gcCpu GC CPU percent
 * @param goroutines goroutines
 * @param crashes crashes in the range
 * @param deploys deploys in the range
 * @param gctraceExample a command that sends a service's gctrace lines
 * @param expvarExample a command that sends one expvar document
 */
record ServicePage(String name, String environment, List<Link> environments, boolean knownEnvironment,
		List<Link> gcEnvironments, List<Link> ranges, String range, String bucket, String from, String to, String zone,
		boolean hasData, boolean everHadData, LineChart heap, LineChart pauses, LineChart gcCpu, LineChart goroutines,
		long crashes, long deploys, String gctraceExample, String expvarExample) {

	/**
	 * A link of a selector.
	 *
	 * @param label its text
	 * @param url where it goes
	 * @param active whether it is the one shown
	 */
	record Link(String label, String url, boolean active) {

	}

}

package io.panicboard.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.panicboard.ingest.DemoPlan.GcProfile;
import io.panicboard.ingest.DemoPlan.PodRun;

/**
 * The {@code GODEBUG=gctrace=1} lines of a demo pod run, one sampled every 15 minutes, in
 * the format of Go 1.19 and later. A healthy heap saws between its live size and the goal
 * (twice the last live heap, GOGC=100), a little larger in the afternoon; a leaking
 * heap's live size climbs steadily until the goal passes the pod's memory limit.
 */
final class DemoGcLines {

	static final Duration SAMPLE = Duration.ofMinutes(15);

	private DemoGcLines() {
	}

	/**
	 * The lines of one run.
	 * @param run the pod run
	 * @param random the source of jitter
	 * @return the lines with the time each was written
	 */
	static List<Line> of(PodRun run, Random random) {
		GcProfile profile = run.profile();
		List<Line> lines = new ArrayList<>();
		long number = 1 + random.nextInt(profile.gcsPer15Minutes());
		double previousLive = profile.liveMb();
		for (Instant at = run.start().plus(Duration.ofSeconds(30 + random.nextInt(120))); at
			.isBefore(run.end()); at = at.plus(SAMPLE).plusSeconds(random.nextInt(20) - 10)) {
			double hours = Duration.between(run.start(), at).toSeconds() / 3600.0;
			double live = (profile.leakMbPerHour() > 0) ? profile.liveMb() + profile.leakMbPerHour() * hours
					: profile.liveMb() * (0.9 + 0.25 * afternoon(at));
			live *= 0.96 + 0.08 * random.nextDouble();
			double goal = Math.max(4, previousLive * 2);
			double before = goal * (0.93 + 0.07 * random.nextDouble());
			double after = before * (1.01 + 0.03 * random.nextDouble());
			double seconds = Duration.between(run.start(), at).toMillis() / 1000.0;
			lines.add(new Line(at, format(number, seconds, before, after, live, goal, profile, random)));
			previousLive = live;
			number += Math.max(1, profile.gcsPer15Minutes() + random.nextInt(11) - 5);
		}
		return lines;
	}

	private static String format(long number, double seconds, double before, double after, double live, double goal,
			GcProfile profile, Random random) {
		double markMs = live / 40 * (0.8 + 0.4 * random.nextDouble());
		int cpuPercent = (profile.leakMbPerHour() > 0) ? 2 + (int) (live / 160) : 1 + random.nextInt(3);
		return String.format(Locale.ROOT,
				"gc %d @%.3fs %d%%: %.3f+%.1f+%.3f ms clock, %.3f+%.2f/%.1f/%.1f+%.3f ms cpu, "
						+ "%d->%d->%d MB, %d MB goal, %d MB stacks, %d MB globals, %d P",
				number, seconds, cpuPercent, 0.015 + 0.02 * random.nextDouble(), markMs,
				0.004 + 0.03 * random.nextDouble(), 0.06 + 0.08 * random.nextDouble(), 0.05 + 0.4 * random.nextDouble(),
				markMs * 0.3, markMs * 1.6, 0.01 + 0.06 * random.nextDouble(), Math.round(before), Math.round(after),
				Math.round(live), Math.round(goal), 1 + random.nextInt(3), 1, 4);
	}

	/** 0 at night, 1 in the (UTC) afternoon. */
	private static double afternoon(Instant at) {
		double hour = at.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
		return 0.5 - 0.5 * Math.cos(2 * Math.PI * (hour - 3) / 24);
	}

	/**
	 * A gctrace line and when it was written.
	 *
	 * @param at when
	 * @param text the line
	 */
	record Line(Instant at, String text) {
	}

}

package io.panicboard.review;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.context.ApplicationContext;

/**
 * For the review benchmark: the time of each query of an all-services report (median of
 * some runs), to see where a report's time goes.
 */
public final class ReviewPhases {

	private ReviewPhases() {
	}

	public static String measure(ApplicationContext context, int runs) {
		ReviewQueries queries = context.getBean(ReviewQueries.class);
		WeeklyReports reports = context.getBean(WeeklyReports.class);
		ReportWeek week = ReportWeek.lastComplete(context.getBean(Clock.class).instant(), ZoneId.of("UTC"));
		ReportScope all = ReportScope.ALL;
		StringBuilder out = new StringBuilder("phases of an all-services report (median of " + runs + " runs):\n");
		out.append(time("lines (the week and the week before)", runs, () -> queries.lines(all, week)));
		out.append(time("crashes by kind, 8 weeks", runs, () -> queries.weeklyCrashesByKind(all, week.plus(-7), 8)));
		out.append(time("response times", runs, () -> queries.responseTimes(all, week)));
		out.append(time("whole report (no rendering)", runs, () -> reports.report(week, all)));
		return out.toString();
	}

	private static String time(String what, int runs, Supplier<?> call) {
		long[] nanos = new long[runs];
		for (int i = 0; i < runs; i++) {
			long t0 = System.nanoTime();
			call.get();
			nanos[i] = System.nanoTime() - t0;
		}
		java.util.Arrays.sort(nanos);
		return String.format(Locale.ROOT, "- %s: %.1f ms%n", what, nanos[runs / 2] / 1e6);
	}

}

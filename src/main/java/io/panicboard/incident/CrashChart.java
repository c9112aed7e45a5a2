package io.panicboard.incident;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

import io.panicboard.incident.DashboardQueries.DeployAt;
import io.panicboard.incident.DashboardQueries.KindHour;
import io.panicboard.system.StackedBarChart;
import io.panicboard.system.StackedBarChart.MarkerAt;
import io.panicboard.system.StackedBarChart.SeriesValues;

/**
 * The overview's crash chart: crashes per time bucket stacked by kind, with deploys as
 * markers (one per bucket), from the hourly rollups.
 */
final class CrashChart {

	/** Colours the chart has; beyond that, the smallest kinds share one series. */
	static final int MAX_SERIES = 8;

	private static final int MAX_NAMED_DEPLOYS = 12;

	private CrashChart() {
	}

	static StackedBarChart of(Range range, Instant now, ZoneId zone, List<KindHour> counts, List<DeployAt> deploys,
			String otherKinds, IntFunction<String> manyDeploys) {
		Instant start = range.start(now, zone);
		List<Instant> buckets = new ArrayList<>();
		for (int i = 0; i < range.buckets; i++) {
			buckets.add(start.plusSeconds(i * range.bucketSeconds));
		}
		Map<String, long[]> byKind = new LinkedHashMap<>();
		for (KindHour count : counts) {
			long index = (count.hour().getEpochSecond() - start.getEpochSecond()) / range.bucketSeconds;
			if (index >= 0 && index < range.buckets) {
				byKind.computeIfAbsent(count.kind(), (k) -> new long[range.buckets])[(int) index] += count.count();
			}
		}
		List<SeriesValues> series = new ArrayList<>();
		byKind.forEach((kind, values) -> series.add(new SeriesValues(kind, values)));
		series.sort(Comparator.comparingLong((SeriesValues s) -> -sum(s.values())).thenComparing(SeriesValues::name));
		if (series.size() > MAX_SERIES) {
			long[] other = new long[range.buckets];
			for (SeriesValues s : series.subList(MAX_SERIES - 1, series.size())) {
				for (int i = 0; i < other.length; i++) {
					other[i] += s.values()[i];
				}
			}
			series.subList(MAX_SERIES - 1, series.size()).clear();
			series.add(new SeriesValues(otherKinds, other));
		}
		return StackedBarChart.of(buckets, range.bucketSeconds, series, markers(range, start, deploys, manyDeploys),
				zone);
	}

	/**
	 * One marker per bucket with deploys: a single deploy is named after its service and
	 * version, several are counted and named in the tooltip.
	 */
	private static List<MarkerAt> markers(Range range, Instant start, List<DeployAt> deploys,
			IntFunction<String> manyDeploys) {
		Map<Long, List<DeployAt>> byBucket = new TreeMap<>();
		deploys.stream()
			.sorted(Comparator.comparing(DeployAt::at))
			.forEach((d) -> byBucket
				.computeIfAbsent((d.at().getEpochSecond() - start.getEpochSecond()) / range.bucketSeconds,
						(b) -> new ArrayList<>())
				.add(d));
		List<MarkerAt> markers = new ArrayList<>();
		for (List<DeployAt> inBucket : byBucket.values()) {
			List<String> names = inBucket.stream().map((d) -> d.service() + " " + d.version()).toList();
			String title = String.join(", ", names.subList(0, Math.min(names.size(), MAX_NAMED_DEPLOYS)))
					+ ((names.size() > MAX_NAMED_DEPLOYS) ? ", …" : "");
			String label = (names.size() == 1) ? names.get(0) : manyDeploys.apply(names.size());
			markers.add(new MarkerAt(inBucket.get(0).at(), label, title));
		}
		return markers;
	}

	private static long sum(long[] values) {
		long sum = 0;
		for (long v : values) {
			sum += v;
		}
		return sum;
	}

	/**
	 * The chart's time ranges: 24 hourly buckets, or 28 buckets of 6 hours (a week).
	 */
	enum Range {

		DAY("24h", 3_600, 24), WEEK("7d", 6 * 3_600, 28);

		private final String id;

		private final long bucketSeconds;

		private final int buckets;

		Range(String id, long bucketSeconds, int buckets) {
			this.id = id;
			this.bucketSeconds = bucketSeconds;
			this.buckets = buckets;
		}

		String id() {
			return this.id;
		}

		/**
		 * The first bucket: buckets are aligned to their length in the pages' zone
		 * (6-hour buckets start at 00, 06, 12 and 18 there; in a zone whose offset is not
		 * whole hours, at the whole hour before, as the hourly rollups count whole hours)
		 * and the last one holds the current time.
		 */
		Instant start(Instant now, ZoneId zone) {
			long offset = zone.getRules().getOffset(now).getTotalSeconds();
			offset -= offset % 3_600;
			long current = Math.floorDiv(now.getEpochSecond() + offset, this.bucketSeconds) * this.bucketSeconds
					- offset;
			return Instant.ofEpochSecond(current - (this.buckets - 1) * this.bucketSeconds);
		}

		Instant end(Instant now, ZoneId zone) {
			return start(now, zone).plusSeconds(this.buckets * this.bucketSeconds);
		}

		static Range of(String id) {
			return WEEK.id.equals(id) ? WEEK : DAY;
		}

	}

}

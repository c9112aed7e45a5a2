package io.panicboard.system;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The tooltip titles of a chart's buckets: each bucket's start in the chart's zone. When
 * daylight saving time ends the same local hour comes twice; the buckets whose text
 * another one has get the zone's name at their start ({@code 02:00 CEST},
 * {@code 02:00 CET}), or its offset where the zone has no name.
 */
final class BucketTitles {

	private BucketTitles() {
	}

	static List<String> of(List<Instant> bucketStarts, DateTimeFormatter format) {
		List<String> titles = new ArrayList<>(bucketStarts.size());
		for (Instant start : bucketStarts) {
			titles.add(format.format(start));
		}
		DateTimeFormatter zoneName = DateTimeFormatter.ofPattern("zzz", Locale.ROOT).withZone(format.getZone());
		Map<String, Integer> seen = new HashMap<>();
		for (String title : titles) {
			seen.merge(title, 1, Integer::sum);
		}
		List<String> named = new ArrayList<>(titles.size());
		for (int i = 0; i < titles.size(); i++) {
			String title = titles.get(i);
			named.add((seen.get(title) > 1) ? title + " " + zoneName.format(bucketStarts.get(i)) : title);
		}
		return List.copyOf(named);
	}

}

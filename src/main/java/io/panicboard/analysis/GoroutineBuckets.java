package io.panicboard.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collapses goroutines whose stacks are identical (same state, same functions at the same
 * file lines, same creator), as panicparse does, so a dump of thousands of goroutines
 * reads as a handful of buckets.
 */
final class GoroutineBuckets {

	private GoroutineBuckets() {
	}

	static List<GoroutineBucket> of(List<Goroutine> goroutines) {
		Map<String, List<Goroutine>> groups = new LinkedHashMap<>();
		for (Goroutine goroutine : goroutines) {
			groups.computeIfAbsent(key(goroutine), (k) -> new ArrayList<>()).add(goroutine);
		}
		List<GoroutineBucket> buckets = new ArrayList<>(groups.size());
		for (List<Goroutine> group : groups.values()) {
			Goroutine first = group.get(0);
			List<Long> ids = new ArrayList<>(group.size());
			for (Goroutine goroutine : group) {
				ids.add(goroutine.id());
			}
			buckets.add(new GoroutineBucket(first.state(), first.frames(), first.createdBy(), ids));
		}
		return buckets;
	}

	private static String key(Goroutine goroutine) {
		StringBuilder key = new StringBuilder(goroutine.state()).append('\n');
		for (Frame frame : goroutine.frames()) {
			key.append(frame.function()).append(' ').append(frame.file()).append(':').append(frame.line()).append('\n');
		}
		Frame creator = goroutine.createdBy();
		if (creator != null) {
			key.append("created by ").append(creator.function()).append(' ').append(creator.location());
		}
		return key.toString();
	}

}

package io.panicboard.incident;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.panicboard.incident.IncidentFilter.Sort;
import io.panicboard.incident.IncidentListQuery.Notice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IncidentListQueryTests {

	private static final Instant NOW = Instant.parse("2026-11-21T10:30:00Z");

	private static final ZoneId UTC = ZoneId.of("UTC");

	@Test
	void becomesTheFilterOfTheDatabaseRead() {
		IncidentListQuery query = IncidentListQuery.parse(" orders ", "production", "NIL_MAP_WRITE", "open", "critical",
				"7d", " (*Index).Add ", "count", "3");
		IncidentFilter filter = query.filter(NOW, 50);
		assertThat(filter.service()).isEqualTo("orders");
		assertThat(filter.kinds()).containsExactly("nil_map_write");
		assertThat(filter.statuses()).containsExactly("open");
		assertThat(filter.severities()).containsExactly("critical");
		assertThat(filter.since()).isEqualTo(Instant.parse("2026-11-14T10:30:00Z"));
		assertThat(filter.q()).isEqualTo("(*Index).Add");
		assertThat(filter.sort()).isEqualTo(Sort.COUNT);
		assertThat(filter.descending()).isTrue();
		assertThat(filter.page()).isEqualTo(2);
		assertThat(filter.size()).isEqualTo(50);
		assertThat(query.notices()).isEmpty();
		assertThat(query.filtered()).isTrue();
	}

	@Test
	void leavesOutWhatItDoesNotKnowAndSaysSo() {
		IncidentListQuery query = IncidentListQuery.parse(null, null, "gctrace", "closed", "urgent", "1y", null,
				"last_seen;DROP TABLE incident", "-1");
		assertThat(query.notices()).extracting(Notice::code)
			.containsExactly("incidents.notice.kind", "incidents.notice.status", "incidents.notice.severity",
					"incidents.notice.range", "incidents.notice.sort");
		assertThat(query.filtered()).isFalse();
		assertThat(query.sort()).isEqualTo(Sort.LAST_SEEN);
		assertThat(query.page()).isEqualTo(1);
		assertThat(query.url()).isEqualTo("/incidents");
	}

	@Test
	void shortensLongTextAndNoticeValues() {
		IncidentListQuery query = IncidentListQuery.parse(null, null, "x".repeat(500), null, null, null,
				"y".repeat(300), null, null);
		assertThat(query.q()).hasSize(IncidentListQuery.MAX_TEXT);
		assertThat(query.notices().get(0).value()).hasSize(81).endsWith("…");
		assertThat(query.notices().get(1)).isEqualTo(new Notice("incidents.notice.text", "200"));
	}

	@Test
	void linksKeepFiltersAndEncodeThem() {
		IncidentListQuery query = IncidentListQuery.parse("a&b", null, null, null, null, "24h", "100% map+x", null,
				"2");
		assertThat(query.url()).isEqualTo("/incidents?service=a%26b&range=24h&q=100%25+map%2Bx&page=2");
		assertThat(query.withPage(5).url()).endsWith("&page=5");
		assertThat(query.sortedBy("firstSeen"))
			.isEqualTo("/incidents?service=a%26b&range=24h&q=100%25+map%2Bx&sort=firstSeen");
		assertThat(query.clearedUrl()).isEqualTo("/incidents");
		assertThat(IncidentListQuery.parse(null, null, null, null, null, null, null, "count", "9").clearedUrl())
			.isEqualTo("/incidents?sort=count");
	}

	@Test
	void pagerLinksTheNeighboursAndTheEnds() {
		Pager middle = Pager.of(2, 50, 120, (n) -> "/p" + n);
		assertThat(middle).isEqualTo(new Pager(2, 3, 120, 51, 100, "/p1", "/p1", "/p3", "/p3"));
		assertThat(Pager.of(1, 50, 0, (n) -> "/p" + n)).isEqualTo(new Pager(1, 1, 0, 0, 0, null, null, null, null));
	}

	@Test
	void relativeTimesUseMinutesHoursThenDays() {
		assertThat(TimeAgo.of(NOW.minusSeconds(59), NOW, UTC).key()).isEqualTo("time.justNow");
		assertThat(TimeAgo.of(NOW.plusSeconds(90), NOW, UTC).key()).isEqualTo("time.justNow");
		assertThat(TimeAgo.of(NOW.minusSeconds(5 * 60 + 10), NOW, UTC))
			.isEqualTo(new TimeAgo("time.minutesAgo", 5, "2026-11-21T10:24:50Z", "2026-11-21 10:24:50 UTC"));
		assertThat(TimeAgo.of(NOW.minusSeconds(47 * 3600), NOW, UTC).amount()).isEqualTo(47);
		assertThat(TimeAgo.of(NOW.minusSeconds(49 * 3600), NOW, UTC)).extracting(TimeAgo::key, TimeAgo::amount)
			.containsExactly("time.daysAgo", 2L);
		assertThat(List.of(TimeAgo.of(null, NOW, UTC) == null)).containsExactly(true);
	}

	@Test
	void absoluteTimesAreInThePagesZone() {
		assertThat(TimeAgo.of(NOW.minusSeconds(5 * 60 + 10), NOW, ZoneId.of("Europe/Berlin")).absolute())
			.isEqualTo("2026-11-21 11:24:50 Europe/Berlin");
	}

}

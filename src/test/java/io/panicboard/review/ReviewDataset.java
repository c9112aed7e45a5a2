package io.panicboard.review;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.panicboard.incident.IncidentDecisions;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A hand-built dataset in Europe/Berlin around weeks 2026-W12 and 2026-W13 (summer time
 * starts on Sunday 2026-03-29, so W13 is 167 hours long) and 2026-W43/W44 (winter time on
 * Sunday 2026-10-25, W43 is 169 hours), written straight into the rollups and the
 * timeline with unique service and team names.
 * <p>
 * Team {@code team}: services {@code a} and {@code b}; team {@code otherTeam}: service
 * {@code c}; team {@code dstTeam}: service {@code d}.
 * <ul>
 * <li>i1 (a, production, nil_map_write, open since 03-10): 2 crashes at 03-22 22:00Z
 * (Sunday 23:00 CET, W12) and 4 at 03-20 10:00Z (W12); 5 at 03-22 23:00Z (Monday 00:00
 * CET, W13) and 3 at 03-29 21:00Z (Sunday 23:00 CEST, W13); 7 at 03-29 22:00Z (Monday
 * 00:00 CEST, W14). Instances i-1 and i-2 overlap W13, i-3 does not.</li>
 * <li>i2 (a, production, concurrent_map_writes, culprit {@code a/orders.(*Book).Add}):
 * first seen 03-24 10:00Z, 10 crashes then; acknowledged 2 h later, resolved 24 h after
 * first seen; four instances.</li>
 * <li>i3 (a, staging, data_race on a map, the same function): first seen 03-05,
 * open.</li>
 * <li>i8 (b, staging, data_race on a map, the same function): first seen 02-20, resolved
 * 02-21; i9 (c, staging, the same): first seen 03-01, open. Races of other services,
 * which say nothing about a's crashes.</li>
 * <li>i4 (b, production, nil_pointer_dereference): first seen 03-16 08:00Z with 3
 * crashes, resolved 03-17 08:00Z, regression 03-27 09:00Z with 1 crash, acknowledged
 * 03-27 10:00Z; tech debt of bob, due 2026-03-27.</li>
 * <li>i5 (c, production, out_of_memory): 100 crashes in W13.</li>
 * <li>i6 (a, production, user_panic, resolved in February): won't fix.</li>
 * <li>i7 (d, production, nil_map_write): 2 crashes at 10-25 22:00Z (Sunday 23:00 CET,
 * W43), 3 at 10-25 23:00Z (Monday 00:00 CET, W44), 1 at 10-18 21:00Z (Sunday 23:00 CEST,
 * W42).</li>
 * </ul>
 */
final class ReviewDataset {

	final String id = UUID.randomUUID().toString().substring(0, 8);

	final String team = "team-" + this.id;

	final String otherTeam = "other-" + this.id;

	final String dstTeam = "dst-" + this.id;

	final String a = "a-" + this.id;

	final String b = "b-" + this.id;

	final String c = "c-" + this.id;

	final String d = "d-" + this.id;

	/** A service of its own for the week still running (2026-W45). */
	final String e = "e-" + this.id;

	long i1;

	long i2;

	long i3;

	long i4;

	long i5;

	long i6;

	long i7;

	long i8;

	long i9;

	private final JdbcClient jdbc;

	ReviewDataset(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ReviewDataset create(IncidentDecisions decisions) {
		service(this.a, this.team);
		service(this.b, this.team);
		service(this.c, this.otherTeam);
		service(this.d, this.dstTeam);
		this.i1 = incident(this.a, "production", "panic", "nil_map_write", "a/cache.(*Cache).Put", "cache.go", false,
				"nil_map_write in a/cache.(*Cache).Put <b>bold</b>", "2026-03-10T00:00:00Z", "open");
		crashes(this.i1, this.a, "production", "nil_map_write", "2026-03-20T10:00:00Z", 4);
		crashes(this.i1, this.a, "production", "nil_map_write", "2026-03-22T22:00:00Z", 2);
		crashes(this.i1, this.a, "production", "nil_map_write", "2026-03-22T23:00:00Z", 5);
		crashes(this.i1, this.a, "production", "nil_map_write", "2026-03-29T21:00:00Z", 3);
		crashes(this.i1, this.a, "production", "nil_map_write", "2026-03-29T22:00:00Z", 7);
		instance(this.i1, "i-1", "2026-03-10T00:00:00Z", "2026-03-29T21:00:00Z");
		instance(this.i1, "i-2", "2026-03-23T00:00:00Z", "2026-03-24T00:00:00Z");
		instance(this.i1, "i-3", "2026-03-01T00:00:00Z", "2026-03-15T00:00:00Z");

		this.i2 = incident(this.a, "production", "fatal", "concurrent_map_writes", "a/orders.(*Book).Add", "book.go",
				true, "concurrent_map_writes in a/orders.(*Book).Add | `x`", "2026-03-24T10:00:00Z", "resolved");
		crashes(this.i2, this.a, "production", "concurrent_map_writes", "2026-03-24T10:00:00Z", 10);
		for (int n = 1; n <= 4; n++) {
			instance(this.i2, "i-" + n, "2026-03-24T10:00:00Z", "2026-03-24T10:30:00Z");
		}
		timeline(this.i2, "2026-03-24T12:00:00Z", "acknowledged");
		timeline(this.i2, "2026-03-25T10:00:00Z", "resolved");

		this.i3 = incident(this.a, "staging", "race", "data_race", "a/orders.(*Book).Add", "book.go", true,
				"data_race in a/orders.(*Book).Add", "2026-03-05T00:00:00Z", "open");
		this.i8 = incident(this.b, "staging", "race", "data_race", "a/orders.(*Book).Add", "book.go", true,
				"data_race in a/orders.(*Book).Add", "2026-02-20T00:00:00Z", "resolved");
		timeline(this.i8, "2026-02-21T00:00:00Z", "resolved");
		this.i9 = incident(this.c, "staging", "race", "data_race", "a/orders.(*Book).Add", "book.go", true,
				"data_race in a/orders.(*Book).Add", "2026-03-01T00:00:00Z", "open");

		this.i4 = incident(this.b, "production", "panic", "nil_pointer_dereference", "b/api.Handler", "api.go", false,
				"nil_pointer_dereference in b/api.Handler", "2026-03-16T08:00:00Z", "open");
		crashes(this.i4, this.b, "production", "nil_pointer_dereference", "2026-03-16T08:00:00Z", 3);
		timeline(this.i4, "2026-03-17T08:00:00Z", "resolved");
		crashes(this.i4, this.b, "production", "nil_pointer_dereference", "2026-03-27T09:00:00Z", 1);
		timeline(this.i4, "2026-03-27T09:00:00Z", "regression");
		timeline(this.i4, "2026-03-27T10:00:00Z", "acknowledged");

		this.i5 = incident(this.c, "production", "fatal", "out_of_memory", null, null, false, "out_of_memory",
				"2026-03-01T00:00:00Z", "open");
		crashes(this.i5, this.c, "production", "out_of_memory", "2026-03-25T00:00:00Z", 100);

		this.i6 = incident(this.a, "production", "panic", "user_panic", "a/lib.Do", "lib.go", false,
				"user_panic in a/lib.Do", "2026-02-01T00:00:00Z", "resolved");
		timeline(this.i6, "2026-02-02T00:00:00Z", "resolved");

		this.i7 = incident(this.d, "production", "panic", "nil_map_write", "d/x.F", "x.go", true,
				"nil_map_write in d/x.F", "2026-10-18T21:00:00Z", "open");
		crashes(this.i7, this.d, "production", "nil_map_write", "2026-10-18T21:00:00Z", 1);
		crashes(this.i7, this.d, "production", "nil_map_write", "2026-10-25T22:00:00Z", 2);
		crashes(this.i7, this.d, "production", "nil_map_write", "2026-10-25T23:00:00Z", 3);

		decisions.markTechDebt(this.i4, "carol", "bob", LocalDate.parse("2026-03-27"), "https://tickets.example/T-1");
		decisions.markWontFix(this.i6, "carol", "third-party | `lib`\nnot ours");
		return this;
	}

	/**
	 * Two open incidents of service {@link #e} first seen in the week still running
	 * (2026-W45: Monday and Tuesday 10:00 UTC), both tech debt: one due on Wednesday, one
	 * on Saturday.
	 * @param decisions where the decisions are recorded
	 * @return their ids, Monday's first
	 */
	long[] createCurrentWeek(IncidentDecisions decisions) {
		service(this.e, "current-" + this.id);
		long monday = incident(this.e, "production", "panic", "nil_map_write", "e/x.F", "x.go", true,
				"nil_map_write in e/x.F", "2026-11-02T10:00:00Z", "open");
		long tuesday = incident(this.e, "production", "panic", "nil_map_write", "e/x.G", "x.go", true,
				"nil_map_write in e/x.G", "2026-11-03T10:00:00Z", "open");
		decisions.markTechDebt(monday, "carol", "bob", LocalDate.parse("2026-11-07"), null);
		decisions.markTechDebt(tuesday, "carol", "bob", LocalDate.parse("2026-11-04"), null);
		return new long[] { monday, tuesday };
	}

	/**
	 * A service of its own with one incident first seen in the week still running at
	 * 2026-11-05 10:03 UTC, three minutes after the tests' clock (an event's time may be
	 * up to 5 minutes ahead of the time it is received), acknowledged at 09:59:30.
	 * @return the service
	 */
	String createAheadOfTheClock() {
		String service = "ahead-" + this.id;
		service(service, "ahead-" + this.id);
		long id = incident(service, "production", "panic", "nil_map_write", "f/x.F", "x.go", true,
				"nil_map_write in f/x.F", "2026-11-05T10:03:00Z", "acknowledged");
		timeline(id, "2026-11-05T09:59:30Z", "acknowledged");
		return service;
	}

	/**
	 * A team of its own with one service and one incident of a title, with one crash in
	 * 2026-W13.
	 * @param title the incident's title
	 * @return the team
	 */
	String createTitled(String title) {
		String team = "titled-" + UUID.randomUUID().toString().substring(0, 8);
		String service = "s-" + team;
		service(service, team);
		long id = incident(service, "production", "panic", "user_panic", "t/x.F", "x.go", false, title,
				"2026-03-24T10:00:00Z", "open");
		crashes(id, service, "production", "user_panic", "2026-03-24T10:00:00Z", 1);
		return team;
	}

	private void service(String name, String team) {
		this.jdbc.sql("INSERT INTO service (name, team) VALUES (?, ?)").params(name, team).update();
	}

	private long incident(String service, String environment, String type, String kind, String function, String file,
			boolean mapRelated, String title, String firstSeen, String status) {
		long id = this.jdbc.sql("""
				INSERT INTO incident (service, environment, fingerprint, type, kind, severity, status, title,
					culprit_function, culprit_file, map_related, first_seen, last_seen)
				VALUES (?, ?, ?, ?, ?, 'high', ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz) RETURNING id""")
			.params(service, environment, UUID.randomUUID().toString(), type, kind, status, title, function, file,
					mapRelated, firstSeen, firstSeen)
			.query(Long.class)
			.single();
		timeline(id, firstSeen, "first_seen");
		return id;
	}

	private void crashes(long incident, String service, String environment, String kind, String hour, long count) {
		this.jdbc.sql("INSERT INTO incident_hourly (incident_id, hour, count) VALUES (?, ?::timestamptz, ?)")
			.params(incident, hour, count)
			.update();
		this.jdbc
			.sql("""
					INSERT INTO crash_hourly (service, environment, kind, hour, count) VALUES (?, ?, ?, ?::timestamptz, ?)
					ON CONFLICT (service, environment, kind, hour) DO UPDATE SET count = crash_hourly.count + EXCLUDED.count""")
			.params(service, environment, kind, hour, count)
			.update();
		this.jdbc
			.sql("UPDATE incident SET last_seen = greatest(last_seen, ?::timestamptz), event_count = event_count + ? "
					+ "WHERE id = ?")
			.params(hour, count, incident)
			.update();
	}

	private void instance(long incident, String instance, String first, String last) {
		this.jdbc.sql("""
				INSERT INTO incident_version_instance (incident_id, version, instance, count, first_seen, last_seen)
				VALUES (?, '', ?, 1, ?::timestamptz, ?::timestamptz)""")
			.params(incident, instance, first, last)
			.update();
	}

	private void timeline(long incident, String at, String type) {
		this.jdbc.sql("INSERT INTO timeline_entry (incident_id, at, type, actor) VALUES (?, ?::timestamptz, ?, ?)")
			.params(incident, at, type, type.equals("first_seen") || type.equals("regression") ? null : "dave")
			.update();
	}

	static Instant at(String iso) {
		return Instant.parse(iso);
	}

}

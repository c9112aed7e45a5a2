package io.panicboard.slo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.panicboard.PanicboardApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SLO evaluation benchmark ({@code ./mvnw -o test-compile exec:exec -Pslos}): seeds 50
 * services with 4 instances each over 31 days into the SLO rollups (an observed
 * instance-minute for every instance and minute, crashes in about one minute in 200, a GC
 * minute per service and minute, 40 incidents per service) and one SLO of each indicator
 * per service (200 SLOs), then times evaluating all of them (budget plus the seven
 * burn-rate windows each, as the metrics refresh does) at a clock reading that is not on
 * an hour. See {@code docs/benchmarks.md}.
 */
public final class SloBenchmark {

	private SloBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int services = Integer.getInteger("slos.services", 50);
		int runs = Integer.getInteger("slos.runs", 20);
		Path data = Files.createTempDirectory("panicboard-slos");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PanicboardApplication.class)
			.properties("server.port=0", "panicboard.data-dir=" + data, "logging.level.root=warn",
					"spring.task.scheduling.enabled=false", "panicboard.slo.refresh-interval=1000d",
					"panicboard.slo.rollup-cron=-", "panicboard.memory.rollup-cron=-")
			.run()) {
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			SloStore store = app.getBean(SloStore.class);
			SloRollup rollup = app.getBean(SloRollup.class);
			SloEvaluator evaluator = app.getBean(SloEvaluator.class);
			Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(17 * 60 + 30);
			Instant from = now.minus(Duration.ofDays(31)).truncatedTo(ChronoUnit.HOURS);
			long seedStart = System.nanoTime();
			seed(jdbc, services, from, now);
			rollup.rollUp(from, now.truncatedTo(ChronoUnit.MINUTES));
			jdbc.sql("ANALYZE").update();
			for (int s = 0; s < services; s++) {
				createSlos(store, "bench-" + s, now);
			}
			double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
			List<Slo> slos = store.all().stream().filter((slo) -> slo.service().startsWith("bench-")).toList();
			long rows = jdbc.sql("SELECT count(*) FROM slo_instance_minute").query(Long.class).single();
			for (int i = 0; i < 3; i++) {
				evaluateAll(evaluator, slos, now);
			}
			List<Double> millis = new ArrayList<>();
			int firing = 0;
			for (int i = 0; i < runs; i++) {
				long start = System.nanoTime();
				List<SloStatus> statuses = evaluateAll(evaluator, slos, now);
				millis.add((System.nanoTime() - start) / 1e6);
				firing = (int) statuses.stream().filter((st) -> st.state() != SloStatus.State.HEALTHY).count();
			}
			millis.sort(Double::compare);
			System.out.printf(Locale.ROOT,
					"%nSLO benchmark: %d SLOs of %d services, %,d instance-minute rows, seeded in %.1f s%n"
							+ "evaluate all SLOs (%d runs after 3 warm-up): min %.0f ms, median %.0f ms, max %.0f ms; "
							+ "%d SLOs not healthy%nload average: %s%n",
					slos.size(), services, rows, seedSeconds, runs, millis.get(0), millis.get(millis.size() / 2),
					millis.get(millis.size() - 1), firing, Files.readString(Path.of("/proc/loadavg")).strip());
		}
	}

	private static List<SloStatus> evaluateAll(SloEvaluator evaluator, List<Slo> slos, Instant now) {
		List<SloStatus> statuses = new ArrayList<>();
		for (Slo slo : slos) {
			statuses.add(evaluator.evaluate(slo, now));
		}
		return statuses;
	}

	private static void seed(JdbcClient jdbc, int services, Instant from, Instant to) {
		jdbc.sql("""
				INSERT INTO slo_instance_minute (service, environment, instance, minute, crash_kinds)
				SELECT 'bench-' || s, 'production', 'pod-' || i, m,
					CASE WHEN random() < 0.005 THEN '{nil_map_write}'::text[] ELSE '{}'::text[] END
				FROM generate_series(0, ? - 1) s, generate_series(1, 4) i,
					generate_series(?::timestamptz, ?::timestamptz - interval '1 minute', interval '1 minute') m""")
			.params(services, from.toString(), to.truncatedTo(ChronoUnit.MINUTES).toString())
			.update();
		jdbc.sql("""
				INSERT INTO slo_crash_minute (service, environment, kind, minute, count)
				SELECT service, environment, 'nil_map_write', minute, count(*) FROM slo_instance_minute
				WHERE crash_kinds <> '{}' GROUP BY 1, 2, 3, 4""").update();
		jdbc.sql("""
				INSERT INTO slo_gc_minute (service, environment, minute, cycles, within)
				SELECT 'bench-' || s, 'production', m, 40,
					ARRAY[0, 0, 1, 3, 8, 20, 30, 38, 39, 40, 40, 40, 40]::bigint[]
				FROM generate_series(0, ? - 1) s,
					generate_series(?::timestamptz, ?::timestamptz - interval '1 minute', interval '1 minute') m""")
			.params(services, from.toString(), to.truncatedTo(ChronoUnit.MINUTES).toString())
			.update();
		jdbc.sql(
				"""
						INSERT INTO incident (service, environment, fingerprint, type, kind, severity, status, title,
							first_seen, last_seen, resolved_at)
						SELECT 'bench-' || s, 'production', 'f' || s || '-' || n, 'panic', 'nil_map_write', 'critical',
							CASE WHEN n % 5 = 0 THEN 'open' ELSE 'resolved' END, 't',
							?::timestamptz + n * interval '18 hours', ?::timestamptz + n * interval '18 hours',
							CASE WHEN n % 5 = 0 THEN NULL ELSE ?::timestamptz + n * interval '18 hours' + (n % 7) * interval '1 hour' END
						FROM generate_series(0, ? - 1) s, generate_series(1, 40) n""")
			.params(from.toString(), from.toString(), from.toString(), services)
			.update();
	}

	private static void createSlos(SloStore store, String service, Instant now) {
		List<String> kinds = SloDocuments.MEMORY_SAFETY;
		store.create(
				new Slo(null, service + "-crashes", null, service, "production", Indicator.CRASH_BUDGET, kinds, 500,
						null, null, null, null, SloWindow.rolling(30), BudgetingMethod.OCCURRENCES, null, null, null),
				now, "bench");
		store.create(new Slo(null, service + "-crash-free", null, service, "production", Indicator.CRASH_FREE_TIME,
				kinds, null, null, null, null, 0.999, SloWindow.rolling(30), BudgetingMethod.TIMESLICES, null, null,
				null), now, "bench");
		store.create(
				new Slo(null, service + "-gc", null, service, "production", Indicator.GC_PAUSE, List.of(), null, 0.01,
						null, null, 0.99, SloWindow.rolling(28), BudgetingMethod.OCCURRENCES, null, null, null),
				now, "bench");
		store.create(new Slo(null, service + "-resolve", null, service, "production", Indicator.TIME_TO_RESOLVE,
				List.of(), null, null, "critical", Duration.ofHours(4), 0.95, SloWindow.CALENDAR_MONTH,
				BudgetingMethod.OCCURRENCES, null, null, null), now, "bench");
	}

}

package io.panicboard.memory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

import io.panicboard.memory.GcRollupQueries.CrashMarks;
import io.panicboard.memory.GcRollupQueries.Crashes;
import io.panicboard.memory.GcRollupQueries.Deploy;
import io.panicboard.memory.GcRollupQueries.DeployMarks;
import io.panicboard.memory.GcRollupQueries.GcBucket;
import io.panicboard.memory.ServicePage.Link;
import io.panicboard.system.LineChart;
import io.panicboard.system.LineChart.MarkerAt;
import io.panicboard.system.LineChart.SeriesValues;
import io.panicboard.system.LineChart.TickAt;
import io.panicboard.system.LineChart.Unit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Assembles the service page: the minute rollups of the range in buckets, as four line
 * charts sharing one time axis with the crashes (by kind) and deploys of the range.
 */
@Component
class ServicePages {

	private static final String DEFAULT_ENVIRONMENT = "production";

	private static final String GCTRACE_EXAMPLE = """
			GODEBUG=gctrace=1 ./your-service 2>&1 >/dev/null | \\
			  curl -sS -X POST -T - -H "Authorization: Bearer $PANICBOARD_TOKEN" \\
			  "%s&instance=$(hostname)\"""";

	private static final String EXPVAR_EXAMPLE = """
			while sleep 15; do
			  curl -s http://localhost:6060/debug/vars | \\
			  curl -sS -X POST --data-binary @- -H "Content-Type: application/json" \\
			    -H "Authorization: Bearer $PANICBOARD_TOKEN" "%s&instance=$(hostname)"
			done""";

	private final GcRollupQueries queries;

	private final MessageSource messages;

	private final Clock clock;

	private final ZoneId zone;

	private final DateTimeFormatter display;

	ServicePages(GcRollupQueries queries, MessageSource messages, Clock clock,
			@Value("${panicboard.pages.zone:UTC}") ZoneId zone) {
		this.queries = queries;
		this.messages = messages;
		this.clock = clock;
		this.zone = zone;
		this.display = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(zone);
	}

	/**
	 * The page of a service.
	 * @param name the service
	 * @param rangeKey {@code 1h}, {@code 24h}, {@code 7d} or {@code 30d} (else 24 h)
	 * @param environmentParameter the environment, or {@code null} for production (or the
	 * first one)
	 * @param baseUrl where this panicboard is reached, for the examples
	 * @param locale for the texts
	 * @return the page, or empty when no such service is known
	 */
	Optional<ServicePage> page(String name, String rangeKey, String environmentParameter, String baseUrl,
			Locale locale) {
		if (!this.queries.known(name)) {
			return Optional.empty();
		}
		ServiceRange range = ServiceRange.of(rangeKey);
		List<String> environments = this.queries.environments(name);
		String environment = environment(environmentParameter, environments);
		long bucketSeconds = range.bucket().toSeconds();
		long now = this.clock.instant().getEpochSecond();
		Instant to = Instant.ofEpochSecond(now - Math.floorMod(now, bucketSeconds) + bucketSeconds);
		Instant from = to.minus(range.span());
		List<Instant> starts = new ArrayList<>(range.buckets());
		for (int i = 0; i < range.buckets(); i++) {
			starts.add(from.plusSeconds(i * bucketSeconds));
		}
		List<GcBucket> buckets = this.queries.buckets(name, environment, from, to, bucketSeconds);
		CrashMarks crashes = (range == ServiceRange.HOUR) ? this.queries.recentCrashes(name, environment, from, to)
				: this.queries.hourlyCrashes(name, environment, from, to);
		DeployMarks deploys = this.queries.deploys(name, environment, from, to);
		List<MarkerAt> markers = markers(deploys.deploys(), locale);
		List<TickAt> ticks = ticks(crashes.groups(), from, locale);
		Chart chart = new Chart(starts, bucketSeconds, buckets, markers, ticks, locale);
		LineChart heap = chart.of(Unit.BYTES, new Series("service.heap.live", GcBucket::heapLive),
				new Series("service.heap.goal", GcBucket::heapGoal));
		LineChart pauses = chart.of(Unit.SECONDS, new Series("service.pause.p50", GcBucket::pauseP50),
				new Series("service.pause.p99", GcBucket::pauseP99),
				new Series("service.pause.max", GcBucket::pauseMax));
		LineChart cpu = chart.of(Unit.PERCENT, new Series("service.cpu.line", GcBucket::gcCpuPercent));
		LineChart goroutines = chart.of(Unit.COUNT, new Series("service.goroutines.line", GcBucket::goroutines));
		boolean hasData = !buckets.isEmpty();
		List<String> gcEnvironments = new ArrayList<>(this.queries.gcEnvironments(name));
		gcEnvironments.remove(environment);
		return Optional.of(new ServicePage(name, environment, environmentLinks(name, range, environment, environments),
				environments.contains(environment), environmentLinks(name, range, environment, gcEnvironments, 1),
				rangeLinks(name, range, environment, environments), range.key(), bucketText(range, locale),
				this.display.format(from), this.display.format(to), this.zone.getId(), hasData,
				hasData || this.queries.hasGcData(name, environment), heap, pauses, cpu, goroutines, crashes.total(),
				deploys.total(), example(GCTRACE_EXAMPLE, baseUrl, "/api/v1/logs", name, environment),
				example(EXPVAR_EXAMPLE, baseUrl, "/api/v1/metrics/expvar", name, environment)));
	}

	private static String example(String template, String baseUrl, String path, String name, String environment) {
		String url = UriComponentsBuilder.fromUriString(baseUrl)
			.path(path)
			.queryParam("service", "{service}")
			.queryParam("environment", "{environment}")
			.encode()
			.buildAndExpand(name, environment)
			.toUriString();
		return template.formatted(url);
	}

	/**
	 * The requested environment, else production, else the first. A requested one with
	 * NUL ({@code %00}), which no environment's name has and PostgreSQL's text cannot
	 * hold, counts as none.
	 */
	private static String environment(String requested, List<String> environments) {
		if (requested != null && !requested.isBlank() && requested.indexOf('\0') < 0) {
			return requested;
		}
		if (environments.isEmpty() || environments.contains(DEFAULT_ENVIRONMENT)) {
			return DEFAULT_ENVIRONMENT;
		}
		return environments.get(0);
	}

	private List<MarkerAt> markers(List<Deploy> deploys, Locale locale) {
		List<MarkerAt> markers = new ArrayList<>();
		for (Deploy deploy : deploys) {
			markers.add(new MarkerAt(deploy.at(), deploy.version(),
					text("service.deploy.title", locale, deploy.version(), this.display.format(deploy.at()))));
		}
		return markers;
	}

	/** One tick per crash group, coloured by kind (kinds sorted by name). */
	private List<TickAt> ticks(List<Crashes> crashes, Instant from, Locale locale) {
		List<String> kinds = new ArrayList<>(new TreeSet<>(crashes.stream().map(Crashes::kind).toList()));
		List<TickAt> ticks = new ArrayList<>();
		for (Crashes c : crashes) {
			Instant at = c.at().isBefore(from) ? from : c.at();
			ticks.add(new TickAt(at, kinds.indexOf(c.kind()), c.kind(), text("service.crash.title", locale,
					String.valueOf(c.count()), c.kind(), "#" + c.incidentId(), this.display.format(c.at()))));
		}
		return ticks;
	}

	/**
	 * The selector's links: there is something to choose when the service has more than
	 * one environment, or one that is not the environment shown.
	 */
	private List<Link> environmentLinks(String name, ServiceRange range, String environment,
			List<String> environments) {
		return environmentLinks(name, range, environment, environments, environments.contains(environment) ? 2 : 1);
	}

	private List<Link> environmentLinks(String name, ServiceRange range, String environment, List<String> environments,
			int atLeast) {
		List<Link> links = new ArrayList<>();
		if (environments.size() >= atLeast) {
			for (String e : environments) {
				links.add(new Link(e, url(name, range, e), e.equals(environment)));
			}
		}
		return links;
	}

	private List<Link> rangeLinks(String name, ServiceRange range, String environment, List<String> environments) {
		String linkedEnvironment = environment.equals(environment(null, environments)) ? null : environment;
		List<Link> links = new ArrayList<>();
		for (ServiceRange r : ServiceRange.values()) {
			links.add(new Link(r.key(), url(name, r, linkedEnvironment), r == range));
		}
		return links;
	}

	static String url(String name, ServiceRange range, String environment) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/services/{name}").queryParam("range", range.key());
		if (environment != null) {
			url.queryParam("environment", "{environment}");
			return url.encode().buildAndExpand(name, environment).toUriString();
		}
		return url.encode().buildAndExpand(name).toUriString();
	}

	private String bucketText(ServiceRange range, Locale locale) {
		long minutes = range.bucket().toMinutes();
		return (minutes < 60) ? text("service.bucket.minutes", locale, String.valueOf(minutes))
				: text("service.bucket.hours", locale, String.valueOf(minutes / 60));
	}

	private String text(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	/** A line: its name's message key and its value in a bucket. */
	private record Series(String key, ToDoubleFunction<GcBucket> value) {

	}

	/** What the four charts share: the time axis, the buckets and the markers. */
	private final class Chart {

		private final List<Instant> starts;

		private final long bucketSeconds;

		private final List<GcBucket> buckets;

		private final List<MarkerAt> markers;

		private final List<TickAt> ticks;

		private final Locale locale;

		Chart(List<Instant> starts, long bucketSeconds, List<GcBucket> buckets, List<MarkerAt> markers,
				List<TickAt> ticks, Locale locale) {
			this.starts = starts;
			this.bucketSeconds = bucketSeconds;
			this.buckets = buckets;
			this.markers = markers;
			this.ticks = ticks;
			this.locale = locale;
		}

		LineChart of(Unit unit, Series... series) {
			List<SeriesValues> lines = new ArrayList<>();
			Instant from = this.starts.get(0);
			for (Series s : series) {
				double[] values = new double[this.starts.size()];
				Arrays.fill(values, Double.NaN);
				for (GcBucket bucket : this.buckets) {
					int index = (int) ((bucket.start().getEpochSecond() - from.getEpochSecond()) / this.bucketSeconds);
					if (index >= 0 && index < values.length) {
						values[index] = s.value().applyAsDouble(bucket);
					}
				}
				lines.add(new SeriesValues(text(s.key(), this.locale), values));
			}
			return LineChart.of(this.starts, this.bucketSeconds, lines, unit, this.markers, this.ticks,
					ServicePages.this.zone);
		}

	}

}

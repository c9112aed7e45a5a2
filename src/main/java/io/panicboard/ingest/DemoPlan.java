package io.panicboard.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.panicboard.analysis.Kind;

import static java.util.Map.entry;

/**
 * The story the demo tells, as timed steps over the 14 days before now: four services in
 * production and staging, their releases, the crashes and race reports each version
 * produced, what responders did about them, and the gctrace lines of one pod per service.
 * <ul>
 * <li>orders: {@code concurrent map writes} trickle, resolved in v2.3.0 and back as a
 * regression in v2.4.0; a nil map write, acknowledged, assigned and noted; an index out
 * of range, resolved; a data race in the race-enabled staging build.</li>
 * <li>payments: v1.42.0 panics on every refund until it is rolled back 40 minutes later,
 * resolved in v1.42.1; a rare concurrent map read and write; a staging start-up panic
 * that is muted.</li>
 * <li>search: v0.19.0 leaks memory: the heap grows until each pod dies out of memory
 * about every 30 hours; a concurrent map iteration and write in both environments; a nil
 * pointer dereference.</li>
 * <li>gateway: a steady stream of nil map writes recovered by {@code net/http}, assigned;
 * a data race in staging since v3.8.0; a slice bounds panic.</li>
 * </ul>
 * The same {@code now} always gives the same plan.
 */
final class DemoPlan {

	static final Duration SPAN = Duration.ofDays(14);

	static final String PRODUCTION = "production";

	static final String STAGING = "staging";

	/**
	 * Every shipped trace ({@code demo/<name>.txt}) with the kind it must be classified
	 * as.
	 */
	static final Map<String, Kind> TRACES = Map.ofEntries(
			entry("orders/concurrent-map-writes", Kind.CONCURRENT_MAP_WRITES),
			entry("orders/nil-map-write", Kind.NIL_MAP_WRITE),
			entry("orders/index-out-of-range", Kind.INDEX_OUT_OF_RANGE), entry("orders/data-race", Kind.DATA_RACE),
			entry("payments/nil-map-write", Kind.NIL_MAP_WRITE),
			entry("payments/concurrent-map-read-write", Kind.CONCURRENT_MAP_READ_WRITE),
			entry("payments/user-panic", Kind.USER_PANIC), entry("search/out-of-memory", Kind.OUT_OF_MEMORY),
			entry("search/concurrent-map-iteration-write", Kind.CONCURRENT_MAP_ITERATION_WRITE),
			entry("search/nil-pointer-dereference", Kind.NIL_POINTER_DEREFERENCE),
			entry("gateway/nil-map-write", Kind.NIL_MAP_WRITE), entry("gateway/data-race", Kind.DATA_RACE),
			entry("gateway/slice-bounds", Kind.SLICE_BOUNDS));

	private static final String POD_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

	/** The live heap at which a leaking search pod's heap goal passes its 2 GiB limit. */
	private static final int LEAK_OOM_LIVE_MB = 950;

	private static final int LEAK_START_LIVE_MB = 280;

	private final Instant now;

	private final Instant start;

	private final Random random;

	private final List<Service> services = new ArrayList<>();

	private final List<Release> releases = new ArrayList<>();

	private final List<Crash> crashes = new ArrayList<>();

	private final List<Action> actions = new ArrayList<>();

	private final List<PodRun> gcRuns = new ArrayList<>();

	private DemoPlan(Instant now) {
		this.now = now.truncatedTo(ChronoUnit.MINUTES);
		this.start = start(now);
		this.random = new Random(20261121L);
	}

	/**
	 * The plan for a given now.
	 * @param now the current time
	 * @return the plan
	 */
	static DemoPlan of(Instant now) {
		DemoPlan plan = new DemoPlan(now);
		plan.orders();
		plan.payments();
		plan.search();
		plan.gateway();
		plan.crashes.sort(Comparator.comparing(Crash::at));
		plan.actions.sort(Comparator.comparing(Action::at));
		return plan;
	}

	/**
	 * Where the plan for a given now begins.
	 * @param now the current time
	 * @return the earliest time of the plan
	 */
	static Instant start(Instant now) {
		return now.truncatedTo(ChronoUnit.MINUTES).minus(SPAN);
	}

	Instant start() {
		return this.start;
	}

	List<Service> services() {
		return this.services;
	}

	/** The releases inside the plan's span: the deploy markers. */
	List<Release> deploys() {
		return this.releases.stream().filter((release) -> !release.at().isBefore(this.start)).toList();
	}

	List<Crash> crashes() {
		return this.crashes;
	}

	List<Action> actions() {
		return this.actions;
	}

	List<PodRun> gcRuns() {
		return this.gcRuns;
	}

	private void orders() {
		service("orders", "checkout");
		release("orders", PRODUCTION, "v2.2.0", day(-20, "10:00"));
		release("orders", PRODUCTION, "v2.2.1", day(-12, "14:10"));
		release("orders", PRODUCTION, "v2.3.0", day(-8, "10:30"));
		release("orders", PRODUCTION, "v2.4.0", day(-3, "15:00"));
		release("orders", STAGING, "v2.2.0", day(-21, "11:00"));
		release("orders", STAGING, "v2.2.1", day(-12, "11:00"));
		release("orders", STAGING, "v2.3.0", day(-9, "16:00"));
		release("orders", STAGING, "v2.4.0", day(-4, "11:20"));
		String writes = "orders/concurrent-map-writes";
		trickle(PRODUCTION, writes, this.start, day(-8, "10:25"), 5);
		act(day(-8, "11:05"), PRODUCTION, writes, ActionType.RESOLVE, "maria", "v2.3.0");
		trickle(PRODUCTION, writes, day(-3, "16:40"), this.now, 4);
		String cart = "orders/nil-map-write";
		trickle(PRODUCTION, cart, day(-6, "08:00"), this.now, 12);
		act(day(-5, "09:12"), PRODUCTION, cart, ActionType.ACKNOWLEDGE, "dan", null);
		act(day(-5, "09:13"), PRODUCTION, cart, ActionType.ASSIGN, "dan", "dan");
		act(day(-5, "09:20"), PRODUCTION, cart, ActionType.NOTE, "dan",
				"Carts restored from the session store come back with a nil items map. "
						+ "Fix (make the map in Restore) is in review.");
		String tiers = "orders/index-out-of-range";
		burst(PRODUCTION, tiers, day(-13, "07:40"), day(-12, "14:05"), 30);
		act(day(-12, "14:40"), PRODUCTION, tiers, ActionType.RESOLVE, "maria", "v2.2.1");
		trickle(STAGING, "orders/data-race", this.start, this.now, 4);
		healthyGc("orders", 90, 60);
	}

	private void payments() {
		service("payments", "payments");
		release("payments", PRODUCTION, "v1.41.2", day(-25, "10:00"));
		release("payments", PRODUCTION, "v1.41.3", day(-11, "11:00"));
		release("payments", PRODUCTION, "v1.42.0", day(-4, "09:10"));
		release("payments", PRODUCTION, "v1.41.3", day(-4, "09:51"));
		release("payments", PRODUCTION, "v1.42.1", day(-3, "16:20"));
		release("payments", STAGING, "v1.41.2", day(-26, "10:00"));
		release("payments", STAGING, "v1.41.3", day(-12, "15:00"));
		release("payments", STAGING, "v1.42.0", day(-5, "14:00"));
		release("payments", STAGING, "v1.42.1", day(-3, "13:00"));
		String refunds = "payments/nil-map-write";
		burst(PRODUCTION, refunds, day(-4, "09:12"), day(-4, "09:50"), 560);
		act(day(-4, "10:05"), PRODUCTION, refunds, ActionType.NOTE, "priya",
				"Rolled back to v1.41.3. Refunds created before the ledger migration have a nil meta map.");
		act(day(-3, "16:45"), PRODUCTION, refunds, ActionType.RESOLVE, "priya", "v1.42.1");
		trickle(PRODUCTION, "payments/concurrent-map-read-write", this.start, this.now, 3);
		String secret = "payments/user-panic";
		trickle(STAGING, secret, day(-6, "13:00"), this.now, 24);
		act(day(-5, "10:00"), STAGING, secret, ActionType.MUTE, "priya", null);
		act(day(-5, "10:02"), STAGING, secret, ActionType.NOTE, "priya",
				"Staging lost the webhook key in the secret rotation; the platform team restores it.");
		healthyGc("payments", 45, 30);
	}

	private void search() {
		service("search", "discovery");
		release("search", PRODUCTION, "v0.18.2", day(-30, "10:00"));
		release("search", PRODUCTION, "v0.18.3", day(-13, "16:00"));
		release("search", PRODUCTION, "v0.19.0", day(-7, "13:00"));
		release("search", STAGING, "v0.18.2", day(-31, "10:00"));
		release("search", STAGING, "v0.18.3", day(-13, "10:00"));
		release("search", STAGING, "v0.19.0", day(-8, "10:00"));
		String iteration = "search/concurrent-map-iteration-write";
		trickle(PRODUCTION, iteration, this.start, this.now, 2);
		trickle(STAGING, iteration, this.start, this.now, 1);
		trickle(PRODUCTION, "search/nil-pointer-dereference", day(-10, "06:00"), this.now, 1.5);
		Release leaking = this.releases.stream()
			.filter((release) -> release.service().equals("search") && release.version().equals("v0.19.0")
					&& release.environment().equals(PRODUCTION))
			.findFirst()
			.orElseThrow();
		List<Release> before = releases("search", PRODUCTION).stream()
			.filter((release) -> release.at().isBefore(leaking.at()))
			.toList();
		healthyGc(before, leaking.at(), 310, 40);
		List<String> pods = pods("search", PRODUCTION, leaking.version());
		for (int i = 0; i < pods.size(); i++) {
			leakingPod(pods.get(i), leaking.at().plus(Duration.ofMinutes(2L * i)), i < 2);
		}
	}

	private void gateway() {
		service("gateway", "platform");
		release("gateway", PRODUCTION, "v3.7.2", day(-30, "10:00"));
		release("gateway", PRODUCTION, "v3.8.0", day(-9, "10:00"));
		release("gateway", PRODUCTION, "v3.8.1", day(-2, "11:30"));
		release("gateway", STAGING, "v3.7.2", day(-31, "10:00"));
		release("gateway", STAGING, "v3.8.0", day(-10, "09:00"));
		release("gateway", STAGING, "v3.8.1", day(-2, "09:00"));
		String headers = "gateway/nil-map-write";
		trickle(PRODUCTION, headers, this.start, this.now, 90);
		act(day(-1, "10:20"), PRODUCTION, headers, ActionType.ASSIGN, "lee", "lee");
		trickle(STAGING, "gateway/data-race", day(-10, "09:30"), this.now, 3);
		trickle(PRODUCTION, "gateway/slice-bounds", day(-9, "10:00"), this.now, 1);
		healthyGc("gateway", 160, 120);
	}

	/**
	 * A search pod of the leaking version: it dies out of memory and restarts, again and
	 * again.
	 */
	private void leakingPod(String pod, Instant from, boolean gctrace) {
		Instant runStart = from;
		while (runStart.isBefore(this.now)) {
			double leakPerHour = 19 + this.random.nextDouble() * 6;
			Duration life = Duration.ofSeconds((long) ((LEAK_OOM_LIVE_MB - LEAK_START_LIVE_MB) / leakPerHour * 3600));
			Instant end = runStart.plus(life);
			boolean dies = end.isBefore(this.now);
			if (gctrace) {
				this.gcRuns.add(new PodRun("search", PRODUCTION, pod, runStart, dies ? end : this.now,
						new GcProfile(LEAK_START_LIVE_MB, 40, leakPerHour)));
			}
			if (dies) {
				this.crashes.add(new Crash(end, "search", PRODUCTION, "search/out-of-memory",
						versionAt("search", PRODUCTION, end), pod));
			}
			runStart = end.plusSeconds(20 + this.random.nextInt(40));
		}
	}

	private void healthyGc(String service, int liveMb, int gcsPer15Minutes) {
		healthyGc(releases(service, PRODUCTION), this.now, liveMb, gcsPer15Minutes);
	}

	/**
	 * The gctrace pod of each release runs from its release (or the start) to the next.
	 */
	private void healthyGc(List<Release> releases, Instant until, int liveMb, int gcsPer15Minutes) {
		for (int i = 0; i < releases.size(); i++) {
			Release release = releases.get(i);
			Instant from = release.at().isBefore(this.start) ? this.start : release.at();
			Instant to = (i + 1 < releases.size()) ? releases.get(i + 1).at() : until;
			if (from.isBefore(to)) {
				String pod = pods(release.service(), PRODUCTION, release.version()).get(0);
				this.gcRuns.add(new PodRun(release.service(), PRODUCTION, pod, from, to,
						new GcProfile(liveMb, gcsPer15Minutes, 0)));
			}
		}
	}

	/** A steady rate, busier in the (UTC) afternoon than at night. */
	private void trickle(String environment, String trace, Instant from, Instant to, double perDay) {
		long seconds = Duration.between(from, to).toSeconds();
		int count = (int) Math.max(1, Math.round(perDay * seconds / 86_400.0));
		add(environment, trace, from.plusSeconds(60 + this.random.nextInt(1200)));
		for (int i = 1; i < count; i++) {
			Instant at;
			do {
				at = from.plusSeconds((long) (this.random.nextDouble() * seconds));
			}
			while (this.random.nextDouble() > 0.4 + 0.6 * daytime(at));
			add(environment, trace, at);
		}
	}

	private void burst(String environment, String trace, Instant from, Instant to, int count) {
		long seconds = Duration.between(from, to).toSeconds();
		add(environment, trace, from.plusSeconds(5));
		for (int i = 1; i < count; i++) {
			add(environment, trace, from.plusSeconds((long) (this.random.nextDouble() * seconds)));
		}
	}

	private void add(String environment, String trace, Instant at) {
		String service = trace.substring(0, trace.indexOf('/'));
		String version = versionAt(service, environment, at);
		List<String> pods = pods(service, environment, version);
		this.crashes
			.add(new Crash(at, service, environment, trace, version, pods.get(this.random.nextInt(pods.size()))));
	}

	private void act(Instant at, String environment, String trace, ActionType type, String actor, String value) {
		String service = trace.substring(0, trace.indexOf('/'));
		Instant until = (type == ActionType.MUTE) ? this.now.plus(Duration.ofDays(3)) : null;
		this.actions.add(new Action(at, service, environment, trace, type, actor, value, until));
	}

	private void service(String name, String team) {
		this.services.add(new Service(name, team));
	}

	private void release(String service, String environment, String version, Instant at) {
		this.releases.add(new Release(service, environment, version, at));
	}

	private List<Release> releases(String service, String environment) {
		return this.releases.stream()
			.filter((release) -> release.service().equals(service) && release.environment().equals(environment))
			.sorted(Comparator.comparing(Release::at))
			.toList();
	}

	String versionAt(String service, String environment, Instant at) {
		String version = null;
		for (Release release : releases(service, environment)) {
			if (!release.at().isAfter(at)) {
				version = release.version();
			}
		}
		if (version == null) {
			throw new IllegalStateException("no release of " + service + " in " + environment + " at " + at);
		}
		return version;
	}

	/**
	 * Kubernetes-style pod names of a release: three in production, one in staging, the
	 * same for the same release (the same template hash).
	 */
	static List<String> pods(String service, String environment, String version) {
		Random names = new Random((service + "/" + environment + "/" + version).hashCode());
		String template = name(names, 9 + names.nextInt(2));
		int count = PRODUCTION.equals(environment) ? 3 : 1;
		List<String> pods = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			pods.add(service + "-" + template + "-" + name(names, 5));
		}
		return pods;
	}

	private static String name(Random random, int length) {
		StringBuilder name = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			name.append(POD_ALPHABET.charAt(random.nextInt(POD_ALPHABET.length())));
		}
		return name.toString();
	}

	private Instant day(int offset, String time) {
		return this.now.atOffset(ZoneOffset.UTC)
			.toLocalDate()
			.plusDays(offset)
			.atTime(LocalTime.parse(time))
			.toInstant(ZoneOffset.UTC);
	}

	/** 0 at 03:00 UTC, 1 at 15:00 UTC. */
	private static double daytime(Instant at) {
		double hour = at.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay() / 3600.0;
		return 0.5 - 0.5 * Math.cos(2 * Math.PI * (hour - 3) / 24);
	}

	/**
	 * A demo service.
	 *
	 * @param name the service name
	 * @param team the owning team
	 */
	record Service(String name, String team) {

		String module() {
			return "github.com/acme/" + this.name;
		}

		String sourceLinkTemplate() {
			return "https://git.example.com/acme/" + this.name + "/blob/{version}/{path}#L{line}";
		}

	}

	/**
	 * A version going live.
	 *
	 * @param service the service
	 * @param environment the environment
	 * @param version the version
	 * @param at when
	 */
	record Release(String service, String environment, String version, Instant at) {

		String url() {
			return "https://git.example.com/acme/" + this.service + "/releases/tag/" + this.version;
		}

	}

	/**
	 * A crash or race report of a shipped trace.
	 *
	 * @param at when it happened
	 * @param service the service
	 * @param environment the environment
	 * @param trace the trace's name under {@code demo/}
	 * @param version the version running then
	 * @param instance the pod
	 */
	record Crash(Instant at, String service, String environment, String trace, String version, String instance) {
	}

	/** What a responder did. */
	enum ActionType {

		ACKNOWLEDGE, ASSIGN, NOTE, RESOLVE, MUTE

	}

	/**
	 * A responder's action on the incident of a trace.
	 *
	 * @param at when
	 * @param service the service
	 * @param environment the environment
	 * @param trace the trace whose incident it concerns
	 * @param type what was done
	 * @param actor who did it
	 * @param value the assignee, the note's text or the resolved-in version
	 * @param until the end of a mute
	 */
	record Action(Instant at, String service, String environment, String trace, ActionType type, String actor,
			String value, Instant until) {
	}

	/**
	 * One run of a pod that writes gctrace lines, from its start to its end (a restart, a
	 * deploy or now).
	 *
	 * @param service the service
	 * @param environment the environment
	 * @param instance the pod
	 * @param start when the process started
	 * @param end when it ended
	 * @param profile how its heap behaves
	 */
	record PodRun(String service, String environment, String instance, Instant start, Instant end, GcProfile profile) {
	}

	/**
	 * How a pod's heap behaves.
	 *
	 * @param liveMb the live heap after start-up
	 * @param gcsPer15Minutes collections in 15 minutes
	 * @param leakMbPerHour how fast the live heap grows; 0 for a healthy pod
	 */
	record GcProfile(int liveMb, int gcsPer15Minutes, double leakMbPerHour) {
	}

}

package io.panicboard.alert;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a rule looks at. An empty or {@code null} list, and a {@code null}
 * {@code mapRelated}, match everything.
 *
 * @param services service names
 * @param environments environment names
 * @param kinds kinds ({@link io.panicboard.analysis.Kind#id()})
 * @param severities incident severities ({@link io.panicboard.analysis.Severity#id()})
 * @param mapRelated whether the finding must (or must not) be about a map
 */
public record RuleMatchers(List<String> services, List<String> environments, List<String> kinds,
		List<String> severities, Boolean mapRelated) {

	/** Matchers that match everything. */
	public static final RuleMatchers ANY = new RuleMatchers(List.of(), List.of(), List.of(), List.of(), null);

	public RuleMatchers {
		services = copy(services);
		environments = copy(environments);
		kinds = copy(kinds);
		severities = copy(severities);
	}

	/**
	 * Whether an incident (or a series) with these attributes matches.
	 * @param service the service
	 * @param environment the environment
	 * @param kind the kind, or {@code null} when the series has none (then kind matchers
	 * do not restrict)
	 * @param severity the severity, or {@code null} likewise
	 * @param map whether the finding is about a map, or {@code null} likewise
	 * @return whether every matcher matches
	 */
	public boolean matches(String service, String environment, String kind, String severity, Boolean map) {
		return in(this.services, service) && in(this.environments, environment) && in(this.kinds, kind)
				&& in(this.severities, severity)
				&& (this.mapRelated == null || map == null || this.mapRelated.equals(map));
	}

	private static boolean in(List<String> values, String value) {
		return values.isEmpty() || value == null || values.contains(value);
	}

	// a null entry survives for RuleValidation to name (List.copyOf would throw while the
	// body is read, before any field could be named)
	private static List<String> copy(List<String> values) {
		return (values != null) ? Collections.unmodifiableList(new ArrayList<>(values)) : List.of();
	}

}

package io.panicboard.slo;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.panicboard.analysis.Kind;
import io.panicboard.analysis.Severity;

/**
 * Converts SLOs to and from OpenSLO {@code v1} documents (maps, as a YAML or JSON library
 * reads and writes them). panicboard's indicators are not metric queries, so an
 * indicator's {@code spec} names its {@code type} and parameters; the rest are OpenSLO's
 * fields:
 *
 * <pre>
 * apiVersion: openslo/v1
 * kind: SLO
 * metadata:
 *   name: shop-crash-free
 * spec:
 *   description: Instances of shop run without memory-safety crashes
 *   service: shop
 *   indicator:
 *     metadata:
 *       name: crash-free-instance-time
 *     spec:
 *       type: crash_free_time        # crash_budget, crash_free_time, gc_pause, time_to_resolve
 *       environment: production
 *       kinds: [nil_map_write, concurrent_map_writes]
 *   timeWindow:
 *     - duration: 30d                # 7d, 28d, 30d; or 1M with isRolling: false (calendar month, UTC)
 *       isRolling: true
 *   budgetingMethod: Timeslices      # Timeslices for crash_free_time, else Occurrences
 *   objectives:
 *     - target: 0.999                # gc_pause and time_to_resolve also op: lte and value (seconds);
 *                                    # crash_budget only op: lte and value (crashes per window)
 * </pre>
 */
final class SloDocuments {

	static final String API_VERSION = "openslo/v1";

	static final Pattern SLO_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

	static final String DEFAULT_ENVIRONMENT = "production";

	/** The memory-safety family, the default kinds of crash indicators. */
	static final List<String> MEMORY_SAFETY = Arrays.stream(Kind.values())
		.filter((k) -> k.family().memorySafety())
		.map(Kind::id)
		.toList();

	private SloDocuments() {
	}

	/**
	 * The OpenSLO document of an SLO.
	 * @param slo the SLO
	 * @return the document, fields in OpenSLO's order
	 */
	static Map<String, Object> toDocument(Slo slo) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("apiVersion", API_VERSION);
		document.put("kind", "SLO");
		document.put("metadata", Map.of("name", slo.name()));
		Map<String, Object> spec = new LinkedHashMap<>();
		if (slo.description() != null) {
			spec.put("description", slo.description());
		}
		spec.put("service", slo.service());
		Map<String, Object> indicatorSpec = new LinkedHashMap<>();
		indicatorSpec.put("type", slo.indicator().id());
		indicatorSpec.put("environment", slo.environment());
		if (slo.indicator().usesKinds()) {
			indicatorSpec.put("kinds", List.copyOf(slo.kinds()));
		}
		if (slo.indicator() == Indicator.TIME_TO_RESOLVE) {
			indicatorSpec.put("severity", slo.severity());
		}
		Map<String, Object> indicator = new LinkedHashMap<>();
		indicator.put("metadata", Map.of("name", slo.indicator().id().replace('_', '-')));
		indicator.put("spec", indicatorSpec);
		spec.put("indicator", indicator);
		Map<String, Object> window = new LinkedHashMap<>();
		window.put("duration", slo.window().duration());
		window.put("isRolling", slo.window().rolling());
		if (!slo.window().rolling()) {
			window.put("calendar", new LinkedHashMap<>(Map.of("startTime", "2020-01-01 00:00:00", "timeZone", "UTC")));
		}
		spec.put("timeWindow", List.of(window));
		spec.put("budgetingMethod", slo.budgetingMethod().openSlo());
		Map<String, Object> objective = new LinkedHashMap<>();
		switch (slo.indicator()) {
			case CRASH_BUDGET -> {
				objective.put("op", "lte");
				objective.put("value", slo.maxCrashes());
			}
			case CRASH_FREE_TIME -> objective.put("target", decimal(slo.objective()));
			case GC_PAUSE -> {
				objective.put("target", decimal(slo.objective()));
				objective.put("op", "lte");
				objective.put("value", decimal(slo.pauseThresholdSeconds()));
			}
			case TIME_TO_RESOLVE -> {
				objective.put("target", decimal(slo.objective()));
				objective.put("op", "lte");
				objective.put("value", slo.resolveWithin().toSeconds());
			}
		}
		spec.put("objectives", List.of(objective));
		document.put("spec", spec);
		return document;
	}

	/**
	 * A fraction or a number of seconds as the documents write it: a plain decimal
	 * ({@code 0.00005}, not the {@code 5.0E-5} a {@code double} prints), with at least
	 * one decimal ({@code 1.0}) so that YAML reads it back as a float.
	 * @param value the value
	 * @return the decimal
	 */
	static BigDecimal decimal(double value) {
		BigDecimal decimal = BigDecimal.valueOf(value).stripTrailingZeros();
		return (decimal.scale() < 1) ? decimal.setScale(1) : decimal;
	}

	/**
	 * Reads an OpenSLO document.
	 * @param document the document as read by a YAML or JSON library
	 * @param prefix prepended to field paths (e.g. {@code [2].} for the third of several
	 * documents), or {@code ""}
	 * @return the SLO (without id) or every invalid field
	 */
	static Parsed fromDocument(Object document, String prefix) {
		Reader r = new Reader(prefix);
		Map<?, ?> root = r.map(document, "", true);
		if (root == null) {
			return r.done(null);
		}
		String apiVersion = r.string(root, "apiVersion", false, 64);
		if (apiVersion != null && !API_VERSION.equals(apiVersion)) {
			r.error("apiVersion", "must be " + API_VERSION);
		}
		String kind = r.string(root, "kind", true, 16);
		if (kind != null && !"SLO".equals(kind)) {
			r.error("kind", "must be SLO");
		}
		Map<?, ?> metadata = r.map(root.get("metadata"), "metadata", true);
		String name = (metadata != null) ? r.name(metadata, "metadata.name", SLO_NAME,
				"must be lower-case letters, digits and '-', 1 to 63, not starting or ending with '-'") : null;
		Map<?, ?> spec = r.map(root.get("spec"), "spec", true);
		if (spec == null) {
			return r.done(null);
		}
		String description = r.string(spec, "spec.description", false, 1024);
		String service = r.name(spec, "spec.service", NAME, "must match " + NAME.pattern());
		Map<?, ?> indicator = r.map(spec.get("indicator"), "spec.indicator", true);
		Map<?, ?> indicatorSpec = (indicator != null) ? r.map(indicator.get("spec"), "spec.indicator.spec", true)
				: null;
		Indicator type = null;
		String environment = DEFAULT_ENVIRONMENT;
		List<String> kinds = List.of();
		String severity = null;
		if (indicatorSpec != null) {
			String typeId = r.string(indicatorSpec, "spec.indicator.spec.type", true, 32);
			if (typeId != null) {
				type = Indicator.fromId(typeId).orElse(null);
				if (type == null) {
					r.error("spec.indicator.spec.type",
							"must be one of crash_budget, crash_free_time, gc_pause, time_to_resolve");
				}
			}
			if (indicatorSpec.get("environment") != null) {
				environment = r.name(indicatorSpec, "spec.indicator.spec.environment", NAME,
						"must match " + NAME.pattern());
			}
			if (type != null && type.usesKinds()) {
				kinds = r.kinds(indicatorSpec.get("kinds"), "spec.indicator.spec.kinds");
			}
			if (type == Indicator.TIME_TO_RESOLVE) {
				String id = r.string(indicatorSpec, "spec.indicator.spec.severity", true, 16);
				severity = id;
				if (id != null && Arrays.stream(Severity.values()).noneMatch((s) -> s.id().equals(id))) {
					r.error("spec.indicator.spec.severity", "must be one of critical, high, warning, info");
				}
			}
		}
		SloWindow window = r.window(spec.get("timeWindow"));
		String method = r.string(spec, "spec.budgetingMethod", true, 32);
		BudgetingMethod budgetingMethod = null;
		if (method != null) {
			budgetingMethod = BudgetingMethod.fromOpenSlo(method).orElse(null);
			if (budgetingMethod == null) {
				r.error("spec.budgetingMethod", "must be Occurrences or Timeslices");
			}
			else if (type != null && budgetingMethod != type.budgetingMethod()) {
				r.error("spec.budgetingMethod",
						"must be " + type.budgetingMethod().openSlo() + " for indicator " + type.id());
			}
		}
		Double target = null;
		Integer maxCrashes = null;
		Double pauseThreshold = null;
		Duration resolveWithin = null;
		List<?> objectives = r.list(spec.get("objectives"), "spec.objectives");
		if (objectives != null && objectives.size() != 1) {
			r.error("spec.objectives", "must hold exactly one objective");
		}
		else if (objectives != null && type != null) {
			String at = "spec.objectives[0]";
			Map<?, ?> objective = r.map(objectives.get(0), at, true);
			if (objective != null) {
				if (type != Indicator.CRASH_BUDGET) {
					target = r.number(objective, at + ".target", true);
					if (target != null && !(target > 0 && target < 1)) {
						r.error(at + ".target", "must be greater than 0 and less than 1");
					}
				}
				else if (objective.get("target") != null) {
					r.error(at + ".target", "is not used by crash_budget; set op: lte and value: the crashes allowed");
				}
				if (type != Indicator.CRASH_FREE_TIME) {
					String op = r.string(objective, at + ".op", true, 8);
					if (op != null && !"lte".equals(op)) {
						r.error(at + ".op", "must be lte");
					}
					Double value = r.number(objective, at + ".value", true);
					if (value != null) {
						switch (type) {
							case CRASH_BUDGET -> {
								if (value != Math.rint(value) || value < 1 || value > 1_000_000) {
									r.error(at + ".value", "must be a whole number of crashes from 1 to 1000000");
								}
								else {
									maxCrashes = value.intValue();
								}
							}
							case GC_PAUSE -> {
								if (GcPauseBounds.index(value) < 0) {
									r.error(at + ".value", "must be one of the pause bounds in seconds "
											+ GcPauseBounds.plainSeconds());
								}
								else {
									pauseThreshold = GcPauseBounds.SECONDS[GcPauseBounds.index(value) - 1];
								}
							}
							default -> {
								if (value != Math.rint(value) || value < 60 || value > 90 * 86400) {
									r.error(at + ".value", "must be whole seconds from 60 to 7776000 (90 days)");
								}
								else {
									resolveWithin = Duration.ofSeconds(value.longValue());
								}
							}
						}
					}
				}
			}
		}
		if (!r.errors.isEmpty()) {
			return r.done(null);
		}
		return r.done(new Slo(null, name, description, service, environment, type, kinds, maxCrashes, pauseThreshold,
				severity, resolveWithin, target, window, budgetingMethod, null, null, null));
	}

	/**
	 * A document read: the SLO, or the invalid fields.
	 *
	 * @param slo the SLO, {@code null} when invalid
	 * @param errors every invalid field
	 */
	record Parsed(Slo slo, List<FieldError> errors) {

		boolean valid() {
			return this.errors.isEmpty();
		}

	}

	private static final class Reader {

		private final String prefix;

		private final List<FieldError> errors = new ArrayList<>();

		Reader(String prefix) {
			this.prefix = prefix;
		}

		Parsed done(Slo slo) {
			return new Parsed(slo, List.copyOf(this.errors));
		}

		void error(String field, String message) {
			this.errors.add(new FieldError(this.prefix + (field.isEmpty() ? "(document)" : field), message));
		}

		Map<?, ?> map(Object value, String field, boolean required) {
			if (value == null) {
				if (required) {
					error(field, "is required");
				}
				return null;
			}
			if (!(value instanceof Map<?, ?> map)) {
				error(field, "must be an object");
				return null;
			}
			return map;
		}

		List<?> list(Object value, String field) {
			if (value == null) {
				error(field, "is required");
				return null;
			}
			if (!(value instanceof List<?> list)) {
				error(field, "must be a list");
				return null;
			}
			return list;
		}

		String string(Map<?, ?> map, String field, boolean required, int maxLength) {
			Object value = map.get(leaf(field));
			if (value == null) {
				if (required) {
					error(field, "is required");
				}
				return null;
			}
			if (!(value instanceof String text) || text.isBlank()) {
				error(field, "must be a non-blank string");
				return null;
			}
			if (text.length() > maxLength) {
				error(field, "must be at most " + maxLength + " characters");
				return null;
			}
			return text;
		}

		String name(Map<?, ?> map, String field, Pattern pattern, String message) {
			String value = string(map, field, true, 63);
			if (value != null && !pattern.matcher(value).matches()) {
				error(field, message);
				return null;
			}
			return value;
		}

		Double number(Map<?, ?> map, String field, boolean required) {
			Object value = map.get(leaf(field));
			if (value == null) {
				if (required) {
					error(field, "is required");
				}
				return null;
			}
			if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
				error(field, "must be a number");
				return null;
			}
			return number.doubleValue();
		}

		List<String> kinds(Object value, String field) {
			if (value == null) {
				return MEMORY_SAFETY;
			}
			if (!(value instanceof List<?> list) || list.isEmpty()) {
				error(field, "must be a non-empty list of kinds");
				return List.of();
			}
			List<String> kinds = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				Object kind = list.get(i);
				Optional<Kind> known = (kind instanceof String id) ? Kind.fromId(id) : Optional.empty();
				if (known.isEmpty()) {
					error(field + "[" + i + "]", "is not a known kind");
				}
				else if (!kinds.contains(known.get().id())) {
					kinds.add(known.get().id());
				}
			}
			return kinds;
		}

		SloWindow window(Object value) {
			String field = "spec.timeWindow";
			List<?> windows = list(value, field);
			if (windows == null) {
				return null;
			}
			if (windows.size() != 1) {
				error(field, "must hold exactly one time window");
				return null;
			}
			Map<?, ?> window = map(windows.get(0), field + "[0]", true);
			if (window == null) {
				return null;
			}
			String duration = string(window, field + "[0].duration", true, 8);
			Object rolling = window.get("isRolling");
			if (!(rolling instanceof Boolean)) {
				error(field + "[0].isRolling", "must be true or false");
				return null;
			}
			if (duration == null) {
				return null;
			}
			if ((Boolean) rolling) {
				return switch (duration) {
					case "7d", "28d", "30d" ->
						SloWindow.rolling(Integer.parseInt(duration.substring(0, duration.length() - 1)));
					default -> {
						error(field + "[0].duration", "must be 7d, 28d or 30d for a rolling window");
						yield null;
					}
				};
			}
			if (!"1M".equals(duration)) {
				error(field + "[0].duration", "must be 1M for a calendar window");
				return null;
			}
			Map<?, ?> calendar = map(window.get("calendar"), field + "[0].calendar", false);
			if (calendar != null && calendar.get("timeZone") != null && !"UTC".equals(calendar.get("timeZone"))) {
				error(field + "[0].calendar.timeZone", "must be UTC");
				return null;
			}
			return SloWindow.CALENDAR_MONTH;
		}

		private static String leaf(String field) {
			return field.substring(field.lastIndexOf('.') + 1);
		}

	}

}

package io.panicboard.slo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SloYamlTests {

	private static final List<Slo> SLOS = List.of(
			new Slo(null, "shop-crashes", "At most 5 map crashes a week", "shop", "production", Indicator.CRASH_BUDGET,
					List.of("nil_map_write", "concurrent_map_writes"), 5, null, null, null, null, SloWindow.rolling(7),
					BudgetingMethod.OCCURRENCES, null, null, null),
			new Slo(null, "shop-crash-free", null, "shop", "staging", Indicator.CRASH_FREE_TIME,
					SloDocuments.MEMORY_SAFETY, null, null, null, null, 0.999, SloWindow.rolling(30),
					BudgetingMethod.TIMESLICES, null, null, null),
			new Slo(null, "shop-gc", "GC pauses", "shop", "production", Indicator.GC_PAUSE, List.of(), null, 0.01, null,
					null, 0.99, SloWindow.rolling(28), BudgetingMethod.OCCURRENCES, null, null, null),
			new Slo(null, "shop-resolve", null, "shop", "production", Indicator.TIME_TO_RESOLVE, List.of(), null, null,
					"critical", Duration.ofHours(4), 0.95, SloWindow.CALENDAR_MONTH, BudgetingMethod.OCCURRENCES, null,
					null, null));

	@Test
	void everyIndicatorSurvivesARoundTripThroughYaml() {
		String yaml = SloYaml.write(SLOS.stream().map(SloDocuments::toDocument).toList());
		List<Object> documents = SloYaml.read(yaml);
		assertThat(documents).hasSize(4);
		for (int i = 0; i < SLOS.size(); i++) {
			SloDocuments.Parsed parsed = SloDocuments.fromDocument(documents.get(i), "");
			assertThat(parsed.errors()).isEmpty();
			assertThat(parsed.slo()).isEqualTo(SLOS.get(i));
		}
		assertThat(SloYaml.write(documents.stream()
			.map((d) -> SloDocuments.toDocument(SloDocuments.fromDocument(d, "").slo()))
			.toList())).isEqualTo(yaml);
	}

	@Test
	void writesOpenSloFieldNames() {
		String yaml = SloYaml.write(SloDocuments.toDocument(SLOS.get(3)));
		assertThat(yaml).startsWith("apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: shop-resolve\n")
			.contains("  timeWindow:\n    - duration: 1M\n      isRolling: false\n")
			.contains("  budgetingMethod: Occurrences\n")
			.contains("  objectives:\n    - target: 0.95\n      op: lte\n      value: 14400\n");
	}

	@Test
	void writesEveryPauseBoundAndTargetAsAPlainDecimal() {
		for (double bound : GcPauseBounds.SECONDS) {
			Slo slo = new Slo(null, "shop-gc", null, "shop", "production", Indicator.GC_PAUSE, List.of(), null, bound,
					null, null, 0.0005, SloWindow.rolling(28), BudgetingMethod.OCCURRENCES, null, null, null);
			String yaml = SloYaml.write(SloDocuments.toDocument(slo));
			String plain = (bound == 1) ? "1.0" : GcPauseBounds.plain(bound);
			assertThat(yaml).contains("    - target: 0.0005\n      op: lte\n      value: " + plain + "\n")
				.doesNotContain("E-");
			assertThat(SloDocuments.fromDocument(SloYaml.read(yaml).get(0), "").slo()).isEqualTo(slo);
		}
	}

	@Test
	void readsAHandWrittenDocumentWithDefaults() {
		String yaml = """
				apiVersion: openslo/v1
				kind: SLO
				metadata:
				  name: checkout-crash-free
				spec:
				  service: checkout
				  indicator:
				    metadata:
				      name: crash-free
				    spec:
				      type: crash_free_time
				  timeWindow:
				    - duration: 28d
				      isRolling: true
				  budgetingMethod: Timeslices
				  objectives:
				    - target: 0.995
				""";
		Slo slo = SloDocuments.fromDocument(SloYaml.read(yaml).get(0), "").slo();
		assertThat(slo.environment()).isEqualTo("production");
		assertThat(slo.kinds()).containsExactlyElementsOf(SloDocuments.MEMORY_SAFETY).contains("data_race");
		assertThat(slo.window()).isEqualTo(SloWindow.rolling(28));
		assertThat(slo.objective()).isEqualTo(0.995);
	}

	@Test
	void namesEveryInvalidField() {
		Map<String, Object> document = Map.of("apiVersion", "openslo/v2", "kind", "SLO", "metadata",
				Map.of("name", "Bad Name"), "spec",
				Map.of("service", "shop", "indicator",
						Map.of("spec", Map.of("type", "gc_pause", "environment", "prod!")), "timeWindow",
						List.of(Map.of("duration", "14d", "isRolling", true)), "budgetingMethod", "Timeslices",
						"objectives", List.of(Map.of("target", 1.5, "op", "gte", "value", 0.003))));
		assertThat(SloDocuments.fromDocument(document, "").errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("apiVersion", "metadata.name", "spec.indicator.spec.environment",
					"spec.timeWindow[0].duration", "spec.budgetingMethod", "spec.objectives[0].target",
					"spec.objectives[0].op", "spec.objectives[0].value");
	}

	@Test
	void aPauseThresholdOffTheBoundsIsRefusedWithTheBoundsAsPlainDecimals() {
		Map<String, Object> document = Map.of("apiVersion", "openslo/v1", "kind", "SLO", "metadata",
				Map.of("name", "pauses"), "spec",
				Map.of("service", "shop", "indicator",
						Map.of("spec", Map.of("type", "gc_pause", "environment", "production")), "timeWindow",
						List.of(Map.of("duration", "30d", "isRolling", true)), "budgetingMethod", "Occurrences",
						"objectives", List.of(Map.of("target", 0.99, "op", "lte", "value", 0.003))));
		assertThat(SloDocuments.fromDocument(document, "").errors()).containsExactly(new FieldError(
				"spec.objectives[0].value", "must be one of the pause bounds in seconds [0.00005, 0.0001, 0.00025, "
						+ "0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]"));
	}

	@Test
	void unknownKindsAndMissingFieldsAreNamed() {
		Map<String, Object> document = Map.of("kind", "SLO", "metadata", Map.of("name", "x"), "spec",
				Map.of("indicator",
						Map.of("spec", Map.of("type", "crash_budget", "kinds", List.of("nil_map_write", "nope"))),
						"budgetingMethod", "Occurrences", "objectives", List.of(Map.of("op", "lte", "value", 0))));
		assertThat(SloDocuments.fromDocument(document, "[1].").errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("[1].spec.service", "[1].spec.indicator.spec.kinds[1]", "[1].spec.timeWindow",
					"[1].spec.objectives[0].value");
	}

	@Test
	void refusesYamlThatIsNotYaml() {
		assertThatIllegalArgumentException().isThrownBy(() -> SloYaml.read("a: [b\n"));
		assertThatIllegalArgumentException().isThrownBy(() -> SloYaml.read("!!java.io.File {}\n"));
	}

}

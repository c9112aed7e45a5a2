package io.panicboard.system;

import java.util.UUID;

import io.panicboard.TestDatabaseConfiguration;
import io.panicboard.system.MetricLabels.Labels;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MetricLabels} on the real {@code metric_label} table: several instances stand
 * for replicas and restarts. The rows are committed, as the application commits them.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Import(TestDatabaseConfiguration.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@ExtendWith(OutputCaptureExtension.class)
class MetricLabelsTests {

	private static final int ANY = Integer.MAX_VALUE;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void replicasAndRestartsKeepTheSameEnvironmentsWithSeriesOfTheirOwn() {
		String service = service();
		MetricLabels one = replica(ANY, 2, new CollectorRegistry());
		MetricLabels two = replica(ANY, 2, new CollectorRegistry());
		assertThat(one.of(service, "production")).isEqualTo(new Labels(service, "production", false, false));
		assertThat(two.of(service, "staging")).isEqualTo(new Labels(service, "staging", false, false));
		assertThat(one.of(service, "pr-1")).isEqualTo(new Labels(service, "_other", false, true));
		assertThat(two.of(service, "pr-2")).isEqualTo(new Labels(service, "_other", false, true));
		assertThat(one.of(service, "staging").environment()).isEqualTo("staging");
		assertThat(two.of(service, "production").environment()).isEqualTo("production");
		MetricLabels restarted = replica(ANY, 2, new CollectorRegistry());
		assertThat(restarted.of(service, "pr-1").environment()).isEqualTo("_other");
		assertThat(restarted.of(service, "staging").environment()).isEqualTo("staging");
		MetricLabels raised = replica(ANY, 3, new CollectorRegistry());
		assertThat(raised.of(service, "pr-2").environment()).isEqualTo("pr-2");
		assertThat(raised.of(service, "pr-1").environment()).isEqualTo("_other");
	}

	@Test
	void foldsServicesBeyondTheLimitAndCountsWhatWasRecordedUnderOther() {
		int known = this.jdbc.sql("SELECT count(*) FROM metric_label WHERE label = 'service'")
			.query(Integer.class)
			.single();
		CollectorRegistry registry = new CollectorRegistry();
		MetricLabels labels = replica(known + 1, ANY, registry);
		String first = service();
		String second = service();
		assertThat(labels.of(first, "production")).isEqualTo(new Labels(first, "production", false, false));
		Labels folded = labels.of(second, "production");
		assertThat(folded).isEqualTo(new Labels("_other", "production", true, false));
		assertThat(labels.service(second)).isEqualTo("_other");
		assertThat(replica(known + 1, ANY, new CollectorRegistry()).service(second)).isEqualTo("_other");
		labels.countFolded(folded, 3);
		labels.countFolded(labels.of(first, "production"), 5);
		assertThat(overflow(registry, "service")).isEqualTo(3.0);
		assertThat(overflow(registry, "environment")).isEqualTo(0.0);
	}

	@Test
	void warnsOncePerServiceWhoseEnvironmentsRanOut(CapturedOutput output) {
		String service = service();
		MetricLabels labels = replica(ANY, 1, new CollectorRegistry());
		labels.of(service, "production");
		labels.of(service, "pr-1");
		labels.of(service, "pr-2");
		labels.of(service, "pr-1");
		assertThat(output.getOut().split("more than 1 environments of service '" + service + "'", -1)).hasSize(2);
		assertThat(output.getOut()).contains("environment 'pr-1' and any further new one are counted under "
				+ "environment=\"_other\" (panicboard.metrics.max-environments-per-service)");
	}

	private MetricLabels replica(int maxServices, int maxEnvironments, CollectorRegistry registry) {
		return new MetricLabels(new MetricLabelStore(this.jdbc, this.transactions),
				new MetricLabelProperties(maxServices, maxEnvironments), registry);
	}

	private static String service() {
		return "labels-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static double overflow(CollectorRegistry registry, String label) {
		return registry.getSampleValue("panicboard_metrics_label_overflow_total", new String[] { "label" },
				new String[] { label });
	}

}

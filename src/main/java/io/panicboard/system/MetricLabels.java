package io.panicboard.system;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The {@code service} and {@code environment} label values of the metrics. Senders choose
 * these names, so that a misconfigured shipper (an environment per pod, a service per
 * pull request) could create series without end: the first
 * {@code panicboard.metrics.max-services} services get series of their own, and of each
 * the first {@code panicboard.metrics.max-environments-per-service} environments; the
 * metrics of any further one are counted under {@value #OVERFLOW}. Which names come first
 * is recorded in the database, so replicas agree and a restart changes nothing.
 * <p>
 * Each replica remembers at most the admitted names, and asks the database only about a
 * name it does not know while the scope still has room: once a scope is full, a new name
 * is folded without asking, and the first such name is logged once.
 */
@Component
public class MetricLabels {

	/**
	 * The label value of the services and environments without series of their own. Names
	 * start with a lower-case letter or digit, so no service or environment is called so.
	 */
	public static final String OVERFLOW = "_other";

	private static final Log logger = LogFactory.getLog(MetricLabels.class);

	private final MetricLabelStore store;

	private final MetricLabelProperties properties;

	private final Scope services;

	private final Map<String, Scope> environments = new ConcurrentHashMap<>();

	private final Counter.Child servicesFolded;

	private final Counter.Child environmentsFolded;

	MetricLabels(MetricLabelStore store, MetricLabelProperties properties, CollectorRegistry registry) {
		this.store = store;
		this.properties = properties;
		this.services = new Scope("service", "", properties.maxServices());
		Counter overflow = Counter
			.build("panicboard_metrics_label_overflow_total",
					"Crashes, races and GC pauses counted under service or environment \"" + OVERFLOW
							+ "\" because their own value had no series of its own.")
			.labelNames("label")
			.register(registry);
		this.servicesFolded = overflow.labels("service");
		this.environmentsFolded = overflow.labels("environment");
	}

	/**
	 * The label value of a service.
	 * @param service the service's name
	 * @return its name, or {@value #OVERFLOW}
	 */
	public String service(String service) {
		return this.services.resolve(service);
	}

	/**
	 * The label values of a service's environment.
	 * @param service the service's name
	 * @param environment the environment's name
	 * @return the label values
	 */
	public Labels of(String service, String environment) {
		String serviceLabel = service(service);
		Scope scope = this.environments.computeIfAbsent(serviceLabel,
				(key) -> new Scope("environment", key, this.properties.maxEnvironmentsPerService()));
		String environmentLabel = scope.resolve(environment);
		return new Labels(serviceLabel, environmentLabel, !serviceLabel.equals(service),
				!environmentLabel.equals(environment));
	}

	/**
	 * Counts updates of a counter or histogram recorded under folded label values in
	 * {@code panicboard_metrics_label_overflow_total}.
	 * @param labels the label values the updates were recorded under
	 * @param updates how many
	 */
	public void countFolded(Labels labels, long updates) {
		if (labels.serviceFolded()) {
			this.servicesFolded.inc(updates);
		}
		if (labels.environmentFolded()) {
			this.environmentsFolded.inc(updates);
		}
	}

	/**
	 * The label values of a service's environment.
	 *
	 * @param service the {@code service} label value
	 * @param environment the {@code environment} label value
	 * @param serviceFolded whether the service was counted under {@value #OVERFLOW}
	 * @param environmentFolded whether the environment was counted under
	 * {@value #OVERFLOW}
	 */
	public record Labels(String service, String environment, boolean serviceFolded, boolean environmentFolded) {

		/**
		 * The two values in the order {@code service}, {@code environment}.
		 * @return the values
		 */
		public List<String> values() {
			return List.of(this.service, this.environment);
		}

	}

	/** The admitted values of one label and scope, as far as this replica knows them. */
	private final class Scope {

		private final String label;

		private final String scope;

		private final int limit;

		private final Set<String> admitted = ConcurrentHashMap.newKeySet();

		private volatile boolean full;

		Scope(String label, String scope, int limit) {
			this.label = label;
			this.scope = scope;
			this.limit = limit;
		}

		String resolve(String value) {
			if (this.admitted.contains(value)) {
				return value;
			}
			if (this.full) {
				return OVERFLOW;
			}
			synchronized (this) {
				if (this.admitted.contains(value) || this.full) {
					return this.admitted.contains(value) ? value : OVERFLOW;
				}
				try {
					this.admitted.addAll(MetricLabels.this.store.admit(this.label, this.scope, value, this.limit));
				}
				catch (DataAccessException | TransactionException ex) {
					// asked again next time
					logger.warn("Could not read which metric label values have series of their own; " + this.label
							+ " '" + value + "' is counted under \"" + OVERFLOW + "\" for now: " + ex.getMessage());
					return OVERFLOW;
				}
				if (this.admitted.contains(value)) {
					return value;
				}
				this.full = true;
				logger.warn(fullMessage(value));
				return OVERFLOW;
			}
		}

		private String fullMessage(String value) {
			String names = "service".equals(this.label) ? "services" : "environments of service '" + this.scope + "'";
			return "Metrics: more than " + this.limit + " " + names + "; " + this.label + " '" + value
					+ "' and any further new one are counted under " + this.label + "=\"" + OVERFLOW
					+ "\" (panicboard.metrics.max-"
					+ ("service".equals(this.label) ? "services" : "environments-per-service")
					+ "); ingestion, incidents and pages keep every name";
		}

	}

}

package io.panicboard.system;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code metric_label} table: per label and scope, the values that have series of
 * their own, in the order they got them.
 */
@Component
class MetricLabelStore {

	/**
	 * The first key of {@code pg_advisory_xact_lock(int, int)}: "ml" for metric labels.
	 */
	private static final int LOCK_SPACE = 0x6d6c;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	MetricLabelStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		// called after other transactions committed, from their synchronizations too
		this.transaction = new TransactionTemplate(transactionManager);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * The values of a scope that have series of their own, recording {@code value} among
	 * them when the scope has room.
	 * @param label {@code service} or {@code environment}
	 * @param scope {@code ""} for services, the service label value for environments
	 * @param value the value asked about
	 * @param limit how many values of the scope have series of their own
	 * @return the first {@code limit} values of the scope, {@code value} included when it
	 * is one of them
	 */
	List<String> admit(String label, String scope, String value, int limit) {
		return this.transaction.execute((status) -> {
			// replicas that meet new names at once must not admit more than the limit
			this.jdbc.sql("SELECT 1 FROM pg_advisory_xact_lock(?, hashtext(? || '/' || ?))")
				.params(LOCK_SPACE, label, scope)
				.query(Integer.class)
				.single();
			List<String> admitted = new ArrayList<>(
					this.jdbc.sql("SELECT value FROM metric_label WHERE label = ? AND scope = ? ORDER BY id LIMIT ?")
						.params(label, scope, limit)
						.query(String.class)
						.list());
			if (!admitted.contains(value) && admitted.size() < limit) {
				this.jdbc.sql("INSERT INTO metric_label (label, scope, value) VALUES (?, ?, ?)")
					.params(label, scope, value)
					.update();
				admitted.add(value);
			}
			return admitted;
		});
	}

}

package io.panicboard.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads the delivery log: the outbox, newest first, optionally for one channel and one
 * delivery state.
 */
@Component
class DeliveryLog {

	static final Set<String> DELIVERIES = Set.of("pending", "sent", "failed", "dead");

	private final JdbcClient jdbc;

	DeliveryLog(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of the log.
	 * @param channel a channel's name, or {@code null} for all
	 * @param delivery a delivery state, or {@code null} for all
	 * @param page the page, counted from 0
	 * @param size the page's size
	 * @return the page
	 */
	Page page(String channel, String delivery, int page, int size) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> params = new ArrayList<>();
		if (channel != null) {
			where.append(" AND channel = ?");
			params.add(channel);
		}
		if (delivery != null) {
			where.append(" AND delivery = ?");
			params.add(delivery);
		}
		long total = this.jdbc.sql("SELECT count(*) FROM notification" + where)
			.params(params)
			.query(Long.class)
			.single();
		List<Object> pageParams = new ArrayList<>(params);
		pageParams.add(size);
		pageParams.add((long) page * size);
		List<DeliveryRecord> items = this.jdbc.sql("""
				SELECT id, alert_id, payload ->> 'ruleName' AS rule_name, payload ->> 'severity' AS severity, channel,
				       status, delivery, attempts, response_status, last_error, created_at, sent_at, next_attempt_at
				FROM notification""" + where + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
			.params(pageParams)
			.query(DeliveryLog::map)
			.list();
		return new Page(items, total, page, size);
	}

	private static DeliveryRecord map(ResultSet rs, int row) throws SQLException {
		long alertId = rs.getLong("alert_id");
		Long alert = rs.wasNull() ? null : alertId;
		int status = rs.getInt("response_status");
		Integer responseStatus = rs.wasNull() ? null : status;
		Timestamp sentAt = rs.getTimestamp("sent_at");
		return new DeliveryRecord(rs.getLong("id"), alert, rs.getString("rule_name"), rs.getString("severity"),
				rs.getString("channel"), rs.getString("status"), rs.getString("delivery"), rs.getInt("attempts"),
				responseStatus, rs.getString("last_error"), rs.getTimestamp("created_at").toInstant(),
				(sentAt != null) ? sentAt.toInstant() : null, rs.getTimestamp("next_attempt_at").toInstant());
	}

	/**
	 * A page of the log; {@code page} counts from 0.
	 *
	 * @param items the notifications, newest first
	 * @param total how many match
	 * @param page the page
	 * @param size the page's size
	 */
	record Page(List<DeliveryRecord> items, long total, int page, int size) {
	}

}

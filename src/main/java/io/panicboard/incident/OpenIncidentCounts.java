package io.panicboard.incident;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many incidents are open right now, per service, severity and kind (merged ones not
 * counted): what monitoring reads, e.g. the {@code panicboard_open_incidents} gauge.
 */
@Component
@Transactional(readOnly = true)
public class OpenIncidentCounts {

	private final JdbcClient jdbc;

	OpenIncidentCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts the open incidents.
	 * @return one count per service, severity and kind that has open incidents
	 */
	public List<OpenCount> current() {
		return this.jdbc.sql("""
				SELECT service, severity, kind, count(*) FROM incident
				WHERE status = 'open' AND merged_into IS NULL GROUP BY service, severity, kind""")
			.query((rs, n) -> new OpenCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
	}

	/**
	 * Open incidents of one service, severity and kind.
	 *
	 * @param service the service
	 * @param severity the severity id
	 * @param kind the kind id
	 * @param count how many are open
	 */
	public record OpenCount(String service, String severity, String kind, long count) {

	}

}

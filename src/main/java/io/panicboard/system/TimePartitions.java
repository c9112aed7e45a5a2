package io.panicboard.system;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The partitions of a table partitioned by range on a {@code timestamptz}, one per UTC
 * day or month, named {@code
 *
<table>
 * _pYYYY_MM} or {@code
 *
<table>
 * _pYYYY_MM_DD}. Creates them ahead of time and drops whole partitions past retention.
 * Partitions with other names are left alone. Call it from one place at a time (a
 * scheduled job under a lock).
 */
public final class TimePartitions {

	private static final Log logger = LogFactory.getLog(TimePartitions.class);

	private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]*");

	private final JdbcTemplate jdbc;

	private final String table;

	private final Period period;

	/**
	 * Creates an instance for one table.
	 * @param jdbc the database
	 * @param table the partitioned table, a plain lower-case name
	 * @param period the span of one partition
	 */
	public TimePartitions(JdbcTemplate jdbc, String table, Period period) {
		if (!TABLE_NAME.matcher(table).matches()) {
			throw new IllegalArgumentException("not a plain table name: " + table);
		}
		this.jdbc = jdbc;
		this.table = table;
		this.period = period;
	}

	/**
	 * Creates the partitions ahead and drops those past the retention, logging what it
	 * changed.
	 * @param now the current time
	 * @param ahead how many partitions after the current one must exist
	 * @param retention how long data is kept
	 */
	public void maintain(Instant now, int ahead, Duration retention) {
		List<String> created = createAhead(now, ahead);
		List<String> dropped = dropOlderThan(now.minus(retention));
		if (!created.isEmpty() || !dropped.isEmpty()) {
			logger.info(this.table + " partitions created " + created + ", dropped " + dropped);
		}
	}

	/**
	 * Creates the partition that holds {@code now} and the {@code ahead} following ones,
	 * where missing.
	 * @param now the current time
	 * @param ahead how many partitions after the current one
	 * @return the names of the partitions created
	 */
	public List<String> createAhead(Instant now, int ahead) {
		List<String> existing = names();
		List<String> created = new ArrayList<>();
		LocalDate start = this.period.start(now.atOffset(ZoneOffset.UTC).toLocalDate());
		for (int i = 0; i <= ahead; i++) {
			LocalDate from = this.period.plus(start, i);
			String name = name(from);
			if (!existing.contains(name)) {
				// Names and bounds come from dates only, never from input.
				this.jdbc.execute(
						"CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF " + this.table + " FOR VALUES FROM ('"
								+ from + " 00:00:00+00') TO ('" + this.period.plus(from, 1) + " 00:00:00+00')");
				created.add(name);
			}
		}
		return created;
	}

	/**
	 * Drops every partition whose whole range lies before {@code cutoff}.
	 * @param cutoff the oldest time to keep
	 * @return the names of the partitions dropped
	 */
	public List<String> dropOlderThan(Instant cutoff) {
		List<String> dropped = new ArrayList<>();
		for (String name : names()) {
			Optional<LocalDate> from = start(name);
			if (from.isPresent()
					&& !this.period.plus(from.get(), 1).atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(cutoff)) {
				this.jdbc.execute("DROP TABLE IF EXISTS " + name);
				dropped.add(name);
			}
		}
		return dropped;
	}

	/**
	 * The partitions that exist now, oldest first.
	 * @return their names
	 */
	public List<String> names() {
		return this.jdbc.queryForList("""
				SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = to_regclass(?) ORDER BY c.relname""", String.class, this.table);
	}

	private String name(LocalDate from) {
		return this.table + "_p" + from.format(this.period.format);
	}

	private Optional<LocalDate> start(String name) {
		String prefix = this.table + "_p";
		if (!name.startsWith(prefix)) {
			return Optional.empty();
		}
		try {
			String suffix = name.substring(prefix.length());
			return Optional.of((this.period == Period.MONTH) ? LocalDate.parse(suffix + "_01", Period.DAY.format)
					: LocalDate.parse(suffix, this.period.format));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The span of one partition.
	 */
	public enum Period {

		/** One UTC day. */
		DAY("yyyy_MM_dd"),
		/** One UTC calendar month. */
		MONTH("yyyy_MM");

		private final DateTimeFormatter format;

		Period(String pattern) {
			this.format = DateTimeFormatter.ofPattern(pattern);
		}

		LocalDate start(LocalDate date) {
			return (this == MONTH) ? date.withDayOfMonth(1) : date;
		}

		LocalDate plus(LocalDate date, long periods) {
			return date.plus(periods, (this == MONTH) ? ChronoUnit.MONTHS : ChronoUnit.DAYS);
		}

	}

}

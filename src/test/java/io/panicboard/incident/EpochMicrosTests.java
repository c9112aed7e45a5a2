package io.panicboard.incident;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import io.panicboard.TestDatabaseConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The writer's times as microseconds since the epoch ({@code IncidentGrouper.micros} and
 * the database's {@code from_epoch_micros}, V27) arrive as the same time the driver's RFC
 * 3339 text would have given, from before the epoch to the last timestamptz PostgreSQL
 * stores.
 */
@SpringBootTest
@Import(TestDatabaseConfiguration.class)
class EpochMicrosTests {

	@Autowired
	private JdbcClient jdbc;

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-22T22:24:49.198123Z", "2026-11-22T22:24:49.198123499Z",
			"2026-11-22T22:24:49.198123500Z", "2026-11-22T22:24:59.999999500Z", "1970-01-01T00:00:00Z",
			"1969-12-31T23:59:59.999999Z", "1901-05-17T08:00:00.000001Z", "9999-12-31T23:59:59.999999Z" })
	void givesTheTimeTheTextWouldHaveGiven(String time) {
		Instant instant = Instant.parse(time);
		OffsetDateTime[] both = this.jdbc.sql("SELECT from_epoch_micros(?), ?::timestamptz")
			.params(IncidentGrouper.micros(instant), Timeline.utc(instant))
			.query((rs,
					row) -> new OffsetDateTime[] { rs.getObject(1, OffsetDateTime.class),
							rs.getObject(2, OffsetDateTime.class) })
			.single();
		assertThat(both[0]).isEqualTo(both[1]);
		assertThat(both[0].toInstant()).isCloseTo(instant, within(500, ChronoUnit.NANOS));
	}

}

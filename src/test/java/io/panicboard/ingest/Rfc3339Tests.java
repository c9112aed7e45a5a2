package io.panicboard.ingest;

import java.time.DateTimeException;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class Rfc3339Tests {

	@ParameterizedTest
	@CsvSource({ "2026-11-21T10:15:30Z, 2026-11-21T10:15:30Z", "2026-11-21T10:15:30.123Z, 2026-11-21T10:15:30.123Z",
			"2026-11-21T11:15:30+01:00, 2026-11-21T10:15:30Z", "2026-11-21T10:15:30-00:00, 2026-11-21T10:15:30Z",
			"2026-11-21t10:15:30z, 2026-11-21T10:15:30Z",
			"2026-11-21T10:15:30.123456789Z, 2026-11-21T10:15:30.123456789Z",
			"2026-11-21T10:15:30.1234567891234Z, 2026-11-21T10:15:30.123456789Z",
			"2016-12-31T23:59:60Z, 2017-01-01T00:00:00Z", "2016-12-31T23:59:60.5Z, 2017-01-01T00:00:00.5Z",
			"2017-01-01T00:59:60+01:00, 2017-01-01T00:00:00Z", "2016-12-31T18:29:60-05:30, 2017-01-01T00:00:00Z" })
	void parsesDateTimes(String text, String instant) {
		assertThat(Rfc3339.parse(text)).isEqualTo(Instant.parse(instant));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-23T03:00Z", "2026-11-21T10:15:30", "2026-11-21 10:15:30Z",
			"2026-11-21T10:15:30+0100", "2026-11-21T10:15:30+01", "2026-11-21T10:15:30.Z", "2026-02-30T10:15:30Z",
			"2026-11-21T24:00:00Z", "2026-11-21T10:60:00Z", "2026-11-21T10:15:61Z", "2026-11-21T12:00:60Z",
			"2026-11-21T10:15:30+01:60", "+2026-11-21T10:15:30Z", "2026-11-21T10:15:30Z ", "2026-11-21", "soon" })
	void rejectsEverythingElse(String text) {
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> Rfc3339.parse(text));
	}

}

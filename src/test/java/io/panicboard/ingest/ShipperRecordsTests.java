package io.panicboard.ingest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.panicboard.ingest.ShipperRecords.LogParameters;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.ErrorResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ShipperRecordsTests {

	private static final LogParameters NONE = new LogParameters(null, null, null, null, null, false);

	private final ShipperRecords records = new ShipperRecords(JsonMapper.builder().build(),
			new Binder(new MapConfigurationPropertySource(
					Map.of("panicboard.ingest.record-environment-fields", "kubernetes.namespace_name")))
				.bindOrCreate("panicboard.ingest", IngestProperties.class));

	@Test
	void namesEveryInvalidFieldOfARecord() {
		String body = """
				[{"log":"a","stream":"std\\u0000err","kubernetes":{"pod_name":"%s","namespace_name":"Shop!",
				  "labels":{"app":"Orders!"}}},
				 {"log":"b","stream":"%s","kubernetes":{"pod_name":"p\\u0000"}}]""".formatted("p".repeat(257),
				"s".repeat(65));
		assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> read(body))
			.satisfies((ex) -> assertThat(ex.getBody().getProperties().get("errors").toString()).contains(
					"field=[0].service", "field=[0].environment", "field=[0].instance, message=must be at most 256",
					"field=[0].stream, message=must not contain NUL", "field=[1].service",
					"field=[1].instance, message=must not contain NUL",
					"field=[1].stream, message=must be at most 64"));
	}

	@Test
	void groupsValidRecordsByStream() {
		Map<StreamKey, byte[]> streams = read("""
				{"log":"one","stream":"stderr","kubernetes":{"pod_name":"p-1","labels":{"app":"orders"}}}
				{"log":"two\\n","stream":"stderr","kubernetes":{"pod_name":"p-1","labels":{"app":"orders"}}}""");
		assertThat(streams).containsOnlyKeys(new StreamKey("orders", "production", "p-1", "stderr"));
		assertThat(new String(streams.values().iterator().next(), StandardCharsets.UTF_8)).isEqualTo("one\ntwo\n");
	}

	@Test
	void countsCharactersNotUtf16Units() {
		String pod = "\uD83D\uDE00".repeat(256);
		Map<StreamKey, byte[]> streams = read(
				"{\"log\":\"one\",\"kubernetes\":{\"pod_name\":\"" + pod + "\",\"labels\":{\"app\":\"orders\"}}}");
		assertThat(streams.keySet()).extracting(StreamKey::instance).containsExactly(pod);
	}

	@Test
	void rejectsAnEmptyBodyLikeEvents() {
		for (String empty : new String[] { "", " \n\n" }) {
			assertThatExceptionOfType(ErrorResponseException.class).isThrownBy(() -> read(empty))
				.satisfies((ex) -> assertThat(ex.getBody().getType().toString()).isEqualTo("/problems/malformed-json"));
		}
		assertThat(read("[]")).isEmpty();
	}

	private Map<StreamKey, byte[]> read(String body) {
		return this.records.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), NONE);
	}

}

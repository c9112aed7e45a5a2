package io.panicboard.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies for {@code POST /api/v1/events} built from the labelled corpus.
 */
final class Events {

	static final String NIL_MAP = "panic: assignment to entry in nil map\n\ngoroutine 1 [running]:\n"
			+ "main.main()\n\t/app/main.go:8 +0x2c\nexit status 2\n";

	static final String GCTRACE = "gc 7 @1.500s 3%: 0.250+1.2+0.750 ms clock, 0.5+0.1/1.0/0.2+1.5 ms cpu, "
			+ "40->42->20 MB, 48 MB goal, 0 MB stacks, 0 MB globals, 4 P\n";

	private static final JsonMapper json = JsonMapper.builder().build();

	private Events() {
	}

	static String corpus(String name) {
		try (InputStream in = Events.class.getResourceAsStream("/corpus/generated/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A JSON array of events of one service.
	 * @param service the service
	 * @param eventIdPrefix event ids are this plus the index, or none when {@code null}
	 * @param texts the event texts
	 * @return the body
	 */
	static String of(String service, String eventIdPrefix, List<String> texts) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < texts.size(); i++) {
			Map<String, Object> event = new java.util.LinkedHashMap<>();
			event.put("service", service);
			event.put("environment", "production");
			event.put("instance", "pod-1");
			if (eventIdPrefix != null) {
				event.put("eventId", eventIdPrefix + i);
			}
			event.put("text", texts.get(i));
			events.add(event);
		}
		return json.writeValueAsString(events);
	}

}

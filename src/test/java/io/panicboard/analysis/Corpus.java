package io.panicboard.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The labelled Go crash output under {@code src/test/resources/corpus}.
 */
final class Corpus {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private Corpus() {
	}

	static Path root() {
		URL url = Corpus.class.getResource("/corpus/labels.jsonl");
		if (url == null) {
			throw new IllegalStateException("the corpus is missing: src/test/resources/corpus/labels.jsonl");
		}
		try {
			return Path.of(url.toURI()).getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static List<JsonNode> labels() {
		try {
			List<JsonNode> labels = new ArrayList<>();
			for (String line : Files.readAllLines(root().resolve("labels.jsonl"))) {
				if (!line.isBlank()) {
					labels.add(JSON.readTree(line));
				}
			}
			return labels;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] bytes(String file) {
		try (InputStream in = Files.newInputStream(root().resolve(file))) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> files() {
		List<String> files = new ArrayList<>();
		for (JsonNode label : labels()) {
			files.add(label.get("file").asString());
		}
		return files;
	}

}

package io.panicboard.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.ClassPathResource;

/**
 * The demo's Go traces, shipped in {@code demo/} (adapted from panicboard's own generated
 * corpus samples), and varied per occurrence the way real repeats of one crash differ:
 * other goroutine ids, the log timestamp of the moment, another client port, and line
 * numbers in the service's own files that move a little from version to version. None of
 * this enters a fingerprint.
 */
final class DemoTraces {

	private static final Pattern GOROUTINE_ID = Pattern.compile("(?<=\\b[Gg]oroutine )(\\d+)");

	private static final Pattern LOG_TIME = Pattern.compile("^\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}",
			Pattern.MULTILINE);

	private static final Pattern CLIENT_PORT = Pattern.compile("(?<=panic serving [0-9.]{7,15}:)\\d+");

	private static final Pattern APP_LINE = Pattern.compile("(?<=\\s)(/src/[\\w./-]+\\.go):(\\d+)");

	private static final DateTimeFormatter LOG_FORMAT = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private final Map<String, String> texts = new ConcurrentHashMap<>();

	/**
	 * A shipped trace as it is.
	 * @param name the name under {@code demo/}, without {@code .txt}
	 * @return the text
	 */
	String text(String name) {
		return this.texts.computeIfAbsent(name, DemoTraces::load);
	}

	/**
	 * A shipped trace as one occurrence of it would print.
	 * @param name the name under {@code demo/}
	 * @param at when it happened
	 * @param version the version that printed it
	 * @param random the source of goroutine ids and ports
	 * @return the text
	 */
	String occurrence(String name, Instant at, String version, Random random) {
		int shift = 1 + random.nextInt(40_000);
		String text = replace(GOROUTINE_ID, text(name), (match) -> {
			long id = Long.parseLong(match.group());
			// goroutine 1 is main: it keeps its id in every process
			return String.valueOf((id == 1) ? id : id + shift);
		});
		text = LOG_TIME.matcher(text).replaceAll(LOG_FORMAT.format(at));
		text = replace(CLIENT_PORT, text, (match) -> String.valueOf(32_768 + random.nextInt(28_000)));
		return replace(APP_LINE, text, (match) -> {
			int moved = Math.floorMod((match.group(1) + version).hashCode(), 7) - 3;
			return match.group(1) + ":" + Math.max(1, Integer.parseInt(match.group(2)) + moved);
		});
	}

	private static String replace(Pattern pattern, String text, Function<MatchResult, String> replacement) {
		return pattern.matcher(text).replaceAll((match) -> Matcher.quoteReplacement(replacement.apply(match)));
	}

	private static String load(String name) {
		try (InputStream in = new ClassPathResource("demo/" + name + ".txt").getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read demo trace " + name, ex);
		}
	}

}

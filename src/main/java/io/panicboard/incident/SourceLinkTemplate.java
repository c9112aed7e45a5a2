package io.panicboard.incident;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.panicboard.system.HttpUrls;

/**
 * A service's source-link template: an http(s) URL with placeholders for a frame's
 * location, such as {@value #EXAMPLE}.
 * <ul>
 * <li>{@code {version}}: the version the occurrence reported (a tag or commit);</li>
 * <li>{@code {path}}: the frame's file inside the repository (the file as the trace
 * prints it, without the build directory or module path in front);</li>
 * <li>{@code {file}}: the frame's file exactly as the trace prints it;</li>
 * <li>{@code {line}}: the frame's line number.</li>
 * </ul>
 */
final class SourceLinkTemplate {

	/** The placeholders a template may use, in the order the form lists them. */
	static final List<String> PLACEHOLDERS = List.of("version", "path", "file", "line");

	static final int MAX_LENGTH = 500;

	static final String EXAMPLE = "https://github.com/acme/orders/blob/{version}/{path}#L{line}";

	private static final String LISTED = "{version}, {path}, {file}, {line}";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

	private SourceLinkTemplate() {
	}

	/**
	 * What is wrong with a template.
	 * @param template a non-blank template
	 * @return the problem, or empty when the template is valid
	 */
	static Optional<Problem> check(String template) {
		if (template.length() > MAX_LENGTH) {
			return Optional.of(new Problem("admin.services.error.templateLength", MAX_LENGTH));
		}
		StringBuilder example = new StringBuilder();
		Matcher matcher = PLACEHOLDER.matcher(template);
		while (matcher.find()) {
			String name = matcher.group(1);
			if (!PLACEHOLDERS.contains(name)) {
				return Optional.of(new Problem("admin.services.error.placeholder", "{" + name + "}", LISTED));
			}
			matcher.appendReplacement(example, Matcher.quoteReplacement(exampleValue(name)));
		}
		matcher.appendTail(example);
		if (example.indexOf("{") >= 0 || example.indexOf("}") >= 0) {
			return Optional.of(new Problem("admin.services.error.braces", LISTED));
		}
		return HttpUrls.isAbsoluteHttp(example.toString()) ? Optional.empty()
				: Optional.of(new Problem("admin.services.error.templateUrl", EXAMPLE));
	}

	private static String exampleValue(String placeholder) {
		return switch (placeholder) {
			case "version" -> "v1.2.3";
			case "path" -> "internal/orders/handler.go";
			case "file" -> "internal/orders/handler.go";
			default -> "42";
		};
	}

	/**
	 * Why a template is refused.
	 *
	 * @param messageKey the message that says so
	 * @param arguments its arguments
	 */
	record Problem(String messageKey, Object... arguments) {
	}

}

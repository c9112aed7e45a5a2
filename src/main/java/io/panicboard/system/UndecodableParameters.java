package io.panicboard.system;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.util.StringUtils;

/**
 * The parameters of a query string that the servlet container cannot decode: a {@code %}
 * not followed by two hex digits, or escaped bytes that are not UTF-8. Tomcat refuses the
 * whole query string for one of them (an {@code InvalidParameterException} on the first
 * parameter read); this names them, for a 400 like any other invalid parameter.
 */
final class UndecodableParameters {

	static final String MESSAGE = "must be percent-encoded UTF-8";

	private UndecodableParameters() {
	}

	/**
	 * The 400 answer naming each undecodable parameter of a query string.
	 * @param queryString the raw query string, or {@code null}
	 * @return the {@code /problems/invalid-request} problem
	 */
	static ProblemDetail problem(String queryString) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request has invalid fields; see errors.");
		problem.setType(URI.create("/problems/invalid-request"));
		problem.setTitle("Invalid request");
		List<FieldError> errors = new ArrayList<>();
		for (String name : names(queryString)) {
			errors.add(new FieldError(name, MESSAGE));
		}
		if (errors.isEmpty()) {
			errors.add(new FieldError("(parameters)", MESSAGE));
		}
		problem.setProperty("errors", errors);
		return problem;
	}

	/**
	 * The names of the parameters that cannot be decoded, in order, each once; a name
	 * that cannot be decoded itself is given as sent.
	 * @param queryString the raw query string, or {@code null}
	 * @return the names, empty when every parameter decodes
	 */
	static Set<String> names(String queryString) {
		Set<String> names = new LinkedHashSet<>();
		if (queryString == null) {
			return names;
		}
		for (String pair : StringUtils.delimitedListToStringArray(queryString, "&")) {
			int equals = pair.indexOf('=');
			String rawName = (equals < 0) ? pair : pair.substring(0, equals);
			String name = decode(rawName);
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			if (name == null) {
				names.add(rawName);
			}
			else if (value == null) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Decodes like the servlet container does ({@code +} is a space), strictly.
	 * @return the text, or {@code null} when it cannot be decoded
	 */
	private static String decode(String raw) {
		ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c == '%') {
				if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
						|| Character.digit(raw.charAt(i + 2), 16) < 0) {
					return null;
				}
				bytes.put((byte) ((Character.digit(raw.charAt(i + 1), 16) << 4)
						+ Character.digit(raw.charAt(i + 2), 16)));
				i += 2;
			}
			else {
				bytes.put(String.valueOf((c == '+') ? ' ' : c).getBytes(StandardCharsets.UTF_8));
			}
		}
		bytes.flip();
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(bytes)
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	/**
	 * One entry of {@code errors}.
	 *
	 * @param field the parameter
	 * @param message what is wrong with it
	 */
	record FieldError(String field, String message) {
	}

}

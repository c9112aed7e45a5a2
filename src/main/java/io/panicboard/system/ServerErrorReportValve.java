package io.panicboard.system;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.buf.MessageBytes;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * The answer to a request that the web server refuses before panicboard sees it: a path
 * holding an escaped slash, backslash or NUL ({@code %2F}, {@code %5C}, {@code %00}) or
 * climbing above the root ({@code /../}), or a request too malformed to map. Tomcat
 * answers those with its own HTML page; this valve takes the place of Tomcat's own and
 * answers a path under {@code /api/} with RFC 9457 problem+json and any other path with a
 * short page, like panicboard's own errors. An error panicboard rendered itself has its
 * body written already and passes untouched.
 */
public class ServerErrorReportValve extends ErrorReportValve {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final long maxHeaderBytes;

	/**
	 * A valve for Tomcat's default limit of the request line and headers, 8 KiB.
	 */
	public ServerErrorReportValve() {
		this(8 * 1024);
	}

	/**
	 * A valve that names the limit of the request line and headers in its answers.
	 * @param maxHeaderBytes {@code server.max-http-request-header-size} in bytes
	 */
	public ServerErrorReportValve(long maxHeaderBytes) {
		this.maxHeaderBytes = maxHeaderBytes;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean();
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String path = rawPath(request);
		String detail = detail(status, path, this.maxHeaderBytes);
		try {
			if (path.startsWith("/api/") || path.equals("/api")) {
				writeProblem(response, status, detail, path);
			}
			else {
				writePage(response, status, detail);
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away, or the response cannot take a body: nothing to answer
		}
	}

	/**
	 * The path as it was sent, before any decoding.
	 */
	private static String rawPath(Request request) {
		MessageBytes uri = request.getCoyoteRequest().requestURI();
		return (uri == null || uri.isNull()) ? "" : uri.toString();
	}

	/**
	 * What was wrong, as far as the path tells.
	 */
	static String detail(int status, String path, long maxHeaderBytes) {
		if (status == HttpStatus.BAD_REQUEST.value()) {
			String lower = path.toLowerCase(Locale.ROOT);
			if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00")) {
				return "The path holds an escaped slash (%2F), backslash (%5C) or NUL (%00), which the server "
						+ "does not accept in a path; send such a value as a query parameter.";
			}
			if (path.contains("..")) {
				return "The path climbs above the root (..), which the server does not accept.";
			}
			return "The server could not read the request: its request line and headers must be well-formed "
					+ "and at most " + maxHeaderBytes + " bytes together (server.max-http-request-header-size).";
		}
		return "The server refused the request before panicboard could read it.";
	}

	private static void writeProblem(Response response, int status, String detail, String path) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", reason(status));
		problem.put("status", status);
		problem.put("detail", detail);
		problem.put("instance", path);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		write(response, JSON.writeValueAsString(problem));
	}

	private static void writePage(Response response, int status, String detail) throws IOException {
		String title = status + " " + reason(status);
		response.setContentType("text/html");
		response.setCharacterEncoding("UTF-8");
		write(response, """
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<title>%s · panicboard</title>
				<link rel="stylesheet" href="/css/panicboard.css">
				</head>
				<body>
				<main class="page narrow">
				<h1>This request cannot be answered (%s)</h1>
				<p>%s</p>
				<p><a href="/">Back to the overview</a></p>
				</main>
				</body>
				</html>
				""".formatted(HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(detail)));
	}

	private static void write(Response response, String body) throws IOException {
		PrintWriter writer = response.getReporter();
		if (writer != null) {
			writer.write(body);
			response.finishResponse();
		}
	}

	private static String reason(int status) {
		HttpStatus known = HttpStatus.resolve(status);
		return (known != null) ? known.getReasonPhrase() : "Error";
	}

}

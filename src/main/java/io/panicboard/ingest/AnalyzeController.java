package io.panicboard.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.panicboard.analysis.TraceAnalyzer;
import io.panicboard.ingest.IngestProblems.FieldError;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /api/v1/analyze}: the findings in the posted text, stored nowhere.
 * <p>
 * The body is streamed into the analyzer and never held as one string; it is bounded by
 * {@link IngestProperties#maxAnalyzeSize()} (checked against {@code Content-Length} up
 * front and counted while reading), may be gzip-compressed, and is read as UTF-8 with
 * malformed bytes replaced, whatever its content type says.
 */
@RestController
class AnalyzeController {

	private final TraceAnalyzer analyzer;

	private final IngestProperties properties;

	AnalyzeController(TraceAnalyzer analyzer, IngestProperties properties) {
		this.analyzer = analyzer;
		this.properties = properties;
	}

	@PostMapping("/api/v1/analyze")
	AnalyzeResponse analyze(HttpServletRequest request) {
		boolean withGoroutines = withGoroutines(request.getQueryString());
		List<FindingJson> findings = new ArrayList<>();
		try (InputStream body = openBody(request)) {
			this.analyzer.analyze(body, (finding) -> findings.add(FindingJson.of(finding, withGoroutines)));
		}
		catch (UncheckedIOException ex) {
			throw readFailure(ex.getCause());
		}
		catch (IOException ex) {
			throw readFailure(ex);
		}
		return new AnalyzeResponse(findings);
	}

	/**
	 * Reads {@code goroutines} from the query string itself: asking the servlet request
	 * for a parameter would make the container consume a form-encoded body (curl's
	 * default content type) before the analyzer sees it.
	 */
	private static boolean withGoroutines(String queryString) {
		String value = UriComponentsBuilder.newInstance()
			.query(queryString)
			.build()
			.getQueryParams()
			.getFirst("goroutines");
		if (value == null || value.isEmpty() || "none".equals(value)) {
			return false;
		}
		if ("all".equals(value)) {
			return true;
		}
		throw IngestProblems.invalidFields(List.of(new FieldError("goroutines", "must be all or none")),
				"the text was not analysed");
	}

	private InputStream openBody(HttpServletRequest request) throws IOException {
		String contentType = request.getContentType();
		if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
			throw IngestProblems.multipartNotSupported();
		}
		return RequestBodies.open(request, this.properties.maxAnalyzeSize().toBytes(), "The body");
	}

	private RuntimeException readFailure(IOException ex) {
		return RequestBodies.readFailure(ex, this.properties.maxAnalyzeSize().toBytes(), "The body");
	}

	/**
	 * The response body.
	 *
	 * @param findings the findings in order of appearance
	 */
	record AnalyzeResponse(List<FindingJson> findings) {
	}

}

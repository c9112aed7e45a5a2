package io.panicboard.ingest;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The RFC 9457 problems of the ingestion API; the API's exception handler renders them as
 * {@code application/problem+json}.
 */
final class IngestProblems {

	private IngestProblems() {
	}

	static ErrorResponseException payloadTooLarge(long maxBytes) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large",
				"The body is larger than " + maxBytes + " bytes (after decompression). Send less text per request.");
		problem.setProperty("maxBytes", maxBytes);
		return new ErrorResponseException(HttpStatus.CONTENT_TOO_LARGE, problem, null);
	}

	static ErrorResponseException unsupportedContentEncoding(String encoding) {
		return new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-content-encoding",
						"Unsupported content encoding",
						"Content-Encoding '" + encoding + "' is not supported; send the body as is or gzip it."),
				null);
	}

	static ErrorResponseException multipartNotSupported() {
		return new ErrorResponseException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "multipart-not-supported", "Multipart not supported",
						"Send the text as the raw request body (curl --data-binary @file), not as a form upload."),
				null);
	}

	static ErrorResponseException unreadableBody(Throwable cause) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem(HttpStatus.BAD_REQUEST, "unreadable-body",
				"Unreadable body", "The request body could not be read: " + cause.getMessage()), cause);
	}

	static ErrorResponseException invalidParameter(String detail) {
		return new ErrorResponseException(HttpStatus.BAD_REQUEST,
				ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
	}

	private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		return problem;
	}

}

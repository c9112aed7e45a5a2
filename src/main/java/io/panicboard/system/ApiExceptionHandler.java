package io.panicboard.system;

import java.io.IOException;
import java.net.URI;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error of an API request ({@code /api/**}) as RFC 9457
 * {@code application/problem+json}: the Spring MVC exceptions (400, 404, 405, 406, 413,
 * 415, ...) and any {@link org.springframework.web.ErrorResponse} through
 * {@link ResponseEntityExceptionHandler}, anything else as a 500 that reveals nothing
 * about the failure. Every problem has a {@code type}: plain HTTP errors
 * {@code about:blank}.
 * <p>
 * For a page, the same errors become an error status that the servlet container forwards
 * to the error pages ({@code templates/error/}), so a person sees a page, not JSON.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	/** RFC 9457's type of a problem that is just its HTTP status. */
	static final URI ABOUT_BLANK = URI.create("about:blank");

	@ExceptionHandler
	ResponseEntity<ProblemDetail> handleUnexpected(Exception ex, NativeWebRequest request) throws IOException {
		this.logger.error("Request failed", ex);
		if (!isApi(request)) {
			sendError(request, HttpStatus.INTERNAL_SERVER_ERROR.value());
			return null;
		}
		return ResponseEntity.internalServerError().body(serverFault());
	}

	/**
	 * The 500 problem of an unexpected failure: it says nothing about the failure.
	 * @return the problem, of type {@code about:blank}
	 */
	static ProblemDetail serverFault() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The request failed on the server; the log has the details.");
		problem.setType(ABOUT_BLANK);
		return problem;
	}

	/**
	 * A query parameter that the servlet container cannot decode ({@code ?q=%zz}): 400
	 * naming each such parameter, as for any invalid parameter (see
	 * {@link UndecodableParameters}).
	 */
	@ExceptionHandler
	ResponseEntity<Object> handleUndecodableParameter(InvalidParameterException ex, NativeWebRequest request) {
		HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
		String queryString = (servletRequest != null) ? servletRequest.getQueryString() : null;
		return handleExceptionInternal(ex, UndecodableParameters.problem(queryString), new HttpHeaders(),
				HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * A JSON body that could not be read: its syntax error and where it is, or the field
	 * with a value of the wrong type (see {@link UnreadableBodies}).
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return handleExceptionInternal(ex, UnreadableBodies.problem(ex), headers, status, request);
	}

	/**
	 * A query or path parameter that is not of its type ({@code ?size=abc}): the
	 * parameter named, as for a body's field.
	 */
	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
			return handleExceptionInternal(ex,
					UnreadableBodies.invalidParameter(mismatch.getName(), mismatch.getRequiredType()), headers, status,
					request);
		}
		return super.handleTypeMismatch(ex, headers, status, request);
	}

	/**
	 * A request body of a content type the endpoint does not take, or without one: a
	 * problem type of its own and a detail that names what to send.
	 */
	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String supported = ex.getSupportedMediaTypes()
			.stream()
			.map(MediaType::toString)
			.collect(Collectors.joining(" or "));
		String sent = request.getHeader(HttpHeaders.CONTENT_TYPE);
		String detail;
		if (sent == null || sent.isBlank()) {
			detail = "The request has no Content-Type; send Content-Type: " + supported + ".";
		}
		else {
			detail = "Content-Type '" + sent + "' is not supported; send Content-Type: " + supported + ".";
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/unsupported-media-type"));
		problem.setTitle("Unsupported media type");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (request instanceof NativeWebRequest nativeRequest && !isApi(nativeRequest)) {
			try {
				sendError(nativeRequest, statusCode.value());
				return null;
			}
			catch (IOException sendFailed) {
				this.logger.debug("Could not send the error status of a page", sendFailed);
			}
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	/**
	 * Gives a problem without a type, such as Spring MVC's own 404 and 405, the type
	 * {@code about:blank} explicitly, so that every problem of the API has one.
	 */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(ABOUT_BLANK);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static boolean isApi(NativeWebRequest request) {
		HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
		return servletRequest == null
				|| servletRequest.getRequestURI().startsWith(servletRequest.getContextPath() + "/api/");
	}

	private static void sendError(NativeWebRequest request, int status) throws IOException {
		HttpServletResponse response = request.getNativeResponse(HttpServletResponse.class);
		if (response != null && !response.isCommitted()) {
			response.sendError(status);
		}
	}

}

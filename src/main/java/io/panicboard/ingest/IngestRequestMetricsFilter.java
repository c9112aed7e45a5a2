package io.panicboard.ingest;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts and times every {@code POST} to an ingestion endpoint, whatever answers it: the
 * controllers, the API's authentication and rate limit (401, 429) or the error handlers.
 * It runs before Spring Security, so the time includes everything the server does.
 */
class IngestRequestMetricsFilter extends OncePerRequestFilter {

	private final IngestMetrics metrics;

	IngestRequestMetricsFilter(IngestMetrics metrics) {
		this.metrics = metrics;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod()) || endpoint(request) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long start = System.nanoTime();
		boolean failed = true;
		try {
			chain.doFilter(request, response);
			failed = false;
		}
		finally {
			IngestResult result = failed ? IngestResult.ERROR : IngestResult.of(response.getStatus(),
					Boolean.TRUE.equals(request.getAttribute(IngestMetrics.ALL_DUPLICATES)));
			this.metrics.requestFinished(endpoint(request), result, System.nanoTime() - start);
		}
	}

	private static String endpoint(HttpServletRequest request) {
		return IngestEndpoint.BY_PATH.get(request.getRequestURI().substring(request.getContextPath().length()));
	}

}

package io.panicboard.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class ApiAuthenticationFilterTests {

	private static final String BOOTSTRAP = "filter-bootstrap-token";

	private final List<Exception> rendered = new ArrayList<>();

	private final HandlerExceptionResolver problems = (request, response, handler, ex) -> {
		this.rendered.add(ex);
		return new ModelAndView();
	};

	private final TokenAuthenticator storedTokens = mock(TokenAuthenticator.class);

	@Test
	void passesTheBootstrapTokenOnAsTheBootstrapAdmin() throws Exception {
		MockHttpServletRequest request = request("bearer " + BOOTSTRAP);
		MockFilterChain chain = new MockFilterChain();
		filter(null).doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(ApiPrincipal.of(request)).contains(ApiAuthenticationFilter.BOOTSTRAP);
		assertThat(this.rendered).isEmpty();
	}

	@Test
	void passesAStoredTokenOnAsItsCaller() throws Exception {
		ApiPrincipal reader = new ApiPrincipal(7, "grafana", TokenScope.READ, null);
		given(this.storedTokens.authenticate("pbt_stored")).willReturn(Optional.of(reader));
		MockHttpServletRequest request = request("Bearer pbt_stored");
		MockFilterChain chain = new MockFilterChain();
		filter(null).doFilter(request, new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isSameAs(request);
		assertThat(ApiPrincipal.of(request)).contains(reader);
	}

	@Test
	void stopsARequestWithoutABearerTokenWith401() throws Exception {
		for (String header : new String[] { null, "Basic dXNlcjpwYXNz", "Bearer ", "Bearer unknown" }) {
			MockFilterChain chain = new MockFilterChain();
			filter(null).doFilter(request(header), new MockHttpServletResponse(), chain);
			assertThat(chain.getRequest()).as(header).isNull();
		}
		assertThat(this.rendered).extracting((ex) -> ((ErrorResponseException) ex).getStatusCode())
			.containsOnly(HttpStatus.UNAUTHORIZED);
		assertThat(this.rendered)
			.extracting((ex) -> ((ErrorResponseException) ex).getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.containsExactly(SecurityProblems.CHALLENGE, SecurityProblems.CHALLENGE,
					SecurityProblems.INVALID_TOKEN_CHALLENGE, SecurityProblems.INVALID_TOKEN_CHALLENGE);
	}

	@Test
	void stopsACallerOverItsRateLimitWith429() throws Exception {
		ApiAuthenticationFilter filter = filter(
				new RateLimiter(new SecurityProperties.RateLimit(true, 1, 1, Duration.ofHours(1), 10)));
		MockFilterChain first = new MockFilterChain();
		filter.doFilter(request("Bearer " + BOOTSTRAP), new MockHttpServletResponse(), first);
		MockFilterChain second = new MockFilterChain();
		filter.doFilter(request("Bearer " + BOOTSTRAP), new MockHttpServletResponse(), second);
		assertThat(first.getRequest()).isNotNull();
		assertThat(second.getRequest()).isNull();
		assertThat(this.rendered).singleElement()
			.satisfies((ex) -> assertThat(((ErrorResponseException) ex).getStatusCode())
				.isEqualTo(HttpStatus.TOO_MANY_REQUESTS));
	}

	@Test
	void rendersAFailedLookupAsAControllersFailure() throws Exception {
		ErrorResponseException unavailable = SecurityProblems.tokenStoreUnavailable(new IllegalStateException());
		given(this.storedTokens.authenticate(anyString())).willThrow(unavailable);
		MockFilterChain chain = new MockFilterChain();
		filter(null).doFilter(request("Bearer pbt_stored"), new MockHttpServletResponse(), chain);
		assertThat(chain.getRequest()).isNull();
		assertThat(this.rendered).containsExactly(unavailable);
	}

	private ApiAuthenticationFilter filter(RateLimiter rateLimiter) {
		return new ApiAuthenticationFilter(BOOTSTRAP, () -> this.storedTokens, rateLimiter, this.problems);
	}

	private static MockHttpServletRequest request(String authorization) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/events");
		if (authorization != null) {
			request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
		}
		return request;
	}

}

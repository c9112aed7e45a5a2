package io.panicboard.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import io.panicboard.security.WebSecurityConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyze endpoint in a web slice: without a database only the bootstrap token
 * authenticates, which is all these tests need. Stored tokens are tested with the
 * database in the security module.
 */
@WebMvcTest(AnalyzeController.class)
@Import({ AnalysisConfiguration.class, WebSecurityConfiguration.class })
@TestPropertySource(properties = "panicboard.bootstrap-token=" + AnalyzeControllerTests.TOKEN)
class AnalyzeControllerTests {

	static final String TOKEN = "s3cret-t0ken";

	private static final int MIB = 1024 * 1024;

	@Autowired
	private MockMvcTester mvc;

	@Test
	void findsNilMapWriteInCorpusTrace() {
		assertThat(analyze(corpus("generated/nilmap-basic.txt"))).hasStatusOk()
			.hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.findings.length()").isEqualTo(1);
				assertThat(json).extractingPath("$.findings[0].type").isEqualTo("panic");
				assertThat(json).extractingPath("$.findings[0].kind").isEqualTo("nil_map_write");
				assertThat(json).extractingPath("$.findings[0].severity").isEqualTo("critical");
				assertThat(json).extractingPath("$.findings[0].message").isEqualTo("assignment to entry in nil map");
				assertThat(json).extractingPath("$.findings[0].mapRelated").isEqualTo(true);
				assertThat(json).extractingPath("$.findings[0].fingerprint").asString().matches("[0-9a-f]{32}");
				assertThat(json).extractingPath("$.findings[0].fingerprintComponents").asArray().isNotEmpty();
				assertThat(json).extractingPath("$.findings[0].topInAppFrame.function").isEqualTo("main.main");
				assertThat(json).extractingPath("$.findings[0].topInAppFrame.line").isEqualTo(8);
				assertThat(json).extractingPath("$.findings[0].topInAppFrame.file")
					.isEqualTo("/home/gopher/crashlab/nilmap-basic/main.go");
				assertThat(json).extractingPath("$.findings[0].topInAppFrame.origin").isEqualTo("application");
				assertThat(json).extractingPath("$.findings[0].topInAppFrame.inApp").isEqualTo(true);
				assertThat(json).extractingPath("$.findings[0].crashingGoroutine.id").isEqualTo(1);
				assertThat(json).extractingPath("$.findings[0].crashingGoroutine.state").isEqualTo("running");
				assertThat(json).extractingPath("$.findings[0].buckets[0].count").isEqualTo(1);
				assertThat(json).extractingPath("$.findings[0].line").isEqualTo(1);
				assertThat(json).extractingPath("$.findings[0].truncation.goroutines").isEqualTo(false);
				assertThat(json).extractingPath("$.findings[0].truncation.lines").isEqualTo(false);
			});
	}

	@Test
	void leavesGoroutinesOutUnlessAllAreAskedFor() {
		byte[] trace = corpus("generated/nilmap-basic.txt");
		assertThat(analyze(trace)).bodyJson().doesNotHavePath("$.findings[0].goroutines");
		assertThat(post("/api/v1/analyze?goroutines=all").content(trace)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.findings[0].goroutines[0].frames[0].function")
			.isEqualTo("main.main");
	}

	@Test
	void rejectsUnknownGoroutinesValue() {
		assertThat(post("/api/v1/analyze?goroutines=some").content(new byte[0])).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/invalid-fields");
				assertThat(json).extractingPath("$.errors[0].field").isEqualTo("goroutines");
				assertThat(json).extractingPath("$.errors[0].message").isEqualTo("must be all or none");
				assertThat(json).extractingPath("$.detail").isEqualTo("1 invalid field(s); the text was not analysed.");
			});
	}

	@Test
	void findsRaceWithBothAccesses() {
		assertThat(analyze(corpus("generated/race-int.txt"))).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.findings.length()").isEqualTo(1);
			assertThat(json).extractingPath("$.findings[0].type").isEqualTo("race");
			assertThat(json).extractingPath("$.findings[0].kind").isEqualTo("data_race");
			assertThat(json).extractingPath("$.findings[0].race.accesses.length()").isEqualTo(2);
			assertThat(json).extractingPath("$.findings[0].race.accesses[0].operation").isEqualTo("read");
			assertThat(json).extractingPath("$.findings[0].race.accesses[0].address").isEqualTo("0x0000005da5c0");
			assertThat(json).extractingPath("$.findings[0].race.accesses[0].goroutineId").isEqualTo(8);
			assertThat(json).extractingPath("$.findings[0].race.accesses[0].previous").isEqualTo(false);
			assertThat(json).extractingPath("$.findings[0].race.accesses[1].operation").isEqualTo("write");
			assertThat(json).extractingPath("$.findings[0].race.accesses[1].previous").isEqualTo(true);
			assertThat(json).extractingPath("$.findings[0].race.accesses[1].frames[0].function")
				.isEqualTo("main.handle");
			assertThat(json).extractingPath("$.findings[0].race.foundRaces").isEqualTo(1);
			assertThat(json).extractingPath("$.findings[0].topInAppFrame.function").isEqualTo("main.handle");
		});
	}

	@Test
	void parsesGctraceLines() {
		assertThat(analyze(corpus("generated/gctrace-alloc.txt"))).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.findings.length()").isEqualTo(42);
			assertThat(json).extractingPath("$.findings[0].type").isEqualTo("gc");
			assertThat(json).extractingPath("$.findings[0].kind").isEqualTo("gctrace");
			assertThat(json).doesNotHavePath("$.findings[0].fingerprint");
			assertThat(json).extractingPath("$.findings[0].gc.number").isEqualTo(1);
			assertThat(json).extractingPath("$.findings[0].gc.atSeconds").isEqualTo(0.001);
			assertThat(json).extractingPath("$.findings[0].gc.cpuPercent").isEqualTo(4);
			assertThat(json).extractingPath("$.findings[0].gc.clockSweepTerminationMs").isEqualTo(0.011);
			assertThat(json).extractingPath("$.findings[0].gc.clockMarkMs").isEqualTo(0.73);
			assertThat(json).extractingPath("$.findings[0].gc.clockMarkTerminationMs").isEqualTo(0.005);
			assertThat(json).extractingPath("$.findings[0].gc.heapBeforeMb").isEqualTo(3);
			assertThat(json).extractingPath("$.findings[0].gc.heapAfterMb").isEqualTo(4);
			assertThat(json).extractingPath("$.findings[0].gc.heapLiveMb").isEqualTo(3);
			assertThat(json).extractingPath("$.findings[0].gc.goalMb").isEqualTo(4);
			assertThat(json).extractingPath("$.findings[0].gc.stacksMb").isEqualTo(0);
			assertThat(json).extractingPath("$.findings[0].gc.globalsMb").isEqualTo(0);
			assertThat(json).extractingPath("$.findings[0].gc.procs").isEqualTo(2);
			assertThat(json).extractingPath("$.findings[0].gc.forced").isEqualTo(false);
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/plain", "text/plain;charset=ISO-8859-1", "application/octet-stream",
			"application/x-www-form-urlencoded", "application/json" })
	void acceptsAnyContentType(String contentType) {
		assertThat(post("/api/v1/analyze").header(HttpHeaders.CONTENT_TYPE, contentType)
			.content(corpus("generated/nilmap-basic.txt"))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.findings[0].kind")
			.isEqualTo("nil_map_write");
	}

	@Test
	void returnsNoFindingsForEmptyBody() {
		assertThat(post("/api/v1/analyze")).hasStatusOk().bodyJson().extractingPath("$.findings").asArray().isEmpty();
	}

	@Test
	void returnsNoFindingsForBinaryGarbage() {
		byte[] garbage = new byte[2 * MIB];
		new Random(20240521).nextBytes(garbage);
		Arrays.fill(garbage, 4096, 8192, (byte) 0);
		Arrays.fill(garbage, 8192, 9000, (byte) 0xC0);
		assertThat(analyze(garbage)).hasStatusOk().bodyJson().extractingPath("$.findings").asArray().isEmpty();
	}

	@Test
	void replacesInvalidUtf8InsideTrace() {
		byte[] trace = concat("panic: bad ".getBytes(StandardCharsets.US_ASCII),
				new byte[] { (byte) 0xFF, 0, (byte) 0xC3 },
				(" value\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:8 +0x70\nexit status 2\n")
					.getBytes(StandardCharsets.US_ASCII));
		assertThat(analyze(trace)).hasStatusOk().bodyJson().satisfies((json) -> {
			assertThat(json).extractingPath("$.findings[0].kind").isEqualTo("user_panic");
			assertThat(json).extractingPath("$.findings[0].message")
				.asString()
				.startsWith("bad \uFFFD")
				.contains("value");
			assertThat(json).extractingPath("$.findings[0].topInAppFrame.line").isEqualTo(8);
		});
	}

	@Test
	void rejectsBodyOverLimitByContentLength() {
		assertThat(analyze(new byte[11 * MIB])).hasStatus(413)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.satisfies((json) -> {
				assertThat(json).extractingPath("$.status").isEqualTo(413);
				assertThat(json).extractingPath("$.type").isEqualTo("/problems/payload-too-large");
				assertThat(json).extractingPath("$.title").isEqualTo("Payload too large");
				assertThat(json).extractingPath("$.detail").asString().contains("10485760");
				assertThat(json).extractingPath("$.maxBytes").isEqualTo(10485760);
			});
	}

	@Test
	void rejectsBodyOverLimitWhileStreamingDecompressedBytes() {
		byte[] compressed = gzip(new byte[11 * MIB]);
		assertThat(compressed.length).isLessThan(MIB);
		assertThat(post("/api/v1/analyze").header(HttpHeaders.CONTENT_ENCODING, "gzip").content(compressed))
			.hasStatus(413)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(413);
	}

	@Test
	void acceptsBodyAtLimit() {
		byte[] body = new byte[10 * MIB];
		Arrays.fill(body, (byte) 'x');
		assertThat(analyze(body)).hasStatusOk().bodyJson().extractingPath("$.findings").asArray().isEmpty();
	}

	@Test
	void decompressesGzipBody() {
		assertThat(post("/api/v1/analyze").header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content(gzip(corpus("generated/nilmap-basic.txt")))).hasStatusOk()
			.bodyJson()
			.extractingPath("$.findings[0].kind")
			.isEqualTo("nil_map_write");
	}

	@Test
	void rejectsBrokenGzipBody() {
		assertThat(post("/api/v1/analyze").header(HttpHeaders.CONTENT_ENCODING, "gzip")
			.content(corpus("generated/nilmap-basic.txt"))).hasStatus(400)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.type")
			.isEqualTo("/problems/unreadable-body");
	}

	@Test
	void rejectsUnknownContentEncoding() {
		assertThat(post("/api/v1/analyze").header(HttpHeaders.CONTENT_ENCODING, "br")
			.content(corpus("generated/nilmap-basic.txt"))).hasStatus(415)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void answersWrongMethodWithProblem() {
		assertThat(get("/api/v1/analyze")).hasStatus(405)
			.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
			.bodyJson()
			.extractingPath("$.status")
			.isEqualTo(405);
	}

	private MockMvcRequestBuilder analyze(byte[] body) {
		return post("/api/v1/analyze").contentType(MediaType.TEXT_PLAIN).content(body);
	}

	private MockMvcRequestBuilder post(String uri) {
		return this.mvc.post().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
	}

	private MockMvcRequestBuilder get(String uri) {
		return this.mvc.get().uri(uri).header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
	}

	private MockMvcRequestBuilder analyzeWithoutToken(byte[] body) {
		return this.mvc.post().uri("/api/v1/analyze").contentType(MediaType.TEXT_PLAIN).content(body);
	}

	static byte[] corpus(String file) {
		try (InputStream in = AnalyzeControllerTests.class.getResourceAsStream("/corpus/" + file)) {
			assertThat(in).as(file).isNotNull();
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] gzip(byte[] bytes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	@Nested
	class WithBootstrapToken {

		@Test
		void rejectsCallWithoutToken() {
			assertThat(analyzeWithoutToken(corpus("generated/nilmap-basic.txt"))).hasStatus(401)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"panicboard\"")
				.bodyJson()
				.satisfies((json) -> {
					assertThat(json).extractingPath("$.status").isEqualTo(401);
					assertThat(json).extractingPath("$.type").isEqualTo("/problems/unauthorized");
				});
		}

		@Test
		void rejectsCallWithWrongToken() {
			assertThat(analyzeWithoutToken(corpus("generated/nilmap-basic.txt")).header(HttpHeaders.AUTHORIZATION,
					"Bearer s3cret-t0ken-not"))
				.hasStatus(401)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"panicboard\", error=\"invalid_token\"")
				.bodyJson()
				.extractingPath("$.detail")
				.asString()
				.doesNotContain("s3cret");
		}

		@Test
		void rejectsOtherSchemes() {
			assertThat(analyzeWithoutToken(new byte[0]).header(HttpHeaders.AUTHORIZATION, "Basic czNjcmV0LXQwa2Vu"))
				.hasStatus(401);
		}

		@Test
		void acceptsRightToken() {
			assertThat(analyzeWithoutToken(corpus("generated/nilmap-basic.txt")).header(HttpHeaders.AUTHORIZATION,
					"Bearer s3cret-t0ken"))
				.hasStatusOk()
				.bodyJson()
				.extractingPath("$.findings[0].kind")
				.isEqualTo("nil_map_write");
		}

		@Test
		void acceptsSchemeInAnyCase() {
			assertThat(analyzeWithoutToken(new byte[0]).header(HttpHeaders.AUTHORIZATION, "bearer s3cret-t0ken"))
				.hasStatusOk();
		}

	}

	@Nested
	@TestPropertySource(properties = "panicboard.bootstrap-token=")
	class WithoutBootstrapToken {

		@Test
		void rejectsCallWithoutToken() {
			assertThat(analyzeWithoutToken(corpus("generated/nilmap-basic.txt"))).hasStatus(401)
				.hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
				.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"panicboard\"");
		}

		@Test
		void rejectsAnyTokenWhenNoneIsStored() {
			assertThat(analyzeWithoutToken(corpus("generated/nilmap-basic.txt")).header(HttpHeaders.AUTHORIZATION,
					"Bearer " + TOKEN))
				.hasStatus(401)
				.hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"panicboard\", error=\"invalid_token\"");
		}

	}

}

package io.panicboard.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BoundedInputStreamTests {

	@Test
	void readsStreamUpToLimit() throws IOException {
		InputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[100]), 100);
		assertThat(in.readAllBytes()).hasSize(100);
	}

	@Test
	void failsOnFirstByteOverLimit() throws IOException {
		InputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[101]), 100);
		assertThat(in.readNBytes(100)).hasSize(100);
		assertThatExceptionOfType(BoundedInputStream.LimitExceededException.class).isThrownBy(in::read);
	}

	@Test
	void countsSkippedBytes() throws IOException {
		InputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[200]), 100);
		assertThatExceptionOfType(BoundedInputStream.LimitExceededException.class).isThrownBy(() -> in.skip(150));
	}

}

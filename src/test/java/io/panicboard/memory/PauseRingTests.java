package io.panicboard.memory;

import java.util.stream.LongStream;

import io.panicboard.memory.PauseRing.Derived;
import io.panicboard.memory.PauseRing.Pause;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PauseRingTests {

	private static final long EPOCH = 1_763_700_000_000_000_000L;

	@Test
	void takesTheCyclesSinceThePreviousSample() {
		Runtime runtime = new Runtime().collect(10);
		Derived derived = PauseRing.derive(7L, 10, runtime.pauseNs, runtime.pauseEnd);
		assertThat(derived.pauses()).extracting(Pause::number).containsExactly(8L, 9L, 10L);
		assertThat(derived.pauses().get(0)).isEqualTo(new Pause(8, EPOCH + 8_000, 80_000));
		assertThat(derived.lost()).isZero();
		assertThat(derived.restarted()).isFalse();
	}

	@Test
	void findsNothingNewWhenNoCycleRan() {
		Runtime runtime = new Runtime().collect(300);
		Derived derived = PauseRing.derive(300L, 300, runtime.pauseNs, runtime.pauseEnd);
		assertThat(derived.pauses()).isEmpty();
		assertThat(derived.lost()).isZero();
	}

	@Test
	void readsAcrossTheWrapAroundOfTheRing() {
		Runtime runtime = new Runtime().collect(260);
		Derived derived = PauseRing.derive(250L, 260, runtime.pauseNs, runtime.pauseEnd);
		// cycles 251..256 sit at indexes 250..255, cycles 257..260 at 0..3
		assertThat(derived.pauses()).extracting(Pause::number)
			.containsExactly(251L, 252L, 253L, 254L, 255L, 256L, 257L, 258L, 259L, 260L);
		assertThat(derived.pauses()).extracting(Pause::nanos)
			.containsExactly(2_510_000L, 2_520_000L, 2_530_000L, 2_540_000L, 2_550_000L, 2_560_000L, 2_570_000L,
					2_580_000L, 2_590_000L, 2_600_000L);
		assertThat(derived.lost()).isZero();
	}

	@Test
	void takesExactly256CyclesWithoutLoss() {
		Runtime runtime = new Runtime().collect(1000);
		Derived derived = PauseRing.derive(744L, 1000, runtime.pauseNs, runtime.pauseEnd);
		assertThat(derived.pauses()).hasSize(256);
		assertThat(derived.pauses().get(0).number()).isEqualTo(745);
		assertThat(derived.lost()).isZero();
	}

	@Test
	void countsTheCyclesTheRingOverwroteInAGap() {
		Runtime runtime = new Runtime().collect(1000);
		Derived derived = PauseRing.derive(100L, 1000, runtime.pauseNs, runtime.pauseEnd);
		assertThat(derived.pauses()).hasSize(256);
		assertThat(derived.pauses().get(0)).isEqualTo(new Pause(745, EPOCH + 745_000, 7_450_000));
		assertThat(derived.pauses().get(255)).isEqualTo(new Pause(1000, EPOCH + 1_000_000, 10_000_000));
		assertThat(derived.lost()).isEqualTo(900 - 256);
	}

	@Test
	void startsANewSeriesWhenTheProcessRestarted() {
		Runtime restarted = new Runtime().collect(5);
		Derived derived = PauseRing.derive(4_000L, 5, restarted.pauseNs, restarted.pauseEnd);
		assertThat(derived.restarted()).isTrue();
		assertThat(derived.pauses()).extracting(Pause::number).containsExactly(1L, 2L, 3L, 4L, 5L);
		assertThat(derived.lost()).isZero();
	}

	@Test
	void countsWhatARestartedProcessCollectedBeyondTheRing() {
		Runtime restarted = new Runtime().collect(300);
		Derived derived = PauseRing.derive(4_000L, 300, restarted.pauseNs, restarted.pauseEnd);
		assertThat(derived.pauses()).hasSize(256);
		assertThat(derived.pauses().get(0).number()).isEqualTo(45);
		assertThat(derived.lost()).isEqualTo(44);
	}

	@Test
	void firstSampleTakesWhatTheRingHoldsWithoutCountingLoss() {
		Runtime young = new Runtime().collect(3);
		assertThat(PauseRing.derive(null, 3, young.pauseNs, young.pauseEnd).pauses()).extracting(Pause::number)
			.containsExactly(1L, 2L, 3L);
		Runtime old = new Runtime().collect(5000);
		Derived derived = PauseRing.derive(null, 5000, old.pauseNs, old.pauseEnd);
		assertThat(derived.pauses()).hasSize(256);
		assertThat(derived.pauses().get(0).number()).isEqualTo(4745);
		assertThat(derived.lost()).isZero();
	}

	@Test
	void aFreshProcessHasNoPauses() {
		Runtime fresh = new Runtime();
		Derived derived = PauseRing.derive(null, 0, fresh.pauseNs, fresh.pauseEnd);
		assertThat(derived.pauses()).isEmpty();
		assertThat(derived.lost()).isZero();
	}

	@Test
	void followsASequenceOfSamplesWithoutDuplicatesOrHoles() {
		Runtime runtime = new Runtime();
		long previous = 0;
		long next = 1;
		for (int step : new int[] { 3, 0, 253, 1, 256, 40, 255, 2 }) {
			runtime.collect(step);
			Derived derived = PauseRing.derive(previous, runtime.numGc, runtime.pauseNs, runtime.pauseEnd);
			for (Pause pause : derived.pauses()) {
				assertThat(pause.number()).isEqualTo(next++);
				assertThat(pause.nanos()).isEqualTo(pause.number() * 10_000);
			}
			assertThat(derived.lost()).isZero();
			previous = runtime.numGc;
		}
		assertThat(next - 1).isEqualTo(runtime.numGc);
	}

	@Test
	void startsANewSeriesWhenANewProcessHasRunAtLeastAsManyCycles() {
		Runtime old = new Runtime().collect(31);
		Long oldLastEnd = PauseRing.lastEnd(old.numGc, old.pauseEnd);
		for (int cycles : new int[] { 31, 157, 286 }) {
			Runtime replacement = new Runtime(EPOCH + 1_000_000_000).collect(cycles);
			Derived derived = PauseRing.derive(31L, oldLastEnd, cycles, replacement.pauseNs, replacement.pauseEnd);
			assertThat(derived.restarted()).isTrue();
			assertThat(derived.pauses()).extracting(Pause::number)
				.containsExactlyElementsOf(LongStream.rangeClosed(Math.max(1, cycles - 255), cycles).boxed().toList());
			assertThat(derived.lost()).isEqualTo(Math.max(0, cycles - 256));
		}
	}

	@Test
	void keepsTheSeriesWhileTheSlotOfThePreviousNewestCycleIsUnchanged() {
		Runtime runtime = new Runtime();
		long previous = 0;
		Long previousLastEnd = null;
		for (int step : new int[] { 3, 0, 253, 1, 255, 40 }) {
			runtime.collect(step);
			Derived derived = PauseRing.derive(previous, previousLastEnd, runtime.numGc, runtime.pauseNs,
					runtime.pauseEnd);
			assertThat(derived.restarted()).isFalse();
			assertThat(derived.pauses()).hasSize(step);
			previous = runtime.numGc;
			previousLastEnd = PauseRing.lastEnd(runtime.numGc, runtime.pauseEnd);
		}
	}

	@Test
	void countsUnwrittenSlotsAsLost() {
		Runtime runtime = new Runtime().collect(4);
		runtime.pauseEnd[2] = 0;
		Derived derived = PauseRing.derive(0L, 4, runtime.pauseNs, runtime.pauseEnd);
		assertThat(derived.pauses()).extracting(Pause::number).containsExactly(1L, 2L, 4L);
		assertThat(derived.lost()).isOne();
	}

	@Test
	void rejectsRingsOfAnotherSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> PauseRing.derive(null, 1, new long[255], new long[256]));
	}

	/** A Go runtime's bookkeeping: cycle k paused k * 10 µs and ended at EPOCH + k µs. */
	private static final class Runtime {

		final long[] pauseNs = new long[PauseRing.SIZE];

		final long[] pauseEnd = new long[PauseRing.SIZE];

		private final long startedAt;

		long numGc;

		Runtime() {
			this(EPOCH);
		}

		Runtime(long startedAt) {
			this.startedAt = startedAt;
		}

		Runtime collect(int cycles) {
			for (int i = 0; i < cycles; i++) {
				this.numGc++;
				int index = (int) ((this.numGc + 255) % 256);
				this.pauseNs[index] = this.numGc * 10_000;
				this.pauseEnd[index] = this.startedAt + this.numGc * 1_000;
			}
			return this;
		}

	}

}

package io.panicboard.system;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.panicboard.system.StalePostmaster.PidFile;
import io.panicboard.system.StalePostmaster.ProcessFacts;
import io.panicboard.system.StalePostmaster.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StalePostmasterTests {

	private static final Instant STARTED = Instant.parse("2026-11-21T10:00:00Z");

	@TempDir
	Path dataDirectory;

	@TempDir
	Path otherDirectory;

	@Test
	void readsPidDataDirectoryAndStartTimeOfPidFile() {
		PidFile pidFile = PidFile.parse(List.of("4242", "/data/postgres", "1795341600", "5432", "/tmp", "localhost",
				"  1234567    1", "ready   "));
		assertThat(pidFile).isEqualTo(new PidFile(4242, Optional.of(Path.of("/data/postgres")),
				Optional.of(Instant.ofEpochSecond(1795341600))));
		assertThat(PidFile.parse(List.of("4242"))).isEqualTo(new PidFile(4242, Optional.empty(), Optional.empty()));
		assertThat(PidFile.parse(List.of())).isEqualTo(new PidFile(0, Optional.empty(), Optional.empty()));
		assertThat(PidFile.parse(List.of("garbage", "", "x")).pid()).isZero();
	}

	@Test
	void postgresWorkingInTheDirectoryIsItsPostmaster() {
		assertThat(judge(pidFile(STARTED), postgres(this.dataDirectory, STARTED.plusSeconds(3600))))
			.isEqualTo(Verdict.POSTMASTER);
	}

	@Test
	void postgresWorkingInAnotherDirectoryIsAnotherServer() {
		assertThat(judge(pidFile(STARTED), postgres(this.otherDirectory, STARTED))).isEqualTo(Verdict.OTHER_PROCESS);
	}

	@Test
	void anyOtherProgramIsNotPostgres() {
		ProcessFacts java = new ProcessFacts(Optional.of("java"), Optional.of(this.dataDirectory),
				Optional.of(STARTED));
		assertThat(judge(pidFile(STARTED), java)).isEqualTo(Verdict.OTHER_PROCESS);
		ProcessFacts hidden = new ProcessFacts(Optional.empty(), Optional.empty(), Optional.of(STARTED));
		assertThat(judge(pidFile(STARTED), hidden)).isEqualTo(Verdict.OTHER_PROCESS);
	}

	@Test
	void withoutItsWorkingDirectoryPostgresStartedWithThePidFileIsItsPostmaster() {
		assertThat(judge(pidFile(STARTED), postgres(null, STARTED.plusSeconds(4)))).isEqualTo(Verdict.POSTMASTER);
		assertThat(judge(pidFile(STARTED), postgres(null, STARTED.minusSeconds(4)))).isEqualTo(Verdict.POSTMASTER);
	}

	@Test
	void withoutItsWorkingDirectoryPostgresStartedAtAnotherTimeIsAnotherServer() {
		assertThat(judge(pidFile(STARTED), postgres(null, STARTED.plusSeconds(6)))).isEqualTo(Verdict.OTHER_PROCESS);
		assertThat(judge(pidFile(STARTED), postgres(null, STARTED.plusSeconds(86400))))
			.isEqualTo(Verdict.OTHER_PROCESS);
	}

	@Test
	void withoutItsWorkingDirectoryAPidFileOfAnotherDirectoryNamesAnotherServer() {
		PidFile copied = new PidFile(4242, Optional.of(this.otherDirectory), Optional.of(STARTED));
		assertThat(judge(copied, postgres(null, STARTED))).isEqualTo(Verdict.OTHER_PROCESS);
	}

	@Test
	void postgresThatCannotBeToldApartIsUndecided() {
		PidFile pidOnly = new PidFile(4242, Optional.empty(), Optional.empty());
		assertThat(judge(pidOnly, postgres(null, STARTED))).isEqualTo(Verdict.UNDECIDED);
		assertThat(
				judge(pidFile(STARTED), new ProcessFacts(Optional.of("postgres"), Optional.empty(), Optional.empty())))
			.isEqualTo(Verdict.UNDECIDED);
	}

	private Verdict judge(PidFile pidFile, ProcessFacts process) {
		return StalePostmaster.judge(pidFile, process, this.dataDirectory);
	}

	private PidFile pidFile(Instant startedAt) {
		return new PidFile(4242, Optional.of(this.dataDirectory), Optional.of(startedAt));
	}

	private static ProcessFacts postgres(Path workingDirectory, Instant startedAt) {
		return new ProcessFacts(Optional.of("postgres"), Optional.ofNullable(workingDirectory), Optional.of(startedAt));
	}

}

package io.panicboard.incident;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.panicboard.analysis.Finding;
import io.panicboard.analysis.Frame;
import io.panicboard.analysis.RaceAccess;
import io.panicboard.analysis.Truncation;

/**
 * What an occurrence keeps of its finding next to the clean trace text: the facts that
 * lists, filters and alerts read, in the wire names of the API. Goroutines and frames are
 * not copied: the text is the source of truth and is analysed again when a trace is
 * shown, which keeps occurrence rows small (about a fifth of the full model) and never
 * ties stored rows to one version of the engine's model.
 *
 * @param type panic, fatal or race
 * @param kind the kind
 * @param severity the default severity
 * @param message the message
 * @param messageInferred whether the message and kind were read from the runtime frames
 * of a text without its message line (left out when {@code false})
 * @param panicChain every panic value, oldest first
 * @param recovered whether a panic was recovered
 * @param repanicked whether Go 1.25 printed {@code [recovered, repanicked]}
 * @param signal the signal line, or {@code null}
 * @param mapRelated whether the fault came from the map implementation
 * @param goroutineCount goroutine blocks in the traceback
 * @param crashingGoroutine the id of the crashing goroutine, or {@code null}
 * @param topInAppFrame the innermost application frame, or {@code null}
 * @param culpritFrame the innermost frame outside the runtime and standard library, or
 * {@code null}
 * @param accesses for a race, each access's operation, goroutine and innermost frame
 * @param truncation what the analysis left out
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record StoredFinding(String type, String kind, String severity, String message,
		@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean messageInferred, List<String> panicChain,
		boolean recovered, boolean repanicked, String signal, boolean mapRelated, int goroutineCount,
		Long crashingGoroutine, Location topInAppFrame, Location culpritFrame, List<Access> accesses,
		Truncation truncation) {

	static StoredFinding of(Finding f) {
		List<Access> accesses = new ArrayList<>();
		if (f.race() != null) {
			for (RaceAccess access : f.race().accesses()) {
				Frame top = access.frames().isEmpty() ? null : access.frames().get(0);
				accesses.add(new Access(access.operation(), access.previous(), access.goroutineId(), Location.of(top)));
			}
		}
		return new StoredFinding(f.type().id(), f.kind().id(), f.severity().id(), f.message(), f.messageInferred(),
				f.panicChain(), f.recovered(), f.repanicked(), f.signal(), f.mapRelated(), f.goroutineCount(),
				(f.crashingGoroutine() != null) ? f.crashingGoroutine().id() : null, Location.of(f.topInAppFrame()),
				Location.of(f.culpritFrame()), accesses, f.truncation().any() ? f.truncation() : null);
	}

	/**
	 * A frame's function and place.
	 *
	 * @param function the function
	 * @param file the file, or {@code null}
	 * @param line the line, 0 when unknown
	 */
	record Location(String function, String file, int line) {

		static Location of(Frame frame) {
			return (frame != null) ? new Location(frame.function(), frame.file(), frame.line()) : null;
		}

	}

	/**
	 * One access of a race.
	 *
	 * @param operation read or write
	 * @param previous whether the report calls it the previous access
	 * @param goroutineId the goroutine, {@code null} for the main goroutine
	 * @param top the innermost frame of its stack
	 */
	record Access(String operation, boolean previous, Long goroutineId, Location top) {
	}

}

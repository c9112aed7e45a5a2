package io.panicboard.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the frames of one goroutine block or one race stack. A function line waits for
 * its file line; a missing file line (re-ordered or cut pastes) leaves the frame without
 * a location.
 */
final class GoroutineBuilder {

	private final TraceGrammar.GoroutineHeader header;

	private final int maxFrames;

	private final InAppRules rules;

	private final List<Frame> frames = new ArrayList<>();

	private TraceGrammar.Call pendingCall;

	private TraceGrammar.CreatedBy pendingCreatedBy;

	private Frame createdBy;

	private Long createdByGoroutine;

	private long elided;

	private boolean truncated;

	private boolean closed;

	GoroutineBuilder(TraceGrammar.GoroutineHeader header, int maxFrames, InAppRules rules) {
		this.header = header;
		this.maxFrames = maxFrames;
		this.rules = rules;
	}

	void call(TraceGrammar.Call call) {
		flushPending();
		this.pendingCall = call;
	}

	void createdBy(TraceGrammar.CreatedBy created) {
		flushPending();
		this.pendingCreatedBy = created;
		this.createdByGoroutine = created.goroutine();
	}

	/** Attaches a file line; {@code false} when nothing waits for one. */
	boolean location(TraceGrammar.Location location) {
		if (this.pendingCall != null) {
			addFrame(Frames.of(this.pendingCall.function(), this.pendingCall.arguments(), location, this.rules));
			this.pendingCall = null;
			return true;
		}
		if (this.pendingCreatedBy != null) {
			this.createdBy = Frames.of(this.pendingCreatedBy.function(), "", location, this.rules);
			this.pendingCreatedBy = null;
			return true;
		}
		return false;
	}

	void elided(long count) {
		flushPending();
		this.elided = count;
	}

	private void flushPending() {
		if (this.pendingCall != null) {
			addFrame(Frames.of(this.pendingCall.function(), this.pendingCall.arguments(), null, this.rules));
			this.pendingCall = null;
		}
		if (this.pendingCreatedBy != null) {
			this.createdBy = Frames.of(this.pendingCreatedBy.function(), "", null, this.rules);
			this.pendingCreatedBy = null;
		}
	}

	private void addFrame(Frame frame) {
		if (this.frames.size() < this.maxFrames) {
			this.frames.add(frame);
		}
		else {
			this.truncated = true;
		}
	}

	/** Whether a function or {@code created by} line still waits for its file line. */
	boolean dangling() {
		return this.pendingCall != null || this.pendingCreatedBy != null;
	}

	void close() {
		flushPending();
		this.closed = true;
	}

	boolean closed() {
		return this.closed;
	}

	List<Frame> frames() {
		flushPending();
		return this.frames;
	}

	boolean truncated() {
		return this.truncated;
	}

	Goroutine build() {
		flushPending();
		return new Goroutine(this.header.id(), this.header.state(), this.header.waitMinutes(),
				this.header.lockedToThread(), this.frames, this.createdBy, this.createdByGoroutine, this.elided,
				this.truncated);
	}

}

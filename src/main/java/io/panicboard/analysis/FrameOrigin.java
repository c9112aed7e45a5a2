package io.panicboard.analysis;

import java.util.Locale;

/**
 * Where the code of a frame comes from.
 */
public enum FrameOrigin {

	/** The Go runtime ({@code runtime.*}, {@code internal/runtime/*}). */
	RUNTIME,
	/** The rest of the standard library. */
	STANDARD_LIBRARY,
	/**
	 * A dependency: the module cache, a vendor directory, or a module not configured as
	 * in-app.
	 */
	THIRD_PARTY,
	/** The service's own code. */
	APPLICATION;

	private final String id = name().toLowerCase(Locale.ROOT);

	/**
	 * The wire name, as used in the API.
	 * @return the lower-case name, e.g. {@code standard_library}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * Whether the frame belongs to the Go toolchain.
	 * @return {@code true} for runtime and standard library frames
	 */
	public boolean standard() {
		return this == RUNTIME || this == STANDARD_LIBRARY;
	}

}

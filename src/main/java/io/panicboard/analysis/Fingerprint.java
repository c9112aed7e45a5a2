package io.panicboard.analysis;

import java.util.List;

/**
 * The grouping key of a finding and the normalised parts it was hashed from, so that a
 * person can see why two findings were grouped.
 *
 * @param hash 32 lower-case hex digits (the first 128 bits of a SHA-256)
 * @param components the normalised parts, in hashing order
 */
public record Fingerprint(String hash, List<String> components) {

	public Fingerprint {
		components = List.copyOf(components);
	}

}

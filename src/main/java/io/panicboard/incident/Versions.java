package io.panicboard.incident;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders build versions: semantic versions ({@code 1.4.2}, {@code v1.4.2-rc.1},
 * {@code 1.4.2+build.7}) by SemVer 2.0 precedence; anything else by its dot-, dash- or
 * underscore-separated parts, numeric parts as numbers and others as text, so that
 * {@code 2024.11.3} and {@code build-120} still compare sensibly. Build metadata is
 * ignored.
 * <p>
 * Whether a version is <em>older</em> than another asks more: outside SemVer, only
 * numbers and a shorter list of the same parts say which is older. Two versions that
 * differ first in a part that is text on either side ({@code 9f8e7d6} and
 * {@code 1a2b3c4}, {@code main-abc} and {@code main-abd}), or where either is a commit
 * hash (7 to 40 hex digits with a letter), have no order: neither is older.
 */
final class Versions {

	static final Comparator<String> ORDER = Versions::compare;

	private static final Pattern SEMVER = Pattern
		.compile("v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

	private static final Pattern NUMBER = Pattern.compile("\\d+");

	private Versions() {
	}

	private static final Pattern COMMIT_HASH = Pattern.compile("(?i)(?=.*[a-f])[0-9a-f]{7,40}");

	/**
	 * Whether {@code version} is older than {@code reference}; {@code false} when either
	 * is unknown or the two cannot be ordered (see {@link #orderable(String, String)}).
	 */
	static boolean older(String version, String reference) {
		if (version == null || reference == null) {
			return false;
		}
		String a = version.trim();
		String b = reference.trim();
		return orderable(a, b) && compare(a, b) < 0;
	}

	/**
	 * Whether two versions have an order: both SemVer; or, as parts, equal, one the start
	 * of the other, or first different in two numbers. Never when one is a commit hash
	 * and they differ.
	 */
	static boolean orderable(String a, String b) {
		if (SEMVER.matcher(a).matches() && SEMVER.matcher(b).matches()) {
			return true;
		}
		if (!a.equals(b) && (COMMIT_HASH.matcher(a).matches() || COMMIT_HASH.matcher(b).matches())) {
			return false;
		}
		String[] x = stripBuild(a).split("[._-]");
		String[] y = stripBuild(b).split("[._-]");
		for (int i = 0; i < Math.min(x.length, y.length); i++) {
			if (comparePart(x[i], y[i]) != 0) {
				return NUMBER.matcher(x[i]).matches() && NUMBER.matcher(y[i]).matches();
			}
		}
		return true;
	}

	static int compare(String a, String b) {
		Matcher ma = SEMVER.matcher(a);
		Matcher mb = SEMVER.matcher(b);
		if (ma.matches() && mb.matches()) {
			for (int group = 1; group <= 3; group++) {
				int result = compareNumbers(ma.group(group), mb.group(group));
				if (result != 0) {
					return result;
				}
			}
			return comparePreRelease(ma.group(4), mb.group(4));
		}
		return compareParts(stripBuild(a).split("[._-]"), stripBuild(b).split("[._-]"));
	}

	private static int comparePreRelease(String a, String b) {
		if (a == null || b == null) {
			// A release is newer than its pre-releases.
			return (a == null) ? ((b == null) ? 0 : 1) : -1;
		}
		return compareParts(a.split("\\."), b.split("\\."));
	}

	private static int compareParts(String[] a, String[] b) {
		for (int i = 0; i < Math.min(a.length, b.length); i++) {
			int result = comparePart(a[i], b[i]);
			if (result != 0) {
				return result;
			}
		}
		return Integer.compare(a.length, b.length);
	}

	private static int comparePart(String a, String b) {
		boolean numberA = NUMBER.matcher(a).matches();
		boolean numberB = NUMBER.matcher(b).matches();
		if (numberA && numberB) {
			return compareNumbers(a, b);
		}
		if (numberA != numberB) {
			// SemVer: numeric identifiers have lower precedence than alphanumeric ones.
			return numberA ? -1 : 1;
		}
		return a.compareTo(b);
	}

	private static int compareNumbers(String a, String b) {
		String x = a.replaceFirst("^0+(?=.)", "");
		String y = b.replaceFirst("^0+(?=.)", "");
		return (x.length() != y.length()) ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
	}

	private static String stripBuild(String version) {
		int plus = version.indexOf('+');
		String core = (plus >= 0) ? version.substring(0, plus) : version;
		return (core.length() > 1 && (core.charAt(0) == 'v' || core.charAt(0) == 'V')
				&& Character.isDigit(core.charAt(1))) ? core.substring(1) : core;
	}

}

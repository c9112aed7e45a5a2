package io.panicboard.analysis;

import java.util.List;

/**
 * Decides which frames are the service's own code.
 * <p>
 * Runtime and standard library frames are never in-app: their package path's first
 * element has no dot and is not {@code main} or a GOPATH-less {@code _/...} package.
 * Frames whose file lies in the module cache ({@code /pkg/mod/}, {@code module@vX}) or a
 * {@code vendor/} directory are dependencies. Everything else is in-app. A package that
 * starts with one of the configured module prefixes is in-app wherever its file lies, so
 * a team can claim its own modules even when they are built from the module cache.
 *
 * @param modulePrefixes import path prefixes that are always in-app
 */
public record InAppRules(List<String> modulePrefixes) {

	/** No configured prefixes. */
	public static final InAppRules DEFAULTS = new InAppRules(List.of());

	public InAppRules {
		modulePrefixes = List.copyOf(modulePrefixes);
	}

	/**
	 * Classifies a function.
	 * @param packagePath the function's import path
	 * @param file the file printed under it, or {@code null}
	 * @return the origin
	 */
	public FrameOrigin classify(String packagePath, String file) {
		if (isRuntime(packagePath)) {
			return FrameOrigin.RUNTIME;
		}
		for (String prefix : this.modulePrefixes) {
			if (packagePath.equals(prefix) || packagePath.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
				return FrameOrigin.APPLICATION;
			}
		}
		if (isStandardLibrary(packagePath)) {
			return FrameOrigin.STANDARD_LIBRARY;
		}
		// a program's main package is its own code even when it is built from the module
		// cache ("go install example.com/x/cmd/x@v1.2.3")
		if (packagePath.equals("main")) {
			return FrameOrigin.APPLICATION;
		}
		return isDependencyFile(file) ? FrameOrigin.THIRD_PARTY : FrameOrigin.APPLICATION;
	}

	static boolean isRuntime(String packagePath) {
		return packagePath.equals("runtime") || packagePath.startsWith("runtime/")
				|| packagePath.startsWith("internal/runtime/");
	}

	static boolean isStandardLibrary(String packagePath) {
		if (packagePath.isEmpty() || packagePath.equals("main") || packagePath.startsWith("_/")) {
			return false;
		}
		int slash = packagePath.indexOf('/');
		String first = (slash < 0) ? packagePath : packagePath.substring(0, slash);
		return first.indexOf('.') < 0;
	}

	static boolean isDependencyFile(String file) {
		if (file == null) {
			return false;
		}
		if (file.contains("/pkg/mod/") || file.contains("/vendor/") || file.startsWith("vendor/")) {
			return true;
		}
		int at = file.indexOf("@v");
		return at > 0 && at + 2 < file.length() && Character.isDigit(file.charAt(at + 2));
	}

}

package io.panicboard.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;

import io.panicboard.analysis.Frame;

import org.springframework.web.util.UriUtils;

/**
 * Links in-app frames to their source through a service's {@code source_link_template},
 * e.g. {@code https://github.com/acme/orders/blob/{version}/{path}#L{line}}.
 * <p>
 * Placeholders: {@code {path}} the file relative to the module root, {@code {file}} the
 * file as printed in the trace, {@code {line}} and {@code {version}} (the occurrence's
 * build version). The path is known from the service's in-app prefixes, which should be
 * module paths: a package below a prefix lies in the directory of the same name below the
 * module root. Such frames also reveal where the module root was on the build machine,
 * which places the other files of the trace, such as those of the {@code main} package. A
 * frame whose placeholders cannot all be filled gets no link rather than a wrong one;
 * only {@code http} and {@code https} templates link at all.
 *
 * @param template the template, or {@code null}
 * @param version the build version, or {@code null}
 * @param modulePrefixes the service's in-app prefixes
 * @param roots module roots as printed in the trace (ending in {@code /}), learnt with
 * {@link #learnRoots}
 */
record SourceLinks(String template, String version, List<String> modulePrefixes, List<String> roots) {

	static final SourceLinks NONE = new SourceLinks(null, null, List.of());

	SourceLinks(String template, String version, List<String> modulePrefixes) {
		this(template, version, modulePrefixes, List.of());
	}

	SourceLinks {
		List<String> prefixes = new ArrayList<>();
		for (String prefix : modulePrefixes) {
			String trimmed = prefix.strip();
			while (trimmed.endsWith("/")) {
				trimmed = trimmed.substring(0, trimmed.length() - 1);
			}
			if (!trimmed.isEmpty()) {
				prefixes.add(trimmed);
			}
		}
		// the most specific module first
		prefixes.sort(Comparator.comparingInt(String::length).reversed());
		modulePrefixes = List.copyOf(prefixes);
		roots = List.copyOf(roots);
		template = (template != null && isHttp(template.strip())) ? template.strip() : null;
	}

	/**
	 * These links, also knowing the module roots that the given frames reveal.
	 * @param frames frames of one trace
	 * @return links that can also place files outside the prefixed packages
	 */
	SourceLinks learnRoots(Iterable<Frame> frames) {
		if (this.template == null || this.modulePrefixes.isEmpty()) {
			return this;
		}
		Set<String> found = new LinkedHashSet<>(this.roots);
		for (Frame frame : frames) {
			if (frame.file() == null) {
				continue;
			}
			String file = frame.file().replace('\\', '/');
			String path = prefixedPath(frame.packagePath(), file);
			if (path != null && file.length() > path.length()) {
				found.add(file.substring(0, file.length() - path.length()));
			}
		}
		return new SourceLinks(this.template, this.version, this.modulePrefixes, new ArrayList<>(found));
	}

	/**
	 * The link of a frame.
	 * @param frame the frame
	 * @return an http(s) URL, or {@code null}
	 */
	String link(Frame frame) {
		if (this.template == null || !frame.inApp() || frame.file() == null || frame.file().isEmpty()) {
			return null;
		}
		String link = this.template;
		if (link.contains("{path}")) {
			String path = relativePath(frame.packagePath(), frame.file());
			if (path == null) {
				return null;
			}
			link = link.replace("{path}", encodePath(path));
		}
		if (link.contains("{version}")) {
			if (this.version == null || this.version.isBlank()) {
				return null;
			}
			link = link.replace("{version}", UriUtils.encodePathSegment(this.version.strip(), "UTF-8"));
		}
		link = link.replace("{file}", encodePath(frame.file())).replace("{line}", Integer.toString(frame.line()));
		return isHttp(link) ? link : null;
	}

	/**
	 * The file relative to its module root, or {@code null} when it cannot be told.
	 */
	String relativePath(String packagePath, String printedFile) {
		String file = printedFile.replace('\\', '/');
		String path = prefixedPath(packagePath, file);
		if (path != null) {
			return path;
		}
		for (String root : this.roots) {
			if (file.startsWith(root) && file.length() > root.length()) {
				return file.substring(root.length());
			}
		}
		return null;
	}

	/**
	 * The path of a file of a package below an in-app prefix: the package's directory
	 * below the prefix plus the file name, when the printed path agrees (so not for a
	 * prefix above the module, such as an organisation).
	 */
	private String prefixedPath(String packagePath, String file) {
		String name = file.substring(file.lastIndexOf('/') + 1);
		for (String prefix : this.modulePrefixes) {
			if (packagePath.equals(prefix) || packagePath.startsWith(prefix + "/")) {
				String directory = packagePath.substring(prefix.length());
				String path = directory.isEmpty() ? name : directory.substring(1) + "/" + name;
				return (file.equals(path) || file.endsWith("/" + path)) ? path : null;
			}
		}
		return null;
	}

	private static String encodePath(String path) {
		StringJoiner encoded = new StringJoiner("/");
		for (String segment : path.split("/", -1)) {
			encoded.add(UriUtils.encodePathSegment(segment, "UTF-8"));
		}
		return encoded.toString();
	}

	private static boolean isHttp(String url) {
		String lower = url.toLowerCase(Locale.ROOT);
		return (lower.startsWith("https://") || lower.startsWith("http://")) && url.length() > 8
				&& url.chars().noneMatch((c) -> c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\');
	}

}

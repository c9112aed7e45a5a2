package io.panicboard.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The check for links that leave panicboard or that it calls (runbooks, Slack links,
 * tickets, deploy links, source links, notification channels): only absolute http and
 * https URLs with a host, never {@code javascript:} or a relative path.
 */
public final class HttpUrls {

	private HttpUrls() {
	}

	/**
	 * Whether a text is an absolute http or https URL (the scheme in any case) with a
	 * non-blank host, as {@link URI} reads it.
	 * @param url the text, possibly {@code null}
	 * @return {@code true} if it is
	 */
	public static boolean isAbsoluteHttp(String url) {
		if (url == null || url.isBlank()) {
			return false;
		}
		try {
			URI uri = new URI(url);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
					&& !uri.getHost().isBlank();
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}

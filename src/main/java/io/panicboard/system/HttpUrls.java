package io.panicboard.system;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The check for links that leave panicboard (runbooks, Slack links): only absolute http
 * and https URLs, never {@code javascript:} or a relative path.
 */
public final class HttpUrls {

	private HttpUrls() {
	}

	/**
	 * Whether a text is an absolute http or https URL with a host.
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
			return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}

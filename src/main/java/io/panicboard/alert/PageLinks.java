package io.panicboard.alert;

import java.util.function.IntFunction;

/**
 * The links between the pages of a list, for {@code fragments/pager :: pager}.
 *
 * @param page the current page, counted from 1
 * @param pages the number of pages (at least 1)
 * @param total the number of items
 * @param from the position of the page's first item, counted from 1 (0 when empty)
 * @param to the position of its last item
 * @param firstUrl the first page, or {@code null} on it
 * @param previousUrl the previous page, or {@code null} on the first
 * @param nextUrl the next page, or {@code null} on the last
 * @param lastUrl the last page, or {@code null} on it
 */
record PageLinks(int page, int pages, long total, long from, long to, String firstUrl, String previousUrl,
		String nextUrl, String lastUrl) {

	static PageLinks of(int page, int size, long total, IntFunction<String> url) {
		int pages = pages(total, size);
		long from = (total == 0) ? 0 : (long) (page - 1) * size + 1;
		long to = Math.min(total, (long) page * size);
		boolean first = page <= 1;
		boolean last = page >= pages;
		return new PageLinks(page, pages, total, from, to, first ? null : url.apply(1),
				first ? null : url.apply(page - 1), last ? null : url.apply(page + 1), last ? null : url.apply(pages));
	}

	static int pages(long total, int size) {
		return (int) Math.max(1, (total + size - 1) / size);
	}

	/**
	 * Reads a page number from the URL.
	 * @param text the parameter, or {@code null}
	 * @return the page, 1 when absent or not a positive number
	 */
	static int parse(String text) {
		if (text == null || !text.matches("\\d{1,6}")) {
			return 1;
		}
		return Math.max(1, Integer.parseInt(text));
	}

}

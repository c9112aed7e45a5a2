package io.panicboard.incident;

import java.util.List;

/**
 * A page of results; {@code page} counts from 0.
 */
record PageOf<T>(List<T> items, long total, int page, int size) {

}

package io.panicboard.slo;

/**
 * An invalid field of an SLO, named by its path in the OpenSLO document (for example
 * {@code spec.objectives[0].target}).
 *
 * @param field the field's path
 * @param message what is wrong with it
 */
record FieldError(String field, String message) {

}

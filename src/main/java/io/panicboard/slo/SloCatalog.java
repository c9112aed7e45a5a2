package io.panicboard.slo;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates, changes and deletes SLOs for the API and the pages, with one set of rules.
 */
@Component
class SloCatalog {

	private final SloStore store;

	private final Clock clock;

	SloCatalog(SloStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	List<Slo> all() {
		return this.store.all();
	}

	Optional<Slo> find(long id) {
		return this.store.find(id);
	}

	/**
	 * Stores a new SLO.
	 * @return the stored SLO, or the field that conflicts
	 */
	Result create(Slo slo, String actor) {
		try {
			return Result.ok(this.store.create(slo, this.clock.instant(), actor));
		}
		catch (DuplicateKeyException ex) {
			return Result.taken(slo);
		}
	}

	/**
	 * Replaces an SLO's definition.
	 * @return the stored SLO, empty when there is no such SLO, or the field that
	 * conflicts
	 */
	Optional<Result> update(long id, Slo slo, String actor) {
		try {
			return this.store.update(id, slo, this.clock.instant(), actor).map(Result::ok);
		}
		catch (DuplicateKeyException ex) {
			return Optional.of(Result.taken(slo));
		}
	}

	boolean delete(long id) {
		return this.store.delete(id);
	}

	/**
	 * What a change did.
	 *
	 * @param slo the stored SLO, or {@code null}
	 * @param errors why it was refused
	 */
	record Result(Slo slo, List<FieldError> errors) {

		static Result ok(Slo slo) {
			return new Result(slo, List.of());
		}

		static Result taken(Slo slo) {
			return new Result(null,
					List.of(new FieldError("metadata.name", "is already used by another SLO: '" + slo.name() + "'")));
		}

	}

}

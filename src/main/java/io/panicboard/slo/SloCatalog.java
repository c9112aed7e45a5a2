package io.panicboard.slo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionInterceptor;

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
	 * Stores new SLOs in one transaction, all or none: a name that is taken, by a stored
	 * SLO or by an earlier one of the list, stores none of them. With more than one SLO
	 * the errors name the SLO by its index, as {@code [1].metadata.name}.
	 * @return the stored SLOs, or the field that conflicts
	 */
	@Transactional
	Results createAll(List<Slo> slos, String actor) {
		Map<String, Integer> names = new HashMap<>();
		for (int i = 0; i < slos.size(); i++) {
			Integer earlier = names.putIfAbsent(slos.get(i).name(), i);
			if (earlier != null) {
				return Results.refused(List.of(new FieldError(prefix(slos, i) + "metadata.name",
						"is also the name of document [" + earlier + "]: '" + slos.get(i).name() + "'")));
			}
		}
		List<Slo> created = new ArrayList<>();
		for (int i = 0; i < slos.size(); i++) {
			Result result = create(slos.get(i), actor);
			if (result.slo() == null) {
				// undoes the inserts before this one when the transaction ends
				TransactionInterceptor.currentTransactionStatus().setRollbackOnly();
				String prefix = prefix(slos, i);
				return Results.refused(
						result.errors().stream().map((e) -> new FieldError(prefix + e.field(), e.message())).toList());
			}
			created.add(result.slo());
		}
		return new Results(created, List.of());
	}

	private static String prefix(List<Slo> slos, int index) {
		return (slos.size() > 1) ? "[" + index + "]." : "";
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

	/**
	 * What an import did.
	 *
	 * @param slos the stored SLOs, empty when refused
	 * @param errors why none was stored
	 */
	record Results(List<Slo> slos, List<FieldError> errors) {

		static Results refused(List<FieldError> errors) {
			return new Results(List.of(), errors);
		}

	}

}

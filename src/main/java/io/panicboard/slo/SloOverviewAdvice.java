package io.panicboard.slo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives the overview ({@code GET /}, incident's {@code OverviewController}) the SLO state
 * of each service, from the latest {@link SloSnapshot}, as the model attribute
 * {@code sloStatuses}: service → its worst state and SLO count. Incident does not depend
 * on SLOs; its template shows the attribute when present.
 */
@ControllerAdvice(basePackages = "io.panicboard.incident")
class SloOverviewAdvice {

	private final ObjectProvider<SloSnapshot> snapshot;

	/** The snapshot is optional: web slice tests of incident's controllers have none. */
	SloOverviewAdvice(ObjectProvider<SloSnapshot> snapshot) {
		this.snapshot = snapshot;
	}

	@ModelAttribute
	void sloStatuses(HttpServletRequest request, org.springframework.ui.Model model) {
		SloSnapshot snapshot = this.snapshot.getIfAvailable();
		if (snapshot == null || !"/".equals(request.getRequestURI()) || !"GET".equals(request.getMethod())) {
			return;
		}
		Map<String, ServiceSloStatus> statuses = new LinkedHashMap<>();
		snapshot.byService().forEach((service, list) -> statuses.put(service, ServiceSloStatus.of(list)));
		model.addAttribute("sloStatuses", statuses);
	}

	/**
	 * A service's SLOs on its tile.
	 *
	 * @param state the worst state of its SLOs
	 * @param count how many SLOs it has
	 * @param exhausted how many are exhausted
	 * @param burning how many are burning
	 */
	record ServiceSloStatus(String state, int count, long exhausted, long burning) {

		static ServiceSloStatus of(List<SloStatus> statuses) {
			long exhausted = statuses.stream().filter((s) -> s.state() == SloStatus.State.EXHAUSTED).count();
			long burning = statuses.stream().filter((s) -> s.state() == SloStatus.State.BURNING).count();
			String state = (exhausted > 0) ? "exhausted" : (burning > 0) ? "burning" : "healthy";
			return new ServiceSloStatus(state, statuses.size(), exhausted, burning);
		}

	}

}

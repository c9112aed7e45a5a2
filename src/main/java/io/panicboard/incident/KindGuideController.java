package io.panicboard.incident;

import java.util.Arrays;
import java.util.List;

import io.panicboard.analysis.Kind;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * {@code /kinds}: every kind with its plain-language explanation and Go fix recipe, one
 * page per kind. The alert rules link here as their runbook; any signed-in user may read
 * it.
 */
@Controller
@RequestMapping("/kinds")
class KindGuideController {

	private final KindGuide guide;

	KindGuideController(KindGuide guide) {
		this.guide = guide;
	}

	@GetMapping
	ModelAndView list() {
		List<KindView> kinds = Arrays.stream(Kind.values()).map(this.guide::of).toList();
		return new ModelAndView("incident/kinds", "kinds", kinds);
	}

	/**
	 * One kind's page.
	 * @param id the kind's wire name
	 * @param mapRelated for {@code data_race}: also show the choices for protecting a
	 * shared map, as a map-related race needs them
	 * @return the page, or the 404 page for a name that is no kind
	 */
	@GetMapping("/{id}")
	ModelAndView kind(@PathVariable String id, @RequestParam(defaultValue = "false") boolean mapRelated) {
		return Kind.fromId(id).map((kind) -> {
			ModelAndView view = new ModelAndView("incident/kind");
			view.addObject("kind", this.guide.of(kind));
			view.addObject("mapRelated", mapRelated);
			view.addObject("listsIncidents", kind != Kind.GCTRACE);
			return view;
		}).orElseGet(IncidentPageController::notFound);
	}

}

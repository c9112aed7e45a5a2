package io.panicboard.incident;

/**
 * Stores deploy markers, shown on the timelines of the service's incidents and on charts.
 */
public interface DeployRecorder {

	/**
	 * Stores a deploy.
	 * @param deploy the deploy
	 * @return its id
	 */
	long record(NewDeploy deploy);

}

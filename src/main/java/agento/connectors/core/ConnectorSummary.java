package agento.connectors.core;

/** A line of the Connectors page: the connector, how many actions it has, and how its last test went. */
public record ConnectorSummary(Connector connector, int actionCount, Boolean lastSucceeded, String lastOutcome) {}

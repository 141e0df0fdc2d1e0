package agento.feature;

import agento.agents.AgentService;
import agento.agents.SettingsPage;
import agento.common.OutboundHttp;
import agento.db.Database;
import agento.vault.SecretStore;
import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * The dependencies every feature factory may take: database, vault, agents, the Settings tab (features add sections
 * through their factory), clock, randomness and outbound HTTP.
 */
public record Shared(Database database, SecretStore secrets, AgentService agents, SettingsPage settingsPage,
                     Clock clock, RandomGenerator random, OutboundHttp http) {}

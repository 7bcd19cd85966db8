package dev.sluice.runtime;

import dev.sluice.runtime.collector.CollectorStage;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.enricher.EnricherStage;
import dev.sluice.runtime.loader.batch.BatchLoader;
import dev.sluice.runtime.loader.realtime.RealtimeLoader;
import dev.sluice.runtime.model.router.ModelRouterStage;
import dev.sluice.runtime.model.server.ModelServerStage;

/** Builds the stage a process runs, by name. */
final class Stages {

  /**
   * @throws ConfigException when the configuration does not allow the stage (the message names the
   *     field)
   */
  static Stage create(StageContext context) {
    StageName name = context.config().stage();
    // Each stage registers here as it is written; until then its name is refused at start-up.
    return switch (name) {
      case COLLECTOR -> new CollectorStage(context);
      case ENRICHER -> new EnricherStage(context);
      case REALTIME_LOADER -> new RealtimeLoader(context);
      case BATCH_LOADER -> new BatchLoader(context);
      case MODEL_SERVER -> new ModelServerStage(context);
      case MODEL_ROUTER -> new ModelRouterStage(context);
      default -> throw new ConfigException("stage " + name + " is not available in this build");
    };
  }

  private Stages() {}
}

package dev.sluice.runtime.loader;

import dev.sluice.runtime.Stage;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.loader.batch.BatchLoader;
import dev.sluice.runtime.loader.realtime.RealtimeLoader;
import dev.sluice.runtime.testing.TestStages;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a loader in a child process and crashes it ({@link Runtime#halt}, like SIGKILL: no shutdown
 * hook, no commit) right after its N-th write was acknowledged and before that write's offsets are
 * committed.
 *
 * <p>Arguments: {@code <stage> <stage.yaml> <crash after N writes>}; the environment as for {@code
 * sluice} ({@code SLUICE_CONTRACTS_DIR}, object store variables).
 */
public final class CrashingLoaderMain {
  /** Exit code of the crash, so the test can tell it from any other end. */
  public static final int CRASH_EXIT = 99;

  public static void main(String[] args) throws Exception {
    RuntimeConfig config = RuntimeConfig.load(args[0], Path.of(args[1]), System.getenv());
    int crashAfter = Integer.parseInt(args[2]);
    AtomicInteger writes = new AtomicInteger();
    BeforeCommit crash =
        offsets -> {
          if (writes.incrementAndGet() >= crashAfter) {
            System.out.println("crashing before committing " + offsets);
            System.out.flush();
            Runtime.getRuntime().halt(CRASH_EXIT);
          }
        };
    var context = TestStages.context(config);
    Stage loader =
        config.stage() == StageName.BATCH_LOADER
            ? new BatchLoader(context.stage(), crash)
            : new RealtimeLoader(context.stage(), crash);
    loader.start();
    new CountDownLatch(1).await(); // until the crash
  }

  private CrashingLoaderMain() {}
}

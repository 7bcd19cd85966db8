package dev.sluice.runtime.contracts;

import dev.sluice.api.stage.ContractBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The contracts a stage serves, read from {@code <contractsDir>/<contract>/contract.json} and kept
 * current while the process runs.
 *
 * <p>Every {@code interval} the files are checked (resolved path, modification time, size); a
 * changed file is read again. This catches the way Kubernetes updates a mounted ConfigMap (an
 * atomic swap of the {@code ..data} symlink, which a watch on the visible file does not see). A
 * bundle that is malformed, larger than {@link ContractBundleReader#MAX_BUNDLE_BYTES}, or that
 * {@code compiler} refuses is logged with its file name, and the previous version of that contract
 * keeps being served.
 *
 * @param <C> what a bundle is compiled to (the enricher: validators per version; a stage that only
 *     needs event types: the bundle itself, with {@code Function.identity()})
 */
public final class ContractRegistry<C> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ContractRegistry.class);
  private static final String BUNDLE_FILE = "contract.json";

  private record Loaded<C>(FileStamp stamp, ContractBundle bundle, C compiled) {}

  private final Path dir;
  private final Function<ContractBundle, C> compiler;
  private final Map<String, Loaded<C>> loaded = new TreeMap<>();
  private final Map<String, FileStamp> refused = new HashMap<>();
  private final AtomicLong refusals = new AtomicLong();
  private volatile Map<String, C> byEventType = Map.of();
  private ScheduledExecutorService scheduler;

  /**
   * @param dir the contracts directory
   * @param compiler turns a checked bundle into what is served; throws {@link
   *     IllegalArgumentException} to refuse it (e.g. a schema that does not compile)
   */
  public ContractRegistry(Path dir, Function<ContractBundle, C> compiler) {
    this.dir = dir;
    this.compiler = compiler;
  }

  /** Reads the bundles now, then checks for changes every {@code interval} in a daemon thread. */
  public synchronized ContractRegistry<C> start(Duration interval) {
    scan();
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("contract-registry").unstarted(r));
    scheduler.scheduleWithFixedDelay(
        this::scanLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** What the contract governing the CloudEvents {@code type} compiled to, if any. */
  public Optional<C> forEventType(String eventType) {
    return Optional.ofNullable(byEventType.get(eventType));
  }

  /** Number of contracts served. */
  public int size() {
    return byEventType.size();
  }

  /** Number of bundle files refused since start (each changed file counted once). */
  public long refusals() {
    return refusals.get();
  }

  /** Reads new and changed bundle files and drops contracts whose directory is gone. */
  public synchronized void scan() {
    Map<String, Path> files = bundleFiles();
    loaded.keySet().retainAll(files.keySet());
    refused.keySet().retainAll(files.keySet());
    files.forEach(this::load);
    Map<String, C> next = new HashMap<>();
    Map<String, String> owner = new HashMap<>();
    loaded.forEach(
        (name, l) -> {
          String type = l.bundle().getEventType();
          if (owner.containsKey(type)) {
            LOG.error(
                "contracts {} and {} both govern type {}; serving {}",
                owner.get(type),
                name,
                type,
                owner.get(type));
          } else {
            owner.put(type, name);
            next.put(type, l.compiled());
          }
        });
    byEventType = Map.copyOf(next);
  }

  private void load(String name, Path file) {
    FileStamp stamp = FileStamp.of(file);
    Loaded<C> previous = loaded.get(name);
    if ((previous != null && previous.stamp().equals(stamp)) || stamp.equals(refused.get(name))) {
      return;
    }
    try {
      ContractBundle bundle = ContractBundleReader.read(file);
      C compiled = compiler.apply(bundle);
      loaded.put(name, new Loaded<>(stamp, bundle, compiled));
      refused.remove(name);
      LOG.info(
          "contract {} loaded from {}: type {}, accepted version {}, {} version(s)",
          bundle.getName(),
          file,
          bundle.getEventType(),
          bundle.getAcceptedVersion(),
          bundle.getVersions().size());
    } catch (InvalidBundleException | IllegalArgumentException e) {
      refused.put(name, stamp);
      refusals.incrementAndGet();
      String message =
          e instanceof InvalidBundleException
              ? e.getMessage()
              : "contract bundle " + file + " refused: " + e.getMessage();
      // Formatted here: the log line must name the file whatever the log encoder does with args.
      LOG.error(
          message
              + (previous == null
                  ? "; the contract is not served"
                  : "; the previous version stays served"));
    }
  }

  private Map<String, Path> bundleFiles() {
    if (!Files.isDirectory(dir)) {
      return Map.of();
    }
    Map<String, Path> files = new TreeMap<>();
    try (Stream<Path> entries = Files.list(dir)) {
      entries
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> Files.isRegularFile(p.resolve(BUNDLE_FILE)))
          .forEach(p -> files.put(p.getFileName().toString(), p.resolve(BUNDLE_FILE)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list contracts directory " + dir, e);
    }
    return files;
  }

  private void scanLogged() {
    try {
      scan();
    } catch (RuntimeException e) {
      LOG.error(
          "checking contracts in {} failed; serving the previous ones: {}", dir, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}

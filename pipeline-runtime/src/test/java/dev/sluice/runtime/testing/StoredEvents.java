package dev.sluice.runtime.testing;

import com.github.luben.zstd.ZstdInputStream;
import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.objectstore.StoredObject;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the batch loader's JSON Lines objects back ({@code .jsonl.gz} and {@code .jsonl.zst}), each
 * line parsed as a structured CloudEvent.
 */
public final class StoredEvents {

  /** Every JSON Lines object under {@code prefix}: key → its events, in line order. */
  public static Map<String, List<CloudEvent>> read(ObjectStore store, String bucket, String prefix)
      throws IOException {
    Map<String, List<CloudEvent>> out = new LinkedHashMap<>();
    Path tmp = Files.createTempFile("stored-", ".jsonl");
    try {
      for (StoredObject o : store.list(bucket, prefix)) {
        boolean zstd = o.key().endsWith(".jsonl.zst");
        if (!zstd && !o.key().endsWith(".jsonl.gz")) {
          continue;
        }
        store.download(bucket, o.key(), tmp);
        List<CloudEvent> events = new ArrayList<>();
        InputStream file = Files.newInputStream(tmp);
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    zstd ? new ZstdInputStream(file) : new GZIPInputStream(file),
                    StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            events.add(new JsonFormat().deserialize(line.getBytes(StandardCharsets.UTF_8)));
          }
        }
        out.put(o.key(), events);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return out;
  }

  private StoredEvents() {}
}

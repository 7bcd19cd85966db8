package dev.sluice.runtime.testing;

import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.objectstore.StoredObject;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads the batch loader's jsonl.gz objects back, each line parsed as a structured CloudEvent. */
public final class StoredEvents {

  /** Every {@code .jsonl.gz} object under {@code prefix}: key → its events, in line order. */
  public static Map<String, List<CloudEvent>> read(ObjectStore store, String bucket, String prefix)
      throws IOException {
    Map<String, List<CloudEvent>> out = new LinkedHashMap<>();
    Path tmp = Files.createTempFile("stored-", ".jsonl.gz");
    try {
      for (StoredObject o : store.list(bucket, prefix)) {
        if (!o.key().endsWith(".jsonl.gz")) {
          continue;
        }
        store.download(bucket, o.key(), tmp);
        List<CloudEvent> events = new ArrayList<>();
        try (BufferedReader in =
            new BufferedReader(
                new InputStreamReader(
                    new GZIPInputStream(Files.newInputStream(tmp)), StandardCharsets.UTF_8))) {
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

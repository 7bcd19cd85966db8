package dev.sluice.runtime.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryObjectStoreTest {
  @TempDir Path root;

  @Test
  void putsListsDownloadsReplacesAndDeletes() throws Exception {
    var store = new DirectoryObjectStore(root);
    store.ensureBucket("raw-bucket");
    store.put("raw-bucket", "a/b/one.txt", "1".getBytes(), "text/plain");
    store.put("raw-bucket", "a/two.txt", "22".getBytes(), "text/plain");
    store.put("raw-bucket", "a/two.txt", "222".getBytes(), "text/plain");
    assertThat(store.list("raw-bucket", "a/"))
        .containsExactly(new StoredObject("a/b/one.txt", 1), new StoredObject("a/two.txt", 3));
    assertThat(store.list("raw-bucket", "a/b")).hasSize(1);
    assertThat(store.list("other-bucket", "")).isEmpty();
    Path copy = root.resolve("copy");
    store.download("raw-bucket", "a/two.txt", copy);
    assertThat(Files.readString(copy)).isEqualTo("222");
    store.delete("raw-bucket", "a/two.txt");
    store.delete("raw-bucket", "a/two.txt");
    assertThat(store.list("raw-bucket", "")).hasSize(1);
  }

  @Test
  void getsWholeObjectsUpToTheLimit() throws Exception {
    var store = new DirectoryObjectStore(root);
    store.put("models", "a/b", new byte[10], "application/octet-stream");
    assertThat(store.get("models", "a/b", 10)).hasValueSatisfying(b -> assertThat(b).hasSize(10));
    assertThatThrownBy(() -> store.get("models", "a/b", 5))
        .hasMessageContaining("is 10 bytes, over 5");
    assertThat(store.get("models", "a/c", 5)).isEmpty();
    assertThatThrownBy(() -> store.get("models", "../outside", 5))
        .hasMessageContaining("object key '../outside'");
  }

  @Test
  void refusesKeysAndBucketsThatWouldLeaveTheRoot() {
    var store = new DirectoryObjectStore(root);
    for (String key : new String[] {"../x", "a/../../x", "/abs", "a//b", "", "a/./b", "a\\b"}) {
      assertThatThrownBy(() -> store.put("raw-bucket", key, new byte[0], "x"))
          .as(key)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("object key");
    }
    assertThatThrownBy(() -> store.put("..", "k", new byte[0], "x"))
        .hasMessageContaining("bucket name");
    assertThatThrownBy(() -> store.put("raw-bucket", "k".repeat(1025), new byte[0], "x"))
        .hasMessageContaining("1024 bytes");
  }
}

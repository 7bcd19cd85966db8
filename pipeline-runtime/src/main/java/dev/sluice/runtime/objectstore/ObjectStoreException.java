package dev.sluice.runtime.objectstore;

import java.io.IOException;

/** The object store could not be reached or refused a request; the message names bucket and key. */
public class ObjectStoreException extends IOException {
  public ObjectStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public ObjectStoreException(String message) {
    super(message);
  }

  /** An object larger than a reader accepts. */
  static ObjectStoreException tooLarge(String bucket, String key, long size, long maxBytes) {
    return new ObjectStoreException(
        "object " + bucket + "/" + key + " is " + size + " bytes, over " + maxBytes);
  }
}

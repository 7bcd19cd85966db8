package dev.sluice.operator.pipeline.buckets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.runtime.testing.LocalMinio;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link MinioBucketService} against a real MinIO server. */
class MinioBucketServiceIT {
  static LocalMinio minio;
  static ObjectStoreAccess access;
  final MinioBucketService service = new MinioBucketService();

  @BeforeAll
  static void startMinio() throws Exception {
    minio = LocalMinio.inTempDir().start();
    access =
        new ObjectStoreAccess(
            minio.endpoint(), "us-east-1", LocalMinio.ACCESS_KEY, LocalMinio.SECRET_KEY);
  }

  @AfterAll
  static void stopMinio() throws Exception {
    if (minio != null) {
      minio.close();
    }
  }

  @Test
  void createsOnlyMissingBucketsAndIsIdempotent() {
    assertThat(service.existing(access, List.of("it-raw", "it-curated"))).isEmpty();
    service.create(access, List.of("it-raw"));
    assertThat(service.existing(access, List.of("it-raw", "it-curated"))).containsExactly("it-raw");
    service.create(access, List.of("it-raw", "it-curated"));
    service.create(access, List.of("it-raw", "it-curated"));
    assertThat(service.existing(access, List.of("it-raw", "it-curated")))
        .containsExactlyInAnyOrder("it-raw", "it-curated");
  }

  @Test
  void deleteEmptiesAndRemovesBuckets() throws Exception {
    service.create(access, List.of("it-full"));
    MinioClient client =
        MinioClient.builder()
            .endpoint(minio.endpoint())
            .credentials(LocalMinio.ACCESS_KEY, LocalMinio.SECRET_KEY)
            .build();
    for (int i = 0; i < 3; i++) {
      byte[] body = ("{\"n\":" + i + "}").getBytes();
      client.putObject(
          PutObjectArgs.builder()
              .bucket("it-full")
              .object("events/dt=2026-01-01/hr=0" + i + "/part.jsonl")
              .stream(new ByteArrayInputStream(body), (long) body.length, null)
              .build());
    }

    service.delete(access, List.of("it-full", "it-never-made"));

    assertThat(service.existing(access, List.of("it-full"))).isEmpty();
  }

  @Test
  void wrongCredentialsFailWithAMessage() {
    ObjectStoreAccess wrong =
        new ObjectStoreAccess(minio.endpoint(), "us-east-1", "nobody", "wrong-secret");
    assertThatThrownBy(() -> service.existing(wrong, List.of("it-raw")))
        .isInstanceOf(BucketServiceException.class)
        .hasMessageContaining("check bucket it-raw failed");
  }
}

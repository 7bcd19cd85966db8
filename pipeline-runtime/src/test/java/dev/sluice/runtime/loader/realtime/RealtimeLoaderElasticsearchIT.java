package dev.sluice.runtime.loader.realtime;

import dev.sluice.runtime.testing.LocalOpenSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link RealtimeLoaderIT} against a real Elasticsearch 8 node (the integ-test
 * distribution from Maven Central, {@code tools/servers/install.sh elasticsearch}) instead of
 * OpenSearch: the same index templates, {@code _bulk} requests and responses.
 */
class RealtimeLoaderElasticsearchIT extends RealtimeLoaderIT {
  private static LocalOpenSearch elasticsearch;

  @BeforeAll
  static void start() {
    elasticsearch = LocalOpenSearch.elasticsearchInTempDir().start();
  }

  @AfterAll
  static void stop() {
    elasticsearch.close();
  }

  @Override
  LocalOpenSearch node() {
    return elasticsearch;
  }

  /** Elasticsearch 8.8+ names it document_parsing_exception (OpenSearch: mapper_parsing_…). */
  @Override
  String mappingErrorType() {
    return "document_parsing_exception";
  }
}

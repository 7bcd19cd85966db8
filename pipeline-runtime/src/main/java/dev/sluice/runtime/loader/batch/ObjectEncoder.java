package dev.sluice.runtime.loader.batch;

import com.github.luben.zstd.ZstdOutputStream;
import dev.sluice.api.v1alpha1.BatchFormat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.duckdb.DuckDBConnection;

/**
 * Writes the lines of one object to a local file (thread-safe): JSON Lines compressed with gzip
 * (RFC 1952, fastest level) or Zstandard (RFC 8878, level 1), or Parquet converted from the gzip
 * form by DuckDB ({@code read_json} → {@code COPY … (FORMAT parquet)}, zstd), so no Parquet is
 * written by hand.
 */
final class ObjectEncoder implements AutoCloseable {
  /** Bytes handed to the compressor at once, and gzip's output buffer. */
  private static final int CHUNK = 64 * 1024;

  private final BatchFormat format;
  private final Path tempDir;
  private Connection duckdb;

  /**
   * @param tempDir where the local files go; the caller deletes them after the upload
   */
  ObjectEncoder(BatchFormat format, Path tempDir) {
    this.format = format;
    this.tempDir = tempDir;
  }

  /** Content type of the objects (IANA media types). */
  String contentType() {
    return switch (format) {
      case JSONL_GZ -> "application/gzip";
      case JSONL_ZST -> "application/zstd";
      case PARQUET -> "application/vnd.apache.parquet";
    };
  }

  /**
   * @return a new local file holding the object
   * @throws IOException when the file cannot be written or DuckDB fails to convert it
   */
  Path encode(List<BufferedLine> lines) throws IOException {
    boolean zstd = format == BatchFormat.JSONL_ZST;
    Path jsonl = Files.createTempFile(tempDir, "batch-", zstd ? ".jsonl.zst" : ".jsonl.gz");
    // lines reach the compressor in 64 KiB chunks, not one native call per line and newline
    try (OutputStream file = Files.newOutputStream(jsonl);
        OutputStream out =
            new BufferedOutputStream(
                zstd ? new ZstdOutputStream(file, 1) : new FastGzip(file), CHUNK)) {
      for (BufferedLine line : lines) {
        out.write(line.json());
        out.write('\n');
      }
    }
    if (format != BatchFormat.PARQUET) {
      return jsonl;
    }
    Path parquet = Files.createTempFile(tempDir, "batch-", ".parquet");
    // one connection per conversion: flushes of several partitions convert at once
    try (Connection c = ((DuckDBConnection) database()).duplicate();
        Statement s = c.createStatement()) {
      s.execute(
          "COPY (SELECT * FROM read_json("
              + literal(jsonl)
              + ", format = 'newline_delimited', compression = 'gzip')) TO "
              + literal(parquet)
              + " (FORMAT parquet, COMPRESSION zstd)");
    } catch (SQLException e) {
      Files.deleteIfExists(parquet);
      throw new IOException("DuckDB could not write Parquet: " + e.getMessage(), e);
    } finally {
      Files.deleteIfExists(jsonl);
    }
    return parquet;
  }

  private synchronized Connection database() throws SQLException {
    if (duckdb == null) {
      duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }
    return duckdb;
  }

  /** A SQL string literal of a path (our own temp files, but quoted safely all the same). */
  static String literal(Path path) {
    return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
  }

  @Override
  public synchronized void close() {
    if (duckdb != null) {
      try {
        duckdb.close();
      } catch (SQLException e) {
        // closing an in-memory database: nothing to lose
      }
    }
  }

  /** gzip at the fastest level: the objects are re-read by curation, not archived. */
  private static final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out) throws IOException {
      super(out, CHUNK);
      def.setLevel(Deflater.BEST_SPEED);
    }
  }
}

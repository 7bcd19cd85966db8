package dev.sluice.runtime.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads a Parquet file with parquet-java (Apache Parquet's own reader), independently of DuckDB,
 * which wrote it: each row as a map of field → value (nested groups as maps, strings decoded,
 * absent optional values as null; LIST columns as lists; other repeated fields keep their first
 * value).
 */
public final class ParquetRows {

  public static List<Map<String, Object>> read(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    // LocalInputFile and a plain configuration: no Hadoop FileSystem (which fails on Java 25)
    try (ParquetReader<Group> reader =
        new ParquetReader.Builder<Group>(
            new LocalInputFile(file), new PlainParquetConfiguration()) {
          @Override
          protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
          }
        }.build()) {
      Group g;
      while ((g = reader.read()) != null) {
        rows.add(toMap(g));
      }
    }
    return rows;
  }

  private static Map<String, Object> toMap(Group g) {
    GroupType type = g.getType();
    Map<String, Object> row = new LinkedHashMap<>();
    for (int i = 0; i < type.getFieldCount(); i++) {
      Type field = type.getType(i);
      if (g.getFieldRepetitionCount(i) == 0) {
        row.put(field.getName(), null);
      } else if (field.getLogicalTypeAnnotation()
          instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
        row.put(field.getName(), list(g.getGroup(i, 0)));
      } else if (!field.isPrimitive()) {
        row.put(field.getName(), toMap(g.getGroup(i, 0)));
      } else {
        row.put(field.getName(), value(g, i, field.asPrimitiveType()));
      }
    }
    return row;
  }

  /** A LIST group: {@code repeated group list { element }}, each element's value in order. */
  private static List<Object> list(Group g) {
    List<Object> values = new ArrayList<>();
    for (int r = 0; r < g.getFieldRepetitionCount(0); r++) {
      Group entry = g.getGroup(0, r);
      Type element = entry.getType().getType(0);
      values.add(
          entry.getFieldRepetitionCount(0) == 0
              ? null
              : element.isPrimitive()
                  ? value(entry, 0, element.asPrimitiveType())
                  : toMap(entry.getGroup(0, 0)));
    }
    return values;
  }

  private static Object value(Group g, int i, PrimitiveType type) {
    return switch (type.getPrimitiveTypeName()) {
      case INT32 -> g.getInteger(i, 0);
      case INT64 -> g.getLong(i, 0);
      case DOUBLE -> g.getDouble(i, 0);
      case FLOAT -> g.getFloat(i, 0);
      case BOOLEAN -> g.getBoolean(i, 0);
      default -> g.getValueToString(i, 0);
    };
  }

  private ParquetRows() {}
}

package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lookup table (CSV with a header row, or a JSON array of objects) keyed by one column; the row
 * matching a field of the event adds the configured columns to its data.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LookupEnrichment {
  @Required
  @JsonPropertyDescription("Where the table is.")
  private TableSource table;

  @Default("csv")
  @JsonPropertyDescription("csv (with a header row) or json (an array of objects).")
  private TableFormat format = TableFormat.csv;

  @Required
  @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
  @JsonPropertyDescription("Field of the event's data whose value is looked up, e.g. origin.")
  private String field;

  @Required
  @JsonPropertyDescription("Column of the table that holds the key, e.g. iata.")
  private String keyColumn;

  @Required
  @Size(min = 1, max = 64)
  @JsonPropertyDescription("Columns to add: table column -> field of data, e.g. city: origin_city.")
  private Map<String, String> columns = new LinkedHashMap<>();

  public TableSource getTable() {
    return table;
  }

  public void setTable(TableSource table) {
    this.table = table;
  }

  public TableFormat getFormat() {
    return format;
  }

  public void setFormat(TableFormat format) {
    this.format = format;
  }

  public String getField() {
    return field;
  }

  public void setField(String field) {
    this.field = field;
  }

  public String getKeyColumn() {
    return keyColumn;
  }

  public void setKeyColumn(String keyColumn) {
    this.keyColumn = keyColumn;
  }

  public Map<String, String> getColumns() {
    return columns;
  }

  public void setColumns(Map<String, String> columns) {
    this.columns = columns;
  }
}

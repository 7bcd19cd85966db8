package dev.sluice.operator.contract;

import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataContractSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** Test contracts in namespace {@code data}. */
public final class Contracts {
  /** An object with a required string id. */
  public static final String V1 =
      "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}";

  /** V1 plus an optional note: BACKWARD compatible with V1. */
  public static final String V2 =
      "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
          + "\"note\":{\"type\":\"string\"}},\"required\":[\"id\"]}";

  /** V1 with id narrowed to an integer: not BACKWARD compatible with V1. */
  public static final String V2_BREAKING =
      "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"integer\"}},\"required\":[\"id\"]}";

  private Contracts() {}

  /**
   * A DataContract in namespace data.
   *
   * @param name metadata.name; {@code flight-departed} governs flight.departed, others
   *     orders.placed
   * @param version spec.version
   * @param schema the JSON Schema text
   * @return the contract, BACKWARD compatibility
   */
  public static DataContract contract(String name, int version, String schema) {
    DataContract contract = new DataContract();
    contract.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("data").build());
    DataContractSpec spec = ContractEvaluatorTest.spec(version, schema);
    spec.setEventType(name.equals("flight-departed") ? "flight.departed" : "orders.placed");
    contract.setSpec(spec);
    return contract;
  }
}

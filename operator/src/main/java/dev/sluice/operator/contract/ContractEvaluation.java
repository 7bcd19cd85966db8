package dev.sluice.operator.contract;

import dev.sluice.operator.status.Reason;
import java.util.Optional;

/**
 * What the operator concluded about a contract's spec.
 *
 * @param reason {@link Reason#Accepted}, {@link Reason#InvalidSchema} or {@link
 *     Reason#IncompatibleSchema}
 * @param message for the Ready condition, naming the property and rule on refusal
 * @param store the accepted versions after this evaluation (unchanged on refusal); empty when no
 *     version was ever accepted
 */
public record ContractEvaluation(Reason reason, String message, Optional<ContractStore> store) {
  /** Whether the spec's version is the one served. */
  public boolean accepted() {
    return reason == Reason.Accepted;
  }
}

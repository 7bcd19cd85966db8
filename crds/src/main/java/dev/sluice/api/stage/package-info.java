/**
 * The files the operator renders for the runtime and {@code sluice dev} builds for it: the stage
 * configuration ({@code stage.yaml}) and one contract bundle per DataContract ({@code
 * contract.json}). They are the only interface between the operator and the runtime; the runtime
 * never calls the Kubernetes API.
 */
package dev.sluice.api.stage;

package dev.sluice.runtime.loader.realtime;

/**
 * One document to index.
 *
 * @param index the target index, e.g. {@code flights-2001.01.14}
 * @param id the document {@code _id}
 * @param source the document, JSON
 */
public record IndexDocument(String index, String id, byte[] source) {}

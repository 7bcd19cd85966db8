package dev.sluice.runtime.objectstore;

/**
 * One object as listed.
 *
 * @param key the object's key in its bucket
 * @param size its size in bytes
 */
public record StoredObject(String key, long size) {}

/**
 * Gzip decoding with errors that name the input ({@link io.github.flashj.gzip.GzipDecoding},
 * {@link io.github.flashj.gzip.GzipFormatException}). The Java path ships now; the rapidgzip JNI
 * binding will sit behind the same API.
 */
package io.github.flashj.gzip;

/**
 * What reading and writing share: {@link io.github.flashj.io.Compression}, the compression formats
 * FlashJ recognises in its inputs and writes its outputs in.
 */
package io.github.flashj.io;

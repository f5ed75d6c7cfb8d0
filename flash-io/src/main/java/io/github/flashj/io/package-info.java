/**
 * What reading and writing share: {@link io.github.flashj.io.Compression}, the compression formats
 * FlashJ recognises in its inputs and writes its outputs in, and {@link io.github.flashj.io.SystemErrors},
 * the system's reason for a failed file operation in FLASH's words.
 */
package io.github.flashj.io;

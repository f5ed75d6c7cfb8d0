/**
 * Bytes worked on eight at a time in a long (SIMD within a register), for the engine's hot loops:
 * {@link io.github.flashj.swar.Swar}. Engine-internal: public only so that every module of FlashJ
 * reaches the one copy; not part of FlashJ's API, and it may change in any release.
 */
package io.github.flashj.swar;

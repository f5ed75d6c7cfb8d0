/** The {@code flash}-compatible command line ({@link io.github.flashj.cli.FlashCli}). */
package io.github.flashj.cli;

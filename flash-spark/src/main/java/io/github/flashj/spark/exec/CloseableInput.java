package io.github.flashj.spark.exec;

import io.github.flashj.io.plan.PositionalInput;
import java.io.Closeable;

/** An input read with positional reads that holds what it reads from (a Hadoop stream) until closed. */
interface CloseableInput extends PositionalInput, Closeable {
}

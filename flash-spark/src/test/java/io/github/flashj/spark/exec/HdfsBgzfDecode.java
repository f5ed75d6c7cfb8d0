package io.github.flashj.spark.exec;

import io.github.flashj.io.decode.BgzfBlocks;
import io.github.flashj.io.plan.PositionalInput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * Decodes a BGZF file stored on a MiniDFSCluster (one data node, on this machine) through
 * {@link HadoopInput}, as the Spark task that reads a BGZF range does, and prints each round's
 * time, the positional reads it made and the median. Run by
 * {@code flash-bench/scripts/hdfs-bgzf-benchmark.sh}; not a test.
 *
 * <p>Arguments: FILE ROUNDS.
 */
public final class HdfsBgzfDecode {
    private HdfsBgzfDecode() {
    }

    public static void main(String[] args) throws Exception {
        java.nio.file.Path local = java.nio.file.Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        java.nio.file.Path base = Files.createTempDirectory("flashj-hdfs-bench");
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.toString());
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            hdfs.waitActive();
            FileSystem fs = hdfs.getFileSystem();
            Path file = new Path("/" + local.getFileName());
            fs.copyFromLocalFile(new Path(local.toUri()), file);
            long[] millis = new long[rounds];
            for (int r = 0; r < rounds; r++) {
                long t0 = System.nanoTime();
                long[] decoded = new long[1];
                int[] reads = new int[1];
                try (HadoopInput in = new HadoopInput(fs, file)) {
                    BgzfBlocks.decode(counted(in, reads), local.toString(), 0, in.size(), new OutputStream() {
                        @Override
                        public void write(int b) {
                            decoded[0]++;
                        }

                        @Override
                        public void write(byte[] b, int off, int len) {
                            decoded[0] += len;
                        }
                    });
                }
                millis[r] = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("round %d: %d bytes decoded in %d ms, %d positional reads%n", r + 1, decoded[0],
                        millis[r], reads[0]);
            }
            Arrays.sort(millis);
            System.out.printf("median: %d ms%n", millis[rounds / 2]);
        } finally {
            hdfs.shutdown();
        }
    }

    private static PositionalInput counted(PositionalInput in, int[] reads) {
        return new PositionalInput() {
            @Override
            public long size() throws IOException {
                return in.size();
            }

            @Override
            public int read(long position, byte[] buffer, int offset, int length) throws IOException {
                reads[0]++;
                return in.read(position, buffer, offset, length);
            }
        };
    }
}

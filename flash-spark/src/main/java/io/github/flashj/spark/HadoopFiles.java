package io.github.flashj.spark;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** The file system of a path, as FlashJ reads and writes it. */
final class HadoopFiles {
    private HadoopFiles() {
    }

    /**
     * The file system that holds {@code path}. Hadoop's local file system keeps a hidden
     * {@code .crc} file beside every file it writes; FlashJ writes FLASH's files and nothing else,
     * so local paths go through the raw local file system.
     */
    static FileSystem of(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof ChecksumFileSystem ? ((ChecksumFileSystem) fs).getRawFileSystem() : fs;
    }
}

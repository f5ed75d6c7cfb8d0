package io.github.flashj.spark.exec;

import java.io.IOException;
import java.nio.file.Files;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFileSystem;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/** The file system of a path, as FlashJ reads and writes it. */
public final class HadoopFiles {
    private HadoopFiles() {
    }

    /**
     * The file system that holds {@code path}. Hadoop's local file system keeps a hidden
     * {@code .crc} file beside every file it writes; FlashJ writes FLASH's files and nothing else,
     * so local paths go through the raw local file system.
     */
    public static FileSystem of(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof ChecksumFileSystem ? ((ChecksumFileSystem) fs).getRawFileSystem() : fs;
    }

    /**
     * Makes a directory and its parents. Hadoop's local file system only answers false when it
     * cannot; java.nio says why.
     */
    static void mkdirs(FileSystem fs, Path path) throws IOException {
        if (fs instanceof RawLocalFileSystem local) {
            Files.createDirectories(local.pathToFile(path).toPath());
        } else if (!fs.mkdirs(path)) {
            throw new IOException("could not create " + path);
        }
    }

    /**
     * Removes a file, or an empty directory, if it is there. Hadoop's local file system only
     * answers false when it cannot; java.nio says why.
     */
    static void delete(FileSystem fs, Path path) throws IOException {
        if (fs instanceof RawLocalFileSystem local) {
            Files.deleteIfExists(local.pathToFile(path).toPath());
        } else if (fs.exists(path) && !fs.delete(path, false)) {
            throw new IOException("could not remove " + path);
        }
    }
}

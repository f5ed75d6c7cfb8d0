package io.github.flashj.io.decode;

import io.github.flashj.gzip.GzipIndex;
import io.github.flashj.io.plan.PositionalInput;
import java.io.IOException;

/**
 * The window each segment of a plain gzip file needs to be decoded from its seek point: the
 * decompressed bytes right before it (at most 32 KiB, fewer near the data's start; empty at the
 * start). From an index held in memory, or read from the index file when a segment needs it.
 */
@FunctionalInterface
public interface SegmentWindows {
    /** The window of segment {@code i}. */
    byte[] window(int i) throws IOException;

    /** The windows of an index held in memory ({@link GzipIndex#window}) for its {@link SeekPoints#of}. */
    static SegmentWindows of(GzipIndex index, SeekPoints points) {
        return i -> {
            int point = points.indexPoint(i);
            return point < 0 ? new byte[0] : index.window(point);
        };
    }

    /**
     * The windows read from the index file itself, each when its segment is decoded: what a reader
     * of a remote index needs, which holds the seek points alone ({@link GzipIndex#read(java.io.InputStream,
     * String, long, boolean)}).
     *
     * @param indexFile the index file, which {@code index} was read from
     */
    static SegmentWindows fromIndexFile(PositionalInput indexFile, GzipIndex index, SeekPoints points) {
        return i -> {
            int point = points.indexPoint(i);
            long at = point < 0 ? -1 : index.windowPosition(point);
            if (at < 0) {
                return new byte[0];
            }
            byte[] stored = new byte[index.windowSize()];
            indexFile.readFully(at, stored, 0, stored.length);
            return GzipIndex.windowAt(stored, index.decompressedOffset(point));
        };
    }
}

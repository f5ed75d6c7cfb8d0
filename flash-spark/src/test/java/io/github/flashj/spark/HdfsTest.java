package io.github.flashj.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.cli.TestData;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs on HDFS and output to HDFS: a real {@code MiniDFSCluster} (a name node and two data
 * nodes in this JVM), with a small block size so that files span many blocks and the parts are
 * joined by HDFS's {@code concat}; plain gzip, BGZF and zstd inputs read from HDFS, with no local copy.
 */
class HdfsTest {
    @TempDir
    static Path data;
    static MiniDFSCluster hdfs;
    static FileSystem fs;
    static SparkSession spark;
    static Path[] art;

    @BeforeAll
    static void start() throws Exception {
        Oracle.require();
        art = TestData.artPairs(data, "HS25", 150, 20, 250, 25, 3);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, data.resolve("hdfs").toString());
        conf.setLong("dfs.blocksize", 1 << 20);
        conf.setLong("dfs.namenode.fs-limits.min-block-size", 4096);
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(2).build();
        hdfs.waitActive();
        fs = hdfs.getFileSystem();
        spark = SparkSession.builder().master("local[2]").appName("HdfsTest").config("spark.ui.enabled", "false")
                .config("spark.hadoop.dfs.blocksize", String.valueOf(1 << 20))
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        if (hdfs != null) {
            hdfs.shutdown();
        }
    }

    @Test
    void readsFromAndWritesToHdfs() throws Exception {
        fs.mkdirs(new org.apache.hadoop.fs.Path("/in"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(art[0].toString()), new org.apache.hadoop.fs.Path("/in/r1.fq"));
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(art[1].toString()), new org.apache.hadoop.fs.Path("/in/r2.fq"));
        for (List<String> options : List.of(List.of("-O", "-M", "150"), List.of("-z", "--interleaved-output"))) {
            compare(options, "/in/r1.fq", "/in/r2.fq", "/out" + options.size(), 1 << 17);
        }
    }

    @Test
    void plainGzipOnHdfsIsIndexedAndReadWithNoLocalCopy() throws Exception {
        fs.mkdirs(new org.apache.hadoop.fs.Path("/gz"));
        for (int m = 0; m < 2; m++) {
            Path gz = TestData.gzip(art[m], data.resolve("r" + (m + 1) + ".fq.gz"));
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(gz.toString()),
                    new org.apache.hadoop.fs.Path("/gz/r" + (m + 1) + ".fq.gz"));
        }
        compare(List.of("-O"), "/gz/r1.fq.gz", "/gz/r2.fq.gz", "/outgz", 1 << 15);
    }

    /**
     * With the ranges chosen automatically on two cores: BGZF read whole by one task a file, and
     * zstd read in order by the one task of an unsplit plan, both from HDFS with no local copy.
     */
    @Test
    void bgzfAndZstdOnHdfsAreReadWithNoLocalCopy() throws Exception {
        fs.mkdirs(new org.apache.hadoop.fs.Path("/packed"));
        for (int m = 0; m < 2; m++) {
            Path bgzf = SparkDifferentialTest.bgzip(art[m], data.resolve("r" + (m + 1) + ".fq.bgz"));
            Path zstd = SparkDifferentialTest.compress(art[m], data.resolve("r" + (m + 1) + ".fq.zst"), "zstd");
            for (Path file : List.of(bgzf, zstd)) {
                fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(file.toString()),
                        new org.apache.hadoop.fs.Path("/packed/" + file.getFileName()));
            }
        }
        compare(List.of(), "/packed/r1.fq.bgz", "/packed/r2.fq.bgz", "/outbgzf", 0);
        compare(List.of("-M", "150"), "/packed/r1.fq.zst", "/packed/r2.fq.zst", "/outzst", 0);
    }

    /** FlashJ on Spark over mates on HDFS into {@code out} on HDFS against flash over the local mates. */
    private static void compare(List<String> options, String mate1, String mate2, String out, long rangeBytes)
            throws Exception {
        String uri = hdfs.getURI().toString();
        Path oracleDir = Files.createTempDirectory(data, "oracle");
        List<String> oracleArgs = new ArrayList<>(options);
        oracleArgs.addAll(List.of("-d", oracleDir.toString(), art[0].toString(), art[1].toString()));
        Oracle.Run want = Oracle.flash(oracleDir, oracleArgs);
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-d", uri + out, uri + mate1, uri + mate2));
        Oracle.Run got = SparkCli.flashj(spark, args, 400, rangeBytes);
        assertEquals(want.status(), got.status(), options + ": flashj said " + got.stderr());
        Path copied = Files.createTempDirectory(data, "fromhdfs");
        List<String> names = new ArrayList<>();
        for (FileStatus status : fs.listStatus(new org.apache.hadoop.fs.Path(out))) {
            names.add(status.getPath().getName());
            try (OutputStream to = Files.newOutputStream(copied.resolve(status.getPath().getName()))) {
                fs.open(status.getPath()).transferTo(to);
            }
        }
        names.sort(null);
        assertEquals(OutputComparison.names(oracleDir), names, options + ": every file, and no other, on HDFS");
        OutputComparison.assertSameFiles(oracleDir, copied, options + " on HDFS");
    }
}

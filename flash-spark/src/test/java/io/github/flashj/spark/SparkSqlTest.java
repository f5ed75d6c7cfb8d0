package io.github.flashj.spark;

import static org.apache.spark.sql.functions.call_function;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.flashj.MergeParameters;
import io.github.flashj.cli.Oracle;
import io.github.flashj.cli.OutputComparison;
import io.github.flashj.cli.TestData;
import io.github.flashj.spark.functions.FlashFunctions;
import io.github.flashj.spark.functions.FlashMergeUdf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FlashJ in Spark SQL on {@code local[2]}: the {@code flashj-fastq} table holds the input files'
 * reads in input order; {@code flash_merge} (both forms) gives {@code flash -t 1}'s extendedFrags
 * and notCombined records; the sink writes {@code flash -t 1}'s files byte for byte, in the scan's
 * order with no sort, and refuses rows out of that order unless sorted; column pruning, filters,
 * bad input, and SQL alone.
 */
class SparkSqlTest {
    private static final Column[] READS = {col("name1"), col("seq1"), col("qual1"), col("name2"), col("seq2"),
        col("qual2")};

    @TempDir
    static Path data;
    static SparkSession spark;
    static Path[] edge;
    static Path[] art;

    @BeforeAll
    static void start() throws Exception {
        Oracle.require();
        edge = TestData.edgePairs(data, 3000, 13);
        art = TestData.artPairs(data, "HS25", 150, 10, 250, 25, 3);
        spark = SparkSession.builder().master("local[2]").appName("SparkSqlTest")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.warehouse.dir", data.resolve("warehouse").toString()).getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    static Dataset<Row> pairs(Path[] mates, long pairsPerChunk) {
        return spark.read().format("flashj-fastq").option("mate1", mates[0].toString())
                .option("mate2", mates[1].toString()).option("pairsPerChunk", pairsPerChunk).load();
    }

    static Path[] dataset(String name) {
        return name.equals("edge") ? edge : art;
    }

    @Test
    void theTableHoldsTheInputFilesInOrder() throws Exception {
        for (Path[] mates : List.of(edge, art)) {
            List<String[]> r1 = records(mates[0]);
            List<String[]> r2 = records(mates[1]);
            List<Row> rows = pairs(mates, 97).orderBy("pair_index").collectAsList();
            assertEquals(r1.size(), rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                assertEquals(i, row.getLong(0));
                String[] want = {r1.get(i)[0], r1.get(i)[1], r1.get(i)[2], r2.get(i)[0], r2.get(i)[1], r2.get(i)[2]};
                for (int c = 0; c < want.length; c++) {
                    assertEquals(want[c], row.getString(c + 1), "pair " + i + " column " + (c + 1));
                }
            }
            Path interleaved = TestData.interleave(data, mates, "il-" + mates[0].getFileName());
            Path tab = TestData.tabDelimited(data, mates, "tab-" + mates[0].getFileName());
            List<Row> fromInterleaved = spark.read().format("flashj-fastq").option("interleaved",
                    interleaved.toString()).option("pairsPerChunk", 101).load().orderBy("pair_index").collectAsList();
            assertEquals(rows, fromInterleaved);
            // A tab-delimited line has one tag, read 1's, which is both reads' tag.
            String[] shared = {"pair_index", "name1", "seq1", "qual1", "seq2", "qual2"};
            List<Row> fromTab = spark.read().format("flashj-fastq").option("tabDelimited", tab.toString())
                    .load().orderBy("pair_index").selectExpr(shared).collectAsList();
            assertEquals(pairs(mates, 97).orderBy("pair_index").selectExpr(shared).collectAsList(), fromTab);
        }
    }

    @Test
    void aGzipInputIsSplitThroughItsIndex() throws Exception {
        Path gz1 = TestData.gzip(art[0], data.resolve("art_1.fq.gz"));
        Path gz2 = TestData.gzip(art[1], data.resolve("art_2.fq.gz"));
        Dataset<Row> compressed = pairs(new Path[] {gz1, gz2}, 50);
        assertTrue(compressed.rdd().getNumPartitions() > 1, "partitions: " + compressed.rdd().getNumPartitions());
        assertEquals(pairs(art, 50).orderBy("pair_index").collectAsList(),
                compressed.orderBy("pair_index").collectAsList());
    }

    /**
     * A query over inputs that have not changed, with the same options, takes the partitions an
     * earlier query planned (no line counted, no index built again); other options, another Hadoop
     * configuration or an input that changed are planned again.
     */
    @Test
    void aQueryOverUnchangedInputsReusesTheirPlan() throws Exception {
        Path gz1 = TestData.gzip(art[0], data.resolve("planned_1.fq.gz"));
        Path gz2 = TestData.gzip(art[1], data.resolve("planned_2.fq.gz"));
        Path[] mates = {gz1, gz2};
        List<Row> want = pairs(art, 60).orderBy("pair_index").collectAsList();
        try (CapturedLog log = new CapturedLog("plan-reuse-test")) {
            Dataset<Row> table = pairs(mates, 60);
            assertEquals(want, table.orderBy("pair_index").collectAsList());
            assertEquals(1, planned(log, "planned in"), String.join("\n", log.messages()));
            log.messages().clear();

            assertEquals(want.size(), pairs(mates, 60).count());
            assertEquals(want, table.orderBy("pair_index").collectAsList());
            assertEquals(0, planned(log, "planned in"), "reused: " + String.join("\n", log.messages()));
            log.messages().clear();

            assertEquals(want.size(), pairs(mates, 61).count(), "other options: planned again");
            assertEquals(1, planned(log, "planned in"));
            log.messages().clear();

            spark.sparkContext().hadoopConfiguration().set("fs.flashj.test.setting", "changed");
            try {
                assertEquals(want.size(), pairs(mates, 60).count());
                assertEquals(1, planned(log, "planned in"), "another Hadoop configuration: planned again");
            } finally {
                spark.sparkContext().hadoopConfiguration().unset("fs.flashj.test.setting");
            }
            log.messages().clear();

            // The same pairs, fewer of them: the input's length changes and it is planned again.
            List<String> fewer = Files.readAllLines(art[0]).subList(0, 4 * 100);
            Path shorter = Files.write(data.resolve("planned_1.fq"), fewer);
            Files.write(data.resolve("planned_2.fq"), Files.readAllLines(art[1]).subList(0, 4 * 100));
            TestData.gzip(shorter, gz1);
            TestData.gzip(data.resolve("planned_2.fq"), gz2);
            assertEquals(100, pairs(mates, 60).count());
            assertEquals(1, planned(log, "planned in"), String.join("\n", log.messages()));
        }
    }

    private static long planned(CapturedLog log, String how) {
        return log.messages().stream().filter(m -> m.startsWith("flashj-fastq ") && m.contains(how)).count();
    }

    /**
     * With {@code spark.flashj.gzipIndex} set (once, for every query of the session), plain gzip
     * indexes are kept in that directory and reused; the table's gzipIndex option wins over it.
     */
    @Test
    void theSessionsGzipIndexSettingKeepsTheIndexes() throws Exception {
        Path gz1 = TestData.gzip(art[0], data.resolve("kept_1.fq.gz"));
        Path gz2 = TestData.gzip(art[1], data.resolve("kept_2.fq.gz"));
        Path shared = data.resolve("shared-indexes");
        Path own = data.resolve("own-indexes");
        List<Row> want = pairs(art, 50).orderBy("pair_index").collectAsList();
        spark.conf().set(FlashSpark.GZIP_INDEX_SETTING, shared.toString());
        spark.conf().set(FlashSpark.PAIRS_PER_CHUNK_SETTING, "50");
        try {
            Dataset<Row> table = spark.read().format("flashj-fastq").option("mate1", gz1.toString())
                    .option("mate2", gz2.toString()).load();
            assertEquals(pairs(new Path[] {gz1, gz2}, 50).rdd().getNumPartitions(), table.rdd().getNumPartitions(),
                    "pairsPerChunk from the session's setting");
            assertEquals(want, table.orderBy("pair_index").collectAsList());
            Path index = shared.resolve("kept_1.fq.gz.gzidx");
            assertTrue(Files.isRegularFile(index) && Files.isRegularFile(shared.resolve("kept_2.fq.gz.gzidx")));
            var written = Files.getLastModifiedTime(index);
            assertEquals(want, table.orderBy("pair_index").collectAsList());
            assertEquals(written, Files.getLastModifiedTime(index), "the second query reuses the index");

            List<Row> withOption = spark.read().format("flashj-fastq").option("mate1", gz1.toString())
                    .option("mate2", gz2.toString()).option("gzipIndex", own.toString()).load()
                    .orderBy("pair_index").collectAsList();
            assertEquals(want, withOption);
            assertTrue(Files.isRegularFile(own.resolve("kept_1.fq.gz.gzidx")), "the option wins over the setting");
        } finally {
            spark.conf().unset(FlashSpark.GZIP_INDEX_SETTING);
            spark.conf().unset(FlashSpark.PAIRS_PER_CHUNK_SETTING);
        }
    }

    @Test
    void aBgzfInputIsSplitThroughItsBlocks() throws Exception {
        Path bgzf1 = SparkDifferentialTest.bgzip(art[0], data.resolve("art_1.fq.bgz"));
        Path bgzf2 = SparkDifferentialTest.bgzip(art[1], data.resolve("art_2.fq.bgz"));
        Dataset<Row> compressed = pairs(new Path[] {bgzf1, bgzf2}, 50);
        assertTrue(compressed.rdd().getNumPartitions() > 1, "partitions: " + compressed.rdd().getNumPartitions());
        assertEquals(pairs(art, 50).orderBy("pair_index").collectAsList(),
                compressed.orderBy("pair_index").collectAsList());
    }

    /** zstd and LZ4 cannot be entered at an offset: the table is one partition that decodes them from their starts. */
    @ParameterizedTest
    @ValueSource(strings = {"zstd", "lz4"})
    void anInputThatCannotBeSplitIsOnePartition(String format) throws Exception {
        Path one = SparkDifferentialTest.compress(art[0], data.resolve("art_1.fq." + format), format);
        Path two = TestData.gzip(art[1], data.resolve("beside-" + format + "_2.fq.gz"));
        Dataset<Row> compressed = pairs(new Path[] {one, two}, 50);
        assertEquals(1, compressed.rdd().getNumPartitions());
        assertEquals(pairs(art, 50).orderBy("pair_index").collectAsList(),
                compressed.orderBy("pair_index").collectAsList());
    }

    static Stream<Arguments> parameterSets() {
        List<Arguments> cases = new ArrayList<>();
        for (String dataset : List.of("edge", "art")) {
            for (List<String> options : List.<List<String>>of(List.of(), List.of("-O", "-M", "150"),
                    List.of("-m", "20", "-x", "0.1", "--cap-mismatch-quals"), List.of("-O", "-m", "5", "-M", "300"))) {
                cases.add(Arguments.of(dataset, options));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("parameterSets")
    void flashMergeGivesFlashsRecords(String dataset, List<String> options) throws Exception {
        Path[] mates = dataset(dataset);
        Path oracleDir = oracle(mates, options);
        FlashFunctions.register(spark, parameters(options));
        List<Row> rows = pairs(mates, 211).select(col("pair_index"), col("name1"), col("seq1"), col("qual1"),
                col("name2"), col("seq2"), col("qual2"), call_function("flash_merge", READS).as("m"))
                .orderBy("pair_index").collectAsList();
        assertSameRecords(oracleDir, rows, 7, dataset + " " + options);
    }

    @Test
    void theUdfFormGivesTheSameResults() throws Exception {
        spark.udf().registerJava("flash_merge_udf", FlashMergeUdf.class.getName(), FlashFunctions.RESULT_TYPE);
        FlashFunctions.register(spark, MergeParameters.DEFAULTS);
        Dataset<Row> both = pairs(edge, 500).select(col("pair_index"),
                call_function("flash_merge", READS).as("fast"), call_function("flash_merge_udf", READS).as("udf"));
        assertEquals(0, both.where("NOT (fast <=> udf)").count());
        assertTrue(both.where("fast.combined").count() > 0);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("parameterSets")
    void theSinkWritesFlashsFiles(String dataset, List<String> options) throws Exception {
        Path[] mates = dataset(dataset);
        Path oracleDir = oracle(mates, options);
        FlashFunctions.register(spark, parameters(options));
        Path out = Files.createTempDirectory(data, "sink");
        pairs(mates, 173).withColumn("merged", call_function("flash_merge", READS))
                .write().format("flashj-fastq").option("allowOuties", options.contains("-O"))
                .mode("overwrite").save(out.toString());
        OutputComparison.assertSameFiles(oracleDir, out, "sink " + dataset + " " + options);
    }

    @Test
    void theSinkKeepsTheScansOrderWithNoShuffleAndNoSort() throws Exception {
        Path oracleDir = oracle(art, List.of());
        FlashFunctions.register(spark, MergeParameters.DEFAULTS);
        Dataset<Row> merged = pairs(art, 300).withColumn("merged", call_function("flash_merge", READS));
        assertTrue(merged.rdd().getNumPartitions() > 3);
        Path kept = Files.createTempDirectory(data, "kept");
        String keptPlan = writePlan(() -> merged.write().format("flashj-fastq").mode("overwrite")
                .save(kept.toString()));
        assertTrue(!keptPlan.contains("Exchange") && !keptPlan.contains("Sort"), keptPlan);
        OutputComparison.assertSameFiles(oracleDir, kept, "the scan's order kept");
        Path sorted = Files.createTempDirectory(data, "sorted");
        String sortedPlan = writePlan(() -> merged.write().format("flashj-fastq").option("order", "sort")
                .mode("overwrite").save(sorted.toString()));
        assertTrue(sortedPlan.contains("Exchange rangepartitioning") && sortedPlan.contains("Sort"), sortedPlan);
        OutputComparison.assertSameFiles(oracleDir, sorted, "order sort");
    }

    @Test
    void aShuffledDataFrameIsRefusedUnlessSorted() throws Exception {
        Path oracleDir = oracle(art, List.of());
        FlashFunctions.register(spark, MergeParameters.DEFAULTS);
        Dataset<Row> shuffled = pairs(art, 300).withColumn("merged", call_function("flash_merge", READS))
                .repartition(3);
        Path refused = Files.createTempDirectory(data, "refused");
        Exception e = assertThrows(Exception.class,
                () -> shuffled.write().format("flashj-fastq").mode("overwrite").save(refused.toString()));
        String message = messages(e);
        assertTrue(message.contains("pair_index") && message.contains(".orderBy(\"pair_index\")"), message);
        assertEquals(List.of(), listed(refused), "no file is published");
        Path ordered = Files.createTempDirectory(data, "ordered");
        shuffled.orderBy("pair_index").write().format("flashj-fastq").mode("overwrite").save(ordered.toString());
        OutputComparison.assertSameFiles(oracleDir, ordered, "orderBy(pair_index)");
        Path sorted = Files.createTempDirectory(data, "sorted");
        shuffled.write().format("flashj-fastq").option("order", "sort").mode("overwrite").save(sorted.toString());
        OutputComparison.assertSameFiles(oracleDir, sorted, "order sort");
        Exception badOption = assertThrows(Exception.class, () -> shuffled.write().format("flashj-fastq")
                .option("order", "any").mode("overwrite").save(sorted.toString()));
        assertTrue(messages(badOption).contains("order 'any'"), messages(badOption));
    }

    @Test
    void overlappingPartitionsAreRefusedWithNoOutput() throws Exception {
        FlashFunctions.register(spark, MergeParameters.DEFAULTS);
        Dataset<Row> merged = pairs(art, 300).withColumn("merged", call_function("flash_merge", READS));
        Path refused = Files.createTempDirectory(data, "overlap");
        Exception e = assertThrows(Exception.class, () -> merged.union(merged.where("pair_index >= 500")).write()
                .format("flashj-fastq").mode("overwrite").save(refused.toString()));
        String message = messages(e);
        assertTrue(message.contains("overlap") && message.contains("(pair_index 500 to ")
                && message.contains(".orderBy(\"pair_index\")"), message);
        assertEquals(List.of(), listed(refused), "no file is published");
    }

    /** The physical plan of the query {@code write} runs. */
    private static String writePlan(Runnable write) throws InterruptedException {
        List<String> plans = new CopyOnWriteArrayList<>();
        QueryExecutionListener listener = new QueryExecutionListener() {
            @Override
            public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
                plans.add(qe.executedPlan().toString());
            }

            @Override
            public void onFailure(String funcName, QueryExecution qe, Exception exception) {
            }
        };
        spark.listenerManager().register(listener);
        try {
            write.run();
            for (int wait = 0; plans.isEmpty() && wait < 100; wait++) {
                Thread.sleep(100);
            }
        } finally {
            spark.listenerManager().unregister(listener);
        }
        assertEquals(1, plans.size(), plans.toString());
        return plans.get(0);
    }

    private static List<Path> listed(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }

    @Test
    void theSinkReplacesOnlyWithOverwrite() throws Exception {
        FlashFunctions.register(spark, MergeParameters.DEFAULTS);
        Path out = Files.createTempDirectory(data, "append");
        Dataset<Row> merged = pairs(art, 400).withColumn("merged", call_function("flash_merge", READS));
        merged.write().format("flashj-fastq").mode("append").save(out.toString());
        Exception e = assertThrows(Exception.class,
                () -> merged.write().format("flashj-fastq").mode("append").save(out.toString()));
        assertTrue(String.valueOf(e.getMessage()).contains("overwrite"), e.toString());
        Exception noMerge = assertThrows(Exception.class,
                () -> pairs(art, 400).write().format("flashj-fastq").mode("overwrite").save(out.toString()));
        assertTrue(String.valueOf(noMerge.getMessage()).contains("flash_merge"), noMerge.toString());
    }

    @Test
    void parquetKeepsEveryColumnAndTheMergeResult() throws Exception {
        FlashFunctions.register(spark, MergeParameters.DEFAULTS);
        Dataset<Row> merged = pairs(edge, 700).withColumn("merged", call_function("flash_merge", READS));
        Path parquet = data.resolve("pairs.parquet");
        merged.write().mode("overwrite").parquet(parquet.toString());
        assertEquals(merged.orderBy("pair_index").collectAsList(),
                spark.read().parquet(parquet.toString()).orderBy("pair_index").collectAsList());
    }

    @Test
    void aCountReadsOnlyThePairIndexAndFiltersWork() {
        Dataset<Row> table = pairs(art, 120);
        long n = table.count();
        assertTrue(n > 1000, "pairs: " + n);
        String countPlan = table.select("pair_index").queryExecution().executedPlan().toString();
        assertTrue(countPlan.contains("columns [pair_index]"), countPlan);
        String seqPlan = table.select("seq1").queryExecution().executedPlan().toString();
        assertTrue(seqPlan.contains("columns [seq1]") && !seqPlan.contains("qual1"), seqPlan);
        assertEquals((n + 3) / 7, table.where("pair_index % 7 = 3").count());
        assertEquals(table.where("length(seq1) = 150").count() + table.where("length(seq1) <> 150").count(), n);
        List<Row> picked = table.where(col("pair_index").equalTo(n - 1)).select("pair_index", "name1")
                .collectAsList();
        assertEquals(1, picked.size());
        assertEquals(n - 1, picked.get(0).getLong(0));
    }

    @Test
    void badInputFailsTheQueryWithTheFileAndLine() throws Exception {
        Path bad1 = data.resolve("bad_1.fq");
        Path bad2 = data.resolve("bad_2.fq");
        List<String> lines1 = new ArrayList<>(Files.readAllLines(art[0]));
        lines1.set(4 * 700 + 3, "II\u0001" + lines1.get(4 * 700 + 3).substring(3));
        Files.write(bad1, lines1);
        Files.copy(art[1], bad2);
        Exception e = assertThrows(Exception.class, () -> pairs(new Path[] {bad1, bad2}, 100).count());
        String message = messages(e);
        assertTrue(message.contains(bad1.toString()) && message.contains("line " + (4 * 700 + 4)), message);
    }

    @Test
    void sqlAlone() throws Exception {
        Path oracleDir = oracle(art, List.of());
        FlashFunctions.register(spark, MergeParameters.DEFAULTS);
        spark.sql("CREATE TABLE sql_pairs USING `flashj-fastq` OPTIONS (mate1 '" + art[0] + "', mate2 '" + art[1]
                + "', pairsPerChunk '300')");
        try {
            List<Row> rows = spark.sql("SELECT pair_index, name1, seq1, qual1, name2, seq2, qual2, "
                    + "flash_merge(name1, seq1, qual1, name2, seq2, qual2) AS m FROM sql_pairs ORDER BY pair_index")
                    .collectAsList();
            assertSameRecords(oracleDir, rows, 7, "SQL");
            long longMerged = spark.sql("SELECT count(*) FROM (SELECT flash_merge(name1, seq1, qual1, name2, seq2, "
                    + "qual2) AS m FROM sql_pairs) WHERE m.combined AND length(m.seq) > 200").first().getLong(0);
            assertTrue(longMerged > 0);
        } finally {
            spark.sql("DROP TABLE sql_pairs");
        }
    }

    /** A directory of {@code flash -t 1}'s files for these mates and options. */
    private static Path oracle(Path[] mates, List<String> options) throws Exception {
        Path oracleDir = Files.createTempDirectory(data, "oracle");
        Oracle.flash(oracleDir, concat(options, List.of("-d", oracleDir.toString(), mates[0].toString(),
                mates[1].toString())));
        return oracleDir;
    }

    /** Rows of (pair_index, reads..., merge struct at {@code merge}) written as FLASH would, against its files. */
    private static void assertSameRecords(Path oracleDir, List<Row> rows, int merge, String context)
            throws Exception {
        ByteArrayOutputStream combined = new ByteArrayOutputStream();
        ByteArrayOutputStream uncombined1 = new ByteArrayOutputStream();
        ByteArrayOutputStream uncombined2 = new ByteArrayOutputStream();
        for (Row row : rows) {
            Row m = row.getStruct(merge);
            if (m.getBoolean(0)) {
                fastq(combined, m.getString(3), m.getString(4), m.getString(5));
            } else {
                fastq(uncombined1, row.getString(1), row.getString(2), row.getString(3));
                fastq(uncombined2, row.getString(4), row.getString(5), row.getString(6));
            }
        }
        OutputComparison.assertSameBytes(Files.readAllBytes(oracleDir.resolve("out.extendedFrags.fastq")),
                combined.toByteArray(), context + " extendedFrags");
        OutputComparison.assertSameBytes(Files.readAllBytes(oracleDir.resolve("out.notCombined_1.fastq")),
                uncombined1.toByteArray(), context + " notCombined_1");
        OutputComparison.assertSameBytes(Files.readAllBytes(oracleDir.resolve("out.notCombined_2.fastq")),
                uncombined2.toByteArray(), context + " notCombined_2");
    }

    private static void fastq(ByteArrayOutputStream out, String name, String seq, String qual) {
        out.writeBytes(("@" + name + "\n" + seq + "\n+\n" + qual + "\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Each record's tag (no {@code @}), sequence and qualities as FLASH reads them. */
    private static List<String[]> records(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        List<String[]> records = new ArrayList<>();
        for (int i = 0; i + 3 < lines.size(); i += 4) {
            String tag = lines.get(i).stripTrailing();
            StringBuilder seq = new StringBuilder();
            for (char c : lines.get(i + 1).stripTrailing().toCharArray()) {
                char u = Character.toUpperCase(c);
                seq.append(u == 'A' || u == 'C' || u == 'G' || u == 'T' ? u : 'N');
            }
            records.add(new String[] {tag.startsWith("@") ? tag.substring(1) : tag, seq.toString(),
                lines.get(i + 3).stripTrailing()});
        }
        return records;
    }

    static MergeParameters parameters(List<String> options) {
        MergeParameters.Builder b = MergeParameters.builder();
        for (int i = 0; i < options.size(); i++) {
            switch (options.get(i)) {
                case "-O" -> b.allowOuties(true);
                case "--cap-mismatch-quals" -> b.capMismatchQuals(true);
                case "-m" -> b.minOverlap(Integer.parseInt(options.get(++i)));
                case "-M" -> b.maxOverlap(Integer.parseInt(options.get(++i)));
                case "-x" -> b.maxMismatchDensity(Float.parseFloat(options.get(++i)));
                default -> throw new IllegalArgumentException(options.get(i));
            }
        }
        return b.build();
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t).append('\n');
        }
        return sb.toString();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}

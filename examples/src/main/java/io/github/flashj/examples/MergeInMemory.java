package io.github.flashj.examples;

import io.github.flashj.MergeParameters;
import io.github.flashj.MergeResult;
import io.github.flashj.ReadMerger;
import io.github.flashj.ReadPair;

/** Merges one pair held in memory: no files, as a unit test or a small tool would. */
public final class MergeInMemory {
    private MergeInMemory() {
    }

    public static void main(String[] args) {
        ReadMerger merger = ReadMerger.create(MergeParameters.builder().minOverlap(10).build());
        // Read 2 is the reverse complement of the fragment's end, as a sequencer reports it.
        ReadPair pair = ReadPair.of(
                "@frag1/1", "ACGTTGCATGCCGATAGCTAGGCTTACGATCG", "IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII",
                "@frag1/2", "GGCATTCGATCGTAAGCCTAGCTATCGGCATG", "IIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII");
        MergeResult result = merger.merge(pair);
        if (result.isCombined()) {
            System.out.println(result.orientation() + " overlap " + result.overlapLength());
            System.out.println(result.merged().get().tag());
            System.out.println(result.merged().get().sequence());
            System.out.println(result.merged().get().quality());
        } else {
            System.out.println("not combined");
        }
    }
}

#!/usr/bin/env bash
# Builds libflashj-rapidgzip.so, FlashJ's JNI binding to rapidgzip, from rapidgzip's PyPI source
# distribution (pinned below by version and SHA-256), with its bundled ISA-L assembled by nasm and
# the system zlib.
#
#   build.sh OUTPUT_DIR JAVA_HOME REQUIRED FILE_NAME
#
# The library lands in OUTPUT_DIR/<os>-<arch>/FILE_NAME (a versioned name), which Maven packages into the jar. Built
# libraries are cached under ${FLASHJ_NATIVE_CACHE:-~/.cache/flashj}, keyed by the hash of the
# sdist, this script and the binding's source, so a clean build does not compile rapidgzip again.
# Where the build cannot run (another OS or CPU, no compiler, nasm, zlib headers or network), it
# says why and, unless REQUIRED is true, exits 0: the jar then carries no library and FlashJ
# decodes gzip with java.util.zip.
set -euo pipefail

RAPIDGZIP_VERSION=0.16.1
RAPIDGZIP_SHA256=d24092495c1cccaa7d889801bc7d6f90745d247d6a09d06586f4858b10d6dddd
RAPIDGZIP_URL=https://files.pythonhosted.org/packages/b0/d4/775d8942c050f21d7e0315a63c4f027def9001ff67e87e8cf787eb25c038/rapidgzip-$RAPIDGZIP_VERSION.tar.gz

out=$1
java_home=$2
required=${3:-false}
file_name=${4:-libflashj-rapidgzip.so}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

skip() {
  echo "[flash-gzip-native] no native library built: $*; gzip input will use java.util.zip" >&2
  if [ "$required" = true ]; then
    echo "[flash-gzip-native] flashj.requireNative is set: failing the build" >&2
    exit 1
  fi
  exit 0
}

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x86_64 ;;
  *) skip "only linux-x86_64 is supported, this is $(uname -s)-$(uname -m)" ;;
esac
for tool in g++ gcc nasm curl sha256sum; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
[ -f /usr/include/zlib.h ] || skip "zlib headers are not installed (Debian: zlib1g-dev)"
[ -f "$java_home/include/jni.h" ] || skip "no jni.h under $java_home/include"

cache=${FLASHJ_NATIVE_CACHE:-$HOME/.cache/flashj}
mkdir -p "$cache" "$out/$platform"
sdist=$cache/rapidgzip-$RAPIDGZIP_VERSION.tar.gz
if ! echo "$RAPIDGZIP_SHA256  $sdist" | sha256sum -c --status 2>/dev/null; then
  curl -fsSL --retry 3 -o "$sdist.part" "$RAPIDGZIP_URL" || skip "cannot download $RAPIDGZIP_URL"
  echo "$RAPIDGZIP_SHA256  $sdist.part" | sha256sum -c --status || skip "the downloaded sdist does not match its SHA-256"
  mv "$sdist.part" "$sdist"
fi

key=$(cat "$sdist" "$here/build.sh" "$here/flashj_rapidgzip.cpp" | sha256sum | cut -c1-16)
library=$cache/libflashj-rapidgzip-$key.so
if [ ! -f "$library" ]; then
  work=$(mktemp -d "$cache/build.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  tar -xzf "$sdist" -C "$work"
  src=$work/rapidgzip-$RAPIDGZIP_VERSION/src
  isal=$src/external/isa-l
  echo "[flash-gzip-native] compiling rapidgzip $RAPIDGZIP_VERSION with ISA-L (about a minute)" >&2
  isal_c=(igzip/igzip_inflate.c igzip/igzip.c igzip/hufftables_c.c igzip/encode_df.c igzip/igzip_icf_base.c
          igzip/igzip_icf_body.c igzip/igzip_base.c igzip/adler32_base.c igzip/flatten_ll.c igzip/huff_codes.c
          crc/crc_base.c)
  isal_asm=(include/reg_sizes.asm include/multibinary.asm igzip/igzip_inflate_multibinary.asm
            igzip/igzip_decode_block_stateless_01.asm igzip/igzip_decode_block_stateless_04.asm
            igzip/rfc1951_lookup.asm igzip/stdmac.asm igzip/igzip_deflate_hash.asm igzip/igzip_body.asm
            igzip/igzip_multibinary.asm igzip/igzip_update_histogram_01.asm igzip/igzip_update_histogram_04.asm
            igzip/encode_df_04.asm igzip/encode_df_06.asm igzip/igzip_finish.asm
            igzip/igzip_gen_icf_map_lh1_04.asm igzip/igzip_gen_icf_map_lh1_06.asm
            igzip/igzip_icf_body_h1_gr_bt.asm igzip/igzip_icf_finish.asm igzip/igzip_set_long_icf_fg_04.asm
            igzip/igzip_set_long_icf_fg_06.asm igzip/proc_heap.asm igzip/adler32_avx2_4.asm
            igzip/adler32_sse.asm crc/crc_multibinary.asm crc/crc_const.asm crc/crc32_gzip_refl_by16_10.asm
            crc/crc32_gzip_refl_avx2.asm crc/crc32_gzip_refl_by8.asm)
  includes=(-I"$src" -I"$isal/include" -I"$isal/igzip" -I"$isal/crc" -I"$isal")
  objects=()
  for f in "${isal_c[@]}"; do
    o=$work/$(echo "$f" | tr / _).o
    gcc -O2 -fPIC -fvisibility=hidden -DNDEBUG "${includes[@]}" -c "$isal/$f" -o "$o"
    objects+=("$o")
  done
  for f in "${isal_asm[@]}"; do
    o=$work/$(echo "$f" | tr / _).o
    nasm -f elf64 -I"$isal/include/" -I"$isal/igzip/" -I"$isal/crc/" -I"$isal/" "$isal/$f" -o "$o"
    objects+=("$o")
  done
  binding=$work/flashj_rapidgzip.o
  g++ -std=c++17 -O3 -fPIC -fvisibility=hidden -DNDEBUG -D_LARGEFILE64_SOURCE=1 -D_GNU_SOURCE \
      -DLIBRAPIDARCHIVE_WITH_ISAL -fconstexpr-ops-limit=99000100 \
      "${includes[@]}" -I"$java_home/include" -I"$java_home/include/linux" \
      -c "$here/flashj_rapidgzip.cpp" -o "$binding"
  # The C++ runtime goes inside the library so that it loads on any glibc Linux with libz.so.1.
  g++ -shared -o "$work/library.so" "$binding" "${objects[@]}" -Wl,--no-undefined -Wl,-z,noexecstack \
      -static-libstdc++ -static-libgcc -Wl,--exclude-libs,ALL -s -lz -lpthread
  mv "$work/library.so" "$library"
fi
rm -f "$out/$platform"/libflashj-rapidgzip*.so
cp "$library" "$out/$platform/$file_name"
echo "[flash-gzip-native] packaged $platform/$file_name (rapidgzip $RAPIDGZIP_VERSION with ISA-L)" >&2

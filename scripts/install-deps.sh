#!/usr/bin/env bash
# Installs what building and testing FlashJ needs, from Debian's packages:
#   build: a JDK 17 and Maven; for flash-gzip-native's JNI library (rapidgzip with ISA-L, compiled
#          from its PyPI sdist, which the build downloads with curl): g++, nasm, zlib headers;
#   tests: Debian's flash (FLASH 1.2.11, the oracle), ART and its profiles, the lambda phage genome
#          (bowtie2-examples), python3 (for ../shared/tools/make_edge_pairs.py), gzip, bgzip (tabix:
#          BGZF inputs as bcl2fastq writes them), tmux (the progress line tested in a real terminal),
#          python3-venv (the PySpark example installs pyspark from PyPI in a virtual environment),
#          chromium and a font (the report page is rendered in headless Chromium).
# With --bench, also what flash-bench/scripts need: the peers (vsearch, BBMerge from bbmap, fastp),
# pigz and igzip (isal) for the gzip comparisons, and GNU time.
# Skips apt entirely when everything is already there. Runs apt through sudo when not root.
set -euo pipefail

packages=()
need() { # need COMMAND-OR-FILE PACKAGE...
  local probe=$1; shift
  if [[ $probe == /* ]]; then [ -e "$probe" ] && return 0; else command -v "$probe" >/dev/null 2>&1 && return 0; fi
  packages+=("$@")
}
need javac openjdk-17-jdk-headless
need mvn maven
need g++ g++
need nasm nasm
need curl curl
need /usr/include/zlib.h zlib1g-dev
need flash flash
need art_illumina art-nextgen-simulation-tools
need /usr/share/art-nextgen-simulation-tools/Illumina_profiles/HiSeq2500L150R1.txt art-nextgen-simulation-tools-profiles
need /usr/share/doc/bowtie2/examples/reference/lambda_virus.fa.gz bowtie2-examples
need python3 python3
need gzip gzip
need bgzip tabix
need tmux tmux
python3 -c 'import venv, ensurepip' 2>/dev/null || packages+=(python3-venv)
need mkfifo coreutils
need chromium chromium
need /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf fonts-dejavu-core
if [ "${1:-}" = "--bench" ]; then
  need vsearch vsearch
  need /usr/share/java/bbmap.jar bbmap
  need fastp fastp
  need pigz pigz
  need igzip isal
  need /usr/bin/time time
fi

if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "installing: ${packages[*]}" >&2
$sudo apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${packages[@]}" >/dev/null

// FlashJ's JNI binding: rapidgzip's ParallelGzipReader for parallel decoding, ISA-L's inflate for
// sequential decoding and for DeflateStream's blocks, ISA-L's stateless deflate for writing gzip
// output. The Java side is io.github.flashj.gzip.RapidgzipBinding.
//
// Every C++ exception becomes a java.io.IOException carrying its message; the Java side adds the
// file's name. A reader handle is used by one Java thread at a time.

#include <jni.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include <filereader/Standard.hpp>
#include <rapidgzip/ParallelGzipReader.hpp>
#include <rapidgzip/rapidgzip.hpp>

#include <igzip_lib.h>

namespace {

using Reader = rapidgzip::ParallelGzipReader<rapidgzip::ChunkData>;

void throwIOException(JNIEnv* env, const char* message)
{
    if (env->ExceptionCheck()) {
        return;
    }
    jclass type = env->FindClass("java/io/IOException");
    if (type != nullptr) {
        env->ThrowNew(type, message);
    }
}

// Runs body, turning a C++ exception into a pending Java IOException and failed into the result.
template<typename Result, typename Body>
Result guarded(JNIEnv* env, Result failed, Body&& body)
{
    try {
        return body();
    } catch (const std::exception& e) {
        throwIOException(env, e.what());
    } catch (...) {
        throwIOException(env, "unknown error in the native gzip decoder");
    }
    return failed;
}

// A Java byte array pinned for a native call without a copy, released when it goes out of scope:
// with its changes (an output) or without (an input). No JNI call may run while one is held, so a
// call that throws releases its arrays first.
class Pinned
{
public:
    Pinned(JNIEnv* env, jbyteArray array, bool written) :
        m_env(env), m_array(array), m_mode(written ? 0 : JNI_ABORT),
        m_bytes(static_cast<uint8_t*>(env->GetPrimitiveArrayCritical(array, nullptr)))
    {}

    Pinned(const Pinned&) = delete;
    Pinned& operator=(const Pinned&) = delete;

    ~Pinned()
    {
        if (m_bytes != nullptr) {
            m_env->ReleasePrimitiveArrayCritical(m_array, m_bytes, m_mode);
        }
    }

    uint8_t* bytes() const
    {
        return m_bytes;
    }

private:
    JNIEnv* m_env;
    jbyteArray m_array;
    jint m_mode;
    uint8_t* m_bytes;
};

// A path handed over as the bytes the platform's file system uses.
std::string pathOf(JNIEnv* env, jbyteArray path)
{
    const auto length = env->GetArrayLength(path);
    std::string result(static_cast<size_t>(length), '\0');
    env->GetByteArrayRegion(path, 0, length, reinterpret_cast<jbyte*>(result.data()));
    return result;
}

Reader* readerOf(jlong handle)
{
    return reinterpret_cast<Reader*>(handle);
}

// ISA-L's level buffers, one per thread and level, reused across members.
std::vector<uint8_t>& levelBuffer(int level)
{
    static const size_t sizes[] = { ISAL_DEF_LVL0_DEFAULT, ISAL_DEF_LVL1_DEFAULT, ISAL_DEF_LVL2_DEFAULT,
                                    ISAL_DEF_LVL3_DEFAULT };
    thread_local std::vector<uint8_t> buffers[ISAL_DEF_MAX_LEVEL + 1];
    auto& buffer = buffers[level];
    if (buffer.empty()) {
        buffer.resize(sizes[level]);
    }
    return buffer;
}

// A gzip file decoded sequentially by ISA-L: member after member, each header parsed and each
// CRC32 verified by isal_inflate. Input is read outside JNI critical sections.
struct IsalReader
{
    int fd{ -1 };
    std::vector<uint8_t> input = std::vector<uint8_t>(1U << 20U);
    inflate_state state{};
    bool inputEnded{ false };
    bool inMember{ false };

    ~IsalReader()
    {
        if (fd >= 0) {
            ::close(fd);
        }
    }

    // Keeps the unread input and appends what the file has next.
    void refill()
    {
        const auto kept = state.avail_in;
        if (kept > 0 && state.next_in != input.data()) {
            std::memmove(input.data(), state.next_in, kept);
        }
        ssize_t n;
        do {
            n = ::read(fd, input.data() + kept, input.size() - kept);
        } while (n < 0 && errno == EINTR);
        if (n < 0) {
            throw std::runtime_error(std::string("cannot read: ") + std::strerror(errno));
        }
        state.next_in = input.data();
        state.avail_in = kept + static_cast<uint32_t>(n);
        inputEnded = n == 0;
    }
};

// An ISA-L state that decodes one block, and whether it has read the block's header (a state before
// a header again has then ended the block).
struct BlockInflater
{
    inflate_state state{};
    bool headerRead{ false };
};

const char* isalError(int status)
{
    switch (status) {
    case ISAL_INVALID_BLOCK: return "Invalid deflate block found!";
    case ISAL_INVALID_SYMBOL: return "Invalid deflate symbol found!";
    case ISAL_INVALID_LOOKBACK: return "Invalid lookback distance found!";
    case ISAL_INVALID_WRAPPER: return "Invalid gzip header found!";
    case ISAL_UNSUPPORTED_METHOD: return "Unsupported compression method!";
    case ISAL_INCORRECT_CHECKSUM: return "Mismatching CRC32 or size in the gzip trailer!";
    default: return "Decoding failed!";
    }
}

}  // namespace

extern "C" {

// rapidgzip reports some failures on std::cerr before throwing; the exception carries them to
// Java, where they are reported once with the file's name. The C++ runtime is linked statically
// and privately, so this silences only this library's std::cerr.
JNIEXPORT jint JNICALL
JNI_OnLoad(JavaVM*, void*)
{
    std::cerr.rdbuf(nullptr);
    return JNI_VERSION_1_8;
}

JNIEXPORT jstring JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_version(JNIEnv* env, jclass)
{
    return env->NewStringUTF(rapidgzip::VERSION_STRING.c_str());
}

JNIEXPORT jlong JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_open(JNIEnv* env, jclass, jbyteArray path, jint parallelism,
                                                 jint chunkSize, jboolean keepIndex)
{
    const auto file = pathOf(env, path);
    return guarded<jlong>(env, 0, [&] {
        auto reader = std::make_unique<Reader>(std::make_unique<rapidgzip::StandardFileReader>(file),
                                               static_cast<size_t>(parallelism), static_cast<uint64_t>(chunkSize));
        reader->setCRC32Enabled(true);
        reader->setKeepIndex(keepIndex == JNI_TRUE);
        return reinterpret_cast<jlong>(reader.release());
    });
}

JNIEXPORT jint JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_read(JNIEnv* env, jclass, jlong handle, jobject buffer, jint length)
{
    auto* target = static_cast<char*>(env->GetDirectBufferAddress(buffer));
    if (target == nullptr) {
        throwIOException(env, "the read buffer is not a direct buffer");
        return -1;
    }
    return guarded<jint>(env, -1, [&] {
        return static_cast<jint>(readerOf(handle)->read(-1, target, static_cast<size_t>(length)));
    });
}

JNIEXPORT jlong JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_seek(JNIEnv* env, jclass, jlong handle, jlong offset)
{
    return guarded<jlong>(env, -1, [&] {
        return static_cast<jlong>(readerOf(handle)->seek(static_cast<long long int>(offset), SEEK_SET));
    });
}

JNIEXPORT jlong JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_tell(JNIEnv* env, jclass, jlong handle)
{
    return guarded<jlong>(env, -1, [&] { return static_cast<jlong>(readerOf(handle)->tell()); });
}

JNIEXPORT jlong JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_size(JNIEnv* env, jclass, jlong handle)
{
    return guarded<jlong>(env, -1, [&] {
        const auto size = readerOf(handle)->size();
        return size ? static_cast<jlong>(*size) : jlong(-1);
    });
}

// Where decoding ended in the compressed file, in bytes: the last entry of the block map once it
// is complete (after the whole file has been read), -1 before.
JNIEXPORT jlong JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_compressedEnd(JNIEnv* env, jclass, jlong handle)
{
    return guarded<jlong>(env, -1, [&] {
        auto* reader = readerOf(handle);
        if (!reader->blockOffsetsComplete()) {
            return jlong(-1);
        }
        const auto offsets = reader->blockOffsets();
        return offsets.empty() ? jlong(0) : static_cast<jlong>(offsets.rbegin()->first / 8U);
    });
}

JNIEXPORT void JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_importIndex(JNIEnv* env, jclass, jlong handle, jbyteArray path)
{
    const auto file = pathOf(env, path);
    guarded<int>(env, 0, [&] {
        readerOf(handle)->importIndex(std::make_unique<rapidgzip::StandardFileReader>(file));
        return 0;
    });
}

JNIEXPORT void JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_exportIndex(JNIEnv* env, jclass, jlong handle, jbyteArray path)
{
    const auto file = pathOf(env, path);
    guarded<int>(env, 0, [&] {
        std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(file.c_str(), "wb"), &std::fclose);
        if (!out) {
            throw std::runtime_error("cannot open " + file + " for writing: " + std::strerror(errno));
        }
        const auto write = [&out, &file](const void* data, size_t size) {
            if (std::fwrite(data, 1, size, out.get()) != size) {
                throw std::runtime_error("cannot write " + file + ": " + std::strerror(errno));
            }
        };
        readerOf(handle)->exportIndex(write);
        if (std::fflush(out.get()) != 0) {
            throw std::runtime_error("cannot write " + file + ": " + std::strerror(errno));
        }
        return 0;
    });
}

JNIEXPORT void JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_close(JNIEnv* env, jclass, jlong handle)
{
    guarded<int>(env, 0, [&] {
        delete readerOf(handle);
        return 0;
    });
}

JNIEXPORT jlong JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_openSequential(JNIEnv* env, jclass, jbyteArray path)
{
    const auto file = pathOf(env, path);
    return guarded<jlong>(env, 0, [&] {
        auto reader = std::make_unique<IsalReader>();
        reader->fd = ::open(file.c_str(), O_RDONLY);
        if (reader->fd < 0) {
            throw std::runtime_error("cannot open " + file + ": " + std::strerror(errno));
        }
        isal_inflate_init(&reader->state);
        return reinterpret_cast<jlong>(reader.release());
    });
}

// Decodes into output[offset, offset + length); 0 at the end of the last member. Bytes after the
// last member that do not start another one are ignored, as zlib does.
JNIEXPORT jint JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_readSequential(JNIEnv* env, jclass, jlong handle, jbyteArray output,
                                                           jint offset, jint length)
{
    auto* reader = reinterpret_cast<IsalReader*>(handle);
    return guarded<jint>(env, -1, [&] {
        auto& state = reader->state;
        while (true) {
            if (state.avail_in < 2 && !reader->inputEnded) {
                reader->refill();
            }
            if (!reader->inMember) {
                if (state.avail_in < 2 || state.next_in[0] != 0x1f || state.next_in[1] != 0x8b) {
                    return jint(0);
                }
                isal_inflate_reset(&state);
                state.crc_flag = ISAL_GZIP;
                reader->inMember = true;
            }
            auto* out = static_cast<uint8_t*>(env->GetPrimitiveArrayCritical(output, nullptr));
            if (out == nullptr) {
                throw std::runtime_error("out of memory");
            }
            state.next_out = out + offset;
            state.avail_out = static_cast<uint32_t>(length);
            const auto inputBefore = state.avail_in;
            const int status = isal_inflate(&state);
            env->ReleasePrimitiveArrayCritical(output, out, 0);
            const auto produced = static_cast<jint>(length - static_cast<jint>(state.avail_out));
            if (status < 0) {
                throw std::runtime_error(isalError(status));
            }
            if (state.block_state == ISAL_BLOCK_FINISH) {
                reader->inMember = false;
            }
            if (produced > 0) {
                return produced;
            }
            if (reader->inMember && (state.avail_in == 0 || state.avail_in == inputBefore)) {
                if (reader->inputEnded) {
                    throw std::runtime_error("gzip data is truncated: the stream ends inside a member");
                }
                reader->refill();
            }
        }
    });
}

JNIEXPORT void JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_closeSequential(JNIEnv*, jclass, jlong handle)
{
    delete reinterpret_cast<IsalReader*>(handle);
}

// Compresses input[offset, offset + length) into raw deflate blocks at output[outputOffset,
// outputOffset + outputLength): none of them final, the last ending on a byte boundary (FULL_FLUSH),
// so that pieces compressed apart join into one deflate stream. Returns the size, or -1 when it does
// not fit.
JNIEXPORT jint JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_compressPiece(JNIEnv* env, jclass, jbyteArray input, jint offset,
                                                           jint length, jbyteArray output, jint outputOffset,
                                                           jint outputLength, jint level)
{
    auto& levelBuf = levelBuffer(level);
    int status;
    jint written;
    {
        const Pinned in(env, input, false);
        const Pinned out(env, output, true);
        if (in.bytes() == nullptr || out.bytes() == nullptr) {
            return -1;
        }
        isal_zstream stream;
        isal_deflate_stateless_init(&stream);
        stream.next_in = in.bytes() + offset;
        stream.avail_in = static_cast<uint32_t>(length);
        stream.next_out = out.bytes() + outputOffset;
        stream.avail_out = static_cast<uint32_t>(outputLength);
        stream.level = static_cast<uint32_t>(level);
        stream.level_buf = levelBuf.data();
        stream.level_buf_size = static_cast<uint32_t>(levelBuf.size());
        stream.gzip_flag = IGZIP_DEFLATE;
        stream.end_of_stream = 0;
        stream.flush = FULL_FLUSH;
        status = isal_deflate_stateless(&stream);
        written = status == COMP_OK ? static_cast<jint>(stream.total_out) : -1;
    }
    if (status != COMP_OK && status != STATELESS_OVERFLOW) {
        throwIOException(env, ("ISA-L deflate failed with status " + std::to_string(status)).c_str());
    }
    return written;
}

// Decodes input[offset, offset + length), one whole raw deflate stream (it ends with a final block),
// into output[outputOffset, outputOffset + outputLength) in one call. Returns the size, -1 when the
// output does not hold it all or the stream does not end within the input; throws on bad data.
JNIEXPORT jint JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_inflateWhole(JNIEnv* env, jclass, jbyteArray input, jint offset,
                                                         jint length, jbyteArray output, jint outputOffset,
                                                         jint outputLength)
{
    bool pinned;
    int status = ISAL_DECOMP_OK;
    jint produced = -1;
    {
        const Pinned in(env, input, false);
        const Pinned out(env, output, true);
        pinned = in.bytes() != nullptr && out.bytes() != nullptr;
        if (pinned) {
            inflate_state state;
            isal_inflate_init(&state);
            state.next_in = in.bytes() + offset;
            state.avail_in = static_cast<uint32_t>(length);
            state.next_out = out.bytes() + outputOffset;
            state.avail_out = static_cast<uint32_t>(outputLength);
            state.crc_flag = ISAL_DEFLATE;
            status = isal_inflate_stateless(&state);
            produced = static_cast<jint>(outputLength - static_cast<jint>(state.avail_out));
        }
    }
    if (!pinned) {
        throwIOException(env, "out of memory");
        return -1;
    }
    if (status == ISAL_DECOMP_OK) {
        return produced;
    }
    if (status != ISAL_OUT_OVERFLOW && status != ISAL_END_INPUT) {
        throwIOException(env, isalError(status));
    }
    return -1;
}

// Decodes raw deflate from bit skipBits of input[offset] (a block's first bit), the dictionary (the
// data's last bytes before it, up to 32 KiB) given, until output[outputOffset, outputOffset +
// outputLength) is full and one byte more has been decoded, which proves that the stream goes on
// after the output. Returns outputLength; -1 when the deflate stream ends (its final block) by then
// or the input ends first, which the caller decodes otherwise; throws on bad data.
JNIEXPORT jint JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_inflateFrom(JNIEnv* env, jclass, jbyteArray input, jint offset,
                                                        jint length, jint skipBits, jbyteArray dictionary,
                                                        jint dictionaryLength, jbyteArray output,
                                                        jint outputOffset, jint outputLength)
{
    if (length < 1 || skipBits < 0 || skipBits > 7) {
        return -1;
    }
    bool pinned;
    int status = ISAL_DECOMP_OK;
    bool full = false;
    bool ended = false;
    {
        const Pinned in(env, input, false);
        const Pinned dict(env, dictionary, false);
        const Pinned out(env, output, true);
        pinned = in.bytes() != nullptr && dict.bytes() != nullptr && out.bytes() != nullptr;
        if (pinned) {
            auto state = std::make_unique<inflate_state>();
            isal_inflate_init(state.get());
            state->crc_flag = ISAL_DEFLATE;
            if (dictionaryLength > 0) {
                status = isal_inflate_set_dict(state.get(), dict.bytes(), static_cast<uint32_t>(dictionaryLength));
            }
            // The first byte's bits from skipBits on, then whole bytes.
            state->read_in = static_cast<uint64_t>(in.bytes()[offset] >> skipBits);
            state->read_in_length = 8 - skipBits;
            state->next_in = in.bytes() + offset + 1;
            state->avail_in = static_cast<uint32_t>(length - 1);
            state->next_out = out.bytes() + outputOffset;
            state->avail_out = static_cast<uint32_t>(outputLength);
            uint8_t after = 0;
            while (status == ISAL_DECOMP_OK && !ended) {
                if (state->avail_out == 0) {
                    if (full) {
                        break;
                    }
                    full = true;
                    state->next_out = &after;
                    state->avail_out = 1;
                }
                const auto before = std::make_tuple(state->avail_in, state->read_in_length, state->total_out);
                status = isal_inflate(state.get());
                ended = state->block_state == ISAL_BLOCK_FINISH
                        || before == std::make_tuple(state->avail_in, state->read_in_length, state->total_out);
            }
            full = full && state->avail_out == 0;
        }
    }
    if (!pinned) {
        throwIOException(env, "out of memory");
        return -1;
    }
    if (status < 0) {
        throwIOException(env, isalError(status));
        return -1;
    }
    return full && !ended ? outputLength : -1;
}

// A raw deflate stream decoded by ISA-L one block at a time for DeflateStream, which parses the gzip
// members around the blocks and settles their boundaries itself: the state is started at each
// block's first bit with the window before it, and stops where the block ends.
JNIEXPORT jlong JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_blockInflaterOpen(JNIEnv* env, jclass)
{
    // blockStart sets the state up for each block.
    return guarded<jlong>(env, 0, [] { return reinterpret_cast<jlong>(new BlockInflater); });
}

JNIEXPORT void JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_blockInflaterClose(JNIEnv*, jclass, jlong handle)
{
    delete reinterpret_cast<BlockInflater*>(handle);
}

// Starts a block at bit skipBits of the byte firstByte (taken here; the input goes on after it), with
// dictionary[dictionaryOffset, dictionaryOffset + dictionaryLength) the data right before it.
JNIEXPORT void JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_blockStart(JNIEnv* env, jclass, jlong handle, jint firstByte,
                                                       jint skipBits, jbyteArray dictionary, jint dictionaryOffset,
                                                       jint dictionaryLength)
{
    auto* inflater = reinterpret_cast<BlockInflater*>(handle);
    auto* state = &inflater->state;
    inflater->headerRead = false;
    isal_inflate_init(state);
    state->crc_flag = ISAL_DEFLATE;
    state->points_to_stop_at = static_cast<isal_stopping_point>(ISAL_STOPPING_POINT_END_OF_BLOCK_HEADER
                                                                | ISAL_STOPPING_POINT_END_OF_BLOCK);
    int status = COMP_OK;
    if (dictionaryLength > 0) {
        const Pinned dict(env, dictionary, false);
        if (dict.bytes() == nullptr) {
            status = ISAL_INVALID_STATE;
        } else {
            status = isal_inflate_set_dict(state, dict.bytes() + dictionaryOffset,
                                           static_cast<uint32_t>(dictionaryLength));
        }
    }
    if (status != COMP_OK) {
        throwIOException(env, "cannot set the window before a deflate block");
        return;
    }
    state->read_in = static_cast<uint64_t>((firstByte & 0xff) >> skipBits);
    state->read_in_length = 8 - skipBits;
}

// Goes on decoding the block started by blockStart from input[offset, offset + length) into
// output[outputOffset, outputOffset + outputLength), until the block ends, the output is full or the
// input is used up. progress receives the input bytes taken, the bits of them ISA-L holds but has
// not used, and 1 when the block ended (2 when it was the stream's final block), 0 when it goes on,
// or ISA-L's negative status when the data are not deflate. Returns the bytes written.
JNIEXPORT jint JNICALL
Java_io_github_flashj_gzip_RapidgzipBinding_blockInflate(JNIEnv* env, jclass, jlong handle, jbyteArray input,
                                                         jint offset, jint length, jbyteArray output,
                                                         jint outputOffset, jint outputLength, jintArray progress)
{
    auto* inflater = reinterpret_cast<BlockInflater*>(handle);
    auto* state = &inflater->state;
    bool pinned;
    int status = ISAL_DECOMP_OK;
    jint result[3] = { 0, 0, 0 };
    jint produced = 0;
    {
        const Pinned in(env, input, false);
        const Pinned out(env, output, true);
        pinned = in.bytes() != nullptr && out.bytes() != nullptr;
        if (pinned) {
            state->next_in = in.bytes() + offset;
            state->avail_in = static_cast<uint32_t>(length);
            state->next_out = out.bytes() + outputOffset;
            state->avail_out = static_cast<uint32_t>(outputLength);
            // What a call that made no progress leaves as it was.
            const auto mark = [state] {
                return std::make_tuple(state->avail_in, state->read_in_length, state->avail_out, state->tmp_in_size);
            };
            bool ended = false;
            while (state->avail_out > 0) {
                const auto before = mark();
                status = isal_inflate(state);
                if (status != ISAL_DECOMP_OK) {
                    break;
                }
                if (state->stopped_at == ISAL_STOPPING_POINT_END_OF_BLOCK_HEADER) {
                    inflater->headerRead = true;
                    continue;
                }
                // ISA-L reports the block's end, except where the input ends right there (a stored
                // block's copy then says the input ended, and the next header is tried): once the
                // block's header was read, a state before a header, all output given out, has ended it.
                const bool delivered = state->tmp_out_processed == state->tmp_out_valid;
                const auto at = state->block_state;
                if (state->stopped_at == ISAL_STOPPING_POINT_END_OF_BLOCK
                    || (inflater->headerRead && delivered
                        && (at == ISAL_BLOCK_NEW_HDR || at == ISAL_BLOCK_HDR || at == ISAL_BLOCK_INPUT_DONE
                            || at == ISAL_BLOCK_FINISH))) {
                    ended = true;
                    break;
                }
                if (before == mark()) {
                    break;
                }
            }
            produced = static_cast<jint>(outputLength - static_cast<jint>(state->avail_out));
            result[0] = static_cast<jint>(length - static_cast<jint>(state->avail_in));
            result[1] = static_cast<jint>(state->read_in_length + 8 * state->tmp_in_size);
            result[2] = status < 0 ? status : ended ? (state->bfinal != 0 ? 2 : 1) : 0;
        }
    }
    if (!pinned) {
        throwIOException(env, "out of memory");
        return -1;
    }
    env->SetIntArrayRegion(progress, 0, 3, result);
    return produced;
}

}  // extern "C"

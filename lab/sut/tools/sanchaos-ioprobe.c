/*
 * sanchaos-ioprobe: what an application sees of a block device during a failover drill.
 *
 *   sanchaos-ioprobe write  DEVICE --offset BYTES --size BYTES --run RUNID [--block 4096] [--pause-ms 5]
 *                           [--duration-s N] [--dsync] [--stdin-stop] [--allow-file]
 *   sanchaos-ioprobe verify DEVICE --offset BYTES --size BYTES --run RUNID [--block 4096] [--allow-file]
 *   sanchaos-ioprobe --version
 *
 * write: O_WRONLY|O_DIRECT (|O_DSYNC with --dsync), one block at a time (queue depth 1), cycling through the slots
 * of [offset, offset+size); slot = (seq - 1) % (size / block). Pauses --pause-ms between I/Os, also after an error.
 * Load: at most 1000 / pause-ms writes per second (the device's latency adds to each cycle), i.e. with the defaults
 * (4 KiB, 5 ms) at most 200 writes/s = 800 KiB/s; never more than one I/O in flight.
 * Each 512-byte sector of a block starts with a header (native byte order, little-endian on x86_64):
 *     0  magic "SCIOPRB1"        24 seq (u64, from 1)     40 submit time (u64, CLOCK_REALTIME ns)
 *     8  run id (16 bytes, NUL padded)  32 slot (u64)     48 sector index (u32)  52 block size (u32)
 *    56  FNV-1a 64 of bytes 0..55       64.. pattern derived from (seq, slot, sector)
 * and the last 8 bytes of the block hold FNV-1a 64 of the block's other bytes.
 *
 * Output (stdout, one line per event, written with write(2) as it happens):
 *   H sanchaos-ioprobe <version> mode=write device=D offset=N size=N block=N slots=N run=R pid=N clock=realtime
 *       pause_ms=N dsync=0|1 start_ns=N
 *   W <seq> <slot> <submit_ns> <complete_ns> <result> [<errno name>]
 *       result: 0 (acknowledged), an errno number (the name follows), or short:<bytes written> (a short write).
 *       complete_ns = submit_ns + the monotonic time the write took.
 *   S end=<signal:TERM|signal:INT|signal:PIPE|stdin-eof|duration|stdout-closed> writes=N ok=N errors=N short=N
 *       bytes_ok=N max_latency_ns=N first_submit_ns=N last_complete_ns=N
 * verify:
 *   H sanchaos-ioprobe <version> mode=verify device=D offset=N size=N block=N slots=N run=R pid=N clock=realtime
 *   V <slot> <seq> ok            every sector carries write <seq> of this run and the block checksum holds
 *   V <slot> <seq> bad           every sector carries <seq>, but the block checksum does not hold
 *   V <slot> - torn <s0>,<s1>,.. sectors of different writes (or some without a header of this run: -)
 *   V <slot> - empty             no header of this run; all zero
 *   V <slot> - foreign           no header of this run; other data (another run's blocks, anything else)
 *   V <slot> - unreadable <errno> <errno name>
 *   S verify slots=N ok=N bad=N torn=N empty=N foreign=N unreadable=N
 *
 * Exit codes: 0 done, 1 the device could not be opened or the output broke, 2 refused (usage, region not aligned
 * to the block or beyond the device, not a block device without --allow-file).
 * Build: gcc -O2 -static -Wall -Werror -o sanchaos-ioprobe sanchaos-ioprobe.c (libc only).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/fs.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PROBE_VERSION "1"
#define MAGIC "SCIOPRB1"
#define SECTOR 512
#define RUN_LEN 16
#define HDR_SUMMED 56
#define FILL_START 64
#define MAX_BLOCK (1 << 20)
#define VERIFY_CHUNK (1 << 20)

struct args {
    const char *mode, *device, *run;
    uint64_t offset, size, block;
    long pause_ms, duration_s;
    int have_offset, have_size, dsync, stdin_stop, allow_file;
};

static volatile sig_atomic_t stop_signal;
static int stdout_broken;

static void on_signal(int sig) { stop_signal = sig; }

static void die(int code, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    dprintf(2, "sanchaos-ioprobe: %s\n", msg);
    exit(code);
}

/* One line to stdout with write(2): no stdio buffer between the probe and the harness. */
static void out(const char *fmt, ...)
{
    static char line[65536];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n < 0 || stdout_broken) return;
    if ((size_t)n >= sizeof line) n = sizeof line - 1;
    for (int done = 0; done < n;) {
        ssize_t w = write(1, line + done, (size_t)(n - done));
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) { stdout_broken = 1; return; }
        done += (int)w;
    }
}

static uint64_t clock_ns(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t fnv1a(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 0x100000001b3ull; }
    return h;
}

static const char *errname(int e)
{
    const char *n = strerrorname_np(e);
    return n ? n : "UNKNOWN";
}

static uint64_t parse_size(const char *opt, const char *s)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-') die(2, "%s: \"%s\" is not a number of bytes", opt, s);
    unsigned long long mult = 1;
    if (*end == 'k' || *end == 'K') mult = 1ull << 10, end++;
    else if (*end == 'M') mult = 1ull << 20, end++;
    else if (*end == 'G') mult = 1ull << 30, end++;
    if (*end) die(2, "%s: \"%s\" is not a number of bytes (digits, optionally K, M or G)", opt, s);
    if (v > UINT64_MAX / mult) die(2, "%s: \"%s\" is too large", opt, s);
    return v * mult;
}

static long parse_long(const char *opt, const char *s)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < 0) die(2, "%s: \"%s\" is not a whole number >= 0", opt, s);
    return v;
}

static void usage(void)
{
    die(2, "usage: sanchaos-ioprobe write DEVICE --offset BYTES --size BYTES --run RUNID [--block 4096] "
           "[--pause-ms 5] [--duration-s N] [--dsync] [--stdin-stop] [--allow-file]\n"
           "       sanchaos-ioprobe verify DEVICE --offset BYTES --size BYTES --run RUNID [--block 4096] [--allow-file]");
}

static struct args parse_args(int argc, char **argv)
{
    struct args a = { .block = 4096, .pause_ms = 5, .duration_s = -1 };
    if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
        out("sanchaos-ioprobe %s\n", PROBE_VERSION);
        exit(0);
    }
    if (argc < 3) usage();
    a.mode = argv[1];
    a.device = argv[2];
    int write_mode = strcmp(a.mode, "write") == 0;
    if (!write_mode && strcmp(a.mode, "verify") != 0) die(2, "unknown mode \"%s\": write or verify", a.mode);
    for (int i = 3; i < argc; i++) {
        const char *o = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int takes_value = 1;
        if (strcmp(o, "--offset") == 0 && v) a.offset = parse_size(o, v), a.have_offset = 1;
        else if (strcmp(o, "--size") == 0 && v) a.size = parse_size(o, v), a.have_size = 1;
        else if (strcmp(o, "--block") == 0 && v) a.block = parse_size(o, v);
        else if (strcmp(o, "--run") == 0 && v) a.run = v;
        else if (write_mode && strcmp(o, "--pause-ms") == 0 && v) a.pause_ms = parse_long(o, v);
        else if (write_mode && strcmp(o, "--duration-s") == 0 && v) a.duration_s = parse_long(o, v);
        else {
            takes_value = 0;
            if (write_mode && strcmp(o, "--dsync") == 0) a.dsync = 1;
            else if (write_mode && strcmp(o, "--stdin-stop") == 0) a.stdin_stop = 1;
            else if (strcmp(o, "--allow-file") == 0) a.allow_file = 1;
            else die(2, "unknown option or missing value: %s (mode %s)", o, a.mode);
        }
        i += takes_value;
    }
    if (!a.have_offset || !a.have_size || !a.run) die(2, "--offset, --size and --run are required");
    size_t rl = strlen(a.run);
    if (rl == 0 || rl > RUN_LEN) die(2, "--run \"%s\": 1 to %d characters", a.run, RUN_LEN);
    for (size_t i = 0; i < rl; i++) {
        char c = a.run[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
            die(2, "--run \"%s\": only letters, digits, '-', '_' and '.'", a.run);
    }
    if (a.block < SECTOR || a.block > MAX_BLOCK || a.block % SECTOR)
        die(2, "--block %" PRIu64 ": a multiple of %d between %d and %d", a.block, SECTOR, SECTOR, MAX_BLOCK);
    if (a.pause_ms > 60000) die(2, "--pause-ms %ld: at most 60000", a.pause_ms);
    return a;
}

/* Opens the device and refuses a region that is not aligned to the block or does not lie inside the device. */
static int open_region(const struct args *a, int flags)
{
    struct stat st;
    if (stat(a->device, &st) < 0) die(1, "cannot stat %s: %s (%s)", a->device, strerror(errno), errname(errno));
    if (!S_ISBLK(st.st_mode) && !(S_ISREG(st.st_mode) && a->allow_file))
        die(2, "%s is not a block device (give --allow-file to use a regular file)", a->device);
    int fd = open(a->device, flags | O_DIRECT | O_CLOEXEC);
    if (fd < 0) die(1, "cannot open %s: %s (%s)", a->device, strerror(errno), errname(errno));
    if (fstat(fd, &st) < 0) die(1, "cannot stat %s: %s", a->device, strerror(errno));
    uint64_t dev_size;
    if (S_ISBLK(st.st_mode)) {
        if (ioctl(fd, BLKGETSIZE64, &dev_size) < 0) die(1, "BLKGETSIZE64 on %s: %s", a->device, strerror(errno));
        int lbs = 0;
        if (ioctl(fd, BLKSSZGET, &lbs) == 0 && lbs > 0 && a->block % (uint64_t)lbs)
            die(2, "--block %" PRIu64 " is not a multiple of %s's logical block size %d", a->block, a->device, lbs);
    } else if (S_ISREG(st.st_mode) && a->allow_file) {
        dev_size = (uint64_t)st.st_size;
    } else {
        die(2, "%s is not a block device (give --allow-file to use a regular file)", a->device);
    }
    if (a->size == 0) die(2, "--size 0: the region is empty");
    if (a->offset % a->block || a->size % a->block)
        die(2, "region offset %" PRIu64 " size %" PRIu64 " is not aligned to the block size %" PRIu64,
            a->offset, a->size, a->block);
    if (a->offset > dev_size || a->size > dev_size - a->offset)
        die(2, "region [%" PRIu64 ", %" PRIu64 ") lies beyond the end of %s (%" PRIu64 " bytes)",
            a->offset, a->offset + a->size, a->device, dev_size);
    return fd;
}

static void *aligned(size_t n)
{
    void *p = NULL;
    int e = posix_memalign(&p, 4096, n);
    if (e) die(1, "posix_memalign(%zu): %s", n, strerror(e));
    memset(p, 0, n);
    return p;
}

static void put64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }
static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }
static uint64_t get64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static uint32_t get32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }

static void fill_block(unsigned char *b, uint64_t block, const char *run, uint64_t seq, uint64_t slot, uint64_t submit_ns)
{
    char run_field[RUN_LEN] = { 0 };
    memcpy(run_field, run, strlen(run));
    for (uint64_t s = 0; s < block / SECTOR; s++) {
        unsigned char *p = b + s * SECTOR;
        memcpy(p, MAGIC, 8);
        memcpy(p + 8, run_field, RUN_LEN);
        put64(p + 24, seq);
        put64(p + 32, slot);
        put64(p + 40, submit_ns);
        put32(p + 48, (uint32_t)s);
        put32(p + 52, (uint32_t)block);
        put64(p + 56, fnv1a(p, HDR_SUMMED));
        uint64_t x = (seq * 0x9e3779b97f4a7c15ull) ^ (slot << 20) ^ (s + 1);
        for (int i = FILL_START; i < SECTOR; i += 8) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            put64(p + i, x);
        }
    }
    put64(b + block - 8, fnv1a(b, block - 8));
}

static void install_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: the pause returns at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGPIPE, &sa, NULL);
}

/* Waits pause_ms; with --stdin-stop also watches standard input. Returns 1 when standard input reached its end. */
static int pause_or_eof(const struct args *a)
{
    struct pollfd p = { .fd = 0, .events = POLLIN };
    int n = poll(a->stdin_stop ? &p : NULL, a->stdin_stop ? 1 : 0, (int)a->pause_ms);
    if (n > 0 && (p.revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[256];
        ssize_t r = read(0, buf, sizeof buf);
        if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN)) return 1;
    }
    return 0;
}

static int run_write(const struct args *a)
{
    int fd = open_region(a, O_WRONLY | (a->dsync ? O_DSYNC : 0));
    uint64_t slots = a->size / a->block, end_offset = a->offset + a->size;
    unsigned char *buf = aligned(a->block);
    install_handlers();
    uint64_t start_ns = clock_ns(CLOCK_REALTIME), start_mono = clock_ns(CLOCK_MONOTONIC);
    out("H sanchaos-ioprobe %s mode=write device=%s offset=%" PRIu64 " size=%" PRIu64 " block=%" PRIu64
        " slots=%" PRIu64 " run=%s pid=%d clock=realtime pause_ms=%ld dsync=%d start_ns=%" PRIu64 "\n",
        PROBE_VERSION, a->device, a->offset, a->size, a->block, slots, a->run, (int)getpid(), a->pause_ms, a->dsync,
        start_ns);

    uint64_t seq = 0, ok = 0, errors = 0, shorts = 0, bytes_ok = 0, max_lat = 0, first_submit = 0, last_complete = 0;
    const char *end = NULL;
    char endbuf[32];
    while (!end) {
        if (stop_signal) break;
        if (a->duration_s >= 0 && clock_ns(CLOCK_MONOTONIC) - start_mono >= (uint64_t)a->duration_s * 1000000000ull) {
            end = "duration";
            break;
        }
        seq++;
        uint64_t slot = (seq - 1) % slots, off = a->offset + slot * a->block;
        if (off < a->offset || off + a->block > end_offset) die(3, "internal error: slot %" PRIu64 " outside the region", slot);
        uint64_t submit = clock_ns(CLOCK_REALTIME), mono0 = clock_ns(CLOCK_MONOTONIC);
        fill_block(buf, a->block, a->run, seq, slot, submit);
        ssize_t w = pwrite(fd, buf, a->block, (off_t)off);
        int e = errno;
        uint64_t lat = clock_ns(CLOCK_MONOTONIC) - mono0, complete = submit + lat;
        if (!first_submit) first_submit = submit;
        last_complete = complete;
        if (lat > max_lat) max_lat = lat;
        if (w == (ssize_t)a->block) {
            ok++;
            bytes_ok += a->block;
            out("W %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " 0\n", seq, slot, submit, complete);
        } else if (w >= 0) {
            shorts++;
            out("W %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " short:%zd\n", seq, slot, submit, complete, w);
        } else {
            errors++;
            out("W %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %d %s\n", seq, slot, submit, complete, e, errname(e));
        }
        if (stdout_broken) end = "stdout-closed";
        else if (!stop_signal && pause_or_eof(a)) end = "stdin-eof";
    }
    if (!end) {
        const char *abbrev = sigabbrev_np(stop_signal);
        snprintf(endbuf, sizeof endbuf, "signal:%s", abbrev ? abbrev : "?");
        end = endbuf;
    }
    char summary[512];
    snprintf(summary, sizeof summary,
             "S end=%s writes=%" PRIu64 " ok=%" PRIu64 " errors=%" PRIu64 " short=%" PRIu64 " bytes_ok=%" PRIu64
             " max_latency_ns=%" PRIu64 " first_submit_ns=%" PRIu64 " last_complete_ns=%" PRIu64 "\n",
             end, seq, ok, errors, shorts, bytes_ok, max_lat, first_submit, last_complete);
    out("%s", summary);
    if (stdout_broken) dprintf(2, "%s", summary);
    close(fd);
    free(buf);
    return 0;
}

/* Prints the V line of one block. Returns the index of its status in the summary counters. */
enum { ST_OK, ST_BAD, ST_TORN, ST_EMPTY, ST_FOREIGN, ST_UNREADABLE, ST_COUNT };

static int classify(const unsigned char *b, uint64_t block, const char *run, uint64_t slot)
{
    char run_field[RUN_LEN] = { 0 };
    memcpy(run_field, run, strlen(run));
    uint64_t nsec = block / SECTOR, seqs[MAX_BLOCK / SECTOR];
    int any_ours = 0, all_zero = 1, uniform = 1;
    for (uint64_t s = 0; s < nsec; s++) {
        const unsigned char *p = b + s * SECTOR;
        seqs[s] = 0;
        for (int i = 0; i < SECTOR && all_zero; i++) all_zero = p[i] == 0;
        int header = memcmp(p, MAGIC, 8) == 0 && get64(p + 56) == fnv1a(p, HDR_SUMMED);
        if (header && memcmp(p + 8, run_field, RUN_LEN) == 0 && get64(p + 32) == slot && get32(p + 48) == s
            && get32(p + 52) == block && get64(p + 24) != 0) {
            seqs[s] = get64(p + 24);
            any_ours = 1;
        }
        if (seqs[s] != seqs[0]) uniform = 0;
    }
    if (!any_ours) {
        out("V %" PRIu64 " - %s\n", slot, all_zero ? "empty" : "foreign");
        return all_zero ? ST_EMPTY : ST_FOREIGN;
    }
    if (uniform) {
        int sum_ok = get64(b + block - 8) == fnv1a(b, block - 8);
        out("V %" PRIu64 " %" PRIu64 " %s\n", slot, seqs[0], sum_ok ? "ok" : "bad");
        return sum_ok ? ST_OK : ST_BAD;
    }
    char list[MAX_BLOCK / SECTOR * 21 + 1];
    size_t used = 0;
    for (uint64_t s = 0; s < nsec && used < sizeof list - 22; s++) {
        int n = seqs[s] ? snprintf(list + used, sizeof list - used, "%s%" PRIu64, s ? "," : "", seqs[s])
                        : snprintf(list + used, sizeof list - used, "%s-", s ? "," : "");
        used += (size_t)n;
    }
    out("V %" PRIu64 " - torn %s\n", slot, list);
    return ST_TORN;
}

static int run_verify(const struct args *a)
{
    int fd = open_region(a, O_RDONLY);
    uint64_t slots = a->size / a->block, counts[ST_COUNT] = { 0 };
    uint64_t chunk = VERIFY_CHUNK - VERIFY_CHUNK % a->block;
    if (chunk < a->block) chunk = a->block;
    unsigned char *buf = aligned(chunk);
    out("H sanchaos-ioprobe %s mode=verify device=%s offset=%" PRIu64 " size=%" PRIu64 " block=%" PRIu64
        " slots=%" PRIu64 " run=%s pid=%d clock=realtime\n",
        PROBE_VERSION, a->device, a->offset, a->size, a->block, slots, a->run, (int)getpid());
    for (uint64_t first = 0; first < slots && !stdout_broken;) {
        uint64_t n = chunk / a->block;
        if (n > slots - first) n = slots - first;
        ssize_t r = pread(fd, buf, n * a->block, (off_t)(a->offset + first * a->block));
        if (r == (ssize_t)(n * a->block)) {
            for (uint64_t i = 0; i < n; i++) counts[classify(buf + i * a->block, a->block, a->run, first + i)]++;
        } else {
            /* Read the chunk block by block so a bad block does not hide its neighbours. */
            for (uint64_t i = 0; i < n; i++) {
                ssize_t rb = pread(fd, buf, a->block, (off_t)(a->offset + (first + i) * a->block));
                if (rb == (ssize_t)a->block) {
                    counts[classify(buf, a->block, a->run, first + i)]++;
                } else {
                    int e = rb < 0 ? errno : EIO;
                    out("V %" PRIu64 " - unreadable %d %s\n", first + i, e, errname(e));
                    counts[ST_UNREADABLE]++;
                }
            }
        }
        first += n;
    }
    out("S verify slots=%" PRIu64 " ok=%" PRIu64 " bad=%" PRIu64 " torn=%" PRIu64 " empty=%" PRIu64 " foreign=%" PRIu64
        " unreadable=%" PRIu64 "\n",
        slots, counts[ST_OK], counts[ST_BAD], counts[ST_TORN], counts[ST_EMPTY], counts[ST_FOREIGN], counts[ST_UNREADABLE]);
    close(fd);
    free(buf);
    return stdout_broken ? 1 : 0;
}

int main(int argc, char **argv)
{
    struct args a = parse_args(argc, argv);
    return strcmp(a.mode, "write") == 0 ? run_write(&a) : run_verify(&a);
}

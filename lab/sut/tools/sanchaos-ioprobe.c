/*
 * sanchaos-ioprobe: what an application sees of a block device during a failover drill.
 *
 *   sanchaos-ioprobe write  DEVICE --offset BYTES --size BYTES|end --run RUNID [--block 4096] [--pause-ms 5]
 *                           [--sample-every 32] [--duration-s N] [--dsync] [--stdin-stop] [--allow-file]
 *   sanchaos-ioprobe verify DEVICE --offset BYTES --size BYTES --run RUNID [--block 4096] [--allow-file]
 *   sanchaos-ioprobe --version
 *
 * write: O_RDWR|O_DIRECT (|O_DSYNC with --dsync), one block at a time (queue depth 1), through the slots of
 * [offset, offset+size) in order (--size end: to the end of the device). Pauses --pause-ms between writes, also after
 * an error. The pointer moves to the next slot after an acknowledged write only: the k-th acknowledged write goes to
 * slot (k - 1) % slots, and failed writes repeat the slot they failed on (a failed write replaces no acknowledged one).
 * No acknowledged write is overwritten unread: the probe keeps a chunk (256 KiB) of slots ahead of the pointer read
 * back, reading each acknowledged write before its slot comes round again (up to 256 KiB in one read) and printing what
 * it found (R reuse). After a disturbance (a failed write, a write that took over 1 s, or 1 s without one returning)
 * the slots ahead are read again before they are written, so that what is read is what the device serves after a
 * failover. A slot whose read failed is read again before the next write; the write goes ahead all the same (the write
 * is what the drill measures). Every --sample-every acknowledged writes (0: never), when calm, it also reads back one
 * earlier acknowledged write that is still in its slot, the newest one acknowledged at least 1 s, 10 s, 60 s ago in
 * turn (R sample): a read that finds older data than the write is a stale read.
 * Load: at most 1000 / pause-ms writes per second (the device's latency adds to each cycle), i.e. with the defaults
 * (4 KiB, 5 ms) at most 200 writes/s = 800 KiB/s; never more than one I/O in flight. Reads: one block per
 * --sample-every writes, and once the region wraps, 256 KiB per 64 writes.
 * Each 512-byte sector of a block starts with a header (native byte order, little-endian on x86_64):
 *     0  magic "SCIOPRB1"        24 seq (u64, from 1)     40 submit time (u64, CLOCK_REALTIME ns)
 *     8  run id (16 bytes, NUL padded)  32 slot (u64)     48 sector index (u32)  52 block size (u32)
 *    56  FNV-1a 64 of bytes 0..55       64.. pattern derived from (seq, slot, sector)
 * and the last 8 bytes of the block hold FNV-1a 64 of the block's other bytes.
 *
 * Output (stdout, one line per event, written with write(2) as it happens):
 *   H sanchaos-ioprobe <version> mode=write device=D offset=N size=N block=N slots=N run=R pid=N clock=realtime
 *       pause_ms=N dsync=0|1 start_ns=N sample_every=N reuse=read-first
 *   W <seq> <slot> <submit_ns> <complete_ns> <result> [<errno name>]
 *       result: 0 (acknowledged), an errno number (the name follows), or short:<bytes written> (a short write).
 *       complete_ns = submit_ns + the monotonic time the write took.
 *   R <reuse|sample> <after_seq> <submit_ns> <complete_ns> <slot> <what verify prints after its slot, see V>
 *       a read during the run, after write <after_seq> returned and before the next was submitted.
 *   S end=<signal:TERM|signal:INT|signal:PIPE|stdin-eof|duration|stdout-closed> writes=N ok=N errors=N short=N
 *       bytes_ok=N max_latency_ns=N first_submit_ns=N last_complete_ns=N reuse_reads=N sample_reads=N read_errors=N
 * verify:
 *   H sanchaos-ioprobe <version> mode=verify device=D offset=N size=N block=N slots=N run=R pid=N clock=realtime
 *   V <slot> <seq> ok            every sector carries write <seq> of this run and the block checksum holds
 *   V <slot> <seq> bad           every sector carries <seq>, but the block checksum does not hold
 *   V <slot> - torn <s0>,<s1>,.. sectors of different writes (or some without a header of this run: -)
 *   V <slot> - empty             no header of this run; all zero
 *   V <slot> - foreign           no header of this run; other data (another run's blocks, anything else)
 *   V <slot> - unreadable <errno> <errno name>
 *   S verify slots=N ok=N bad=N torn=N empty=N foreign=N unreadable=N
 * Version 2 added R lines, the header's sample_every and reuse, the summary's read counts, O_RDWR, --size end and
 * the pointer that moves on acknowledged writes only; version 1 wrote write <seq> to slot (seq - 1) % slots and
 * overwrote slots without reading them back.
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

#define PROBE_VERSION "2"
#define MAGIC "SCIOPRB1"
#define SECTOR 512
#define RUN_LEN 16
#define HDR_SUMMED 56
#define FILL_START 64
#define MAX_BLOCK (1 << 20)
#define VERIFY_CHUNK (1 << 20)
#define REUSE_CHUNK (256 << 10)
#define RING 16384 /* acknowledged writes remembered for the sample reads: 60 s at 200 writes/s fit */
#define DISTURBANCE_NS 1000000000ull /* a gap between writes this long (or a failed write): read ahead again */

struct args {
    const char *mode, *device, *run;
    uint64_t offset, size, block;
    long pause_ms, duration_s, sample_every;
    int have_offset, have_size, size_to_end, dsync, stdin_stop, allow_file;
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
    die(2, "usage: sanchaos-ioprobe write DEVICE --offset BYTES --size BYTES|end --run RUNID [--block 4096] "
           "[--pause-ms 5] [--sample-every 32] [--duration-s N] [--dsync] [--stdin-stop] [--allow-file]\n"
           "       sanchaos-ioprobe verify DEVICE --offset BYTES --size BYTES --run RUNID [--block 4096] [--allow-file]");
}

static struct args parse_args(int argc, char **argv)
{
    struct args a = { .block = 4096, .pause_ms = 5, .duration_s = -1, .sample_every = 32 };
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
        else if (write_mode && strcmp(o, "--size") == 0 && v && strcmp(v, "end") == 0) a.size_to_end = 1, a.have_size = 1;
        else if (strcmp(o, "--size") == 0 && v) a.size = parse_size(o, v), a.have_size = 1;
        else if (strcmp(o, "--block") == 0 && v) a.block = parse_size(o, v);
        else if (strcmp(o, "--run") == 0 && v) a.run = v;
        else if (write_mode && strcmp(o, "--pause-ms") == 0 && v) a.pause_ms = parse_long(o, v);
        else if (write_mode && strcmp(o, "--duration-s") == 0 && v) a.duration_s = parse_long(o, v);
        else if (write_mode && strcmp(o, "--sample-every") == 0 && v) a.sample_every = parse_long(o, v);
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

/*
 * Opens the device and refuses a region that is not aligned to the block or does not lie inside the device. With
 * --size end, the region's size becomes the rest of the device from the offset, in whole blocks.
 */
static int open_region(struct args *a, int flags)
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
    if (a->size_to_end) {
        if (a->offset > dev_size) die(2, "--offset %" PRIu64 " lies beyond the end of %s (%" PRIu64 " bytes)", a->offset, a->device, dev_size);
        a->size = (dev_size - a->offset) / a->block * a->block;
    }
    if (a->size == 0) die(2, "--size %s: the region is empty", a->size_to_end ? "end" : "0");
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

/* What one block holds, printed after <prefix> and its slot (the V line's format). Returns its status's index. */
enum { ST_OK, ST_BAD, ST_TORN, ST_EMPTY, ST_FOREIGN, ST_UNREADABLE, ST_COUNT };

static int classify(const unsigned char *b, uint64_t block, const char *run, uint64_t slot, const char *prefix)
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
        out("%s %" PRIu64 " - %s\n", prefix, slot, all_zero ? "empty" : "foreign");
        return all_zero ? ST_EMPTY : ST_FOREIGN;
    }
    if (uniform) {
        int sum_ok = get64(b + block - 8) == fnv1a(b, block - 8);
        out("%s %" PRIu64 " %" PRIu64 " %s\n", prefix, slot, seqs[0], sum_ok ? "ok" : "bad");
        return sum_ok ? ST_OK : ST_BAD;
    }
    char list[MAX_BLOCK / SECTOR * 21 + 1];
    size_t used = 0;
    for (uint64_t s = 0; s < nsec && used < sizeof list - 22; s++) {
        int n = seqs[s] ? snprintf(list + used, sizeof list - used, "%s%" PRIu64, s ? "," : "", seqs[s])
                        : snprintf(list + used, sizeof list - used, "%s-", s ? "," : "");
        used += (size_t)n;
    }
    out("%s %" PRIu64 " - torn %s\n", prefix, slot, list);
    return ST_TORN;
}

static void print_unreadable(const char *prefix, uint64_t slot, int e)
{
    out("%s %" PRIu64 " - unreadable %d %s\n", prefix, slot, e, errname(e));
}

/*
 * The write run's slots and reads. The k-th acknowledged write goes to slot (k - 1) % slots: the pointer moves on after
 * an acknowledged write only, so while writes fail they all go to one slot, read back before the failure began.
 */
struct reader {
    int fd;
    const struct args *a;
    uint64_t slots, chunk;        /* chunk: blocks per read before reuse */
    unsigned char *acked;         /* a bit per slot: holds an acknowledged write of this run */
    unsigned char *pending;       /* a bit per slot: ... not read back since it was acknowledged (or since a disturbance) */
    unsigned char *buf;           /* chunk blocks, aligned for O_DIRECT */
    uint64_t *ring_ack, *ring_mono; /* the last RING acknowledged writes (their number k) and when they returned (monotonic) */
    uint64_t ring_count, ring_next, sample_turn;
    uint64_t reuse_reads, sample_reads, read_errors;
};

static int bit(const unsigned char *map, uint64_t slot) { return map[slot / 8] >> (slot % 8) & 1; }

static void set_bit(unsigned char *map, uint64_t slot, int on)
{
    unsigned char b = (unsigned char)(1u << (slot % 8));
    map[slot / 8] = on ? map[slot / 8] | b : map[slot / 8] & (unsigned char)~b;
}

/* Reads n blocks from slot first into r->buf. Returns 0, or the errno (EIO for a short read). */
static int timed_read(struct reader *r, uint64_t first, uint64_t n, uint64_t *submit, uint64_t *complete)
{
    *submit = clock_ns(CLOCK_REALTIME);
    uint64_t mono0 = clock_ns(CLOCK_MONOTONIC);
    ssize_t got = pread(r->fd, r->buf, n * r->a->block, (off_t)(r->a->offset + first * r->a->block));
    int e = got < 0 ? errno : EIO;
    *complete = *submit + (clock_ns(CLOCK_MONOTONIC) - mono0);
    return got == (ssize_t)(n * r->a->block) ? 0 : e;
}

/* Prints the R line(s) of a read of n blocks from slot first, or of its failure (for the first slot only). */
static int report_read(struct reader *r, const char *why, uint64_t after_seq, uint64_t first, uint64_t n, int e,
                       uint64_t submit, uint64_t complete)
{
    char prefix[96];
    snprintf(prefix, sizeof prefix, "R %s %" PRIu64 " %" PRIu64 " %" PRIu64, why, after_seq, submit, complete);
    if (e) {
        r->read_errors++;
        print_unreadable(prefix, first, e);
        return e;
    }
    for (uint64_t i = 0; i < n; i++) classify(r->buf + i * r->a->block, r->a->block, r->a->run, first + i, prefix);
    return 0;
}

/*
 * Keeps at least a chunk of slots ahead of the pointer read back: when a pending slot lies within a chunk of it, reads
 * that slot and the pending ones right after it (up to a chunk in one read, not past the region's end; one block when
 * that fails). A slot whose read failed stays pending and is read again before the next write.
 */
static void read_ahead(struct reader *r, uint64_t pointer, uint64_t after_seq)
{
    uint64_t k = 0, first = 0, n = 1, submit, complete;
    while (k < r->chunk && k < r->slots && !bit(r->pending, first = (pointer + k) % r->slots)) k++;
    if (k == r->chunk || k == r->slots) return;
    while (n < r->chunk && first + n < r->slots && bit(r->pending, first + n)) n++;
    int e = timed_read(r, first, n, &submit, &complete);
    if (e && n > 1) e = timed_read(r, first, n = 1, &submit, &complete);
    r->reuse_reads++;
    if (report_read(r, "reuse", after_seq, first, n, e, submit, complete) == 0)
        for (uint64_t i = 0; i < n; i++) set_bit(r->pending, first + i, 0);
}

/*
 * After a disturbance (a failed write, a write that took over a second, or a second without one returning: a
 * failover, a path lost), what was read back may no longer be what the device serves: the slots from the pointer on,
 * as far as the reads ahead reach, are read back again before they are written.
 */
static void disturbed(struct reader *r, uint64_t pointer)
{
    for (uint64_t k = 0; k < 2 * r->chunk && k < r->slots; k++) {
        uint64_t slot = (pointer + k) % r->slots;
        if (bit(r->acked, slot)) set_bit(r->pending, slot, 1);
    }
}

static void remember(struct reader *r, uint64_t ack, uint64_t mono)
{
    r->ring_ack[r->ring_next] = ack;
    r->ring_mono[r->ring_next] = mono;
    r->ring_next = (r->ring_next + 1) % RING;
    if (r->ring_count < RING) r->ring_count++;
}

/*
 * Reads back the newest acknowledged write that returned at least 1 s, 10 s or 60 s ago (in turn), when it is still in
 * its slot; the oldest one remembered when none is that old yet but RING writes are. acks: acknowledged writes so far.
 */
static void sample(struct reader *r, uint64_t acks, uint64_t after_seq)
{
    static const uint64_t ages_s[] = { 1, 10, 60 };
    uint64_t age = ages_s[r->sample_turn++ % 3] * 1000000000ull, now = clock_ns(CLOCK_MONOTONIC);
    if (r->ring_count == 0) return;
    uint64_t oldest = (r->ring_next + RING - r->ring_count) % RING;
    /* the first remembered write (oldest first) that returned later than now - age */
    uint64_t lo = 0, hi = r->ring_count;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (now >= age && r->ring_mono[(oldest + mid) % RING] <= now - age) lo = mid + 1;
        else hi = mid;
    }
    if (lo == 0 && r->ring_count < RING) return; /* nothing that old yet */
    uint64_t k = r->ring_ack[(oldest + (lo ? lo - 1 : 0)) % RING];
    if (acks - k >= r->slots) return; /* its slot has been written again since */
    uint64_t slot = (k - 1) % r->slots, submit, complete;
    int e = timed_read(r, slot, 1, &submit, &complete);
    r->sample_reads++;
    report_read(r, "sample", after_seq, slot, 1, e, submit, complete);
}

static int run_write(struct args *a)
{
    int fd = open_region(a, O_RDWR | (a->dsync ? O_DSYNC : 0));
    uint64_t slots = a->size / a->block;
    unsigned char *buf = aligned(a->block);
    struct reader rd = { .fd = fd, .a = a, .slots = slots };
    rd.chunk = REUSE_CHUNK / a->block ? REUSE_CHUNK / a->block : 1;
    rd.buf = aligned(rd.chunk * a->block);
    rd.acked = calloc(slots / 8 + 1, 1);
    rd.pending = calloc(slots / 8 + 1, 1);
    rd.ring_ack = calloc(RING, sizeof *rd.ring_ack);
    rd.ring_mono = calloc(RING, sizeof *rd.ring_mono);
    if (!rd.acked || !rd.pending || !rd.ring_ack || !rd.ring_mono) die(1, "out of memory for %" PRIu64 " slots", slots);
    install_handlers();
    uint64_t start_ns = clock_ns(CLOCK_REALTIME), start_mono = clock_ns(CLOCK_MONOTONIC);
    out("H sanchaos-ioprobe %s mode=write device=%s offset=%" PRIu64 " size=%" PRIu64 " block=%" PRIu64
        " slots=%" PRIu64 " run=%s pid=%d clock=realtime pause_ms=%ld dsync=%d start_ns=%" PRIu64
        " sample_every=%ld reuse=read-first\n",
        PROBE_VERSION, a->device, a->offset, a->size, a->block, slots, a->run, (int)getpid(), a->pause_ms, a->dsync,
        start_ns, a->sample_every);

    uint64_t seq = 0, ok = 0, errors = 0, shorts = 0, bytes_ok = 0, max_lat = 0, first_submit = 0, last_complete = 0;
    uint64_t pointer = 0, last_return_mono = start_mono, last_lat = 0;
    int last_failed = 0;
    const char *end = NULL;
    char endbuf[32];
    while (!end) {
        if (stop_signal) break;
        if (a->duration_s >= 0 && clock_ns(CLOCK_MONOTONIC) - start_mono >= (uint64_t)a->duration_s * 1000000000ull) {
            end = "duration";
            break;
        }
        int calm = !last_failed && last_lat <= DISTURBANCE_NS && clock_ns(CLOCK_MONOTONIC) - last_return_mono <= DISTURBANCE_NS;
        if (!calm) disturbed(&rd, pointer);
        read_ahead(&rd, pointer, seq);
        seq++;
        uint64_t slot = pointer, off = a->offset + slot * a->block;
        if (slot >= slots) die(3, "internal error: slot %" PRIu64 " outside the region", slot);
        uint64_t submit = clock_ns(CLOCK_REALTIME), mono0 = clock_ns(CLOCK_MONOTONIC);
        fill_block(buf, a->block, a->run, seq, slot, submit);
        ssize_t w = pwrite(fd, buf, a->block, (off_t)off);
        int e = errno;
        uint64_t mono1 = clock_ns(CLOCK_MONOTONIC), lat = mono1 - mono0, complete = submit + lat;
        if (!first_submit) first_submit = submit;
        last_complete = complete;
        last_return_mono = mono1;
        last_lat = lat;
        last_failed = w != (ssize_t)a->block;
        if (lat > max_lat) max_lat = lat;
        if (w == (ssize_t)a->block) {
            ok++;
            bytes_ok += a->block;
            out("W %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " 0\n", seq, slot, submit, complete);
            set_bit(rd.acked, slot, 1);
            set_bit(rd.pending, slot, 1);
            pointer = (pointer + 1) % slots;
            remember(&rd, ok, mono1);
            if (a->sample_every > 0 && ok % (uint64_t)a->sample_every == 0 && calm && lat <= DISTURBANCE_NS) sample(&rd, ok, seq);
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
    char summary[640];
    snprintf(summary, sizeof summary,
             "S end=%s writes=%" PRIu64 " ok=%" PRIu64 " errors=%" PRIu64 " short=%" PRIu64 " bytes_ok=%" PRIu64
             " max_latency_ns=%" PRIu64 " first_submit_ns=%" PRIu64 " last_complete_ns=%" PRIu64 " reuse_reads=%" PRIu64
             " sample_reads=%" PRIu64 " read_errors=%" PRIu64 "\n",
             end, seq, ok, errors, shorts, bytes_ok, max_lat, first_submit, last_complete, rd.reuse_reads, rd.sample_reads,
             rd.read_errors);
    out("%s", summary);
    if (stdout_broken) dprintf(2, "%s", summary);
    close(fd);
    free(buf);
    free(rd.buf);
    free(rd.acked);
    free(rd.pending);
    free(rd.ring_ack);
    free(rd.ring_mono);
    return 0;
}

static int run_verify(struct args *a)
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
            for (uint64_t i = 0; i < n; i++) counts[classify(buf + i * a->block, a->block, a->run, first + i, "V")]++;
        } else {
            /* Read the chunk block by block so a bad block does not hide its neighbours. */
            for (uint64_t i = 0; i < n; i++) {
                ssize_t rb = pread(fd, buf, a->block, (off_t)(a->offset + (first + i) * a->block));
                if (rb == (ssize_t)a->block) {
                    counts[classify(buf, a->block, a->run, first + i, "V")]++;
                } else {
                    int e = rb < 0 ? errno : EIO;
                    print_unreadable("V", first + i, e);
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

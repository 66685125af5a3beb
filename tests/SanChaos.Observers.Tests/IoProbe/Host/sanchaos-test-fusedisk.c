/*
 * sanchaos-test-fusedisk MOUNTPOINT STORE CONTROL
 *
 * A disk whose I/O the test can hold or fail, for the I/O probe's host tests on kernels without device-mapper:
 * mounts a FUSE file system at MOUNTPOINT holding one file, "disk", whose bytes are STORE's (a loop device goes on
 * top of it). Before each read or write it reads the first byte of the file CONTROL:
 *   'o' (or no file) serve the request, 's' hold it until the byte changes (the I/O stalls),
 *   'e' fail it with EIO (the loop device passes the error up as a real EIO).
 * Every open is FOPEN_DIRECT_IO, so nothing is cached between the loop device and STORE. Serves one request at a
 * time; ends when the file system is unmounted. Root only (it calls mount(2) itself, no fusermount).
 * Build: gcc -O2 -Wall -Werror -o sanchaos-test-fusedisk sanchaos-test-fusedisk.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fuse.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#define DISK_NODE 2
#define MAX_WRITE (128 * 1024)

static int fuse_fd, store_fd;
static const char *control_path;
static uint64_t disk_size;
static char in_buf[MAX_WRITE + 64 * 1024];
static char data_buf[1 << 20];

static char control(void)
{
    char c = 'o';
    int fd = open(control_path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        if (read(fd, &c, 1) != 1) c = 'o';
        close(fd);
    }
    return c;
}

/* Holds the calling request while the control byte says 's'; returns the byte that released it. */
static char gate(void)
{
    char c;
    struct timespec pause = { 0, 2 * 1000 * 1000 };
    while ((c = control()) == 's') nanosleep(&pause, NULL);
    return c;
}

static void reply(uint64_t unique, int error, const void *data, size_t len)
{
    struct fuse_out_header h = { .len = (uint32_t)(sizeof h + len), .error = error, .unique = unique };
    struct iovec iov[2] = { { &h, sizeof h }, { (void *)data, len } };
    /* ENOENT: the request was interrupted meanwhile; nothing to do. */
    if (writev(fuse_fd, iov, len ? 2 : 1) < 0 && errno != ENOENT) perror("fusedisk: reply");
}

static void attr_of(uint64_t node, struct fuse_attr *a)
{
    memset(a, 0, sizeof *a);
    a->ino = node;
    a->blksize = 4096;
    if (node == FUSE_ROOT_ID) {
        a->mode = S_IFDIR | 0755;
        a->nlink = 2;
    } else {
        a->mode = S_IFREG | 0600;
        a->nlink = 1;
        a->size = disk_size;
        a->blocks = (disk_size + 511) / 512;
    }
}

static int serve(void)
{
    ssize_t n = read(fuse_fd, in_buf, sizeof in_buf);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN || errno == ENOENT) return 1;
        if (errno != ENODEV) perror("fusedisk: read /dev/fuse");
        return 0; /* ENODEV: unmounted */
    }
    struct fuse_in_header *in = (struct fuse_in_header *)in_buf;
    void *arg = in_buf + sizeof *in;
    switch (in->opcode) {
    case FUSE_INIT: {
        struct fuse_init_in *i = arg;
        struct fuse_init_out o = { .major = FUSE_KERNEL_VERSION, .minor = FUSE_KERNEL_MINOR_VERSION,
                                   .max_readahead = i->max_readahead, .flags = FUSE_BIG_WRITES,
                                   .max_background = 16, .congestion_threshold = 12, .max_write = MAX_WRITE,
                                   .time_gran = 1 };
        reply(in->unique, 0, &o, sizeof o);
        return 1;
    }
    case FUSE_LOOKUP: {
        if (in->nodeid != FUSE_ROOT_ID || strcmp((const char *)arg, "disk") != 0) {
            reply(in->unique, -ENOENT, NULL, 0);
            return 1;
        }
        struct fuse_entry_out e = { .nodeid = DISK_NODE, .generation = 1, .entry_valid = 1, .attr_valid = 1 };
        attr_of(DISK_NODE, &e.attr);
        reply(in->unique, 0, &e, sizeof e);
        return 1;
    }
    case FUSE_GETATTR:
    case FUSE_SETATTR: {
        struct fuse_attr_out o = { .attr_valid = 1 };
        attr_of(in->nodeid, &o.attr);
        reply(in->unique, 0, &o, sizeof o);
        return 1;
    }
    case FUSE_OPEN:
    case FUSE_OPENDIR: {
        struct fuse_open_out o = { .fh = 1, .open_flags = in->opcode == FUSE_OPEN ? FOPEN_DIRECT_IO : 0 };
        reply(in->unique, 0, &o, sizeof o);
        return 1;
    }
    case FUSE_STATFS: {
        struct fuse_statfs_out o = { .st = { .bsize = 4096, .frsize = 4096, .namelen = 255 } };
        reply(in->unique, 0, &o, sizeof o);
        return 1;
    }
    case FUSE_READ: {
        struct fuse_read_in *r = arg;
        size_t len = r->size < sizeof data_buf ? r->size : sizeof data_buf;
        if (gate() == 'e') {
            reply(in->unique, -EIO, NULL, 0);
            return 1;
        }
        ssize_t got = pread(store_fd, data_buf, len, (off_t)r->offset);
        if (got < 0) reply(in->unique, -errno, NULL, 0);
        else reply(in->unique, 0, data_buf, (size_t)got);
        return 1;
    }
    case FUSE_WRITE: {
        struct fuse_write_in *w = arg;
        if (gate() == 'e') {
            reply(in->unique, -EIO, NULL, 0);
            return 1;
        }
        ssize_t put = pwrite(store_fd, (char *)(w + 1), w->size, (off_t)w->offset);
        if (put < 0) {
            reply(in->unique, -errno, NULL, 0);
            return 1;
        }
        struct fuse_write_out o = { .size = (uint32_t)put };
        reply(in->unique, 0, &o, sizeof o);
        return 1;
    }
    case FUSE_READDIR:
    case FUSE_RELEASE:
    case FUSE_RELEASEDIR:
    case FUSE_FLUSH:
    case FUSE_FSYNC:
    case FUSE_FSYNCDIR:
    case FUSE_ACCESS:
        reply(in->unique, 0, NULL, 0);
        return 1;
    case FUSE_FORGET:
    case FUSE_BATCH_FORGET:
    case FUSE_INTERRUPT:
        return 1; /* no reply */
    case FUSE_DESTROY:
        reply(in->unique, 0, NULL, 0);
        return 0;
    default:
        reply(in->unique, -ENOSYS, NULL, 0);
        return 1;
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: sanchaos-test-fusedisk MOUNTPOINT STORE CONTROL\n");
        return 2;
    }
    control_path = argv[3];
    store_fd = open(argv[2], O_RDWR | O_CLOEXEC);
    struct stat st;
    if (store_fd < 0 || fstat(store_fd, &st) < 0) {
        perror(argv[2]);
        return 1;
    }
    disk_size = (uint64_t)st.st_size;
    fuse_fd = open("/dev/fuse", O_RDWR | O_CLOEXEC);
    if (fuse_fd < 0) {
        perror("/dev/fuse");
        return 1;
    }
    char opts[128];
    snprintf(opts, sizeof opts, "fd=%d,rootmode=40000,user_id=0,group_id=0", fuse_fd);
    if (mount("sanchaos-test-fusedisk", argv[1], "fuse.sanchaos-test-fusedisk", MS_NOSUID | MS_NODEV, opts) < 0) {
        perror("mount");
        return 1;
    }
    printf("mounted\n");
    fflush(stdout);
    while (serve()) {
    }
    return 0;
}

package org.osvif.netlink;

import java.util.Locale;

/**
 * A netlink request the kernel refused (its {@code NLMSG_ERROR}), or one refused before the
 * kernel was asked (an invalid device name: {@code EINVAL}). The message names the operation,
 * the device, the errno and the kernel's extended message when it gave one, e.g.
 * {@code RTM_NEWLINK vlan100 (kind vlan): EOPNOTSUPP (Operation not supported): Unknown device type}.
 */
public class NetlinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errno;
    private final String device;

    /**
     * @param operation what was asked, e.g. {@code RTM_NEWLINK}
     * @param device the device it was about, or null
     * @param errno the positive errno
     * @param detail the kernel's extended ack message or a hint, or null
     */
    public NetlinkException(String operation, String device, int errno, String detail) {
        super(operation + (device == null ? "" : " " + device) + ": " + Errno.name(errno) + " ("
                + Errno.describe(errno) + ")" + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.errno = errno;
        this.device = device;
    }

    /** @return the positive errno, e.g. 17 */
    public int errno() {
        return errno;
    }

    /** @return the errno's symbolic name, e.g. {@code EEXIST}, or {@code E<n>} for one not known */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** @return the device the request was about, or null */
    public String device() {
        return device;
    }

    /** Symbolic names of the errno values netlink requests return. */
    public static final class Errno {
        /** Operation not permitted. */
        public static final int EPERM = 1;
        /** No such file or directory (also: no such route or address). */
        public static final int ENOENT = 2;
        /** No such process (route not found). */
        public static final int ESRCH = 3;
        /** Device or resource busy. */
        public static final int EBUSY = 16;
        /** File exists. */
        public static final int EEXIST = 17;
        /** No such device. */
        public static final int ENODEV = 19;
        /** Invalid argument. */
        public static final int EINVAL = 22;
        /** Numerical result out of range. */
        public static final int ERANGE = 34;
        /** Operation not supported. */
        public static final int EOPNOTSUPP = 95;
        /** Cannot assign requested address. */
        public static final int EADDRNOTAVAIL = 99;
        /** Network is unreachable. */
        public static final int ENETUNREACH = 101;

        private static final String[] NAMES = new String[134];
        private static final String[] TEXTS = new String[134];

        static {
            def(1, "EPERM", "Operation not permitted");
            def(2, "ENOENT", "No such file or directory");
            def(3, "ESRCH", "No such process");
            def(4, "EINTR", "Interrupted system call");
            def(5, "EIO", "Input/output error");
            def(6, "ENXIO", "No such device or address");
            def(9, "EBADF", "Bad file descriptor");
            def(11, "EAGAIN", "Resource temporarily unavailable");
            def(12, "ENOMEM", "Cannot allocate memory");
            def(13, "EACCES", "Permission denied");
            def(16, "EBUSY", "Device or resource busy");
            def(17, "EEXIST", "File exists");
            def(19, "ENODEV", "No such device");
            def(20, "ENOTDIR", "Not a directory");
            def(22, "EINVAL", "Invalid argument");
            def(24, "EMFILE", "Too many open files");
            def(28, "ENOSPC", "No space left on device");
            def(34, "ERANGE", "Numerical result out of range");
            def(36, "ENAMETOOLONG", "File name too long");
            def(39, "ENOTEMPTY", "Directory not empty");
            def(40, "ELOOP", "Too many levels of symbolic links");
            def(61, "ENODATA", "No data available");
            def(71, "EPROTO", "Protocol error");
            def(90, "EMSGSIZE", "Message too long");
            def(93, "EPROTONOSUPPORT", "Protocol not supported");
            def(95, "EOPNOTSUPP", "Operation not supported");
            def(97, "EAFNOSUPPORT", "Address family not supported by protocol");
            def(98, "EADDRINUSE", "Address already in use");
            def(99, "EADDRNOTAVAIL", "Cannot assign requested address");
            def(100, "ENETDOWN", "Network is down");
            def(101, "ENETUNREACH", "Network is unreachable");
            def(105, "ENOBUFS", "No buffer space available");
            def(110, "ETIMEDOUT", "Connection timed out");
            def(113, "EHOSTUNREACH", "No route to host");
        }

        private Errno() {
        }

        private static void def(int n, String name, String text) {
            NAMES[n] = name;
            TEXTS[n] = text;
        }

        /**
         * @param errno a positive errno
         * @return its symbolic name, or {@code E<n>}
         */
        public static String name(int errno) {
            return errno > 0 && errno < NAMES.length && NAMES[errno] != null ? NAMES[errno] : "E" + errno;
        }

        /**
         * @param errno a positive errno
         * @return the C library's text for it, or {@code errno <n>}
         */
        public static String describe(int errno) {
            return errno > 0 && errno < TEXTS.length && TEXTS[errno] != null ? TEXTS[errno]
                    : String.format(Locale.ROOT, "errno %d", errno);
        }
    }
}

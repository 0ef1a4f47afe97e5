package org.osvif.netlink.internal;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;

/** The C library calls netlink, setns and TAP creation need (jnr-ffi). */
public interface LibC {

    /** Loaded once; jnr-ffi binds each method on first use. */
    LibC INSTANCE = LibraryLoader.create(LibC.class).load("c");

    /** The jnr runtime of {@link #INSTANCE}, for memory and errno. */
    Runtime RUNTIME = Runtime.getRuntime(INSTANCE);

    int socket(int domain, int type, int protocol);

    int bind(int fd, Pointer addr, int len);

    int setsockopt(int fd, int level, int option, Pointer value, int len);

    int getsockopt(int fd, int level, int option, Pointer value, Pointer len);

    int getsockname(int fd, Pointer addr, Pointer len);

    long sendto(int fd, Pointer buf, long len, int flags, Pointer addr, int addrLen);

    long recvfrom(int fd, Pointer buf, long len, int flags, Pointer addr, Pointer addrLen);

    int open(String path, int flags);

    int close(int fd);

    long write(int fd, @jnr.ffi.annotations.In byte[] buf, long len);

    int setns(int fd, int nstype);

    int ioctl(int fd, long request, Pointer arg);

    /** @return errno of the last failed call on this thread */
    static int errno() {
        return RUNTIME.getLastError();
    }
}

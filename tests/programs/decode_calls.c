// Every call the trace decoders render, each once with known arguments. Its lines under
// `strace -f -e trace=%network,%desc ./decode_calls` (strace 6.1) are the expected text
// of tests/unit/trace_decode_*_test.cc.
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>
#include <stddef.h>

int main(void) {
    // refused TCP connect
    int t = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
    struct sockaddr_in refused = {.sin_family = AF_INET, .sin_port = htons(9), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    connect(t, (struct sockaddr*)&refused, sizeof refused);
    int e = 0; socklen_t el = sizeof e;
    getsockopt(t, SOL_SOCKET, SO_ERROR, &e, &el);
    close(t);
    // listener + accept4
    int l = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in any = {.sin_family = AF_INET, .sin_port = htons(0), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    bind(l, (struct sockaddr*)&any, sizeof any);
    listen(l, 5);
    struct sockaddr_in name; socklen_t nl = sizeof name;
    getsockname(l, (struct sockaddr*)&name, &nl);
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    connect(c, (struct sockaddr*)&name, sizeof name);
    struct pollfd pfd = {.fd = c, .events = POLLOUT};
    poll(&pfd, 1, 1000);
    getsockopt(c, SOL_SOCKET, SO_ERROR, &e, &el);
    struct sockaddr_storage peer; socklen_t pl = sizeof peer;
    int a = accept4(l, (struct sockaddr*)&peer, &pl, SOCK_CLOEXEC);
    getpeername(a, (struct sockaddr*)&peer, &pl);
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    struct linger lg = {.l_onoff = 1, .l_linger = 5};
    setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    struct timeval tv = {.tv_sec = 2, .tv_usec = 500};
    setsockopt(a, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int rcv = 0; socklen_t rl = sizeof rcv;
    getsockopt(a, SOL_SOCKET, SO_RCVBUF, &rcv, &rl);
    write(c, "GET / HTTP/1.1\r\nHost: example\r\n\r\n", 33);
    char buf[4096];
    read(a, buf, sizeof buf);
    struct iovec iov[2] = {{"hello ", 6}, {"world\n", 6}};
    writev(c, iov, 2);
    char b1[4], b2[100];
    struct iovec riov[2] = {{b1, sizeof b1}, {b2, sizeof b2}};
    readv(a, riov, 2);
    fcntl(c, F_GETFL);
    fcntl(c, F_SETFL, O_RDWR | O_NONBLOCK);
    fcntl(a, F_GETFD);
    fcntl(a, F_SETFD, FD_CLOEXEC);
    fcntl(a, F_DUPFD_CLOEXEC, 10);
    int d = dup(a);
    dup2(d, 20);
    dup3(d, 21, O_CLOEXEC);
    shutdown(c, SHUT_WR);
    recvfrom(a, buf, sizeof buf, MSG_DONTWAIT, NULL, NULL);
    // select / pselect6
    fd_set rs; FD_ZERO(&rs); FD_SET(a, &rs); FD_SET(l, &rs);
    struct timeval stv = {.tv_sec = 0, .tv_usec = 1000};
    select(a + 1, &rs, NULL, NULL, &stv);
    FD_ZERO(&rs); FD_SET(a, &rs);
    struct timespec ts = {.tv_sec = 0, .tv_nsec = 1000000};
    pselect(a + 1, &rs, NULL, NULL, &ts, NULL);
    struct pollfd pfds[2] = {{.fd = a, .events = POLLIN | POLLRDHUP}, {.fd = l, .events = POLLIN}};
    sigset_t mask; sigemptyset(&mask);
    ppoll(pfds, 2, &ts, &mask);
    // epoll
    int ep = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.u64 = 0x100000007ULL};
    epoll_ctl(ep, EPOLL_CTL_ADD, a, &ev);
    struct epoll_event out[4];
    epoll_wait(ep, out, 4, 10);
    epoll_pwait(ep, out, 4, 0, &mask);
    epoll_ctl(ep, EPOLL_CTL_DEL, a, NULL);
    close(ep);
    close(a); close(c); close(l); close(d); close(20); close(21);
    // UDP, sendto/recvfrom, sendmsg/recvmsg, mmsg
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    bind(u, (struct sockaddr*)&any, sizeof any);
    struct sockaddr_in uaddr; socklen_t ul = sizeof uaddr;
    getsockname(u, (struct sockaddr*)&uaddr, &ul);
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    sendto(s, "\x01\x02\x03query\0\xff", 10, 0, (struct sockaddr*)&uaddr, sizeof uaddr);
    struct sockaddr_in from; socklen_t fl = sizeof from;
    recvfrom(u, buf, sizeof buf, 0, (struct sockaddr*)&from, &fl);
    struct iovec miov[2] = {{"ab", 2}, {"cde", 3}};
    struct msghdr mh = {.msg_name = &uaddr, .msg_namelen = sizeof uaddr, .msg_iov = miov, .msg_iovlen = 2};
    sendmsg(s, &mh, 0);
    char r1[3], r2[10];
    struct iovec rmiov[2] = {{r1, 3}, {r2, 10}};
    struct msghdr rmh = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = rmiov, .msg_iovlen = 2};
    recvmsg(u, &rmh, 0);
    struct mmsghdr mm[2] = {{.msg_hdr = mh}, {.msg_hdr = mh}};
    sendmmsg(s, mm, 2, 0);
    char q1[8], q2[8];
    struct iovec qv1 = {q1, 8}, qv2 = {q2, 8};
    struct mmsghdr rm[2] = {{.msg_hdr = {.msg_iov = &qv1, .msg_iovlen = 1}}, {.msg_hdr = {.msg_iov = &qv2, .msg_iovlen = 1}}};
    recvmmsg(u, rm, 2, MSG_DONTWAIT, NULL);
    close(s); close(u);
    // unix: socketpair, SCM_RIGHTS, abstract, path
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int devnull = open("/dev/null", O_WRONLY);
    char cbuf[CMSG_SPACE(sizeof(int))]; memset(cbuf, 0, sizeof cbuf);
    struct iovec xiov = {"x", 1};
    struct msghdr xm = {.msg_iov = &xiov, .msg_iovlen = 1, .msg_control = cbuf, .msg_controllen = sizeof cbuf};
    struct cmsghdr* cm = CMSG_FIRSTHDR(&xm);
    cm->cmsg_level = SOL_SOCKET; cm->cmsg_type = SCM_RIGHTS; cm->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(cm), &devnull, sizeof devnull);
    sendmsg(sv[0], &xm, 0);
    char xr[4]; char rcbuf[64];
    struct iovec xriov = {xr, 4};
    struct msghdr xrm = {.msg_iov = &xriov, .msg_iovlen = 1, .msg_control = rcbuf, .msg_controllen = sizeof rcbuf};
    recvmsg(sv[1], &xrm, MSG_CMSG_CLOEXEC);
    close(sv[0]); close(sv[1]);
    int us = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un abs = {.sun_family = AF_UNIX};
    memcpy(abs.sun_path, "\0netlens-test", 13);
    bind(us, (struct sockaddr*)&abs, offsetof(struct sockaddr_un, sun_path) + 13);
    struct sockaddr_un path = {.sun_family = AF_UNIX, .sun_path = "/run/nscd/socket"};
    connect(us, (struct sockaddr*)&path, sizeof path);
    close(us);
    // IPv6 with flowinfo and scope id
    int s6 = socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    struct sockaddr_in6 a6 = {.sin6_family = AF_INET6, .sin6_port = htons(53), .sin6_flowinfo = htonl(5), .sin6_scope_id = 1};
    inet_pton(AF_INET6, "fe80::1", &a6.sin6_addr);
    connect(s6, (struct sockaddr*)&a6, sizeof a6);
    struct sockaddr_in6 b6 = {.sin6_family = AF_INET6, .sin6_port = htons(443)};
    inet_pton(AF_INET6, "2001:db8::42", &b6.sin6_addr);
    sendto(s6, "", 0, MSG_NOSIGNAL, (struct sockaddr*)&b6, sizeof b6);
    close(s6);
    // netlink, packet
    int n = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    struct sockaddr_nl snl = {.nl_family = AF_NETLINK, .nl_groups = 0x11};
    bind(n, (struct sockaddr*)&snl, sizeof snl);
    close(n);
    int p = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
    struct sockaddr_ll sll = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP), .sll_ifindex = 1};
    bind(p, (struct sockaddr*)&sll, sizeof sll);
    close(p);
    // files: open, openat, pread/pwrite, sendfile, splice
    int h = openat(AT_FDCWD, "/etc/hosts", O_RDONLY | O_CLOEXEC);
    pread(h, buf, 16, 0);
    int tmp = open("/tmp/netlens-decode-test", O_RDWR | O_CREAT | O_TRUNC, 0600);
    pwrite(tmp, "line\n", 5, 3);
    off_t off = 0;
    sendfile(tmp, h, &off, 8);
    int pp[2]; pipe(pp);
    splice(h, NULL, pp[1], NULL, 4, SPLICE_F_MOVE);
    close(h); close(tmp); close(pp[0]); close(pp[1]);
    unlink("/tmp/netlens-decode-test");
    // bad pointer
    connect(socket(AF_INET, SOCK_STREAM, 0), (struct sockaddr*)0x10, 16);
    socket(AF_INET6 + 100, 77, 0);
    return 0;
}

// Socket constants: families, types, protocols, message flags. Values are the kernel's
// (x86_64); names are strace's spelling.
#include "trace/decode/constants.h"

namespace netlens::trace::constants {
namespace {

constexpr NamedValue kAddressFamilies[] = {
    {0, "AF_UNSPEC"}, {1, "AF_UNIX"}, {2, "AF_INET"}, {3, "AF_AX25"}, {4, "AF_IPX"},
    {5, "AF_APPLETALK"}, {6, "AF_NETROM"}, {7, "AF_BRIDGE"}, {8, "AF_ATMPVC"}, {9, "AF_X25"},
    {10, "AF_INET6"}, {11, "AF_ROSE"}, {12, "AF_DECnet"}, {13, "AF_NETBEUI"}, {14, "AF_SECURITY"},
    {15, "AF_KEY"}, {16, "AF_NETLINK"}, {17, "AF_PACKET"}, {18, "AF_ASH"}, {19, "AF_ECONET"},
    {20, "AF_ATMSVC"}, {21, "AF_RDS"}, {22, "AF_SNA"}, {23, "AF_IRDA"}, {24, "AF_PPPOX"},
    {25, "AF_WANPIPE"}, {26, "AF_LLC"}, {27, "AF_IB"}, {28, "AF_MPLS"}, {29, "AF_CAN"},
    {30, "AF_TIPC"}, {31, "AF_BLUETOOTH"}, {32, "AF_IUCV"}, {33, "AF_RXRPC"}, {34, "AF_ISDN"},
    {35, "AF_PHONET"}, {36, "AF_IEEE802154"}, {37, "AF_CAIF"}, {38, "AF_ALG"}, {39, "AF_NFC"},
    {40, "AF_VSOCK"}, {41, "AF_KCM"}, {42, "AF_QIPCRTR"}, {43, "AF_SMC"}, {44, "AF_XDP"},
    {45, "AF_MCTP"},
};

constexpr NamedValue kSocketTypes[] = {
    {1, "SOCK_STREAM"}, {2, "SOCK_DGRAM"}, {3, "SOCK_RAW"}, {4, "SOCK_RDM"},
    {5, "SOCK_SEQPACKET"}, {6, "SOCK_DCCP"}, {10, "SOCK_PACKET"},
};

constexpr NamedValue kSocketTypeFlags[] = {{02000000, "SOCK_CLOEXEC"}, {04000, "SOCK_NONBLOCK"}};

constexpr NamedValue kIpProtocols[] = {
    {0, "IPPROTO_IP"}, {1, "IPPROTO_ICMP"}, {2, "IPPROTO_IGMP"}, {4, "IPPROTO_IPIP"},
    {6, "IPPROTO_TCP"}, {8, "IPPROTO_EGP"}, {12, "IPPROTO_PUP"}, {17, "IPPROTO_UDP"},
    {22, "IPPROTO_IDP"}, {29, "IPPROTO_TP"}, {33, "IPPROTO_DCCP"}, {41, "IPPROTO_IPV6"},
    {46, "IPPROTO_RSVP"}, {47, "IPPROTO_GRE"}, {50, "IPPROTO_ESP"}, {51, "IPPROTO_AH"},
    {58, "IPPROTO_ICMPV6"}, {92, "IPPROTO_MTP"}, {94, "IPPROTO_BEETPH"}, {98, "IPPROTO_ENCAP"},
    {103, "IPPROTO_PIM"}, {108, "IPPROTO_COMP"}, {115, "IPPROTO_L2TP"}, {132, "IPPROTO_SCTP"},
    {135, "IPPROTO_MH"}, {136, "IPPROTO_UDPLITE"}, {137, "IPPROTO_MPLS"}, {143, "IPPROTO_ETHERNET"},
    {255, "IPPROTO_RAW"}, {262, "IPPROTO_MPTCP"},
};

constexpr NamedValue kNetlinkProtocols[] = {
    {0, "NETLINK_ROUTE"}, {1, "NETLINK_UNUSED"}, {2, "NETLINK_USERSOCK"}, {3, "NETLINK_FIREWALL"},
    {4, "NETLINK_SOCK_DIAG"}, {5, "NETLINK_NFLOG"}, {6, "NETLINK_XFRM"}, {7, "NETLINK_SELINUX"},
    {8, "NETLINK_ISCSI"}, {9, "NETLINK_AUDIT"}, {10, "NETLINK_FIB_LOOKUP"}, {11, "NETLINK_CONNECTOR"},
    {12, "NETLINK_NETFILTER"}, {13, "NETLINK_IP6_FW"}, {14, "NETLINK_DNRTMSG"},
    {15, "NETLINK_KOBJECT_UEVENT"}, {16, "NETLINK_GENERIC"}, {18, "NETLINK_SCSITRANSPORT"},
    {19, "NETLINK_ECRYPTFS"}, {20, "NETLINK_RDMA"}, {21, "NETLINK_CRYPTO"}, {22, "NETLINK_SMC"},
};

constexpr NamedValue kEthernetProtocols[] = {
    {0x0001, "ETH_P_802_3"}, {0x0003, "ETH_P_ALL"}, {0x0060, "ETH_P_LOOP"}, {0x0800, "ETH_P_IP"},
    {0x0806, "ETH_P_ARP"}, {0x86DD, "ETH_P_IPV6"}, {0x8100, "ETH_P_8021Q"}, {0x8847, "ETH_P_MPLS_UC"},
    {0x888E, "ETH_P_PAE"}, {0x88A8, "ETH_P_8021AD"}, {0x88CC, "ETH_P_LLDP"},
};

constexpr NamedValue kArpHardware[] = {
    {0, "ARPHRD_NETROM"}, {1, "ARPHRD_ETHER"}, {32, "ARPHRD_INFINIBAND"}, {512, "ARPHRD_PPP"},
    {519, "ARPHRD_RAWIP"}, {768, "ARPHRD_TUNNEL"}, {772, "ARPHRD_LOOPBACK"}, {776, "ARPHRD_SIT"},
    {778, "ARPHRD_IPGRE"}, {801, "ARPHRD_IEEE80211"}, {803, "ARPHRD_IEEE80211_RADIOTAP"},
    {0xFFFE, "ARPHRD_NONE"}, {0xFFFF, "ARPHRD_VOID"},
};

constexpr NamedValue kPacketTypes[] = {
    {0, "PACKET_HOST"}, {1, "PACKET_BROADCAST"}, {2, "PACKET_MULTICAST"}, {3, "PACKET_OTHERHOST"},
    {4, "PACKET_OUTGOING"}, {5, "PACKET_LOOPBACK"}, {6, "PACKET_USER"}, {7, "PACKET_KERNEL"},
};

constexpr NamedValue kMessageFlags[] = {
    {0x1, "MSG_OOB"}, {0x2, "MSG_PEEK"}, {0x4, "MSG_DONTROUTE"}, {0x8, "MSG_CTRUNC"},
    {0x10, "MSG_PROBE"}, {0x20, "MSG_TRUNC"}, {0x40, "MSG_DONTWAIT"}, {0x80, "MSG_EOR"},
    {0x100, "MSG_WAITALL"}, {0x200, "MSG_FIN"}, {0x400, "MSG_SYN"}, {0x800, "MSG_CONFIRM"},
    {0x1000, "MSG_RST"}, {0x2000, "MSG_ERRQUEUE"}, {0x4000, "MSG_NOSIGNAL"}, {0x8000, "MSG_MORE"},
    {0x10000, "MSG_WAITFORONE"}, {0x40000, "MSG_BATCH"}, {0x4000000, "MSG_ZEROCOPY"},
    {0x20000000, "MSG_FASTOPEN"}, {0x40000000, "MSG_CMSG_CLOEXEC"},
};

constexpr NamedValue kShutdownModes[] = {{0, "SHUT_RD"}, {1, "SHUT_WR"}, {2, "SHUT_RDWR"}};

constexpr NamedValue kScmTypes[] = {
    {1, "SCM_RIGHTS"}, {2, "SCM_CREDENTIALS"}, {3, "SCM_SECURITY"}, {4, "SCM_PIDFD"},
    {29, "SO_TIMESTAMP_OLD"}, {35, "SO_TIMESTAMPNS_OLD"}, {37, "SO_TIMESTAMPING_OLD"},
};

}  // namespace

ConstantTable address_families() { return kAddressFamilies; }
ConstantTable socket_types() { return kSocketTypes; }
ConstantTable socket_type_flags() { return kSocketTypeFlags; }
ConstantTable ip_protocols() { return kIpProtocols; }
ConstantTable netlink_protocols() { return kNetlinkProtocols; }
ConstantTable ethernet_protocols() { return kEthernetProtocols; }
ConstantTable arp_hardware() { return kArpHardware; }
ConstantTable packet_types() { return kPacketTypes; }
ConstantTable message_flags() { return kMessageFlags; }
ConstantTable shutdown_modes() { return kShutdownModes; }
ConstantTable scm_types() { return kScmTypes; }

}  // namespace netlens::trace::constants

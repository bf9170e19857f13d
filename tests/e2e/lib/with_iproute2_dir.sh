#!/usr/bin/env bash
# with_iproute2_dir.sh DIR CMD...: runs CMD in a private mount namespace where DIR is
# bind-mounted over /etc/iproute2, so ip(8) and netlens read name databases of the
# test's own while the host's files stay untouched and no other process sees DIR.
# `with_iproute2_dir.sh DIR true` fails when private mount namespaces are not allowed.
exec unshare -m --propagation private bash -c 'mount --bind "$1" /etc/iproute2 && shift && exec "$@"' _ "$@"

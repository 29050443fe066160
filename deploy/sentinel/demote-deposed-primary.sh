#!/bin/sh
# Sentinel's client-reconfig-script: makes the deposed primary a replica of the promoted one as soon
# as the failover starts. Sentinel itself does this only after the deposed primary has reported
# itself primary for 8 s (SENTINEL_PUBLISH_PERIOD * 4) and at its next INFO of it (every 10 s);
# until then the promoted primary has no replica, so with Alerts:Redis:WaitReplicas=1 no write can
# be confirmed and every post is refused for about ten seconds.
#
# Sentinel runs it as: <service> <role> <state> <from-ip> <from-port> <to-ip> <to-port>
# Writes the deposed primary took after the promotion were never confirmed by WAIT; the resync drops them.
# REDISCLI_AUTH, if set in Sentinel's environment, is the data servers' password.
state="$3"
from_ip="$4"
from_port="$5"
to_ip="$6"
to_port="$7"

case "$state" in
  start|end) ;;
  *) exit 0 ;;
esac

# A crashed primary does not answer: its supervisor starts it as a replica of the current primary.
redis-cli -h "$from_ip" -p "$from_port" REPLICAOF "$to_ip" "$to_port" >/dev/null 2>&1
exit 0

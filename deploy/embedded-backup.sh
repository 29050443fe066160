#!/usr/bin/env bash
# A consistent copy of a running node's embedded store, and its restore on another machine.
#
#   deploy/embedded-backup.sh backup  DATA_DIR BACKUP_DIR   # while the node runs
#   deploy/embedded-backup.sh restore BACKUP_DIR DATA_DIR   # into an empty or new directory, node stopped
#
# The store is the last checkpoint (Store/) plus the append-only file written since (AOF/). Garnet
# deletes AOF segments only when a checkpoint completes, and appends otherwise; so a copy of the
# checkpoints, then of the AOF's commit record, then of its segments, is a state the store really
# passed through (every write acknowledged before the copy began, some after) as long as no checkpoint
# finished meanwhile. The checkpoints are fingerprinted before and after; a copy that raced one is
# thrown away and taken again. Restoring an older backup rewinds the log: the node starts every
# edition on a new epoch, so tickers that saw later alerts are reset (docs/operations.md).
set -euo pipefail
umask 077

attempts="${ALERTS_BACKUP_ATTEMPTS:-20}"

usage() {
  echo "usage: $0 backup DATA_DIR BACKUP_DIR | restore BACKUP_DIR DATA_DIR" >&2
  exit 2
}

# Every checkpoint file with its size and modification time: equal before and after the copy means
# no checkpoint was written or removed, so no AOF segment was dropped either.
fingerprint() {
  (cd "$1" && find Store -type f -printf '%p %s %T@\n' 2>/dev/null | sort)
}

# Copies the files named into a directory; one Garnet removes meanwhile (an older commit record) is skipped.
copy_present() {
  local to="$1" file
  shift
  mkdir -p "$to"
  for file in "$@"; do
    [ -e "$file" ] || continue
    cp -a "$file" "$to/" 2>/dev/null || [ ! -e "$file" ] || { echo "cannot copy $file" >&2; return 1; }
  done
}

backup() {
  local data="$1" dest="$2" attempt before partial
  [ -d "$data/Store" ] && [ -d "$data/AOF" ] || { echo "$data holds no embedded store (Store/ and AOF/)" >&2; exit 1; }
  [ ! -e "$dest" ] || { echo "$dest exists: name a new directory" >&2; exit 1; }
  partial="$dest.partial"
  for attempt in $(seq 1 "$attempts"); do
    rm -rf "$partial"
    mkdir -p "$partial/AOF"
    before=$(fingerprint "$data")
    # Files beside the store (run.sh's dev key) first; then checkpoints, commit record, segments.
    find "$data" -maxdepth 1 -type f -exec cp -a {} "$partial/" \;
    cp -a "$data/Store" "$partial/" 2>/dev/null || { sleep 0.2; continue; }
    copy_present "$partial/AOF/log-commits" "$data"/AOF/log-commits/* || { sleep 0.2; continue; }
    copy_present "$partial/AOF" "$data"/AOF/aof.log.* || { sleep 0.2; continue; }
    if [ "$before" = "$(fingerprint "$data")" ] && [ -n "$(ls -A "$partial/AOF/log-commits")" ]; then
      mv "$partial" "$dest"
      echo "backup of $data in $dest (attempt $attempt)"
      return 0
    fi
    sleep 0.2
  done
  rm -rf "$partial"
  echo "every attempt raced a checkpoint; try again, or raise Alerts:Embedded:CheckpointInterval" >&2
  exit 1
}

restore() {
  local source="$1" data="$2"
  [ -d "$source/Store" ] && [ -d "$source/AOF" ] || { echo "$source is not a backup (Store/ and AOF/)" >&2; exit 1; }
  if [ -e "$data" ] && [ -n "$(ls -A "$data")" ]; then
    echo "$data is not empty: restore into a new directory, then point Alerts:DataDir at it" >&2
    exit 1
  fi
  mkdir -p "$data"
  chmod 700 "$data"
  cp -a "$source/." "$data/"
  echo "restored $source into $data; start the node with Alerts:DataDir=$data"
}

[ $# -eq 3 ] || usage
case "$1" in
  backup) backup "$2" "$3" ;;
  restore) restore "$2" "$3" ;;
  *) usage ;;
esac

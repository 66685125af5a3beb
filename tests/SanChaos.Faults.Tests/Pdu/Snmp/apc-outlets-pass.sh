#!/bin/sh
# net-snmp `pass` handler standing in for an APC switched PDU's outlet-control columns (PowerNet-MIB), for tests.
# snmpd runs it as  -g OID  |  -n OID  |  -s OID TYPE VALUE   (snmpd.conf(5), "pass"), one process per request.
# Columns: sPDUOutletCtl                      .1.3.6.1.4.1.318.1.1.4.4.2.1.3.<outlet>
#          rPDU2OutletSwitchedControlCommand  .1.3.6.1.4.1.318.1.1.26.9.2.4.1.5.<outlet>
# Both read 1 (on) or 2 (off) and take 1 = on, 2 = off, 3 = reboot (ends on). Outlets 1..OUTLETS exist.
# Each outlet's state lives in the file outlet.<n> beside this script (absent = on), so a SET is read back by a GET.
# Errors are the words snmpd turns into SNMP errors: not-writable, wrong-type, wrong-value.
dir=${0%/*}
OUTLETS=8
S=.1.3.6.1.4.1.318.1.1.4.4.2.1.3
R=.1.3.6.1.4.1.318.1.1.26.9.2.4.1.5
op=$1
oid=$2
case "$oid" in
  "$S" | "$S".*) col=$S ;;
  "$R" | "$R".*) col=$R ;;
  *) [ "$op" = -s ] && echo not-writable; exit 0 ;;
esac
rest=${oid#"$col"}
rest=${rest#.}
idx=${rest%%.*}

printf '%s\n' "$*" >> "$dir/calls.log"

is_outlet() {
  case "$1" in '' | *[!0-9]*) return 1 ;; esac
  [ ${#1} -le 9 ] && [ "$1" -ge 1 ] && [ "$1" -le "$OUTLETS" ]
}
state() {
  s=1
  [ -f "$dir/outlet.$1" ] && read -r s < "$dir/outlet.$1"
  echo "$s"
}

case "$op" in
  -g)
    [ "$rest" = "$idx" ] && is_outlet "$idx" || exit 0
    printf '%s\n%s\n%s\n' "$col.$idx" integer "$(state "$idx")"
    ;;
  -n)
    case "$idx" in
      '') next=1 ;;
      *[!0-9]*) exit 0 ;;
      *) [ ${#idx} -le 9 ] || exit 0; next=$((idx + 1)) ;;
    esac
    [ "$next" -le "$OUTLETS" ] || exit 0
    printf '%s\n%s\n%s\n' "$col.$next" integer "$(state "$next")"
    ;;
  -s)
    if ! { [ "$rest" = "$idx" ] && is_outlet "$idx"; }; then echo not-writable; exit 0; fi
    [ "$3" = integer ] || { echo wrong-type; exit 0; }
    case "$4" in
      1 | 3) new=1 ;;
      2) new=2 ;;
      *) echo wrong-value; exit 0 ;;
    esac
    printf '%s\n' "$new" > "$dir/outlet.$idx.tmp" && mv "$dir/outlet.$idx.tmp" "$dir/outlet.$idx"
    ;;
esac
exit 0

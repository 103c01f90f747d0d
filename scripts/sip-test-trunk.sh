#!/usr/bin/env bash
# Writes the Kamailio configuration of the SIP trunk that the phone-call tests and benchmarks start
# (never used in production: there the organisation's own trunk or PBX answers):
#   scripts/sip-test-trunk.sh FILE PORT DOMAIN ACCOUNT SECRET NUMBER=PHONE_PORT...
# Listens on 127.0.0.1:PORT (inside the caller's network namespace); every new INVITE must carry the
# account's digest credentials (407 first, as real trunks do), then goes to the phone of the number
# dialled (a SIPp on 127.0.0.1:PHONE_PORT), or gets 404. The secret comes from the caller.
set -euo pipefail
file=$1 port=$2 domain=$3 account=$4 secret=$5
shift 5
routes=""
for pair in "$@"; do
  routes+="  if (\$rU == \"${pair%%=*}\") { \$du = \"sip:127.0.0.1:${pair##*=}\"; record_route(); t_relay(); exit; }"$'\n'
done
modules=$(dirname "$(ls /usr/lib/*/kamailio/modules/tm.so | head -1)")
cat > "$file" <<CFG
#!KAMAILIO
debug=2
log_stderror=yes
children=2
listen=udp:127.0.0.1:$port
alias="$domain"
mpath="$modules/"
loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "auth.so"
modparam("auth", "secret", "$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')")
request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (has_totag()) {
    if (loose_route()) { t_relay(); exit; }
    if (is_method("ACK")) { if (t_check_trans()) { t_relay(); } exit; }
    sl_send_reply("404", "Not here"); exit;
  }
  if (is_method("CANCEL")) { if (t_check_trans()) { t_relay(); } exit; }
  if (is_method("ACK")) { exit; }
  if (!is_method("INVITE")) { sl_send_reply("405", "Method Not Allowed"); exit; }
  if (!pv_proxy_authenticate("$domain", "$secret", "0")) { proxy_challenge("$domain", "0"); exit; }
  if (\$au != "$account") { sl_send_reply("403", "Forbidden"); exit; }
  consume_credentials();
  xlog("L_INFO", "trunk: INVITE for \$rU from \$fU\n");
$routes  sl_send_reply("404", "Not Found");
}
CFG

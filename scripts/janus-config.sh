#!/usr/bin/env bash
# Writes a Janus configuration folder for GesprekTool's coaching sessions and phone calls:
#   scripts/janus-config.sh FOLDER API_PORT ADMIN_PORT ADMIN_SECRET [ICE_INTERFACE] [SIP_IP]
# Only the VideoRoom and SIP plugins and the HTTP transport are loaded (SIP_IP: the address Janus
# speaks SIP and RTP from towards the organisation's trunk, default 127.0.0.1); both APIs listen on 127.0.0.1 (the
# app forwards the browser's requests); token_auth is on, so only participants the app gave a token
# get in. The admin secret comes from the caller (configuration), never from this repository.
# Start Janus with: janus -F FOLDER -C FOLDER/janus.jcfg
set -euo pipefail
folder=$1 api_port=$2 admin_port=$3 admin_secret=$4 ice_interface=${5:-} sip_ip=${6:-127.0.0.1}
lib=$(dirname "$(ls /usr/lib/*/janus/plugins/libjanus_videoroom.so 2>/dev/null | head -1)")/..
mkdir -p "$folder"
cat > "$folder/janus.jcfg" <<JCFG
general: {
  configs_folder = "$folder"
  plugins_folder = "$lib/plugins"
  transports_folder = "$lib/transports"
  events_folder = "$lib/events"
  loggers_folder = "$lib/loggers"
  debug_level = 4
  admin_secret = "$admin_secret"
  token_auth = true
  session_timeout = 60
}
media: {
  rtp_port_range = "20000-40000"
}
nat: {
  nice_debug = false
  $( [ -n "$ice_interface" ] && echo "ice_enforce_list = \"$ice_interface\"" )
}
plugins: {
  disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so"
}
transports: {
  disable = "libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so,libjanus_websockets.so"
}
events: {
  broadcast = false
}
loggers: {
  disable = "libjanus_jsonlog.so"
}
JCFG
cat > "$folder/janus.transport.http.jcfg" <<JCFG
general: {
  json = "compact"
  base_path = "/janus"
  http = true
  port = $api_port
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_base_path = "/admin"
  admin_http = true
  admin_port = $admin_port
  admin_ip = "127.0.0.1"
  admin_https = false
}
cors: {
}
JCFG
cat > "$folder/janus.plugin.videoroom.jcfg" <<JCFG
general: {
  # Rooms are created by the app per session (record=false, lock_record=true) and destroyed after.
  # Only a request with the admin key (the app's) may create a room, list private rooms or forward RTP.
  admin_key = "$admin_secret"
  lock_rtp_forward = true
}
JCFG
cat > "$folder/janus.plugin.sip.jcfg" <<JCFG
general: {
  # Phone calls (issue 22): the browser's audio goes to the trunk as RTP from this address. The app
  # puts the organisation's account into every request (guest mode, digest auth per call), and its
  # proxy refuses recording, transfers and incoming calls.
  local_ip = "$sip_ip"
  rtp_port_range = "40001-50000"
  behind_nat = false
  user_agent = "GesprekTool"
  keepalive_interval = 60
  register_ttl = 3600
  events = false
}
JCFG

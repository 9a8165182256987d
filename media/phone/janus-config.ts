// The configuration of the Janus instance the media role runs for itself: only the SIP plugin and
// the WebSocket transport, listening on loopback, ICE on the one interface that carries media.
export interface JanusSettings {
  /** WebSocket port of Janus's API (loopback only). */
  wsPort: number;
  /** Interfaces Janus may gather ICE candidates on (comma-separated names or addresses). */
  iceInterface: string;
  /** Address the SIP plugin binds to and puts in its SIP and SDP (the trunk must reach it). */
  sipIp: string;
  /** UDP ports for the SIP side's RTP. */
  rtpPorts: { min: number; max: number };
  /** Janus's own ICE ports towards the media engine. */
  icePorts: { min: number; max: number };
  pluginsFolder: string;
  transportsFolder: string;
  /** 0–7; 4 is Janus's default. */
  debugLevel: number;
  eventsFolder: string;
  /** Where Janus's sample event handler posts the SIP plugin's events (each SIP message received,
   * so that we learn where an INVITE came from); unset: no event handler. */
  eventsUrl?: string;
}

const quote = (v: string) => JSON.stringify(v);

/** File name → contents for a config folder `janus -C <folder>/janus.jcfg -F <folder>` reads. */
export function janusConfigFiles(s: JanusSettings, folder: string): Record<string, string> {
  return {
    "janus.jcfg": `general: {
  configs_folder = ${quote(folder)}
  plugins_folder = ${quote(s.pluginsFolder)}
  transports_folder = ${quote(s.transportsFolder)}
  events_folder = ${quote(s.eventsFolder)}
  debug_level = ${s.debugLevel}
  log_to_stdout = true
  server_name = "Centrala"
  session_timeout = 60
}
certificates: {
}
media: {
  rtp_port_range = "${s.icePorts.min}-${s.icePorts.max}"
}
nat: {
  ice_enforce_list = ${quote(s.iceInterface)}
  ignore_mdns = true
  ice_keepalive_conncheck = true
}
plugins: {
  disable = "libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_videoroom.so,libjanus_voicemail.so"
}
transports: {
  disable = "libjanus_http.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so"
}
loggers: {
  disable = "libjanus_jsonlog.so"
}
events: {
  broadcast = ${s.eventsUrl ? "true" : "false"}
  disable = "libjanus_gelfevh.so,libjanus_mqttevh.so,libjanus_nanomsgevh.so,libjanus_rabbitmqevh.so,libjanus_wsevh.so${s.eventsUrl ? "" : ",libjanus_sampleevh.so"}"
  stats_period = 0
}
`,
    ...(s.eventsUrl
      ? {
          "janus.eventhandler.sampleevh.jcfg": `general: {
  enabled = true
  events = "plugins"
  grouping = true
  json = "compact"
  backend = ${quote(s.eventsUrl)}
  max_retransmissions = 3
  retransmissions_backoff = 50
}
`,
        }
      : {}),
    "janus.transport.websockets.jcfg": `general: {
  json = "compact"
  ws = true
  ws_port = ${s.wsPort}
  ws_ip = "127.0.0.1"
  wss = false
}
admin: {
  admin_ws = false
  admin_wss = false
}
`,
    "janus.plugin.sip.jcfg": `general: {
  local_ip = ${quote(s.sipIp)}
  sdp_ip = ${quote(s.sipIp)}
  keepalive_interval = 0
  behind_nat = false
  user_agent = "Centrala"
  register_ttl = 300
  rtp_port_range = "${s.rtpPorts.min}-${s.rtpPorts.max}"
  events = ${s.eventsUrl ? "true" : "false"}
}
`,
  };
}

"use strict";
// janode imports this for its Unix-socket transport; Centrala reaches Janus over WebSocket only.
module.exports = {
  createSocket() {
    throw new Error("Unix datagram sockets are not available in Centrala's build: connect to Janus over WebSocket (ws://)");
  },
};

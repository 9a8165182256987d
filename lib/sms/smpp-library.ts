// The `smpp` package, loaded once with what Centrala needs of it: each short_message keeps its raw
// bytes (`raw`) beside the library's decoded text, because long messages are joined by their bytes
// (a cut inside an escape or surrogate pair survives only that way). Both the client and the test
// SMSC take the library from here.
import { createRequire } from "node:module";

// It fills module.exports in a loop: an ES import would miss its constants.
export const smpp = createRequire(import.meta.url)("smpp") as typeof import("smpp");

// The library decodes each part's text and drops the bytes; keep them (`raw`) for joining parts.
const RAW = Symbol.for("centrala.smpp.raw");
const filters = smpp.filters as typeof smpp.filters & { [RAW]?: true };
if (!filters[RAW]) {
  const decode = filters.message.decode;
  filters.message.decode = function (value, skipUdh) {
    const decoded = decode.call(this, value, skipUdh);
    if (decoded && typeof decoded === "object" && Buffer.isBuffer(value)) (decoded as { raw?: Buffer }).raw = value;
    return decoded;
  };
  filters[RAW] = true;
}
